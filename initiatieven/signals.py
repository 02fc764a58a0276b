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

_local = threading.local()  # depth: how many bulk_change blocks this thread is in
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


def register_search_text(provider: Callable[[Page], str]) -> None:
    """Sets what `InitiativePage.search_terms` indexes (the search app registers its own)."""
    global _search_text
    _search_text = provider


def search_text(page: Page) -> str:
    return _search_text(page) if _search_text is not None else ""
