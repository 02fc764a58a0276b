"""Differences between two versions of an initiative, as safe HTML for the public history.

Works on the stored revision content (plain JSON), so finding what changed costs no queries and
showing it costs one query per vocabulary involved. Every value is escaped. Rich text is compared
by content (blocks, words, styles, links), never by how the editor happened to serialise it.
Contact details are not tracked: they never appear in the public history.
"""

from __future__ import annotations

import datetime
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Any

from django.apps import apps
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

from initiatieven.blocks import MediaAndVoicesBlock
from initiatieven.history.rich_text_diff import (
    DiffStyle,
    rich_text_as_plain_text,
    rich_text_blocks,
    rich_text_diff,
)

TEXT = "text"  # plain text, diffed word by word
RICH_TEXT = "rich_text"  # compared by content, diffed word by word per paragraph
CHOICE = "choice"  # a foreign key, shown by its label
MANY = "many"  # a many-to-many field, shown as a list of labels
TAGS = "tags"  # the free keywords
STREAM = "stream"  # the media and voices blocks
VALUE = "value"  # a single value replaced as a whole (a year, a web address)
DATE = "date"

_WORD = re.compile(r"\w+|\s+|[^\w\s]")
_STREAM_BLOCK = MediaAndVoicesBlock()


def _model(name: str):
    # By name, as a ForeignKey names it: the page model's routes show this history, so the
    # history does not import the model module back.
    return apps.get_model("initiatieven", name)


@dataclass(frozen=True)
class TrackedField:
    name: str
    kind: str

    @property
    def label(self) -> str:
        """The field's name as editors and readers know it, lower case ('thema's'), in the
        active language (so never cached)."""
        return str(_model("InitiativePage")._meta.get_field(self.name).verbose_name)

    def raw(self, content: dict) -> Any:
        """The comparable value of this field in a revision's content."""
        if self.kind == TAGS:
            tags = content.get("tagged_keywords") or []
            return sorted({item["tag"] for item in tags if item.get("tag") is not None})
        value = content.get(self.name)
        if self.kind == MANY:
            return sorted(set(value or []))
        if self.kind == STREAM:
            return _stream_blocks(value)
        if self.kind == RICH_TEXT:
            return rich_text_blocks(value)
        if self.kind == TEXT:
            return value or ""
        return None if value in ("", None) else value


# In the order of the edit form. Contact fields are left out on purpose.
TRACKED_FIELDS: tuple[TrackedField, ...] = (
    TrackedField("title", TEXT),
    TrackedField("summary", TEXT),
    TrackedField("background", RICH_TEXT),
    TrackedField("approach", RICH_TEXT),
    TrackedField("results", RICH_TEXT),
    TrackedField("lessons", RICH_TEXT),
    TrackedField("body", STREAM),
    TrackedField("hero_image", CHOICE),
    TrackedField("hero_image_alt", TEXT),
    TrackedField("themes", MANY),
    TrackedField("keywords", TAGS),
    TrackedField("province", CHOICE),
    TrackedField("place", TEXT),
    TrackedField("organisations", MANY),
    TrackedField("sectors", MANY),
    TrackedField("education_levels", MANY),
    TrackedField("target_groups", MANY),
    TrackedField("phase", CHOICE),
    TrackedField("start_year", VALUE),
    TrackedField("website", VALUE),
    TrackedField("last_reviewed", DATE),
)


@dataclass(frozen=True)
class FieldChange:
    label: str
    html: SafeString


@dataclass(frozen=True)
class Comparison:
    changes: list[FieldChange]
    unchanged_labels: list[str]


def changed_fields(old: dict, new: dict) -> list[TrackedField]:
    """The tracked fields whose stored values differ between two revision contents."""
    return [field for field in TRACKED_FIELDS if field.raw(old) != field.raw(new)]


def compare(old: dict, new: dict) -> Comparison:
    """Per-field differences from `old` to `new`, with the unchanged fields named only."""
    changed = changed_fields(old, new)
    names = _Names.load(changed, old, new)
    changes = [
        FieldChange(label=capfirst(field.label), html=_render(field, old, new, names))
        for field in changed
    ]
    unchanged = [capfirst(field.label) for field in TRACKED_FIELDS if field not in changed]
    return Comparison(changes=changes, unchanged_labels=unchanged)


def word_diff(old: str, new: str) -> SafeString:
    """`new` with removed words in <del> and added ones in <ins>, all text escaped."""
    a, b = _WORD.findall(old or ""), _WORD.findall(new or "")
    segments: list[list[str]] = []  # [kind, old text, new text]
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        kind = "equal" if op == "equal" else "change"
        old_part, new_part = "".join(a[i1:i2]), "".join(b[j1:j2])
        if kind == "change" and segments and segments[-1][0] == "change":
            segments[-1][1] += old_part
            segments[-1][2] += new_part
        elif (
            kind == "change"
            and len(segments) >= 2
            and segments[-1][0] == "equal"
            and not segments[-1][1].strip()
        ):
            # A lone space between two changes reads better inside one change.
            gap = segments.pop()[1]
            segments[-1][1] += gap + old_part
            segments[-1][2] += gap + new_part
        else:
            segments.append([kind, old_part, new_part])
    return _join(
        format_html("{}", old_part)
        if kind == "equal"
        else _join([_removed(old_part) if old_part else "", _added(new_part) if new_part else ""])
        for kind, old_part, new_part in segments
    )


