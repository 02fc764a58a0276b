"""Two people save the same initiative at the same moment: exactly one save wins, the other
gets the conflict page, and no change is lost. Real threads, real database connections."""

from __future__ import annotations

import os
import threading
import time

import pytest
from django.db import connections
from django.db.models.signals import post_save
from django.test import Client
from django.urls import reverse
from wagtail.models import Revision

from initiatieven.models import InitiativePage
from initiatieven.roles import MODERATOR_GROUP
from tests.accounts.test_edit_conflicts import edit_url, latest, opened_form
from tests.factories import create_initiative, create_user, edit_form

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

# How long the first save waits inside its transaction, after writing its revision and before
# committing: long enough that the other request has certainly read the page by then.
SLOW_SAVE_SECONDS = 0.5


@pytest.fixture(autouse=True)
def _connections_per_thread():
    connection = connections["default"]
    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        reason = "in-memory SQLite shares one connection between threads; set SQLITE_TEST_FILE"
        if os.environ.get("KENNISBANK_REQUIRE_SERVICES") == "1":
            pytest.fail(reason)
        pytest.skip(reason)


@pytest.fixture
def slow_first_revision():
    """The first revision saved in the test waits before its transaction commits."""
    first = threading.Lock()

    def wait(sender, instance, created, **kwargs):
        if created and first.acquire(blocking=False):
            time.sleep(SLOW_SAVE_SECONDS)

    post_save.connect(wait, sender=Revision, dispatch_uid="slow-first-revision")
    yield
    post_save.disconnect(sender=Revision, dispatch_uid="slow-first-revision")


def post_at_once(posts: list[tuple], url: str) -> list[int]:
    """Posts each (client, form[, address]) from its own thread, all released at the same
    instant, to its own address or else to `url`."""
    barrier = threading.Barrier(len(posts))
    statuses: list[int | Exception] = [0] * len(posts)

    def run(number: int, client: Client, data: dict, address: str | None = None) -> None:
        try:
            barrier.wait(timeout=10)
            statuses[number] = client.post(address or url, data).status_code
        except Exception as error:  # reported below with the others
            statuses[number] = error
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=run, args=(number, *post)) for number, post in enumerate(posts)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert all(isinstance(status, int) for status in statuses), statuses
    return statuses


@pytest.mark.parametrize("action", ["save", "publish"])
def test_of_two_simultaneous_saves_one_wins_and_the_other_sees_the_conflict(
    index, slow_first_revision, action
):
    page = create_initiative(index, summary="Zoals het was.")
    editors = [create_user(groups=[MODERATOR_GROUP]) for _ in range(2)]
    clients = []
    for editor in editors:
        client = Client()
        client.force_login(editor)
        clients.append(client)
    extra = {"action-publish": "publish"} if action == "publish" else {}
    summaries = ["Wijziging van de eerste.", "Wijziging van de tweede."]
    posts = [
        (client, {**edit_form(page, summary=summary), **opened_form(client, page), **extra})
        for client, summary in zip(clients, summaries, strict=True)
    ]
    revisions_before = Revision.page_revisions.filter(object_id=str(page.pk)).count()

    statuses = post_at_once(posts, edit_url(page))

    assert sorted(statuses) == [302, 409]
    winner = summaries[statuses.index(302)]
    assert latest(page).as_object().summary == winner
    assert Revision.page_revisions.filter(object_id=str(page.pk)).count() == revisions_before + 1
    if action == "publish":
        assert InitiativePage.objects.get(pk=page.pk).summary == winner


def test_a_rollback_and_a_save_at_the_same_moment_do_not_both_win(index, slow_first_revision):
    page = create_initiative(index, summary="De eerste versie.")
    first = page.get_latest_revision()
    page.summary = "Een latere versie."
    page.save_revision().publish()
    clients = []
    for _ in range(2):
        client = Client()
        client.force_login(create_user(groups=[MODERATOR_GROUP]))
        clients.append(client)
    revert_url = reverse("wagtailadmin_pages:revisions_revert", args=(page.pk, first.pk))
    rollback = {**edit_form(page, summary="De eerste versie."), **opened_form(clients[0], page)}
    save = {**edit_form(page, summary="Een nieuwe versie."), **opened_form(clients[1], page)}
    revisions_before = Revision.page_revisions.filter(object_id=str(page.pk)).count()

    statuses = post_at_once(
        [(clients[0], rollback, revert_url), (clients[1], save, None)], edit_url(page)
    )

    assert sorted(statuses) == [302, 409]
    assert Revision.page_revisions.filter(object_id=str(page.pk)).count() == revisions_before + 1
