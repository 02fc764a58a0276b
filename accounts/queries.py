"""Reads about contributors: the initiatives someone created or edited, with their status, and
where the public site's ways into the editor lead them."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.db.models import Max, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.models import Revision, WorkflowState
from wagtail.models.content_types import get_default_page_content_type

from initiatieven.models import InitiativeIndexPage, InitiativePage

STATUS_LABELS = {
    "draft": _("draft"),
    "in_review": _("in review"),
    "needs_changes": _("changes requested"),
    "published": _("published"),
}


@dataclass(frozen=True)
class Contribution:
    """An initiative a contributor created or edited, as their profile page lists it."""

    page: InitiativePage
    status: str
    last_edited_at: datetime.datetime | None
    has_unpublished_changes: bool
    edit_url: str
    live_url: str | None
    # Wagtail's delete view, for a draft the contributor may remove (one they created and that
    # was never published: an abandoned attempt); None otherwise.
    delete_url: str | None = None

    @property
    def status_label(self) -> str:
        return str(STATUS_LABELS[self.status])


def contributions(user, *, request=None) -> list[Contribution]:
    """Initiatives `user` created or saved a revision of, most recently edited first.

    Four queries whatever the number of initiatives: the user's revisions, the pages, their
    active workflows, and the site root paths for the page URLs (cached per request).
    """
    edited = dict(
        Revision.objects.filter(user=user, base_content_type=get_default_page_content_type())
        .values("object_id")
        .annotate(last=Max("created_at"))
        .values_list("object_id", "last")
    )
    page_ids = [
        int(object_id) for object_id in edited if object_id.isascii() and object_id.isdigit()
    ]
    pages = list(
        InitiativePage.objects.filter(Q(pk__in=page_ids) | Q(owner=user))
        .defer_streamfields()
        .order_by("-latest_revision_created_at", "title")
    )
    workflow_status = dict(
        WorkflowState.objects.active()
        .filter(
            base_content_type=get_default_page_content_type(),
            object_id__in=[str(page.pk) for page in pages],
        )
        .values_list("object_id", "status")
    )
    delete_urls = _delete_urls(pages, user)
    result = []
    for page in pages:
        state = workflow_status.get(str(page.pk))
        if state == WorkflowState.STATUS_IN_PROGRESS:
            status = "in_review"
        elif state == WorkflowState.STATUS_NEEDS_CHANGES:
            status = "needs_changes"
        elif page.live:
            status = "published"
        else:
            status = "draft"
        result.append(
            Contribution(
                page=page,
                status=status,
                last_edited_at=edited.get(str(page.pk)),
                has_unpublished_changes=page.live and page.has_unpublished_changes,
                edit_url=reverse("wagtailadmin_pages:edit", args=(page.pk,)),
                live_url=page.get_url(request) if page.live else None,
                delete_url=delete_urls.get(page.pk),
            )
        )
    return result


def _delete_urls(pages: list[InitiativePage], user) -> dict[int, str]:
    """Wagtail's delete view for each of `pages` that is the user's own never-published draft,
    if the user may delete such drafts (Wagtail's rules, initiatieven.permissions).

    Initiatives have no subpages, so the answer is the same for every such draft: it is asked
    once, keeping the profile's queries constant."""
    drafts = [
        page for page in pages if page.owner_id == user.pk and page.first_published_at is None
    ]
    if not drafts or not drafts[0].permissions_for_user(user).can_delete():
        return {}
    next_url = reverse("accounts_profile")
    return {
        page.pk: f"{reverse('wagtailadmin_pages:delete', args=(page.pk,))}?next={next_url}"
        for page in drafts
    }


@dataclass(frozen=True)
class EditorAccess:
    """Where the public "Add an initiative" and "Edit this initiative" links lead a user: the
    editor's form when they may use it, otherwise the reason they may not."""

    url: str | None
    reason: str = ""  # "unconfirmed" or "no_role" when url is None


def add_initiative_access(user) -> EditorAccess:
    """The editor's form for a new initiative under the index, if `user` may create one."""
    index = InitiativeIndexPage.objects.live().first()
    if index is None:
        return EditorAccess(url=None, reason="no_index")
    if _may_use_editor(user) and index.permissions_for_user(user).can_add_subpage():
        return EditorAccess(
            url=reverse("wagtailadmin_pages:add", args=("initiatieven", "initiativepage", index.pk))
        )
    return EditorAccess(url=None, reason=_missing_access(user))


def edit_initiative_access(user, page: InitiativePage) -> EditorAccess:
    """The editor's form for `page`, if `user` may edit it."""
    if _may_use_editor(user) and page.permissions_for_user(user).can_edit():
        return EditorAccess(url=reverse("wagtailadmin_pages:edit", args=(page.pk,)))
    return EditorAccess(url=None, reason=_missing_access(user))


def _may_use_editor(user) -> bool:
    return user.is_active and user.has_perm("wagtailadmin.access_admin")


def _missing_access(user) -> str:
    if not EmailAddress.objects.filter(user=user, verified=True).exists():
        return "unconfirmed"
    return "no_role"
