"""Rich text read as content: blocks, words, inline styles and links.

The editor (Draftail) re-serialises every rich text field it opens: it adds a random
`data-block-key` to each block, writes `<b>`/`<i>` for `<strong>`/`<em>`, drops empty paragraphs
and tidies whitespace. Two stored values are therefore the same content when they have the same
blocks (paragraph, heading, list item, in order), the same words and the same inline styles and
link targets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from html.parser import HTMLParser

# A token is a word, a single space, a punctuation mark or a line break, with its inline marks
# (("bold", ""), ("link", "https://..."), ...). Spaces carry no marks: a bold space looks the
# same as a plain one.
Mark = tuple[str, str]
Token = tuple[str, frozenset[Mark]]

_BLOCK_TAGS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "div"}
_LIST_TAGS = {"ul", "ol"}
_INLINE_MARKS = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "code": "code",
    "sup": "superscript",
    "sub": "subscript",
    "mark": "highlight",
}
_VOID_TAGS = {"br", "embed", "img", "hr", "wbr"}
_WORD = re.compile(r"\w+|\s+|[^\w\s]")
BREAK = "\n"  # a <br>
_NO_MARKS: frozenset[Mark] = frozenset()


@dataclass(frozen=True)
class Block:
    kind: str  # "p", "h3", "ul" (a bulleted list item), "ol", "blockquote", ...; nested "ul:2"
    tokens: tuple[Token, ...]


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self._kinds: list[str] = []  # open block elements, innermost last
        self._lists: list[str] = []
        self._marks: list[tuple[str, Mark | None]] = []  # open inline elements
        self._text: list[tuple[str | None, frozenset[Mark]]] = []  # None is a <br>

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag in _LIST_TAGS:
            self._flush()
            self._lists.append(tag)
        elif tag in _BLOCK_TAGS:
            self._flush()
            if tag == "li":
                kind = self._lists[-1] if self._lists else "ul"
                if len(self._lists) > 1:
                    kind += f":{len(self._lists)}"
            else:
                kind = tag
            self._kinds.append(kind)
        elif tag == "br":
            self._text.append((None, _NO_MARKS))
        elif tag in ("embed", "img"):
            described = ":".join(
                values.get(name, "")
                for name in ("embedtype", "id", "format", "alt", "src", "url")
                if values.get(name)
            )
            self._text.append(("\ufffc", self._current_marks() | {("embed", described)}))
        elif tag not in _VOID_TAGS:
            self._marks.append((tag, _mark(tag, values)))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID_TAGS and tag not in _BLOCK_TAGS | _LIST_TAGS:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in _LIST_TAGS:
            self._flush()
            if tag in self._lists:
                del self._lists[len(self._lists) - 1 - self._lists[::-1].index(tag) :]
        elif tag in _BLOCK_TAGS:
            self._flush()
            if self._kinds:
                self._kinds.pop()
        else:
            for index in range(len(self._marks) - 1, -1, -1):
                if self._marks[index][0] == tag:
                    del self._marks[index:]
                    break

    def handle_data(self, data: str) -> None:
        self._text.append((data, self._current_marks()))

    def close(self) -> None:
        super().close()
        self._flush()

    def _current_marks(self) -> frozenset[Mark]:
        return frozenset(mark for _tag, mark in self._marks if mark is not None)

    def _flush(self) -> None:
        tokens: list[Token] = []
        for text, marks in self._text:
            if text is None:
                tokens.append((BREAK, _NO_MARKS))
                continue
            for part in _WORD.findall(text):
                if part.isspace():
                    # Whitespace (also a non-breaking space) is one space, none at the edges.
                    if tokens and tokens[-1][0] not in (" ", BREAK):
                        tokens.append((" ", _NO_MARKS))
                else:
                    tokens.append((part, marks))
        self._text = []
        # No spaces around line breaks, no breaks at the edges of a block.
        cleaned: list[Token] = []
        for token in tokens:
            if token[0] == BREAK and cleaned and cleaned[-1][0] == " ":
                cleaned.pop()
            if token[0] == " " and cleaned and cleaned[-1][0] == BREAK:
                continue
            cleaned.append(token)
        while cleaned and cleaned[-1][0] in (" ", BREAK):
            cleaned.pop()
        while cleaned and cleaned[0][0] in (" ", BREAK):
            cleaned.pop(0)
        if cleaned:
            kind = self._kinds[-1] if self._kinds else "p"
            if kind == "div":
                kind = "p"
            self.blocks.append(Block(kind=kind, tokens=tuple(cleaned)))


def _mark(tag: str, attrs: dict[str, str]) -> Mark | None:
    if tag == "a":
        if attrs.get("linktype") and attrs.get("linktype") != "external":
            return ("link", f"{attrs['linktype']}:{attrs.get('id', '')}")
        return ("link", attrs.get("href", "").strip())
    if tag in _INLINE_MARKS:
        return (_INLINE_MARKS[tag], "")
    return None  # a <span> or any other wrapper: no meaning of its own


def rich_text_blocks(html: str | None) -> tuple[Block, ...]:
    """The blocks of a stored rich text value, free of serialisation details; equal tuples mean
    the same content."""
    return _parsed(html or "")


@lru_cache(maxsize=512)
def _parsed(html: str) -> tuple[Block, ...]:
    # A history compares each version with the one before and after it: parse each value once.
    parser = _Parser()
    parser.feed(html)
    parser.close()
    return tuple(parser.blocks)


def same_rich_text(old: str | None, new: str | None) -> bool:
    return old == new or rich_text_blocks(old) == rich_text_blocks(new)


def rich_text_as_plain_text(html: str | None) -> str:
    """The words of a rich text value, a blank line between blocks: for comparing text only."""
    return "\n\n".join(
        "".join(text for text, _marks in block.tokens) for block in rich_text_blocks(html)
    )
