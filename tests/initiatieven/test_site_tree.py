from wagtail.models import Site

from initiatieven.models import HomePage, InitiativeIndexPage
from initiatieven.services.site_tree import ensure_site_tree


def test_site_tree_is_created_once(index):
    again = ensure_site_tree()

    assert again.pk == index.pk
    assert HomePage.objects.count() == 1
    assert InitiativeIndexPage.objects.count() == 1
    assert Site.objects.get(is_default_site=True).root_page.specific_class is HomePage
    assert index.url == "/initiatieven/"
