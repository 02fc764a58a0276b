"""What django-axes needs to lock out a login by the client's address and the login typed
together (settings AXES_*): the same client address as allauth's rate limits and the open API
use, and the login as allauth reads it. Only glue; the counting is django-axes'."""

from __future__ import annotations

from allauth.core.internal.httpkit import get_client_ip
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    """The client's address: REMOTE_ADDR, or behind NUM_PROXIES trusted proxies the address
    the nearest of them saw (allauth's reading of X-Forwarded-For)."""
    return get_client_ip(request) or ""


def login_identifier(request: HttpRequest, credentials: dict | None) -> str:
    """Whose login is tried: the account's username when the e-mail address or username typed
    belongs to one (so that failures typed as `Piet@X.nl` and a later successful login, which
    django-axes records by username, count together), else what was typed, in lower case."""
    credentials = credentials or {}
    typed = (
        credentials.get("email")
        or credentials.get("username")
        or (request.POST.get("login", "") if request is not None else "")
    )
    typed = str(typed).replace("\x00", "").strip()[:254]
    if not typed:
        return ""
    account = (
        get_user_model()
        .objects.filter(Q(username__iexact=typed) | Q(emailaddress__email__iexact=typed))
        .values_list("username", flat=True)
        .first()
    )
    return account or typed.lower()
