from django.utils.translation import gettext_lazy as _
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from initiatieven.models import (
    EducationLevel,
    Organisation,
    Phase,
    Province,
    Sector,
    TargetGroup,
    Theme,
)


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
    icon = "group"
    menu_label = _("Organisations")
    add_to_admin_menu = True
    menu_order = 210
    list_display = ["name", "kind", "place"]
    list_filter = ["kind"]
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
