"""The Elasticsearch index of initiatives: mapping, client, writes and the alias.

Dutch analysis happens in Python (`search.dutch`), so the index only needs the core
`standard` analyzer and works on every Elasticsearch 8 distribution, including the test one
that lacks the language analyzers. Searches go to an alias; a rebuild fills a new index and
switches the alias in one step, so searching keeps working meanwhile.
"""

from __future__ import annotations

import contextlib
import datetime
import logging
import time
from collections.abc import Collection, Iterable, Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from functools import cache

from django.conf import settings
from django.utils import timezone
from elastic_transport import TransportError
from elasticsearch import ApiError, Elasticsearch, NotFoundError, helpers
from elasticsearch.dsl import Date, Document, Integer, Keyword, Object, Text

from initiatieven.models import InitiativePage
from search import suggestions
from search.documents import (
    BATCH_SIZE,
    SearchDocument,
    batches,
    document_for,
    documents_in,
)
from search.dutch.folding import fold
from search.engines.breaker import BreakerTransport, CircuitBreaker, CircuitOpen
from search.models import IndexedVersion
from search.snippets import window

logger = logging.getLogger(__name__)

# Raise when the mapping below or the indexed terms (search.dutch) change; `search_index status`
# then reports a rebuild is due.
MAPPING_VERSION = 6
TERMS_ANALYZER = "standard"  # terms arrive folded and stemmed: no language analysis needed
BULK_TIMEOUT = 60  # seconds
MAPPING_CHECK_SECONDS = 60
_mapping_checked: dict[tuple[str, str], float] = {}  # (url, alias) -> when found current
MERGE_TIMEOUT = 600  # seconds; merging a large index into one segment per shard takes a while
# Documents are written with external versions (`document_versions`), so that of two writes of
# a page the newer state wins whichever arrives last. Above any version Elasticsearch counted
# itself (internal versions count writes from 1), so an index filled before keeps working.
VERSION_BASE = 2**32
# How long a removed document's version is remembered: a write of an older state arriving later
# than this would bring the document back (until `search_index update`). Elasticsearch's default
# is 60 s; a worker's write takes at most BULK_TIMEOUT once its documents are built.
DELETED_VERSIONS_KEPT = "1d"
# A write refused because the document already has a newer version: as good as sent.
NEWER_THERE = 409


class SearchUnavailable(Exception):
    """Elasticsearch cannot answer now (down, too slow, or the index is missing)."""


class InitiativeDocument(Document):
    page_id = Integer()
    title = Text(index=False)
    title_sort = Keyword()
    summary = Text(index=False)
    body = Text(index=False)
    url = Keyword(index=False)
    terms_title = Text(analyzer=TERMS_ANALYZER)
    terms_summary = Text(analyzer=TERMS_ANALYZER)
    terms_body = Text(analyzer=TERMS_ANALYZER)
    # Folded title forms (`search.suggestions.forms`): their words, and whole for "starts with".
    suggest_title = Text(analyzer=TERMS_ANALYZER, fields={"start": Keyword()})
    # Facet fields. Their global ordinals are built at refresh rather than by the first
    # search after it, which would otherwise pay for them.
    themes = Keyword(eager_global_ordinals=True)
    province = Keyword(eager_global_ordinals=True)
    sectors = Keyword(eager_global_ordinals=True)
    education_levels = Keyword(eager_global_ordinals=True)
    target_groups = Keyword(eager_global_ordinals=True)
    phase = Keyword(eager_global_ordinals=True)
    # Every facet value as "<field>/<slug>": the facets that share a filter are counted by
    # one terms aggregation over this field instead of one per facet.
    facet_values = Keyword(eager_global_ordinals=True)
    keywords = Keyword()  # folded, for finding related initiatives
    labels = Object(enabled=False)  # field -> [{"slug", "label"}], for showing results
    start_year = Integer()
    first_published = Date()
    last_published = Date()
    indexed_at = Date()


def alias_name() -> str:
    return f"{settings.SEARCH_INDEX_PREFIX}initiatives"


def check_mapping() -> None:
    """Raise SearchUnavailable when the index behind the alias has another mapping version
    than this code, which would count facets wrongly or fail: search then answers from the
    database until `search_index rebuild`. Checked at most once a minute per process."""
    key = (settings.ELASTICSEARCH_URL, alias_name())
    checked = _mapping_checked.get(key)
    if checked is not None and time.monotonic() - checked < MAPPING_CHECK_SECONDS:
        return
    mappings = client().indices.get_mapping(index=alias_name())
    versions = {
        mapping["mappings"].get("_meta", {}).get("mapping_version") for mapping in mappings.values()
    }
    if versions != {MAPPING_VERSION}:
        found = ", ".join(f"v{version}" for version in sorted(versions, key=str))
        raise SearchUnavailable(
            f"the index has mapping {found}, the code v{MAPPING_VERSION}: "
            "run `search_index rebuild`"
        )
    _mapping_checked[key] = time.monotonic()


