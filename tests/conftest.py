import os

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import caches
from django.db import connections
from xdist.scheduler import LoadGroupScheduling

from initiatieven.services.site_tree import ensure_site_tree
from tests.factories import create_initiative

# Under pytest-xdist (`make test`) each worker has an Elasticsearch index prefix of its own, in
# its settings and in the environment of the processes its tests start; pytest-django gives each
# worker its own test database the same way.
if _worker := os.environ.get("PYTEST_XDIST_WORKER"):
    os.environ["SEARCH_INDEX_PREFIX"] = (
        f"{os.environ.get('SEARCH_INDEX_PREFIX', 'kennisbank_')}{_worker}_"
    )

# Under pytest-xdist (`make test`: `-n auto --dist loadgroup`) the tests of these folders run
# one after another in one worker, beside the other workers: one Chromium at a time, as on the
# two-core machine the browser tests were written for; one production topology (servers, a
# PostgreSQL a test stops, fixed index prefixes) at a time, its fixtures made once. Grouped by
# folder, not by the xdist_group mark: with pytest 9.2 xdist 3.8 ignores that mark
# (pytest-dev/pytest-xdist#1386); a test marked so is still grouped when xdist honours it.
SERIAL_FOLDERS = ("tests/browser/", "tests/production/")


class _FolderGroupScheduling(LoadGroupScheduling):
    def _split_scope(self, nodeid: str) -> str:
        group = super()._split_scope(nodeid)
        if group != nodeid:
            return group
        return next((folder for folder in SERIAL_FOLDERS if nodeid.startswith(folder)), nodeid)


@pytest.hookimpl(tryfirst=True, optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    if config.getvalue("dist") == "loadgroup":
        return _FolderGroupScheduling(config, log)
    return None


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.SEARCH_INDEX_PREFIX = os.environ.get("SEARCH_INDEX_PREFIX", "kennisbank_")
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.WAGTAILADMIN_BASE_URL = "http://testserver"
    settings.ELASTICSEARCH_URL = ""  # engine tests opt in, see tests/search/conftest.py
    # Tests ask the API far faster than a person; tests/test_api.py checks the limit itself.
    settings.API_RATE_LIMIT = "100000/minute"
    settings.SUGGESTIONS_RATE_LIMIT = "100000/minute"
    # Each test a cache of its own in memory (tests/security/test_shared_limits.py uses the
    # database cache, as production does).
    settings.CACHES = {
        alias: {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": alias}
        for alias in ("default", "renditions", "pages", "claims")
    }
    # Cached vocabulary versions and renditions must not outlive a test's rolled-back rows.
    for alias in ("default", "renditions", "pages", "claims"):
        caches[alias].clear()


@pytest.fixture(autouse=True)
def _fresh_elasticsearch_breakers():
    """Each test starts with Elasticsearch's circuit breakers closed: a failure (a closed port,
    a timeout on a busy machine) must not turn later tests' searches to the database."""
    from search.engines import es_index

    es_index.forget_clients()


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


@pytest.fixture(scope="session", autouse=True)
def _migration_data_after_flush(django_db_setup, django_db_blocker, django_db_keepdb):
    """Put back what the migrations created once the transactional tests are done.

    Live-server tests run in real transactions and end with a flush that empties every table;
    `serialized_rollback` reloads the migrations' rows (root page, default site, groups,
    workflows, vocabularies) before each such test but not after the last one. A database kept
    with --reuse-db (PostgreSQL) would then start the next run empty."""
    yield
    if not django_db_keepdb:
        return
    with django_db_blocker.unblock():
        for connection in connections.all():
            contents = getattr(connection, "_test_serialized_contents", None)
            in_memory = connection.vendor == "sqlite" and connection.is_in_memory_db()
            if contents and not in_memory:
                connection.creation.deserialize_db_from_string(contents)


@pytest.fixture
def background_tasks(settings):
    """Tasks wait in the database for `manage.py worker`, as in production (TASKS_BACKEND=
    database), and e-mail goes through the queue to the test mailbox."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.EMAIL_BACKEND = "kennisbank.mail.QueuedEmailBackend"
    settings.EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
