"""Signals other apps may listen to without search knowing them."""

from django.dispatch import Signal

# Elasticsearch took changes (sent after each `es_sync.send`): a search answered before may be
# out of date now, e.g. one stored in the page cache between a publish and the worker's send.
index_written = Signal()