@cache
def _client(url: str, timeout: float, retry_seconds: float) -> Elasticsearch:
    es = Elasticsearch(
        url,
        request_timeout=timeout,
        max_retries=0,
        retry_on_timeout=False,
        transport_class=BreakerTransport,
    )
    es.transport.breaker = CircuitBreaker(retry_seconds=retry_seconds)
    return es


def client() -> Elasticsearch:
    """The client for ELASTICSEARCH_URL; while its breaker is open (search.engines.breaker)
    every request fails at once with CircuitOpen, one of ERRORS."""
    return _client(
        settings.ELASTICSEARCH_URL,
        float(settings.ELASTICSEARCH_TIMEOUT),
        float(settings.ELASTICSEARCH_RETRY_SECONDS),
    )


def forget_clients() -> None:
    """Drop the clients and their breakers' state (tests: one breaker's failure must not
    carry over into the next test)."""
    _client.cache_clear()


def unavailable(error: Exception) -> SearchUnavailable:
    return SearchUnavailable(f"{type(error).__name__}: {error}")


def source_for(document: SearchDocument) -> dict:
    return {
        "page_id": document.page_id,
        "title": document.title,
        "title_sort": document.title.casefold(),
        "summary": document.summary,
        "body": window(document.body),  # only for snippets: the start is enough
        "url": document.url,
        "terms_title": document.title_terms,
        "terms_summary": document.summary_terms,
        "terms_body": document.body_terms,
        "suggest_title": suggestions.forms(document.title),
        **{field: [term["slug"] for term in terms] for field, terms in document.facets.items()},
        "facet_values": [
            facet_value(field, term["slug"])
            for field, terms in document.facets.items()
            for term in terms
        ],
        "keywords": [fold(keyword) for keyword in document.keywords],
        "labels": document.facets,
        "start_year": document.start_year,
        "first_published": document.first_published,
        "last_published": document.last_published,
        "indexed_at": timezone.now(),
    }


def facet_value(field: str, slug: str) -> str:
    return f"{field}/{slug}"


def _index_body() -> dict:
    mapping = InitiativeDocument._doc_type.mapping.to_dict()
    mapping["_meta"] = {"mapping_version": MAPPING_VERSION}
    return {
        "mappings": mapping,
        "settings": {
            "number_of_shards": settings.ELASTICSEARCH_SHARDS,
            "number_of_replicas": 0,
            "gc_deletes": DELETED_VERSIONS_KEPT,
        },
    }


def create_index(name: str) -> None:
    client().indices.create(index=name, **_index_body())


def new_index_name() -> str:
    stamp = timezone.now().strftime("%Y%m%d%H%M%S%f")
    return f"{alias_name()}-v{MAPPING_VERSION}-{stamp}"


def ensure_index() -> None:
    """Create an empty index behind the alias when there is none yet."""
    if not client().indices.exists_alias(name=alias_name()):
        name = new_index_name()
        create_index(name)
        client().indices.put_alias(index=name, name=alias_name())


def switch_alias(new_index: str) -> list[str]:
    """Point the alias at `new_index` in one step; returns the indexes it left."""
    es = client()
    old = (
        list(es.indices.get_alias(name=alias_name()).keys())
        if es.indices.exists_alias(name=alias_name())
        else []
    )
    actions = [{"remove": {"index": index, "alias": alias_name()}} for index in old]
    actions.append({"add": {"index": new_index, "alias": alias_name()}})
    es.indices.update_aliases(actions=actions)
    return old


def finish_index(name: str) -> None:
    """Make a freshly filled index searchable and fast: refresh it, then merge each shard
    into one segment (no further writes are pending, and one segment per shard makes facet
    counting markedly cheaper than the many segments bulk indexing leaves)."""
    es = client().options(request_timeout=MERGE_TIMEOUT)
    es.indices.refresh(index=name)
    es.indices.forcemerge(index=name, max_num_segments=1)


