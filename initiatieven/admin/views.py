"""JSON views behind the organisation picker of the initiative editor (under /beheer/)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import HttpRequest, JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from initiatieven.services.organisations import find_or_create_organisation, find_organisations

MAX_QUERY_LENGTH = 100


def _denied() -> JsonResponse:
    return JsonResponse({"error": _("You may not do this.")}, status=403)


@require_GET
def organisation_search(request: HttpRequest) -> JsonResponse:
    """`?q=` -> up to ten matching organisations, and whether this user may add a new one."""
    if not request.user.has_perm("initiatieven.view_organisation"):
        return _denied()
    query = request.GET.get("q", "")[:MAX_QUERY_LENGTH]
    matches = find_organisations(query=query)
    return JsonResponse(
        {
            "results": [{"id": m.id, "name": m.name, "place": m.place} for m in matches],
            "can_create": request.user.has_perm("initiatieven.add_organisation"),
        }
    )


@require_POST
def organisation_create(request: HttpRequest) -> JsonResponse:
    """POST `name` -> the organisation with that name, added when it did not exist yet."""
    if not request.user.has_perm("initiatieven.add_organisation"):
        return _denied()
    try:
        organisation, created = find_or_create_organisation(
            name=request.POST.get("name", ""), user=request.user
        )
    except ValidationError as error:
        return JsonResponse({"error": " ".join(error.messages)}, status=400)
    return JsonResponse(
        {
            "id": organisation.pk,
            "name": organisation.name,
            "place": organisation.place,
            "created": created,
        },
        status=201 if created else 200,
    )
