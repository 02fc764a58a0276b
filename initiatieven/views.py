"""Public pages that list the vocabularies with their own page (themes and provinces); each
theme's and province's page is a search listing (`search.term_views`)."""

from __future__ import annotations

from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from initiatieven import queries


def theme_list(request):
    return TemplateResponse(
        request,
        "initiatieven/term_list.html",
        {
            "title": _("Themes"),
            "intro": _(
                "The themes the renewal movement works on. Choose one to see its initiatives."
            ),
            "terms": queries.themes_with_counts(),
        },
    )


def province_list(request):
    return TemplateResponse(
        request,
        "initiatieven/term_list.html",
        {
            "title": _("Provinces"),
            "intro": _("Initiatives by province. 'Landelijk' gathers those that work nationwide."),
            "terms": queries.provinces_with_counts(),
        },
    )
