"""Page permissions beyond Wagtail's defaults, for wiki-style editing under moderation.

Bijdragers hold `add` and `change` on the initiatives index. Wagtail alone would then also let
them edit the index page itself, delete anyone's unpublished initiative and move drafts. Here
those actions need `publish` (a Redacteur) or a superuser: a contributor creates and edits
initiatives, and deletes only their own drafts that were never published.

Images: an uploader may change their own image only until a live page shows it. A contact
e-mail address that is not marked public is seen only by Redacteuren, administrators and the
initiative's own contributors.
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, IntegerField, Q
from django.db.models.functions import Cast
from wagtail.images import get_image_model
from wagtail.models import Page, PageLogEntry, PagePermissionTester, ReferenceIndex
from wagtail.permission_policies.collections import CollectionOwnershipPermissionPolicy

from initiatieven.roles import is_moderator


class _ModeratedTester(PagePermissionTester):
    def _is_moderator(self) -> bool:
        return self.user.is_active and (self.user.is_superuser or "publish" in self.permissions)


class InitiativeIndexPermissionTester(_ModeratedTester):
    """The index itself: contributors add initiatives under it but do not change it."""

    def can_edit(self) -> bool:
        return self._is_moderator() and super().can_edit()

    def can_delete(self, ignore_bulk: bool = False) -> bool:
        return self._is_moderator() and super().can_delete(ignore_bulk=ignore_bulk)


class InitiativePermissionTester(_ModeratedTester):
    """An initiative: contributors edit any, delete only their own never-published drafts and
    move none."""

    def can_delete(self, ignore_bulk: bool = False) -> bool:
        if not super().can_delete(ignore_bulk=ignore_bulk):
            return False
        if self._is_moderator():
            return True
        return (
            self.page.owner_id == self.user.pk
            and not self.page.live
            and self.page.first_published_at is None
        )

    def can_move(self) -> bool:
        return self._is_moderator() and super().can_move()


class ReviewedImagePolicy(CollectionOwnershipPermissionPolicy):
    """Wagtail's image policy, except that an uploader with only "add" (a Bijdrager) may no
    longer change or delete their own image once a live page shows it: a new file would be
    public at once, past the Redactie. Redacteuren (with "change") and superusers still may.
    Usage comes from Wagtail's reference index, which holds each page's stored (live) content."""

    _EDITING = frozenset({"change", "delete"})

    def user_has_any_permission_for_instance(self, user, actions, instance):
        actions = set(actions)
        others = actions - self._EDITING
        if others and super().user_has_any_permission_for_instance(user, others, instance):
            return True
        editing = actions & self._EDITING
        if not editing:
            return False
        if self._check_perm(user, {"change"}, collection=instance.collection):
            return True
        return (
            super().user_has_any_permission_for_instance(user, editing, instance)
            and not images_on_live_pages().filter(image_id=instance.pk).exists()
        )

    def instances_user_has_any_permission_for(self, user, actions):
        instances = super().instances_user_has_any_permission_for(user, actions)
        if not (set(actions) & self._EDITING) or "choose" in actions or user.is_superuser:
            return instances
        changeable = self._collections_with_perm(user, ["change"])
        return instances.filter(Q(collection__in=changeable) | ~Q(pk__in=images_on_live_pages()))


def images_on_live_pages():
    """The ids of images a live page uses (as a subquery)."""
    image_model = get_image_model()
    live_page_ids = Page.objects.live().annotate(pk_text=Cast("pk", CharField())).values("pk_text")
    return (
        ReferenceIndex.objects.filter(
            to_content_type=ContentType.objects.get_for_model(image_model),
            base_content_type=ContentType.objects.get_for_model(Page),
            object_id__in=live_page_ids,
        )
        .annotate(image_id=Cast("to_object_id", IntegerField()))
        .values("image_id")
    )


def may_see_private_contact(*, user, page: Page) -> bool:
    """Whether `user` may see the contact e-mail address of `page` when it is not marked
    public: a Redacteur or administrator, or one of the initiative's own contributors: its
    owner (who created it) or the author of a published revision of it, as the public page
    names them. A draft or an autosave does not count, or opening the form and typing a letter
    would be enough. Anyone may see it on a page that does not exist yet."""
    if user is None or not user.is_authenticated:
        return False
    if is_moderator(user) or page.pk is None or page.owner_id == user.pk:
        return True
    return PageLogEntry.objects.filter(
        page_id=page.pk,
        action="wagtail.publish",
        revision__object_id=str(page.pk),
        revision__user=user,
    ).exists()
