"""What the content model tells the apps above it, without knowing them.

`search` (or anything else) listens to these signals and registers the text provider; this app
imports none of them.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from django.dispatch import Signal
from wagtail.models import Page

# Sent before and after many initiatives are written at once (an import): listeners may gather
# their work in between and do it in bulk. Sent in pairs, never nested.
bulk_change_started = Signal()
bulk_change_finished = Signal()
# Sent at the end of a `batch_write` block, inside its transaction, with `page_ids` (every
# initiative written) and `published_ids` (those published in it): listeners index them in bulk.
batch_written = Signal()

# depth: how many bulk_change blocks this thread is in; batch: inside a batch_write block
_local = threading.local()
# An initiative (a Page; this module sits below the models that import it) -> its search text.
_search_text: Callable[[Page], str] | None = None


@contextmanager
def bulk_change() -> Iterator[None]:
    """Marks a block that writes many initiatives; a block inside another joins it."""
    depth = getattr(_local, "depth", 0)
    _local.depth = depth + 1
    try:
        if depth == 0:
            bulk_change_started.send(sender=None)
        yield
    finally:
        _local.depth = depth
        if depth == 0:
            bulk_change_finished.send(sender=None)


@contextmanager
def batch_write() -> Iterator[tuple[set[int], set[int]]]:
    """Marks writing a batch of initiatives inside one transaction (an import): within, pages are
    not indexed one save at a time; the caller adds the ids it wrote and published to the sets
    it gets, and `batch_written` is sent with them on the way out. Not nested."""
    written: set[int] = set()
    published: set[int] = set()
    _local.batch = True
    try:
        yield written, published
    finally:
        _local.batch = False
    if written:
        batch_written.send(sender=None, page_ids=sorted(written), published_ids=sorted(published))


def indexing_deferred() -> bool:
    """Whether this thread is inside a `batch_write` block (its pages are indexed at its end)."""
    return getattr(_local, "batch", False)


def register_search_text(provider: Callable[[Page], str]) -> None:
    """Sets what `InitiativePage.search_terms` indexes (the search app registers its own)."""
    global _search_text
    _search_text = provider


def search_text(page: Page) -> str:
    return _search_text(page) if _search_text is not None else ""
