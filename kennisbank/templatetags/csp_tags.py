"""`{% csp_nonce %}`: the request's Content-Security-Policy nonce, also where a template has no
request in its context (form widgets). Only for scripts that our or Wagtail's code writes."""

from django import template

from kennisbank.security_headers import csp_nonce as current_nonce

register = template.Library()


@register.simple_tag(name="csp_nonce")
def csp_nonce() -> str:
    return current_nonce()
