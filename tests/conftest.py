import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache

from initiatieven.services.site_tree import ensure_site_tree
from tests.factories import create_initiative


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.WAGTAILADMIN_BASE_URL = "http://testserver"
    settings.ELASTICSEARCH_URL = ""  # engine tests opt in, see tests/search/conftest.py
    cache.clear()  # cached vocabulary versions must not outlive a test's rolled-back rows


@pytest.fixture
def index(db):
    """The initiatives index under the home page, the home page being the default site root."""
    return ensure_site_tree()


@pytest.fixture
def home(index):
    return index.get_parent().specific


@pytest.fixture
def initiative(index):
    return create_initiative(index)


@pytest.fixture
def admin_user(db):
    return get_user_model().objects.create_superuser(
        "beheerder", "beheer@example.org", "geheim-123"
    )
