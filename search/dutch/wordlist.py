"""simplemma's Dutch lexicon (form -> dictionary form), read once per process on first use.

Its own module, below both the analysis and `lemmas`, so that both can ask it without
importing each other."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache

from simplemma.strategies.dictionaries import StreamDictionaryFactory


@cache
def lexicon() -> Mapping[str, str]:
    """simplemma's Dutch form -> dictionary form mapping, read once per process."""
    return StreamDictionaryFactory(cache_max_size=1).get_dictionary("nl")
