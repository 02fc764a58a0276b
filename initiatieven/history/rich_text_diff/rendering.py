"""Differences between two rich text values, word by word with the paragraphs kept apart; a
changed block type, inline style or link target shows as well."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from initiatieven.history.rich_text_diff.content import BREAK, Block, Mark, Token, rich_text_blocks


def _kind_label(kind: str) -> str:
    base = kind.split(":")[0]
    labels = {
        "p": _("paragraph"),
        "ul": _("bulleted list item"),
        "ol": _("numbered list item"),
        "blockquote": _("quote"),
        "pre": _("preformatted text"),
    }
    if base in labels:
        return labels[base]
    if re.fullmatch(r"h[1-6]", base):
        return _("heading")
    return base


@dataclass(frozen=True)
class DiffStyle:
    """How removed and added parts are marked up: the public site and Wagtail's admin differ."""

    removed: Callable[[SafeString], SafeString]
    added: Callable[[SafeString], SafeString]


@dataclass
class _Paragraph:
    kind: str
    items: list[tuple[str, Token]] = field(default_factory=list)  # (equal|removed|added, token)
    old_kind: str | None = None  # set when the block type changed
    removed: bool = False  # a whole block that is gone
    number: int = 0  # the position of a numbered list item


_PILCROW_REMOVED: Token = (" ¶ ", frozenset({("paragraph", "")}))
_PILCROW_ADDED: Token = ("¶ ", frozenset({("paragraph", "")}))


def rich_text_diff(old: str | None, new: str | None, *, style: DiffStyle) -> SafeString:
    """`new` as paragraphs, with removed words, styles, links and paragraph breaks marked."""
    a, b = _stream(rich_text_blocks(old)), _stream(rich_text_blocks(new))

    paragraphs: list[_Paragraph] = []

    def current() -> _Paragraph:
        if not paragraphs:
            paragraphs.append(_Paragraph(kind="p"))
        return paragraphs[-1]

    def take(status: str, token: tuple, *, whole_blocks: bool = False) -> None:
        if token[0] == "block":
            if status == "removed" and whole_blocks:
                paragraphs.append(_Paragraph(kind=token[1], removed=True))
            elif status == "removed":
                # Two paragraphs became one.
                current().items.append(("removed", _PILCROW_REMOVED))
            else:
                paragraphs.append(_Paragraph(kind=token[1]))
                if status == "added" and len(paragraphs) > 1:
                    paragraphs[-1].items.append(("added", _PILCROW_ADDED))
        else:
            current().items.append((status, token[1]))

    for op, i1, i2, j1, j2 in _opcodes(a, b):
        if op == "equal":
            for token in b[j1:j2]:
                take("equal", token)
            continue
        old_part, new_part = a[i1:i2], b[j1:j2]
        if old_part and new_part and old_part[0][0] == "block" and new_part[0][0] == "block":
            # The same block boundary on both sides: a block whose type may have changed.
            paragraphs.append(_Paragraph(kind=new_part[0][1]))
            if old_part[0][1] != new_part[0][1]:
                paragraphs[-1].old_kind = old_part[0][1]
            old_part, new_part = old_part[1:], new_part[1:]
        # Whole blocks removed (the change ends where a block ends on both sides) are shown
        # as removed paragraphs of their own.
        whole_blocks = (i2 == len(a) or a[i2][0] == "block") and (
            j2 == len(b) or b[j2][0] == "block"
        )
        for token in old_part:
            take("removed", token, whole_blocks=whole_blocks)
        for token in new_part:
            take("added", token)
    _number(paragraphs)
    return format_html_join("", "{}", ((_paragraph_html(p, style),) for p in paragraphs))


def _opcodes(a: list[tuple], b: list[tuple]) -> list[tuple[str, int, int, int, int]]:
    """difflib's opcodes, with a removed or added run of whole blocks starting at a block
    boundary ("b ¶" before "¶ c" reads as "¶ b" removed), as a reader expects."""
    opcodes = [list(op) for op in SequenceMatcher(None, a, b, autojunk=False).get_opcodes()]
    for index in range(1, len(opcodes)):
        op, i1, i2, j1, j2 = opcodes[index]
        before = opcodes[index - 1]
        if op not in ("delete", "insert") or before[0] != "equal" or before[2] == before[1]:
            continue
        last = a[i2 - 1] if op == "delete" else b[j2 - 1]
        if last[0] != "block" or a[before[2] - 1] != last:
            continue
        # Slide the change one token back: the same tokens, another alignment.
        before[2] -= 1
        before[4] -= 1
        opcodes[index] = [op, i1 - 1, i2 - 1, j1 - 1, j2 - 1]
        after = opcodes[index + 1] if index + 1 < len(opcodes) else None
        if after is not None and after[0] == "equal":
            after[1] -= 1
            after[3] -= 1
        else:
            opcodes.insert(index + 1, ["equal", i2 - 1, i2, j2 - 1, j2])
    return [tuple(op) for op in opcodes if op[1] != op[2] or op[3] != op[4]]


