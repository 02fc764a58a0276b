"""Editor forms that answer tampered or damaged posts with a message instead of a server error.

Wagtail's own widgets trust what the editor's JavaScript sends: rich text must be Draftail's
JSON, a StreamField needs its `-count`, `-order` and `-type` fields, a chooser a number, and a
modelcluster formset a numeric id for each existing row. Anything else raises deep inside
Wagtail (a 500) while the form is read or shown again. Here such a field is read as empty and
the form gets an error, so the editor shows the form with a message and nothing is saved.
The revision ids Wagtail's edit views read straight from the request are checked in a hook
(`damaged_revision_fields`). No upstream issue found for these; Wagtail assumes its own forms.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from django import forms
from django.core.exceptions import ValidationError
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

UNREADABLE = _(
    "This field arrived in a form the editor cannot read. Reload the page and make your "
    "change again."
)
DAMAGED_FORMSET = _(
    "The form arrived damaged: a row of ‘%(name)s’ is not one the editor knows. Reload the "
    "page and make your change again."
)
DAMAGED_REVISION = _(
    "The form arrived with an invalid version number. Reload the page and make your change again."
)

# What Wagtail's parsing raises on input its JavaScript would never send.
_PARSE_ERRORS = (ValueError, TypeError, KeyError, AttributeError, IndexError, ValidationError)
_DIGITS = re.compile(r"[0-9]+")
REVISION_FIELDS = ("overwrite_revision_id", "loaded_revision_id")


def _is_id(value) -> bool:
    return isinstance(value, int) or (isinstance(value, str) and bool(_DIGITS.fullmatch(value)))


def repair_formset_ids(data: QueryDict) -> tuple[QueryDict, list[str]]:
    """`data` with each non-numeric id of an existing formset row blanked (modelcluster would
    raise on it), and the formsets that had one."""
    bad: dict[str, list[str]] = {}
    prefixes = [key.removesuffix("-TOTAL_FORMS") for key in data if key.endswith("-TOTAL_FORMS")]
    for prefix in prefixes:
        pattern = re.compile(rf"{re.escape(prefix)}-[0-9]+-id")
        keys = [key for key in data if pattern.fullmatch(key)]
        keys = [key for key in keys if data[key] and not _is_id(data[key])]
        if keys:
            bad[prefix] = keys
    if not bad:
        return data, []
    data = data.copy()
    for keys in bad.values():
        for key in keys:
            data[key] = ""
    return data, list(bad)


def _guard_field(field: forms.Field, fallback: Callable[[], object], *, chooser: bool) -> None:
    """Read an unreadable value of `field` as `fallback()` and make its clean() fail."""
    widget = field.widget
    read = widget.value_from_datadict
    clean = field.clean
    state = {"unreadable": False}

    def value_from_datadict(data, files, name):
        try:
            value = read(data, files, name)
        except _PARSE_ERRORS:
            state["unreadable"] = True
            return fallback()
        if chooser and value not in (None, "") and not _is_id(value):
            state["unreadable"] = True
            return fallback()
        return value

    def guarded_clean(value):
        if state["unreadable"]:
            raise ValidationError(UNREADABLE, code="unreadable")
        return clean(value)

    widget.value_from_datadict = value_from_datadict
    field.clean = guarded_clean


def guard_form(form: forms.BaseForm) -> None:
    """Guard the rich text, StreamField and chooser fields of `form` and of its formsets'
    forms (nested too, such as comment replies)."""
    # Imported here: this module loads with the page models, before Wagtail's admin can.
    from wagtail.admin.rich_text import DraftailRichTextArea
    from wagtail.admin.widgets.chooser import BaseChooser
    from wagtail.blocks.base import BlockWidget

    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, DraftailRichTextArea):
            _guard_field(field, str, chooser=False)
        elif isinstance(widget, BlockWidget):
            _guard_field(field, widget.block_def.get_default, chooser=False)
        elif isinstance(widget, BaseChooser):
            _guard_field(field, lambda: None, chooser=True)
    for formset in getattr(form, "formsets", {}).values():
        for child in formset.forms:
            guard_form(child)


def damaged_revision_fields(data: QueryDict) -> bool:
    """Whether the revision ids Wagtail's edit view reads from the post are not numbers."""
    return any(data.get(name) and not _is_id(data.get(name)) for name in REVISION_FIELDS)


class TamperProofForm(forms.BaseForm):
    """Mixin for the editor's page forms: damaged formset rows and unreadable rich text,
    StreamField or chooser values become form errors."""

    def __init__(self, data=None, *args, **kwargs):
        self._damaged_formsets: list[str] = []
        if data is not None:
            data, self._damaged_formsets = repair_formset_ids(data)
        super().__init__(data, *args, **kwargs)
        guard_form(self)

    def clean(self):
        cleaned_data = super().clean()
        for prefix in self._damaged_formsets:
            self.add_error(None, DAMAGED_FORMSET % {"name": prefix})
        return cleaned_data
