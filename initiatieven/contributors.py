"""How contributors are named in public: never by their e-mail address."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

# Deleting an account anonymises the user: username `oud-bijdrager-<pk>`, no names, inactive.
ANONYMISED_USERNAME_PREFIX = "oud-bijdrager-"


def contributor_name(user: AbstractBaseUser | None) -> str:
    """The public name of whoever made a revision.

    No user (import, demo content) is the editorial team; an anonymised account is a former
    contributor; otherwise the full name, else the username unless it looks like an e-mail address.
    """
    if user is None:
        return _("Kennisbank editors")
    username = user.get_username() or ""
    if not user.is_active and username.startswith(ANONYMISED_USERNAME_PREFIX):
        return _("former contributor")
    full_name = (user.get_full_name() if hasattr(user, "get_full_name") else "").strip()
    if full_name and "@" not in full_name:
        return full_name
    if username and "@" not in username:
        return username
    return _("contributor")


def contributor_list(names: list[str], *, limit: int = 10) -> str:
    """'A, B en C', or the first `limit` names and 'en N anderen'."""
    shown, others = names[:limit], len(names) - limit
    if others <= 0:
        return get_text_list(shown, _("and"))
    rest = ngettext("and %(count)s other", "and %(count)s others", others) % {"count": others}
    return f"{', '.join(shown)} {rest}"