def _number(paragraphs: list[_Paragraph]) -> None:
    """Number the items of numbered lists as the new version shows them."""
    counters: dict[int, int] = {}
    for paragraph in paragraphs:
        if paragraph.removed:
            continue
        base, _colon, depth_text = paragraph.kind.partition(":")
        if base not in ("ul", "ol"):
            counters.clear()
            continue
        depth = int(depth_text or 1)
        for deeper in [level for level in counters if level > depth]:
            del counters[deeper]
        if base == "ol":
            counters[depth] = counters.get(depth, 0) + 1
            paragraph.number = counters[depth]


def _stream(blocks: Iterable[Block]) -> list[tuple]:
    stream: list[tuple] = []
    for block in blocks:
        stream.append(("block", block.kind))
        stream.extend(("text", token) for token in block.tokens)
    return stream


def _paragraph_html(paragraph: _Paragraph, style: DiffStyle) -> SafeString:
    # Segments of [kind, removed tokens, added tokens]; a lone space between two changes is
    # folded into one change, which reads better.
    items = paragraph.items
    if items[:1] == [("added", _PILCROW_ADDED)] and all(s == "added" for s, _t in items):
        items = items[1:]  # a new paragraph, not one split in two
    segments: list[list] = []
    for status, token in items:
        if status == "equal":
            if segments and segments[-1][0] == "equal":
                segments[-1][1].append(token)
            else:
                segments.append(["equal", [token], []])
            continue
        target = 1 if status == "removed" else 2
        if segments and segments[-1][0] == "change":
            segments[-1][target].append(token)
        elif (
            len(segments) >= 2
            and segments[-1][0] == "equal"
            and all(text == " " for text, _marks in segments[-1][1])
        ):
            gap = segments.pop()[1]
            segments[-1][1].extend(gap)
            segments[-1][2].extend(gap)
            segments[-1][target].append(token)
        else:
            segment = ["change", [], []]
            segment[target].append(token)
            segments.append(segment)

    parts: list[SafeString] = []
    if paragraph.old_kind is not None:
        parts.append(
            format_html(
                '<span class="diff-kind">[{}{}]</span> ',
                style.removed(format_html("{}", _kind_label(paragraph.old_kind))),
                style.added(format_html("{}", _kind_label(paragraph.kind))),
            )
        )
    base, _colon, depth_text = paragraph.kind.partition(":")
    if base in ("ul", "ol"):
        depth = int(depth_text or 1)
        marker = "•" if base == "ul" else f"{paragraph.number}." if paragraph.number else "–"
        parts.append(format_html("{}{} ", "\u2003" * (depth - 1), marker))
    for kind, removed, added in segments:
        if kind == "equal":
            parts.append(_tokens_html(removed, show_links=False))
            continue
        if removed:
            parts.append(style.removed(_tokens_html(removed, show_links=True)))
        if added:
            parts.append(style.added(_tokens_html(added, show_links=True)))
    return format_html(
        "<p{}>{}</p>",
        SafeString(' class="diff-heading"') if re.fullmatch(r"h[1-6]", base) else "",
        format_html_join("", "{}", ((part,) for part in parts)),
    )


_WRAPPERS = {
    "bold": "strong",
    "italic": "em",
    "underline": "u",
    "strikethrough": "s",
    "code": "code",
    "superscript": "sup",
    "subscript": "sub",
    "highlight": "mark",
}


def _tokens_html(tokens: list[Token], *, show_links: bool) -> SafeString:
    """Tokens with their inline styles; inside a change each link also names its target."""
    groups: list[tuple[frozenset[Mark] | None, str]] = []  # None: a line break
    for index, (text, marks) in enumerate(tokens):
        if (
            text == " "
            and 0 < index < len(tokens) - 1
            and tokens[index - 1][1] == tokens[index + 1][1]
        ):
            marks = tokens[index - 1][1]  # the space inside one link or one bold phrase
        if text == BREAK:
            groups.append((None, ""))
        elif groups and groups[-1][0] == marks:
            groups[-1] = (marks, groups[-1][1] + text)
        else:
            groups.append((marks, text))
    return format_html_join(
        "", "{}", ((_marked(text, marks, show_links=show_links),) for marks, text in groups)
    )


def _marked(text: str, marks: frozenset[Mark] | None, *, show_links: bool) -> SafeString:
    if marks is None:
        return SafeString("<br>")
    piece = format_html("{}", text)
    for name, value in sorted(marks):
        if name == "link":
            piece = format_html('<span class="diff-link">{}</span>', piece)
            if show_links:
                piece = format_html(
                    '{} <span class="diff-link-target">({}: {})</span>',
                    piece,
                    _("link"),
                    value or _("no address"),
                )
        elif name == "embed":
            piece = format_html('<span class="diff-embed">[{}]</span>', value)
        elif name in _WRAPPERS:
            piece = format_html("<{}>{}</{}>", _WRAPPERS[name], piece, _WRAPPERS[name])
    return piece
