"""The 'new initiative' action at the top of the editor's dashboard."""

from __future__ import annotations

from django.urls import reverse
from wagtail.admin.ui.components import Component

from initiatieven.models import InitiativeIndexPage


class NewInitiativePanel(Component):
    name = "new_initiative"
    order = 10  # above Wagtail's own panels (100 and up)
    template_name = "initiatieven/admin/new_initiative_panel.html"

    def __init__(self, *, add_url: str) -> None:
        self.add_url = add_url

    def get_context_data(self, parent_context=None) -> dict:
        return {"add_url": self.add_url}


def add_new_initiative_panel(request, panels: list) -> None:
    """Put the action on the dashboard of everyone who may add initiatives to the index."""
    index = InitiativeIndexPage.objects.order_by("path").first()
    if index is None or not index.permissions_for_user(request.user).can_add_subpage():
        return
    add_url = reverse("wagtailadmin_pages:add", args=("initiatieven", "initiativepage", index.pk))
    panels.append(NewInitiativePanel(add_url=add_url))
