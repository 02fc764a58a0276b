"""The Content-Security-Policy (django-csp) as this site needs it, and the view that receives the
browsers' violation reports.

Wagtail's admin writes a few scripts inline (chooser widgets, date pickers, inline panels; see
templates/wagtailadmin/). Those come from Wagtail's own code, not from content, and carry the
request's nonce: `csp_nonce()` makes it known to code that has no request at hand (form
widgets render without one)."""

from __future__ import annotations

import base64
import hashlib
import json
import logging
from contextvars import ContextVar

from csp.middleware import CSPMiddleware, PolicyParts
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

logger = logging.getLogger("kennisbank.csp")

_current_request: ContextVar[HttpRequest | None] = ContextVar("csp_request", default=None)

# A report is a few hundred bytes; anything much larger is not a browser's report.
MAX_REPORT_BYTES = 16 * 1024
# Of each reported value, the log keeps this many characters.
MAX_LOGGED_CHARS = 300
NOOP_HANDLER_HASH = f"'sha256-{base64.b64encode(hashlib.sha256(b'return;').digest()).decode()}'"
REPORTED_FIELDS = (
    "document-uri",
    "violated-directive",
    "effective-directive",
    "blocked-uri",
    "source-file",
    "line-number",
    "column-number",
    "script-sample",
    "disposition",
)


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, plus: the editor's preview, which the editor frames, gets
    `frame-ancestors 'self'` instead of the default `'none'`; the editor may add inline style
    elements. It also makes the request's nonce known to `csp_nonce()`."""

    def process_request(self, request: HttpRequest) -> None:
        super().process_request(request)
        request._csp_context_token = _current_request.set(request)

    def process_response(
        self, request: HttpRequest, response: HttpResponseBase
    ) -> HttpResponseBase:
        try:
            return super().process_response(request, response)
        finally:
            token = getattr(request, "_csp_context_token", None)
            if token is not None:
                _current_request.reset(token)
                del request._csp_context_token

    def get_policy_parts(
        self, request: HttpRequest, response: HttpResponseBase, report_only: bool = False
    ) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        replace = dict(parts.replace or {})
        # Wagtail renders a preview through the middleware with a dummy request (is_dummy),
        # before its preview view allows same-origin framing (X-Frame-Options SAMEORIGIN).
        framed_by_editor = getattr(request, "is_dummy", False)
        if framed_by_editor or response.get("X-Frame-Options", "").upper() == "SAMEORIGIN":
            replace["frame-ancestors"] = ["'self'"]
        if request.path_info.startswith(reverse("wagtailadmin_home")):
            # The editor's scripts (Wagtail's bundled React widgets) add <style> elements
            # without a nonce, so the editor alone allows inline style elements. Inline style
            # attributes stay refused, and scripts keep the strict policy.
            replace["style-src-elem"] = ["'self'", "'unsafe-inline'"]
            # The focal point chooser (Wagtail's bundled Jcrop) tests for touch support by
            # setting the handler "return;" on a detached element: that no-op only.
            replace["script-src-attr"] = ["'unsafe-hashes'", NOOP_HANDLER_HASH]
        parts.replace = replace or None
        return parts


def csp_nonce() -> str:
    """The nonce of the request being handled (empty outside a request). Reading it adds it
    to that response's policy."""
    request = _current_request.get()
    # Not `if nonce`: django-csp's lazy nonce is falsy until first read.
    nonce = getattr(request, "csp_nonce", None) if request is not None else None
    return str(nonce) if nonce is not None else ""


@csrf_exempt
@require_POST
def csp_report(request: HttpRequest) -> HttpResponse:
    """Logs a browser's report of a Content-Security-Policy violation (a warning on the
    `kennisbank.csp` logger). Bounded: a body over MAX_REPORT_BYTES is refused unread."""
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    too_large = _("A report may be at most %(size)s bytes.") % {"size": MAX_REPORT_BYTES}
    if length > MAX_REPORT_BYTES:
        return _plain(too_large, status=413)
    body = request.read(MAX_REPORT_BYTES + 1)
    if len(body) > MAX_REPORT_BYTES:
        return _plain(too_large, status=413)
    try:
        report = json.loads(body).get("csp-report")
    except (ValueError, AttributeError):
        report = None
    if not isinstance(report, dict):
        return _plain(_("Not a Content-Security-Policy report."), status=400)
    summary = {
        field: str(report[field])[:MAX_LOGGED_CHARS] for field in REPORTED_FIELDS if field in report
    }
    logger.warning("CSP violation: %s", summary, extra={"csp_report": summary})
    return HttpResponse(status=204)


def _plain(message: str, *, status: int) -> HttpResponse:
    return HttpResponse(message, status=status, content_type="text/plain; charset=utf-8")
