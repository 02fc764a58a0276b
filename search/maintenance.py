"""Index maintenance behind `manage.py search_index`: rebuild, update and status, on whichever
engine runs."""

from __future__ import annotations

from collections.abc import Iterable

from search import indexing
from search.engines import get_engine
from search.interface import IndexStatus, Progress


def _no_progress(items: Iterable, total: int, description: str) -> Iterable:
    return items


def rebuild(*, progress: Progress | None = None) -> dict:
    """Rebuild every index: the vocabulary and the engine's (for Elasticsearch also the
    database's, and a fresh Elasticsearch index that replaces the old one in one alias switch)."""
    words = indexing.rebuild_vocabulary()
    return {"words": words, **get_engine().rebuild(progress=progress or _no_progress)}


def update(*, progress: Progress | None = None) -> dict:
    """Send queued changes, then index what the engine lacks or has older, and remove what is
    no longer live and public."""
    return get_engine().update(progress=progress or _no_progress)


def status() -> IndexStatus:
    return get_engine().status()