def index_pages(
    pages: Iterable[InitiativePage],
    *,
    versions: Mapping[int, int],
    index: str | None = None,
    refresh=False,
) -> int:
    """Bulk-index `pages` at `versions` (read before the pages were: see `document_versions`);
    returns how many were written (not those Elasticsearch has in a newer version).

    Documents are built a batch at a time (their relations read per batch) while a second
    thread sends the previous batch, so Python and Elasticsearch work at the same time. Only
    this thread touches the database.
    """
    target = index or alias_name()
    # Bulk writes may take longer than a search is allowed to.
    bulk_client = client().options(request_timeout=BULK_TIMEOUT)
    written = 0
    with ThreadPoolExecutor(max_workers=1) as sender:
        sending = None
        for documents in batches(documents_in(pages), BATCH_SIZE):
            actions = [
                _indexing(target, document, versions.get(document.page_id, VERSION_BASE))
                for document in documents
            ]
            if sending is not None:
                written += sending.result()
            sending = sender.submit(_send, bulk_client, actions)
        if sending is not None:
            written += sending.result()
    if refresh:
        client().indices.refresh(index=target)
    return written


def document_versions(page_ids: Collection[int] | None = None) -> dict[int, int]:
    """The versions of these pages' documents (of every page that has one with None; others
    are at VERSION_BASE). Read them before the pages: what is then read is at least as new."""
    rows = IndexedVersion.objects.all()
    if page_ids is not None:
        rows = rows.filter(page_id__in=list(page_ids))
    found = {
        page_id: VERSION_BASE + version
        for page_id, version in rows.values_list("page_id", "version")
    }
    if page_ids is None:
        return found
    return {page_id: found.get(page_id, VERSION_BASE) for page_id in page_ids}


def _indexing(index: str, document: SearchDocument, version: int) -> dict:
    return {
        "_index": index,
        "_id": document.page_id,
        "version": version,
        "version_type": "external_gte",
        "_source": source_for(document),
    }


def _removing(index: str, page_id: int, version: int) -> dict:
    # A removal is versioned too: a late write of an older state does not bring the page back.
    return {
        "_op_type": "delete",
        "_index": index,
        "_id": page_id,
        "version": version,
        "version_type": "external_gte",
    }


def _send(bulk_client: Elasticsearch, actions: list[dict], **kwargs) -> int:
    """Send `actions` in one bulk request; returns how many were written. Refusals because
    Elasticsearch has a newer version, and removals of what is not there, are fine; anything
    else raises BulkIndexError."""
    written, errors = helpers.bulk(
        bulk_client, actions, chunk_size=len(actions), raise_on_error=False, **kwargs
    )
    failed = [
        error
        for error in errors
        for operation, result in error.items()
        if result.get("status") != NEWER_THERE
        and not (operation == "delete" and result.get("status") == 404)
    ]
    if failed:
        raise helpers.BulkIndexError(f"{len(failed)} document(s) failed", failed)
    return written


def write(
    documents: list[SearchDocument], *, versions: Mapping[int, int], removed: Iterable[int] = ()
) -> None:
    """Index `documents` and remove the documents of `removed` page ids in one bulk request, at
    `versions` (by page id), visible to searches when it returns (one refresh)."""
    index = alias_name()
    actions = [_indexing(index, document, versions[document.page_id]) for document in documents]
    actions += [_removing(index, page_id, versions[page_id]) for page_id in removed]
    if actions:
        _send(client().options(request_timeout=BULK_TIMEOUT), actions, refresh="wait_for")


def index_page(page: InitiativePage) -> None:
    ensure_index()
    [version] = document_versions([page.pk]).values()
    _send(client(), [_indexing(alias_name(), document_for(page), version)], refresh="wait_for")


def delete_page(page_id: int, *, version: int) -> None:
    _send(client(), [_removing(alias_name(), page_id, version)], refresh="wait_for")


def indexed_versions() -> Iterator[tuple[int, datetime.datetime | None]]:
    """(page id, indexed_at) of every document behind the alias."""
    for hit in helpers.scan(
        client(), index=alias_name(), query={"query": {"match_all": {}}}, _source=["indexed_at"]
    ):
        stamp = hit["_source"].get("indexed_at")
        yield int(hit["_id"]), datetime.datetime.fromisoformat(stamp) if stamp else None


def status() -> dict:
    """What the alias points at, its mapping version and document count."""
    es = client()
    if not es.indices.exists_alias(name=alias_name()):
        return {"alias": alias_name(), "index": None, "documents": 0, "mapping_version": None}
    [index] = list(es.indices.get_alias(name=alias_name()).keys())[:1]
    meta = es.indices.get_mapping(index=index)[index]["mappings"].get("_meta", {})
    return {
        "alias": alias_name(),
        "index": index,
        "documents": es.count(index=index)["count"],
        "mapping_version": meta.get("mapping_version"),
    }


def delete_indexes(names: Iterable[str]) -> None:
    for name in names:
        with contextlib.suppress(NotFoundError):
            client().indices.delete(index=name)


ERRORS = (TransportError, ApiError, helpers.BulkIndexError, CircuitOpen)
