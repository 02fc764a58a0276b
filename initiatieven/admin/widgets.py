"""Widgets of the initiative editor: every option of a short list visible at once, a
search-as-you-type picker for organisations that can add a missing one in place, and Wagtail's
choosers with a Content-Security-Policy nonce on their inline script."""

from __future__ import annotations

import json

from django import forms
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from wagtail.admin.widgets import AdminPageChooser
from wagtail.images.widgets import AdminImageChooser


class ChoiceList(forms.RadioSelect):
    """Radio buttons in columns: all values of a short vocabulary in view, keyboard-friendly."""

    def __init__(self, attrs=None, choices=()):
        super().__init__({"class": "kb-choice-list", **(attrs or {})}, choices)

    class Media:
        css = {"all": ["css/editor_form.css"]}


class OrganisationPicker(forms.SelectMultiple):
    """A multiple select that static/js/organisation_picker.js turns into a combobox: type a
    few letters, pick from the matches, or add a new organisation with the typed name. The
    select stays the form's field, so the chosen organisations post as before."""

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["attrs"].update(
            {
                "data-organisation-picker": "",
                "data-search-url": reverse("kennisbank_organisation_search"),
                "data-create-url": reverse("kennisbank_organisation_create"),
                "data-texts": json.dumps(self.texts()),
            }
        )
        return context

    @staticmethod
    def texts() -> dict[str, str]:
        """What the picker says, translated here; `%s` is a name, `%d` a number."""
        return {
            "placeholder": _("Type to search…"),
            "chosen": _("Chosen organisations"),
            "none_chosen": _("No organisation chosen yet."),
            "remove": _("Remove %s"),
            "new": _("Add new organisation ‘%s’"),
            "added": _("%s added."),
            "created": _("New organisation %s created and added."),
            "removed": _("%s removed."),
            "found": _("%d found. Use the arrow keys to choose."),
            "not_found": _("No organisation found."),
            "error": _("Something went wrong; try again."),
        }

    class Media:
        css = {"all": ["css/editor_form.css"]}
        js = ["js/organisation_picker.js"]


_JS_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


class NonceChooserMixin:
    """Wagtail's chooser widgets set themselves up with an inline script that carries no
    nonce (`BaseChooser.render`; Wagtail has no CSP nonce support, wagtail issues 1288 and
    7053). This renders the same markup and script, with the request's CSP nonce (the
    template's `{% csp_nonce %}`, as in the other Wagtail templates under templates/)."""

    template_with_nonce = "wagtailadmin/widgets/chooser_with_nonce.html"

    def render(self, name, value, attrs=None, renderer=None):
        if not attrs or "id" not in attrs:
            raise TypeError("A chooser cannot be rendered without an 'id' attribute")
        value_data = self.get_value_data(value)
        script = self.render_js_init(attrs["id"], name, value_data).translate(_JS_ESCAPES)
        context = {
            "html": self.render_html(name, value_data, attrs),
            "script": mark_safe(script),  # noqa: S308 (JSON from Wagtail, with <, > and & escaped)
        }
        return self._render(self.template_with_nonce, context, renderer)


class ImageChooser(NonceChooserMixin, AdminImageChooser):
    pass


class PageChooser(NonceChooserMixin, AdminPageChooser):
    pass
