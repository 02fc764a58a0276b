"""Search documents: what both engines index for an initiative."""

import pytest

from initiatieven.models import InitiativePage, Organisation, Sector
from search.documents import batches, document_for, documents_for
from tests.factories import create_initiative

pytestmark = pytest.mark.django_db


def test_bulk_documents_equal_single_documents(index, django_assert_max_num_queries):
    first = create_initiative(
        index, title="Leerwerkplaats Delft", themes=["leren-en-werken"], keywords=["stage"]
    )
    first.sectors.set(Sector.objects.all()[:2])
    first.organisations.set(
        [Organisation.objects.create(name=name) for name in ("ROC Delft", "Zorggroep Delft")]
    )
    first.save_revision().publish()
    second = create_initiative(index, title="Ervaringsdeskundigen in de klas")
    pages = list(
        InitiativePage.objects.filter(pk__in=[first.pk, second.pk])
        .select_related("province", "phase")
        .order_by("pk")
    )

    # One query per relation, however many pages.
    with django_assert_max_num_queries(6):
        bulk = documents_for(pages)

    assert bulk == [document_for(page) for page in pages]
    assert "ROC Delft" in bulk[0].extra
    assert [term["slug"] for term in bulk[0].facets["themes"]] == ["leren-en-werken"]


def test_batches_keep_every_item_in_order():
    assert list(batches(range(7), 3)) == [[0, 1, 2], [3, 4, 5], [6]]
    assert list(batches([], 3)) == []
