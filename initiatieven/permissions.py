"""Page permissions beyond Wagtail's defaults, for wiki-style editing under moderation.

Bijdragers hold `add` and `change` on the initiatives index. Wagtail alone would then also let
them edit the index page itself, delete anyone's unpublished initiative and move drafts. Here
those actions need `publish` (a Redacteur) or a superuser: a contributor creates and edits
initiatives, and deletes only their own drafts that were never published.
"""

from __future__ import annotations

from wagtail.models import PagePermissionTester


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
