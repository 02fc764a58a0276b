from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.images import get_image_model
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from initiatieven import (
    editor_views,
    page_contexts,  # noqa: F401 (registers what the pages show)
)
from initiatieven.admin import hooks as editor_form_hooks  # noqa: F401 (registers hooks)
from initiatieven.admin import tampering
from initiatieven.contributors import contributor_name
from initiatieven.history.comparison import compare
from initiatieven.models import (
    EducationLevel,
    InitiativePage,
    Organisation,
    Phase,
    Province,
    Sector,
    TargetGroup,
    Theme,
)
from initiatieven.permissions import ReviewedImagePolicy
from initiatieven.services import edit_conflicts

# Takes precedence over the policy wagtail.images registers in its ready(), which may run
# after this module: an exact-class policy wins over one registered for the class and subclasses.
register_permission_policy(
    get_image_model(),
    ReviewedImagePolicy(
        get_image_model(), auth_model="wagtailimages.Image", owner_field_name="uploaded_by_user"
    ),
    exact_class=True,
)


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
    icon = "group"
    menu_label = _("Organisations")
    add_to_admin_menu = True
    menu_order = 210
    list_display = ["name", "kind", "place"]
    list_filter = ["kind"]
    # Searched with the database (icontains), not the search backend: the backend only knows
    # the model's index fields (`place` is none, SearchFieldError) and SQLite's FTS5 fails on
    # a `"` (Wagtail issue 13227). The list is short enough for a plain filter.
    search_backend_name = None
    search_fields = ["name", "place"]


class ThemeViewSet(SnippetViewSet):
    model = Theme
    icon = "tag"
    list_display = ["label", "slug"]


class FixedVocabularyPolicy(ModelPermissionPolicy):
    """Nobody, not even a superuser, adds or deletes a fixed value: slugs are a contract."""

    def user_has_permission(self, user, action):
        if action in {"add", "delete"}:
            return False
        return super().user_has_permission(user, action)


class FixedVocabularyViewSet(SnippetViewSet):
    """Fixed lists: labels may be polished, but values are neither added nor removed here."""

    icon = "list-ul"
    list_display = ["label", "slug"]


def _fixed(vocabulary_model, icon: str = "list-ul"):
    register_permission_policy(vocabulary_model, FixedVocabularyPolicy(vocabulary_model))
    return type(
        f"{vocabulary_model.__name__}ViewSet",
        (FixedVocabularyViewSet,),
        {"model": vocabulary_model, "icon": icon},
    )


class VocabularyGroup(SnippetViewSetGroup):
    menu_label = _("Vocabularies")
    menu_icon = "list-ul"
    menu_order = 220
    items = (
        ThemeViewSet,
        _fixed(Province, "site"),
        _fixed(Sector),
        _fixed(EducationLevel),
        _fixed(TargetGroup),
        _fixed(Phase),
    )


register_snippet(OrganisationViewSet)
register_snippet(VocabularyGroup)


@hooks.register("register_admin_viewset")
def register_page_viewsets():
    return editor_views.page_viewsets()


@hooks.register("insert_editor_js")
def editor_js():
    return format_html('<script src="{}" defer></script>', static("js/editor.js"))


@hooks.register("before_edit_page")
@hooks.register("before_edit_snippet")
def refuse_damaged_revision_ids(request, instance):
    """Wagtail's edit views read the revision ids of the post as numbers and fail (a 500) on
    anything else; answer a tampered post with a 400 and a message instead."""
    if request.method != "POST" or not tampering.damaged_revision_fields(request.POST):
        return None
    message = str(tampering.DAMAGED_REVISION)
    if not request.accepts("text/html"):
        return JsonResponse(
            {"success": False, "error_code": "invalid_revision", "error_message": message},
            status=400,
        )
    context = {"message": message, "link": request.path, "link_label": _("Reload the form")}
    return TemplateResponse(request, "initiatieven/admin/bad_request.html", context, status=400)


@hooks.register("before_edit_page")
def refuse_outdated_save(request, page):
    """A manual save of a form loaded before someone else's newer revision is refused until
    the editor has seen that change and confirmed (see services.edit_conflicts)."""
    if request.method != "POST" or not request.accepts("text/html"):
        return None  # Wagtail itself refuses an outdated autosave (a JSON request)
    conflict = edit_conflicts.find_conflict(page=page, data=request.POST, user=request.user)
    if conflict is None:
        return None
    comparison = None
    if issubclass(conflict.page.specific_class, InitiativePage) and conflict.loaded is not None:
        comparison = compare(conflict.loaded.content, conflict.latest.content)
    return TemplateResponse(
        request,
        "initiatieven/admin/edit_conflict.html",
        {
            "page": conflict.page,
            "latest": conflict.latest,
            "latest_author": contributor_name(conflict.latest.user),
            "loaded": conflict.loaded,
            "comparison": comparison,
            "fields": edit_conflicts.resubmission_fields(request.POST),
            "confirm_field": edit_conflicts.CONFIRM_FIELD,
        },
        status=409,
    )