def _removed(text: str) -> SafeString:
    return format_html('<del><span class="visually-hidden">{}: </span>{}</del>', _("removed"), text)


def _added(text: str) -> SafeString:
    return format_html('<ins><span class="visually-hidden">{}: </span>{}</ins>', _("added"), text)


_PUBLIC_STYLE = DiffStyle(removed=_removed, added=_added)


def _join(parts: Iterable[SafeString | str], separator: str = "") -> SafeString:
    return format_html_join(separator, "{}", ((part,) for part in parts if part))


def _text_block(html: SafeString) -> SafeString:
    return format_html('<div class="diff-text">{}</div>', html)


class _Names:
    """Display names for the ids in two revisions, one query per vocabulary (or chooser) used."""

    def __init__(self) -> None:
        self._by_key: dict[str, dict[Any, str]] = {}

    @classmethod
    def load(cls, fields: list[TrackedField], old: dict, new: dict) -> _Names:
        names = cls()
        for field in fields:
            if field.kind in (CHOICE, MANY):
                model = _model("InitiativePage")._meta.get_field(field.name).related_model
                names._fetch(field.name, model, _ids(field, old) | _ids(field, new))
            elif field.kind == TAGS:
                model = _model("InitiativeKeyword")._meta.get_field("tag").related_model
                names._fetch(field.name, model, _ids(field, old) | _ids(field, new), attr="name")
            elif field.kind == STREAM:
                choosers: dict[str, tuple[Any, set]] = {}
                for block in (*field.raw(old), *field.raw(new)):
                    for chooser, value in _chooser_values(block):
                        key = type(chooser).__name__
                        choosers.setdefault(key, (chooser.target_model, set()))[1].add(value)
                for key, (model, ids) in choosers.items():
                    names._fetch(key, model, ids)
        return names

    def _fetch(self, key: str, model, ids: set, attr: str | None = None) -> None:
        ids = {pk for pk in ids if isinstance(pk, int)}
        objects = model.objects.in_bulk(ids) if ids else {}
        self._by_key[key] = {
            pk: getattr(obj, attr) if attr else str(obj) for pk, obj in objects.items()
        }

    def get(self, key: str, pk: Any) -> str:
        if pk is None:
            return ""
        return self._by_key.get(key, {}).get(pk) or _("(removed item)")


def _ids(field: TrackedField, content: dict) -> set:
    raw = field.raw(content)
    if isinstance(raw, list):
        return set(raw)
    return set() if raw is None else {raw}


def _render(field: TrackedField, old: dict, new: dict, names: _Names) -> SafeString:
    before, after = field.raw(old), field.raw(new)
    if field.kind == TEXT:
        return _text_block(word_diff(before, after))
    if field.kind == RICH_TEXT:
        before, after = old.get(field.name), new.get(field.name)
        diff = _text_block(rich_text_diff(before, after, style=_PUBLIC_STYLE))
        if rich_text_as_plain_text(before) == rich_text_as_plain_text(after):
            # Same words, other styles, links or block types: say so, the diff shows which.
            note = format_html('<p class="muted">{}</p>', _("Only the formatting changed."))
            return format_html("{}{}", note, diff)
        return diff
    if field.kind == CHOICE:
        return _replacement(names.get(field.name, before), names.get(field.name, after))
    if field.kind in (MANY, TAGS):
        return _list_diff(
            [names.get(field.name, pk) for pk in before],
            [names.get(field.name, pk) for pk in after],
        )
    if field.kind == STREAM:
        return _stream_diff(before, after, names)
    if field.kind == DATE:
        return _replacement(_date(before), _date(after))
    return _replacement("" if before is None else str(before), "" if after is None else str(after))


def _replacement(before: str, after: str) -> SafeString:
    empty = format_html('<span class="muted">{}</span>', _("(empty)"))
    return format_html(
        '<p class="diff-value">{} → {}</p>',
        _removed(before) if before else empty,
        _added(after) if after else empty,
    )


def _list_diff(before: list[str], after: list[str]) -> SafeString:
    old_items, new_items = set(before), set(after)
    items = []
    for item in sorted(old_items | new_items, key=str.casefold):
        if item not in new_items:
            items.append(_removed(item))
        elif item not in old_items:
            items.append(_added(item))
        else:
            items.append(format_html("{}", item))
    return format_html(
        '<ul class="diff-list">{}</ul>', format_html_join("", "<li>{}</li>", ((i,) for i in items))
    )


