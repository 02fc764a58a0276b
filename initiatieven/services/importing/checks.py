"""Checking one sheet row against the vocabularies, the model and the page it would change."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext as _
from taggit.models import Tag
from wagtail.models import Locale

from initiatieven.limits import SECTION_TEXT_LIMIT
from initiatieven.models import (
    InitiativePage,
    Organisation,
)
from initiatieven.services.importing.report import RowAction, RowError
from initiatieven.services.spreadsheet import (
    COLUMN_FIELDS,
    FIELD_COLUMNS,
    SheetRow,
    split_values,
)
from initiatieven.text import (
    normalise_plain_text,
    plain_text_to_rich_text,
    rich_text_to_plain_text,
)
from search.dutch.folding import fold

VOCABULARY_COLUMNS = {
    FIELD_COLUMNS[name]: model for name, model in InitiativePage.vocabulary_models().items()
}
SINGLE_VALUE_COLUMNS = frozenset(
    FIELD_COLUMNS[name] for name in InitiativePage.SINGLE_VOCABULARY_FIELDS
)
SECTION_COLUMNS = frozenset({"aanleiding", "aanpak", "resultaten", "lessen"})
TEXT_COLUMNS = ("titel", "samenvatting", "plaats", "contactpersoon")
FIRST_YEAR = 1900
ORGANISATION_NAME_LIMIT = Organisation._meta.get_field("name").max_length
KEYWORD_LIMIT = Tag._meta.get_field("name").max_length
# Tree fields are set when the page is added under its parent, not by the sheet.
TREE_FIELDS = ["path", "depth", "numchild", "slug", "url_path"]
_YEAR = re.compile(r"^\d{1,4}(?:\.0+)?$")
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*://", re.IGNORECASE)


class _Vocabulary:
    def __init__(self, model) -> None:
        terms = list(model.objects.for_labels())
        self._by_fold: dict[str, Any] = {}
        # A slug wins over a label that happens to fold to the same text.
        for term in terms:
            self._by_fold.setdefault(fold(term.slug), term)
        for term in terms:
            self._by_fold.setdefault(fold(term.label), term)
        self.allowed = ", ".join(f"{term.slug} ({term.label})" for term in terms)

    def get(self, value: str):
        return self._by_fold.get(fold(value))


class _Organisations:
    """Organisations by folded name; new ones are created on first use and then reused."""

    def __init__(self) -> None:
        self._by_fold: dict[str, Organisation] = {}
        for organisation in Organisation.objects.order_by("name"):
            self._by_fold.setdefault(fold(organisation.name), organisation)
        self._planned: dict[str, str] = {}
        self._created_in_row: list[str] = []
        self.created: list[str] = []

    def existing(self, name: str) -> Organisation | None:
        return self._by_fold.get(fold(name))

    def plan(self, name: str) -> None:
        if self.existing(name) is None:
            self._planned.setdefault(fold(name), name)

    def planned(self) -> list[str]:
        return list(self._planned.values())

    def get_or_create(self, name: str) -> Organisation:
        organisation = self.existing(name)
        if organisation is None:
            organisation = Organisation.objects.create(name=name, kind=Organisation.Kind.OTHER)
            self._by_fold[fold(name)] = organisation
            self._created_in_row.append(name)
        return organisation

    def row_written(self) -> None:
        self.created.extend(self._created_in_row)
        self._created_in_row = []

    def row_rolled_back(self) -> None:
        self._forget(self._created_in_row)
        self._created_in_row = []

    def checkpoint(self) -> int:
        """Where `created` stands, for `roll_back_to` when a whole chunk is rolled back."""
        return len(self.created)

    def roll_back_to(self, checkpoint: int) -> None:
        self._forget(self.created[checkpoint:] + self._created_in_row)
        del self.created[checkpoint:]
        self._created_in_row = []

    def _forget(self, names: list[str]) -> None:
        for name in names:
            self._by_fold.pop(fold(name), None)


class Lookups:
    """What checking rows needs to look up: vocabularies, organisations, and the pages of the
    rows being checked (`read_pages`, a chunk at a time)."""

    def __init__(self) -> None:
        self.vocabularies = {
            column: _Vocabulary(model) for column, model in VOCABULARY_COLUMNS.items()
        }
        self.organisations = _Organisations()
        # Folded key -> page id of every initiative with a key, read once: a key this import
        # adds cannot come again (a later row with it is rejected), so it never needs a look-up.
        # Folded in Python, not with SQL LOWER(), which on SQLite folds only ASCII letters.
        self._page_ids = {
            key_fold(key): pk
            for pk, key in InitiativePage.objects.exclude(key="").values_list("pk", "key")
        }
        self.pages = _PagesByKey()
        # What Wagtail would look up for every new page.
        self.locale = Locale.get_default()

    def read_pages(self, *, keys: list[str]) -> None:
        """The pages of these keys become `pages` (those of earlier chunks are let go)."""
        ids = {
            folded: self._page_ids[folded]
            for folded in {key_fold(key) for key in keys if key}
            if folded in self._page_ids
        }
        by_id = InitiativePage.objects.in_bulk(ids.values())
        self.pages = _PagesByKey({folded: by_id[pk] for folded, pk in ids.items() if pk in by_id})


def key_fold(key: str) -> str:
    """The form in which keys are compared: 'H01' and 'h01' are one key."""
    return key.casefold()


class _PagesByKey(dict):
    """Pages by key, looked up without regard to case."""

    def get(self, key, default=None):
        return super().get(key_fold(key), default)


# --- Checking a row ----------------------------------------------------------------------------


@dataclass
class Plan:
    row: int
    key: str
    action: RowAction
    target: InitiativePage
    page: InitiativePage | None
    content_changed: bool
    organisations: list[str] | None
    keywords: list[str] | None
    # Of a new page: many-to-many field name -> the objects, not set on `target`.
    links: dict[str, list]


class _RowCheck:
    """Collects the cleaned values of one row, field name -> value, and its errors."""

    def __init__(self, row: SheetRow) -> None:
        self.row = row
        self.values: dict[str, Any] = {}
        self.errors: list[RowError] = []

    def cell(self, column: str) -> str | None:
        """The trimmed cell text, or None when the sheet has no such column."""
        value = self.row.values.get(column)
        return None if value is None else value.strip()

    def error(self, column: str, value: str, message: str) -> None:
        self.errors.append(
            RowError(row=self.row.number, column=column, value=value, message=message)
        )

    def set(self, column: str, value: Any) -> None:
        self.values[COLUMN_FIELDS[column]] = value


def plan_row(
    row: SheetRow, *, lookups: Lookups, publish: bool, first_rows: dict[str, tuple[int, str]]
) -> tuple[Plan | None, list[RowError]]:
    check = _RowCheck(row)
    if row.problem:
        check.error("", "", row.problem)
        return None, check.errors
    key = _check_key(check, first_rows)
    _check_texts(check)
    _check_sections(check)
    _check_vocabularies(check, lookups)
    organisations = _check_names(check, "organisaties", ORGANISATION_NAME_LIMIT)
    keywords = _check_names(check, "trefwoorden", KEYWORD_LIMIT)
    _check_start_year(check)
    _check_validated(check, "website", normalise=_web_address)
    _check_validated(check, "contact_email")
    _check_contact_public(check)
    if check.errors:
        return None, check.errors

    page = lookups.pages.get(key)
    if page is not None and page.alias_of_id:
        check.error(
            "sleutel",
            key,
            _(
                "'%(value)s' belongs to an alias page, which follows its original; use the key of "
                "the original page."
            )
            % {"value": key},
        )
        return None, check.errors
    target = (
        page.get_latest_revision_as_object()
        if page
        else InitiativePage(key=key, live=False, locale=lookups.locale)
    )
    # A new page's relations to terms are written with those of its chunk (`links`).
    links: dict[str, list] = {}
    changed = _apply(target, check.values, compare=page is not None, links=links)
    if organisations is not None and (
        page is None or _organisations_differ(target, organisations, lookups)
    ):
        changed = True
    if keywords is not None and (page is None or _keywords_differ(target, keywords)):
        changed = True

    if page is None:
        action = RowAction.CREATED
    elif changed or (publish and (not page.live or page.has_unpublished_changes)):
        action = RowAction.UPDATED
    else:
        action = RowAction.UNCHANGED

    if action != RowAction.UNCHANGED:
        _check_model(check, target, publish=publish)
    if check.errors:
        return None, check.errors
    for name in organisations or []:
        lookups.organisations.plan(name)
    plan = Plan(
        row=row.number,
        key=key,
        action=action,
        target=target,
        page=page,
        content_changed=changed,
        organisations=organisations,
        keywords=keywords,
        links=links,
    )
    return plan, []


def _limit(field_name: str) -> int | None:
    return InitiativePage._meta.get_field(field_name).max_length


def _shorten(value: str, length: int = 60) -> str:
    return value if len(value) <= length else value[: length - 1] + "…"


def _too_long(check: _RowCheck, column: str, value: str, limit: int | None) -> bool:
    if limit is not None and len(value) > limit:
        check.error(
            column,
            value,
            _("'%(value)s' is %(length)s characters long; at most %(limit)s are allowed.")
            % {"value": _shorten(value), "length": len(value), "limit": limit},
        )
        return True
    return False


def _check_key(check: _RowCheck, first_rows: dict[str, tuple[int, str]]) -> str:
    key = check.cell("sleutel") or ""
    if not key:
        check.error("sleutel", "", _("a key is required: it links the row to its page."))
    elif not _too_long(check, "sleutel", key, _limit("key")):
        first = first_rows.get(key_fold(key))
        if first is not None:
            first_row, first_key = first
            message = (
                _("'%(value)s' is already used in row %(first)s; every row needs its own key.")
                if first_key == key
                else _(
                    "'%(value)s' is the key '%(first_key)s' of row %(first)s in other capitals; "
                    "keys do not depend on case, so every row needs a key of its own."
                )
            )
            check.error(
                "sleutel", key, message % {"value": key, "first": first_row, "first_key": first_key}
            )
        else:
            first_rows[key_fold(key)] = (check.row.number, key)
            check.set("sleutel", key)
    return key


def _check_texts(check: _RowCheck) -> None:
    for column in TEXT_COLUMNS:
        value = check.cell(column)
        if value is None:
            continue
        value = value.replace("\r\n", "\n").replace("\r", "\n")
        if column == "titel" and not value:
            check.error(column, "", _("a title is required."))
        elif not _too_long(check, column, value, _limit(COLUMN_FIELDS[column])):
            check.set(column, value)


def _check_sections(check: _RowCheck) -> None:
    for column in SECTION_COLUMNS:
        value = check.cell(column)
        if value is not None:
            value = normalise_plain_text(value)
            if not _too_long(check, column, value, SECTION_TEXT_LIMIT):
                check.set(column, value)


def _check_vocabularies(check: _RowCheck, lookups: Lookups) -> None:
    for column, vocabulary in lookups.vocabularies.items():
        cell = check.cell(column)
        if cell is None:
            continue
        terms, ok = [], True
        for value in split_values(cell):
            term = vocabulary.get(value)
            if term is None:
                ok = False
                check.error(
                    column,
                    value,
                    _("unknown value '%(value)s'. Allowed: %(allowed)s.")
                    % {"value": value, "allowed": vocabulary.allowed},
                )
            elif term not in terms:
                terms.append(term)
        if not ok:
            continue
        if column in SINGLE_VALUE_COLUMNS:
            if len(terms) > 1:
                check.error(
                    column,
                    cell,
                    _("only one value is allowed, found %(count)s: '%(value)s'.")
                    % {"count": len(terms), "value": cell},
                )
            else:
                check.set(column, terms[0] if terms else None)
        else:
            check.set(column, terms)


def _check_names(check: _RowCheck, column: str, limit: int | None) -> list[str] | None:
    cell = check.cell(column)
    if cell is None:
        return None
    names: dict[str, str] = {}
    for name in split_values(cell):
        if not _too_long(check, column, name, limit):
            names.setdefault(fold(name) if column == "organisaties" else name.casefold(), name)
    return list(names.values())


def _check_start_year(check: _RowCheck) -> None:
    value = check.cell("startjaar")
    if value is None:
        return
    if not value:
        check.set("startjaar", None)
        return
    latest = datetime.date.today().year + 5
    year = int(value.split(".")[0]) if _YEAR.match(value) else None
    if year is None or not FIRST_YEAR <= year <= latest:
        check.error(
            "startjaar",
            value,
            _("'%(value)s' is not a year between %(first)s and %(latest)s.")
            % {"value": value, "first": FIRST_YEAR, "latest": latest},
        )
    else:
        check.set("startjaar", year)


def _web_address(value: str) -> str:
    return value if _SCHEME.match(value) else f"https://{value}"


def _check_validated(
    check: _RowCheck, column: str, *, normalise: Callable[[str], str] | None = None
) -> None:
    """A web address or e-mail address, checked by the model field's own validators."""
    cell = check.cell(column)
    if cell is None:
        return
    if not cell:
        check.set(column, "")
        return
    value = normalise(cell) if normalise else cell
    model_field = InitiativePage._meta.get_field(COLUMN_FIELDS[column])
    if _too_long(check, column, value, model_field.max_length):
        return
    try:
        model_field.run_validators(value)
    except ValidationError:
        message = (
            _("'%(value)s' is not a valid web address.")
            if column == "website"
            else _("'%(value)s' is not a valid e-mail address.")
        )
        check.error(column, cell, message % {"value": _shorten(cell)})
    else:
        check.set(column, value)


