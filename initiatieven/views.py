"""Public pages for the vocabularies that have their own page: themes and provinces."""

from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from initiatieven import queries
from initiatieven.models import Province, Theme
from initiatieven.models.pages import paginate


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


def theme_detail(request, slug: str):
    theme = get_object_or_404(Theme, slug=slug)
    initiatives = queries.initiative_cards().filter(themes=theme)
    return _term_detail(request, theme, initiatives, _("Themes"), reverse("theme_list"))


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


def province_detail(request, slug: str):
    province = get_object_or_404(Province, slug=slug)
    initiatives = queries.initiative_cards().filter(province=province)
    return _term_detail(request, province, initiatives, _("Provinces"), reverse("province_list"))


def _term_detail(request, term, initiatives, parent_title: str, parent_url: str):
    return TemplateResponse(
        request,
        "initiatieven/term_detail.html",
        {
            "term": term,
            "breadcrumbs": [
                {"title": _("Home"), "url": "/"},
                {"title": parent_title, "url": parent_url},
            ],
            "initiatives": paginate(request, initiatives),
        },
    )
