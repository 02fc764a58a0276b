"""Writes about contributors: signing up, becoming a Bijdrager, the profile, leaving."""

from __future__ import annotations

from allauth.account.models import EmailAddress
from django.contrib.auth.models import AbstractUser, Group
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.users.models import UserProfile

from accounts.models import ContributorProfile
from initiatieven.roles import CONTRIBUTOR_GROUP

FORMER_CONTRIBUTOR_PREFIX = "oud-bijdrager-"


class ContributorError(Exception):
    """A contributor action that cannot be done, with a message for the person asking."""


def split_name(name: str) -> tuple[str, str]:
    """Split a full name on its first space: "Jan van der Berg" -> ("Jan", "van der Berg")."""
    first, _space, last = " ".join(name.split()).partition(" ")
    return first, last


def full_name(user: AbstractUser) -> str:
    """The name as the contributor typed it at sign-up."""
    return " ".join(part for part in (user.first_name, user.last_name) if part)


def display_name(user: AbstractUser) -> str:
    """How allauth names the user in messages and e-mails (ACCOUNT_USER_DISPLAY)."""
    return full_name(user) or user.email or user.get_username()


@transaction.atomic
def record_signup(*, user: AbstractUser, organisation: str, privacy_accepted: bool) -> None:
    """Store what a new contributor told us besides name, e-mail and password.

    Sign-up requires accepting the privacy statement; the moment of acceptance is kept.
    """
    if not privacy_accepted:
        raise ContributorError(_("Accept the privacy statement to sign up."))
    ContributorProfile.objects.update_or_create(
        user=user,
        defaults={"organisation": organisation.strip(), "privacy_accepted_at": timezone.now()},
    )


def make_contributor(*, user: AbstractUser) -> None:
    """Make `user` a Bijdrager, once they confirmed an e-mail address: they may then use the
    editor to create and edit initiatives, which Redacteuren review."""
    if not EmailAddress.objects.filter(user=user, verified=True).exists():
        raise ContributorError(_("Confirm your e-mail address first."))
    user.groups.add(Group.objects.get(name=CONTRIBUTOR_GROUP))


@transaction.atomic
def mark_email_verified(*, user: AbstractUser) -> None:
    """Record the user's e-mail address as confirmed and primary, for accounts made by hand
    (the demo administrator), so that logging in does not first ask to confirm it."""
    email = user.email.strip().lower()
    if not email:
        raise ContributorError(_("This account has no e-mail address."))
    EmailAddress.objects.filter(user=user).exclude(email=email).update(primary=False)
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )


@transaction.atomic
def update_profile(*, user: AbstractUser, name: str, organisation: str) -> None:
    """Change the contributor's name (split like at sign-up) and organisation."""
    first_name, last_name = split_name(name)
    if not first_name:
        raise ContributorError(_("Enter your name."))
    user.first_name, user.last_name = first_name, last_name
    user.save(update_fields=["first_name", "last_name"])
    ContributorProfile.objects.update_or_create(
        user=user, defaults={"organisation": organisation.strip()}
    )


def is_former_contributor(user: AbstractUser) -> bool:
    """Whether `user` is an account its owner deleted (see `delete_account`)."""
    return not user.is_active and user.get_username().startswith(FORMER_CONTRIBUTOR_PREFIX)


@transaction.atomic
def delete_account(*, user: AbstractUser, password: str) -> None:
    """Delete a contributor's account at their own request.

    The user row stays, anonymised, so that pages and revisions keep an author: the username
    becomes `oud-bijdrager-<id>`, name and e-mail are emptied, the account can no longer log
    in and loses its groups; e-mail addresses, the contributor profile and the editor profile
    (avatar, preferences) are deleted. Published contributions stay published.
    """
    if not user.check_password(password):
        raise ContributorError(_("The password is not correct."))
    if user.is_superuser:
        raise ContributorError(
            _("An administrator account cannot be deleted here; ask another administrator.")
        )
    EmailAddress.objects.filter(user=user).delete()
    ContributorProfile.objects.filter(user=user).delete()
    profile = UserProfile.objects.filter(user=user).first()
    if profile is not None:
        if profile.avatar:
            profile.avatar.delete(save=False)
        profile.delete()
    user.groups.clear()
    user.user_permissions.clear()
    user.username = f"{FORMER_CONTRIBUTOR_PREFIX}{user.pk}"
    user.first_name = user.last_name = user.email = ""
    user.is_active = user.is_staff = False
    user.set_unusable_password()
    user.save()
