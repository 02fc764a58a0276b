"""Anonymous page views from the shared cache (settings.CACHES["pages"]).

Only a GET or HEAD without any cookie or Authorization header is answered from the cache (a
visitor with a cookie may be logged in, have a message waiting or hold a CSRF token), and only
a GET's 200 response is stored, if it sets no cookie, used no CSRF token, changed no session,
does not stream, is not marked private, no-store or no-cache and is at most PAGE_CACHE_MAX_BYTES.
The key is the full address (scheme, host, path and query string: every search, filter and
page of results its own entry) and the language; the request headers the response varies on
(other than Cookie, always absent) must match too.

Every entry carries the cache's *generation*, a random token that `invalidate()` replaces when
published content changes (kennisbank/apps.py wires the signals): an entry of an older
generation is never served. One cache read answers a hit: the generation and the entry
together.

The Content-Security-Policy middleware runs outside this one, so each served copy gets its own
header; a nonce stored in the body is replaced by the request's own.
"""

from __future__ import annotations

import hashlib
import logging
import threading
import uuid
from collections.abc import Callable

from django.conf import settings
from django.core.cache import BaseCache, caches
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.utils.cache import cc_delim_re, get_conditional_response, get_max_age
from django.utils.translation import get_language
from wagtail.models import Page

from search import engines

logger = logging.getLogger(__name__)

CACHE_ALIAS = "pages"
# Named to sort after every page's key ("page:..."), in byte order and in a locale's: the
# database cache culls the keys that sort first, and losing this one makes every page stale.
GENERATION_KEY = "zz-page-cache-generation"
# Longer addresses are no page a visitor follows; they are answered afresh, never stored.
MAX_URL_LENGTH = 2048
# Never from the cache, whatever the request: the editor, accounts, downloads and files, and the
# API, whose every answer counts towards its client's rate limit (kennisbank/throttling.py).
EXCLUDED_PREFIXES = (
    "/beheer/",
    "/account/",
    "/documenten/",
    "/media/",
    "/static/",
    "/_util/",
    "/api/",
)
_NO_STORE_DIRECTIVES = {"private", "no-store", "no-cache"}

_bulk = threading.local()  # during a bulk change: invalidate once, when it ends


def page_cache() -> BaseCache:
    return caches[CACHE_ALIAS]


def _new_generation() -> None:
    try:
        page_cache().set(GENERATION_KEY, uuid.uuid4().hex, timeout=None)
    except Exception:
        # Publishing must not fail for the cache; pages stored before may show for up to
        # PAGE_CACHE_SECONDS once it is back.
        logger.exception("Page cache unavailable: stored pages could not be marked stale")


def invalidate() -> None:
    """Makes every stored page stale, now and again when the current transaction commits: a
    request that read the old content before the commit cannot store it as new."""
    if getattr(_bulk, "active", False):
        _bulk.changed = True
        return
    _new_generation()
    transaction.on_commit(_new_generation)


def bulk_change_started(**kwargs) -> None:
    _bulk.active, _bulk.changed = True, False


def bulk_change_finished(**kwargs) -> None:
    _bulk.active = False
    if getattr(_bulk, "changed", False):
        _bulk.changed = False
        invalidate()


def _current_generation(found: dict) -> str:
    generation = found.get(GENERATION_KEY)
    if generation is None:
        # A random token, not a counter: after a flush or cull no entry passes for new.
        generation = uuid.uuid4().hex
        if not page_cache().add(GENERATION_KEY, generation, timeout=None):
            generation = page_cache().get(GENERATION_KEY, generation)
    return generation


def _cache_key(request: HttpRequest) -> str:
    address = hashlib.sha256(request.build_absolute_uri().encode()).hexdigest()
    return f"page:{get_language()}:{address}"


def _vary_headers(response: HttpResponseBase) -> list[str]:
    names = cc_delim_re.split(response.get("Vary", "")) if response.has_header("Vary") else []
    return sorted({name.strip().lower() for name in names if name.strip()} - {"cookie"})


def _request_header(request: HttpRequest, name: str) -> str | None:
    meta = name.upper().replace("-", "_")
    if meta not in {"CONTENT_TYPE", "CONTENT_LENGTH"}:
        meta = "HTTP_" + meta
    return request.META.get(meta)


def _may_answer(request: HttpRequest) -> bool:
    return (
        settings.PAGE_CACHE_SECONDS > 0
        and request.method in {"GET", "HEAD"}
        and not request.COOKIES
        and "HTTP_AUTHORIZATION" not in request.META
        and len(request.get_full_path()) <= MAX_URL_LENGTH
        and not request.path_info.startswith(EXCLUDED_PREFIXES)
        # Wagtail renders a preview of a draft through the middleware with a dummy request.
        and not getattr(request, "is_dummy", False)
    )


