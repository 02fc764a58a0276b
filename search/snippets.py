"""Result snippets, the same on every engine: the query's words marked in a bounded window of
an initiative's summary and body.

The highlighter reads at most `SNIPPET_SOURCE_LIMIT` characters of each text, so a very long
body costs no more than a short one (a match further on is not shown in the snippet; the
result is still found).
"""

from __future__ import annotations

from search import dutch, planner

SNIPPET_SOURCE_LIMIT = 5_000  # characters of each text handed to the highlighter
# Rich text is cut before it is converted to plain text; markup takes room, so more of it.
RICH_TEXT_LIMIT = 4 * SNIPPET_SOURCE_LIMIT


def highlighter(text: str) -> dutch.Highlighter:
    """Marks, in the snippets of one search, every word the query plan of `text` looks for
    (its stems, synonyms, corrections, completions and verb forms)."""
    return dutch.Highlighter(text, also=planner.stems_of(planner.plan_query(text)))


def snippet(sources: list[str], mark: dutch.Highlighter) -> str:
    """A highlighted snippet from the first source with a match, else from the first source."""
    sources = [window(source) for source in sources if source]
    if mark.marks_anything:
        for source in sources:
            marked = mark(source)
            if "<mark>" in marked:
                return marked
    return dutch.highlight(sources[0], "") if sources else ""


def window(text: str, limit: int = SNIPPET_SOURCE_LIMIT) -> str:
    """The start of `text`, at most `limit` characters, cut after a whole word."""
    if len(text) <= limit:
        return text
    cut = text[: limit + 1]
    space = cut.rfind(" ", 0, limit + 1)
    return cut[:space] if space > 0 else cut[:limit]