_BOOLEANS = {
    **dict.fromkeys(("ja", "j", "yes", "y", "true", "waar", "1"), True),
    **dict.fromkeys(("nee", "n", "no", "false", "onwaar", "0", ""), False),
}
WITHHELD_COLUMNS = ("contactpersoon", "contact_email")


def _check_contact_public(check: _RowCheck) -> None:
    """Whether the contact is shown publicly: 'ja' or 'nee' (empty is 'nee').

    Exports for the public leave out a contact that is not public, so an empty contact person
    or e-mail address in a row marked 'nee' keeps what the page has: such an export imported
    again changes nothing.
    """
    cell = check.cell("contact_openbaar")
    if cell is None:
        return
    value = _BOOLEANS.get(fold(cell))
    if value is None:
        check.error(
            "contact_openbaar",
            cell,
            _("'%(value)s' is not 'ja' or 'nee'.") % {"value": _shorten(cell)},
        )
        return
    check.set("contact_openbaar", value)
    if not value:
        for column in WITHHELD_COLUMNS:
            if check.cell(column) == "":
                check.values.pop(COLUMN_FIELDS[column], None)


def _apply(
    target: InitiativePage, values: dict[str, Any], *, compare: bool, links: dict[str, list]
) -> bool:
    """Set the values on `target`; True when something differs from what it had. Of a new page
    (not `compare`), the terms of many-to-many fields go in `links` instead."""
    changed = False
    for name, value in values.items():
        if name in ("organisations", "keywords"):
            continue
        column = FIELD_COLUMNS[name]
        if column in SECTION_COLUMNS:
            if not compare or rich_text_to_plain_text(getattr(target, name)) != value:
                # Only a changed text replaces the HTML: formatting made in the admin survives.
                setattr(target, name, plain_text_to_rich_text(value))
                changed = True
        elif column in VOCABULARY_COLUMNS and column not in SINGLE_VALUE_COLUMNS:
            if not compare:
                links[name] = value
                changed = True
                continue
            manager = getattr(target, name)
            if {term.pk for term in manager.all()} != {term.pk for term in value}:
                manager.set(value)
                changed = True
        elif column in SINGLE_VALUE_COLUMNS:
            if not compare or getattr(target, f"{name}_id") != (value.pk if value else None):
                setattr(target, name, value)
                changed = True
        elif not compare or _comparable(getattr(target, name)) != value:
            setattr(target, name, value)
            if name == "title":
                target.draft_title = value
            changed = True
    return changed


