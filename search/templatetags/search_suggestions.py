import json

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

register = template.Library()

COUNT_PLACEHOLDER = "{count}"


@register.simple_tag
def suggest_attributes() -> SafeString:
    """The attributes that make a search box suggest while typing (static/js/suggestions.js):
    where to ask, and the Dutch texts of the list and its announcements."""
    announcement = "%(count)s suggestion; choose with the arrow keys."
    announcements = "%(count)s suggestions; choose with the arrow keys."
    texts = {
        "label": _("Suggestions"),
        "groups": {
            "thema": _("Themes"),
            "provincie": _("Provinces"),
            "organisatie": _("Organisations"),
            "initiatief": _("Initiatives"),
        },
        "one": ngettext(announcement, announcements, 1) % {"count": 1},
        "many": ngettext(announcement, announcements, 2) % {"count": COUNT_PLACEHOLDER},
        "none": _("No suggestions."),
    }
    return format_html(
        'data-suggest="{}" data-suggest-texts="{}"',
        reverse("search_suggestions_api"),
        json.dumps(texts, ensure_ascii=False),
    )
