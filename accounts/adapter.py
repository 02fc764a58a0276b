"""allauth's adapter, with one change: the confirmation link in the e-mail remembers where the
person was headed when they signed up (the `next` of the sign-up form), so that confirming in
another browser still leads there, after logging in (see `views.ConfirmEmailView`)."""

from __future__ import annotations

from urllib.parse import urlencode

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.utils import get_next_redirect_url


class AccountAdapter(DefaultAccountAdapter):
    def get_email_confirmation_url(self, request, emailconfirmation) -> str:
        url = super().get_email_confirmation_url(request, emailconfirmation)
        next_url = get_next_redirect_url(request) if request is not None else None
        if next_url:
            url += ("&" if "?" in url else "?") + urlencode({"next": next_url})
        return url