def _comparable(value: Any) -> Any:
    """Stored text as the sheet gives it: trimmed, with '\n' line ends (the admin saves '\r\n')."""
    if isinstance(value, str):
        return value.replace("\r\n", "\n").replace("\r", "\n").strip()
    return value


def _organisations_differ(target: InitiativePage, names: list[str], lookups: Lookups) -> bool:
    wanted = [lookups.organisations.existing(name) for name in names]
    if any(organisation is None for organisation in wanted):
        return True
    return {o.pk for o in target.organisations.all()} != {o.pk for o in wanted}


def _keywords_differ(target: InitiativePage, names: list[str]) -> bool:
    current = {tag.name.casefold() for tag in target.keywords.all()}
    return current != {name.casefold() for name in names}


def _check_model(check: _RowCheck, target: InitiativePage, *, publish: bool) -> None:
    """The model's own validation; a draft, like in the admin, may still lack required fields."""
    if publish and not rich_text_to_plain_text(target.approach):
        check.error(
            "aanpak",
            check.cell("aanpak") or "",
            _(
                "a published initiative needs its approach; fill in 'aanpak' or import without "
                "--publish to create a draft."
            ),
        )
        return
    try:
        # Vocabularies were found in `lookups` and the key checked against every page; the
        # content type and locale are Wagtail's own: no query per relation and constraint again
        # (the database still enforces them).
        target.full_clean(
            exclude=[
                *TREE_FIELDS,
                *InitiativePage.SINGLE_VOCABULARY_FIELDS,
                "content_type",
                "locale",
            ],
            validate_unique=False,
            validate_constraints=False,
        )
    except ValidationError as error:
        errors = error.error_dict if hasattr(error, "error_dict") else {NON_FIELD_ERRORS: [error]}
        for name, problems in errors.items():
            column = FIELD_COLUMNS.get(name, "")
            for problem in problems:
                if not publish and (not column or problem.code in ("blank", "required")):
                    continue
                text = " ".join(problem.messages)
                if not column and name != NON_FIELD_ERRORS:
                    text = f"{InitiativePage._meta.get_field(name).verbose_name}: {text}"
                check.error(column, (check.cell(column) or "") if column else "", text)
