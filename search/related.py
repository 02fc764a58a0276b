"""'Vergelijkbare initiatieven' on an initiative's page, found by the search engine."""

from __future__ import annotations

from initiatieven.models import InitiativePage
from initiatieven.queries import with_card_fields
from search.engines import get_engine

RELATED_LIMIT = 3


def related_initiatives(page: InitiativePage, *, limit: int = RELATED_LIMIT) -> list:
    """The live initiatives most like `page`, as cards, most alike first (bounded queries:
    the engine's ids, then the cards of those). Like search results, they are what the engine
    holds as live and public, which it keeps in step with every publication and restriction."""
    ids = get_engine().related(page.pk, limit=limit)
    if not ids:
        return []
    cards = with_card_fields(InitiativePage.objects.live().filter(pk__in=ids)).in_bulk()
    return [cards[pk] for pk in ids if pk in cards]