def _date(value: Any) -> str:
    if not value:
        return ""
    try:
        return date_format(datetime.date.fromisoformat(str(value)), "j F Y")
    except ValueError:
        return str(value)


def _stream_blocks(value: Any) -> list[dict]:
    if isinstance(value, str):
        try:
            value = json.loads(value) if value.strip() else []
        except ValueError:
            return []
    return [
        {**block, "value": _canonical(block.get("value"))}
        for block in value or []
        if isinstance(block, dict)
    ]


def _canonical(value: Any) -> Any:
    """A block value without what only its serialisation adds: empty parts (a form sends every
    part of a struct, an older save only the filled ones) and the id wrapper of list items."""
    if isinstance(value, dict):
        if (
            value.get("type") == "item"
            and "value" in value
            and set(value) <= {"type", "value", "id"}
        ):
            return _canonical(value["value"])
        return {
            key: _canonical(part) for key, part in value.items() if part not in ("", None, [], {})
        }
    if isinstance(value, list):
        return [_canonical(item) for item in value]
    return value


def _chooser_values(block: dict) -> list[tuple[blocks.Block, Any]]:
    definition = _STREAM_BLOCK.child_blocks.get(block.get("type"))
    value = block.get("value")
    if not isinstance(definition, blocks.StructBlock) or not isinstance(value, dict):
        return []
    return [
        (child, value.get(name))
        for name, child in definition.child_blocks.items()
        if isinstance(child, ImageChooserBlock | DocumentChooserBlock) and value.get(name)
    ]


def _block_label(block: dict) -> str:
    definition = _STREAM_BLOCK.child_blocks.get(block.get("type"))
    return capfirst(definition.label) if definition else str(block.get("type"))


def _block_text(block: dict, names: _Names) -> str:
    """A block as readable lines of text: each part with its label."""
    definition = _STREAM_BLOCK.child_blocks.get(block.get("type"))
    return "\n".join(_value_lines(definition, block.get("value"), names))


def _value_lines(
    definition: blocks.Block | None, value: Any, names: _Names, *, labelled: bool = True
) -> list[str]:
    """Lines of text for a block value; struct parts carry their label unless `labelled` is
    off (inside a list, where 'title – address' reads better)."""
    if value in (None, "", [], {}):
        return []
    if isinstance(definition, ImageChooserBlock | DocumentChooserBlock):
        return [names.get(type(definition).__name__, value)]
    if isinstance(definition, blocks.StructBlock) and isinstance(value, dict):
        lines = []
        for name, child in definition.child_blocks.items():
            child_lines = _value_lines(child, value.get(name), names)
            if isinstance(child, blocks.ListBlock) or not labelled:
                lines.extend(child_lines)
            elif child_lines:
                lines.append(f"{capfirst(child.label)}: {' '.join(child_lines)}")
        return lines
    if isinstance(definition, blocks.ListBlock) and isinstance(value, list):
        lines = []
        for item in value:
            # Newer list values wrap each item as {"type": "item", "value": ..., "id": ...}.
            if isinstance(item, dict) and item.get("type") == "item" and "value" in item:
                item = item["value"]
            parts = _value_lines(definition.child_block, item, names, labelled=False)
            if parts:
                lines.append("• " + " – ".join(parts))
        return lines
    return [str(value)]


def _stream_diff(before: list[dict], after: list[dict], names: _Names) -> SafeString:
    old_by_id = {block["id"]: block for block in before if block.get("id")}
    new_ids = {block.get("id") for block in after if block.get("id")}
    entries: list[SafeString] = []
    unchanged = 0
    for block in after:
        previous = old_by_id.get(block.get("id")) if block.get("id") else None
        if previous is None:
            entries.append(_block_entry(block, _("added"), _added(_block_text(block, names))))
        elif previous != block:
            html = word_diff(_block_text(previous, names), _block_text(block, names))
            entries.append(_block_entry(block, _("changed"), html))
        else:
            unchanged += 1
    for block in before:
        if not block.get("id") or block["id"] not in new_ids:
            entries.append(_block_entry(block, _("removed"), _removed(_block_text(block, names))))

    notes = []
    kept_order = [block["id"] for block in before if block.get("id") in new_ids]
    new_order = [block["id"] for block in after if block.get("id") in old_by_id]
    if kept_order != new_order:
        notes.append(_("The order of the blocks changed."))
    if unchanged:
        notes.append(
            ngettext(
                "%(count)s unchanged block is not shown.",
                "%(count)s unchanged blocks are not shown.",
                unchanged,
            )
            % {"count": unchanged}
        )
    return format_html(
        "{}{}",
        format_html('<ol class="diff-blocks">{}</ol>', _join(entries)) if entries else "",
        format_html_join("", '<p class="muted">{}</p>', ((note,) for note in notes)),
    )


def _block_entry(block: dict, status: str, html: SafeString) -> SafeString:
    return format_html(
        '<li><p class="diff-blocks__label">{} <span class="muted">({})</span></p>{}</li>',
        _block_label(block),
        status,
        _text_block(html),
    )
