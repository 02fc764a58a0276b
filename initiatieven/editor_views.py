"""Wagtail's page editor with Kennisbank's rules for saving (see services.edit_conflicts).

Registered per page type as page viewsets (wagtail_hooks), so the editor's own URLs and
templates stay as they are.
"""

from __future__ import annotations

import json

from django.http import JsonResponse
from django.utils.translation import gettext as _
from wagtail.admin.views.pages.create import CreateView
from wagtail.admin.views.pages.edit import EditView
from wagtail.admin.views.pages.revisions import RevisionsRevertView
from wagtail.admin.viewsets.pages import PageViewSet

from initiatieven.services import edit_conflicts


class ConflictSafeSaveMixin:
    """Check for an edit conflict and save in one transaction that holds the page's lock, and
    remember which revision this form's autosaves write."""

    def dispatch(self, request, page_id, **kwargs):
        if request.method != "POST":
            return super().dispatch(request, page_id, **kwargs)
        with edit_conflicts.locked_page(page_id):
            response = super().dispatch(request, page_id, **kwargs)
            if not self.expects_json_response and response.status_code == 302:
                edit_conflicts.forget_form(page=self.page, data=request.POST)
            return response

    def save_action(self):
        response = super().save_action()
        if self.expects_json_response and _succeeded(response):
            edit_conflicts.record_autosave(
                page=self.page,
                data=self.request.POST,
                user=self.request.user,
                revision=self.page.latest_revision,
            )
        return response


class ConflictSafeEditView(ConflictSafeSaveMixin, EditView):
    pass


class ConflictSafeRevertView(ConflictSafeSaveMixin, RevisionsRevertView):
    """Saving an earlier version from the history: the same rules as any other save."""


class CreateWithoutAutosaveView(CreateView):
    """A new page exists only once its author saves it: Wagtail's autosave would otherwise make
    one in the background, whose slug then blocks the author's next attempt."""

    def post(self, request, *args, **kwargs):
        if self.expects_json_response:
            return self.json_error_response(
                "blocked_by_hook", _("A new initiative is saved only when you save it.")
            )
        return super().post(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["autosave_enabled"] = False
        context["autosave_indicator"] = None
        return context


def _succeeded(response) -> bool:
    return isinstance(response, JsonResponse) and json.loads(response.content).get("success")


class KennisbankPageViewSet(PageViewSet):
    edit_view_class = ConflictSafeEditView
    revisions_revert_view_class = ConflictSafeRevertView
    add_view_class = CreateWithoutAutosaveView


def page_viewsets() -> list[PageViewSet]:
    """One viewset for each of the project's page types."""
    from initiatieven.models import (
        CollectionIndexPage,
        CollectionPage,
        HomePage,
        InitiativeIndexPage,
        InitiativePage,
        StandardPage,
    )

    return [
        KennisbankPageViewSet(f"{model._meta.model_name}_pages", model=model)
        for model in (
            HomePage,
            InitiativeIndexPage,
            InitiativePage,
            CollectionIndexPage,
            CollectionPage,
            StandardPage,
        )
    ]