def _storable(request: HttpRequest, response: HttpResponseBase) -> bool:
    if request.method != "GET" or response.status_code != 200 or response.streaming:
        return False
    if response.cookies or request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False
    session = getattr(request, "session", None)
    if session is not None and session.modified:
        return False
    directives = {
        part.split("=", 1)[0].strip().lower()
        for part in cc_delim_re.split(response.get("Cache-Control", ""))
    }
    if directives & _NO_STORE_DIRECTIVES or get_max_age(response) == 0:
        return False
    return len(response.content) <= settings.PAGE_CACHE_MAX_BYTES


def _entry(request: HttpRequest, response: HttpResponse, generation: str) -> dict:
    # django-csp keeps a nonce it handed out on the request; unread, there is none to replace.
    nonce = getattr(request, "_csp_nonce", None)
    vary = _vary_headers(response)
    return {
        "generation": generation,
        "nonce": nonce if isinstance(nonce, str) else "",
        "vary": {name: _request_header(request, name) for name in vary},
        "status": response.status_code,
        "headers": list(response.items()),
        "content": response.content,
    }


def _response(request: HttpRequest, entry: dict) -> HttpResponse:
    content = entry["content"]
    if entry["nonce"]:
        # Reading the request's nonce puts it in this response's policy header.
        content = content.replace(entry["nonce"].encode(), str(request.csp_nonce).encode())
    response = HttpResponse(content, status=entry["status"], headers=dict(entry["headers"]))
    response["Content-Length"] = str(len(content))
    if response.has_header("ETag"):
        # A feed reader that holds this version gets a 304, as from the feed's own view.
        return get_conditional_response(request, etag=response["ETag"], response=response)
    return response


def _fits(request: HttpRequest, entry: dict | None, generation: str) -> bool:
    return (
        entry is not None
        and entry["generation"] == generation
        and all(_request_header(request, name) == value for name, value in entry["vary"].items())
    )


class AnonymousPageCacheMiddleware:
    """Answers anonymous GET and HEAD requests from the page cache, and stores what may be
    shared (see the module's description)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if not _may_answer(request):
            return self.get_response(request)
        key = _cache_key(request)
        try:
            found = page_cache().get_many([GENERATION_KEY, key])
            generation = _current_generation(found)
        except Exception:
            # The cache only helps: without it (Redis away) every page is made afresh.
            logger.warning("Page cache unavailable, rendering afresh", exc_info=True)
            return self.get_response(request)
        entry = found.get(key)
        if _fits(request, entry, generation):
            return _response(request, entry)
        with engines.watching_fallbacks() as fallbacks:
            response = self.get_response(request)
        # A search the database answered while Elasticsearch was away is not kept.
        if _storable(request, response) and not fallbacks:
            max_age = get_max_age(response)
            timeout = min(settings.PAGE_CACHE_SECONDS, max_age or settings.PAGE_CACHE_SECONDS)
            # The generation read before rendering: a change published meanwhile outdates it.
            try:
                page_cache().set(key, _entry(request, response, generation), timeout)
            except Exception:
                logger.warning("Page cache unavailable, page not stored", exc_info=True)
        return response


def _on_saved(sender, instance, update_fields=None, raw=False, **kwargs) -> None:
    # A draft (Wagtail saves a page's or snippet's revision with update_fields) changes nothing
    # a visitor sees; its publication is a full save.
    if not raw and update_fields is None:
        invalidate()


def _on_page_saved(sender, instance, **kwargs) -> None:
    if isinstance(instance, Page):
        _on_saved(sender, instance, **kwargs)


def _on_page_deleted(sender, instance, **kwargs) -> None:
    if isinstance(instance, Page):
        invalidate()


def _on_changed(sender, **kwargs) -> None:
    invalidate()


def register_signal_handlers() -> None:
    """Invalidates on everything an anonymous visitor sees: pages of every type published,
    unpublished, moved, deleted or made private; Elasticsearch taking changes; organisations,
    vocabulary terms, synonyms, redirects, sites, images and documents saved or deleted."""
    from django.db.models.signals import post_delete, post_save
    from wagtail.contrib.redirects.models import Redirect
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import CollectionViewRestriction, PageViewRestriction, Site
    from wagtail.signals import (
        page_published,
        page_unpublished,
        post_page_move,
        published,
        unpublished,
    )

    from initiatieven import signals as content_signals
    from initiatieven.models import InitiativePage, Organisation
    from search.models import SynonymGroup
    from search.signals import index_written

    content_signals.bulk_change_started.connect(bulk_change_started)
    content_signals.bulk_change_finished.connect(bulk_change_finished)
    # Searches Elasticsearch answered before it took the worker's changes.
    index_written.connect(_on_changed)
    for signal in (page_published, page_unpublished, post_page_move, published, unpublished):
        signal.connect(_on_changed)
    post_save.connect(_on_page_saved)
    post_delete.connect(_on_page_deleted)
    models = [
        Organisation,
        SynonymGroup,
        Redirect,
        Site,
        PageViewRestriction,
        CollectionViewRestriction,
        get_image_model(),
        get_document_model(),
        *InitiativePage.vocabulary_models().values(),
    ]
    for model in models:
        post_save.connect(_on_saved, sender=model)
        post_delete.connect(_on_changed, sender=model)
