import pytest

from initiatieven.roles import CONTRIBUTOR_GROUP, MODERATOR_GROUP
from tests.factories import create_user


@pytest.fixture
def contributor(index):
    """A Bijdrager: signed up and confirmed, with the roles attached to the index."""
    return create_user(groups=[CONTRIBUTOR_GROUP], first_name="Anna", last_name="de Vries")


@pytest.fixture
def moderator(index):
    return create_user(groups=[MODERATOR_GROUP], first_name="Ruud", last_name="Redacteur")


@pytest.fixture
def contributor_client(client, contributor):
    client.force_login(contributor)
    return client


@pytest.fixture
def moderator_client(client, moderator):
    client.force_login(moderator)
    return client
