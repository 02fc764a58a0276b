from django import template
from django.urls import reverse

from search import exports
from search.interface import SearchResponse

register = template.Library()


@register.inclusion_tag("search/export_links.html")
def search_export_links(search: SearchResponse) -> dict:
    """Links that download every result of `search` (its valid parameters, no page)."""
    parameters = exports.export_parameters(search.query)
    suffix = f"?{parameters}" if parameters else ""
    return {
        "csv_url": reverse("search_export_csv") + suffix,
        "xlsx_url": reverse("search_export_xlsx") + suffix,
        "total": search.total,
        "limit": exports.MAX_EXPORT_ROWS,
        "cut": search.total > exports.MAX_EXPORT_ROWS,
    }
