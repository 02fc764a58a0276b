"""Folding: the form in which two spellings of one word compare equal. Used by the analysis
here, and by the content model to match vocabulary labels and names (this package imports
nothing of the project, so every layer may use it)."""

import re
import unicodedata

_NON_ALNUM = re.compile(r"[^0-9a-z]+")
# Combining marks left by NFKD decomposition (the accents of é, ë, â, ç, ...). Other non-ASCII
# characters are not letters a-z either: _NON_ALNUM turns them into spaces.
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


def fold(value: str) -> str:
    """Lower-case, strip accents and collapse punctuation so 'Fryslân' == 'fryslan'."""
    value = value or ""
    if not value.isascii():
        decomposed = unicodedata.normalize("NFKD", value)
        value = _COMBINING.sub("", decomposed)
    return _NON_ALNUM.sub(" ", value.lower()).strip()
