"""`/zoeken/export.csv` and `/zoeken/export.xlsx`: what `/zoeken/` finds with the same
parameters, every match in its order, as a sheet that `import_initiatives` reads back."""

from __future__ import annotations

from django.http import Http404, JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from initiatieven.downloads import csv_download, xlsx_download
from search import collection_pages, collections
from search.exports import SearchSelection, search_selection
from search.views import invalid_parameters


@require_GET
def export_csv(request):
    selection = search_selection(request.GET)
    if selection.problems:
        return _bad_request(selection)
    return _with_totals(csv_download(page_ids=selection.page_ids), selection)


@require_GET
def export_xlsx(request):
    selection = search_selection(request.GET)
    if selection.problems:
        return _bad_request(selection)
    return _with_totals(xlsx_download(page_ids=selection.page_ids), selection)


def _with_totals(response, selection: SearchSelection):
    response["X-Export-Total"] = str(selection.total)
    response["X-Export-Limit"] = str(selection.limit)
    if selection.cut:
        response["X-Export-Cut"] = _(
            "This download holds the first %(limit)s of %(total)s results."
        ) % {"limit": selection.limit, "total": selection.total}
    return response


def _bad_request(selection: SearchSelection) -> JsonResponse:
    return invalid_parameters(selection.problems)


@require_GET
def export_collection(request, slug: str, file_format: str):
    """`/collecties/<slug>/export.csv` (or `.xlsx`): a live collection's initiatives in its
    order."""
    collection = collections.live_collection(slug)
    if collection is None:
        raise Http404(_("No such collection."))
    return collection_pages.download(collection, file_format)
