"""Pages for tests/kennisbank/test_page_cache.py: each tells how often it was rendered, one
uses the CSP nonce and one a CSRF token; the site's own addresses follow."""

import itertools

from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.urls import include, path

_renders = itertools.count(1)


def nonce_page(request):
    return HttpResponse(
        f'<p>{next(_renders)}</p><script nonce="{request.csp_nonce}">let x = 1;</script>'
    )


def csrf_page(request):
    return HttpResponse(f'<p>{next(_renders)}</p><input value="{get_token(request)}">')


def counted_page(request):
    return HttpResponse(f"<p>{next(_renders)}</p>" + "x" * int(request.GET.get("bytes", "0")))


urlpatterns = [
    path("test-nonce/", nonce_page),
    path("test-csrf/", csrf_page),
    path("test-counted/", counted_page),
    path("", include("kennisbank.urls")),
]
