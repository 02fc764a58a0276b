"""The roles, what each may do in the editor, and the contributor's reduced menu."""

import re

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import GroupApprovalTask, GroupPagePermission, WorkflowPage

from initiatieven.models import Province
from initiatieven.roles import (
    CONTRIBUTOR_GROUP,
    MODERATOR_GROUP,
    TASK_NAME,
    WORKFLOW_NAME,
    ensure_roles,
)
from tests.factories import create_initiative

pytestmark = pytest.mark.django_db


def permission_names(group_name: str) -> set[str]:
    group = Group.objects.get(name=group_name)
    return {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.all()}


def page_permission_names(group_name: str, page) -> set[str]:
    return set(
        GroupPagePermission.objects.filter(group__name=group_name, page=page).values_list(
            "permission__codename", flat=True
        )
    )


def test_migration_creates_the_groups_and_the_workflow(db):
    assert permission_names(CONTRIBUTOR_GROUP) == {
        "wagtailadmin.access_admin",
        "initiatieven.add_organisation",
        "initiatieven.change_organisation",
        "initiatieven.view_organisation",
    }
    moderator = permission_names(MODERATOR_GROUP)
    assert permission_names(CONTRIBUTOR_GROUP) < moderator
    assert {
        "initiatieven.add_theme",
        "initiatieven.change_province",
        "kennisbank_search.add_synonymgroup",
        "kennisbank_search.delete_synonymgroup",
    } <= moderator
    assert "initiatieven.add_province" not in moderator
    assert not any(name.startswith("wagtailusers.") for name in moderator)
    task = GroupApprovalTask.objects.get(name=TASK_NAME)
    assert list(task.groups.values_list("name", flat=True)) == [MODERATOR_GROUP]
    assert task.workflows.get().name == WORKFLOW_NAME


def test_the_index_gets_page_permissions_and_the_workflow_once(index):
    ensure_roles()
    ensure_roles()

    assert page_permission_names(CONTRIBUTOR_GROUP, index) == {"add_page", "change_page"}
    assert page_permission_names(MODERATOR_GROUP, index) == {
        "add_page",
        "change_page",
        "publish_page",
        "lock_page",
        "unlock_page",
    }
    assert GroupPagePermission.objects.filter(page=index).count() == 7
    assert WorkflowPage.objects.get(page=index).workflow.name == WORKFLOW_NAME
    assert Group.objects.filter(name__in=[CONTRIBUTOR_GROUP, MODERATOR_GROUP]).count() == 2


def test_roles_never_take_away_what_an_administrator_granted(index):
    group = Group.objects.get(name=CONTRIBUTOR_GROUP)
    extra = Group.objects.get(name=MODERATOR_GROUP).permissions.get(codename="add_theme")
    group.permissions.add(extra)

    ensure_roles()

    assert "initiatieven.add_theme" in permission_names(CONTRIBUTOR_GROUP)


def test_contributor_edits_initiatives_but_publishes_moves_and_deletes_nothing(
    index, initiative, contributor
):
    perms = initiative.permissions_for_user(contributor)

    assert perms.can_edit()
    assert not perms.can_publish()
    assert not perms.can_unpublish()
    assert not perms.can_delete()
    assert not perms.can_move()
    assert not perms.can_lock()
    assert perms.can_submit_for_moderation()


def test_contributor_adds_under_the_index_but_leaves_other_pages_alone(index, home, contributor):
    index_perms = index.permissions_for_user(contributor)

    assert index_perms.can_add_subpage()
    assert not index_perms.can_edit()
    assert not index_perms.can_delete()
    assert not home.permissions_for_user(contributor).can_edit()
    assert not home.permissions_for_user(contributor).can_add_subpage()


def test_contributor_deletes_only_their_own_never_published_drafts(index, contributor):
    own_draft = create_initiative(index, publish=False, owner=contributor)
    other_draft = create_initiative(index, publish=False)

    assert own_draft.permissions_for_user(contributor).can_delete()
    assert not other_draft.permissions_for_user(contributor).can_delete()


def test_moderator_publishes_unpublishes_locks_and_deletes_initiatives(
    index, initiative, moderator
):
    perms = initiative.permissions_for_user(moderator)

    assert perms.can_publish()
    assert perms.can_unpublish()
    assert perms.can_lock()
    assert perms.can_unlock()
    assert perms.can_delete()
    assert index.permissions_for_user(moderator).can_edit()
    assert not index.permissions_for_user(moderator).can_delete()  # no bulk delete


@pytest.mark.parametrize(
    "url",
    [
        reverse("wagtailusers_users:index"),
        reverse("wagtailusers_groups:index"),
        reverse("wagtailsites:index"),
        reverse("wagtailadmin_workflows:index"),
        reverse("wagtailsnippets_initiatieven_theme:add"),
        reverse("wagtailsnippets_initiatieven_province:list"),
        reverse("wagtailsnippets_kennisbank_search_synonymgroup:list"),
        reverse("wagtailsnippets_kennisbank_search_synonymgroup:add"),
        reverse("wagtaildocs:index"),
    ],
)
def test_contributor_is_kept_out_of_users_settings_vocabularies_and_synonyms(
    contributor_client, url
):
    response = contributor_client.get(url)

    assert response.status_code in {302, 403}
    if response.status_code == 302:
        assert response["Location"] == reverse("wagtailadmin_home")


def test_contributor_may_add_organisations_images_and_initiatives(contributor_client, index):
    organisation_add = reverse("wagtailsnippets_initiatieven_organisation:add")
    assert contributor_client.get(organisation_add).status_code == 200
    assert contributor_client.get(reverse("wagtailimages:add")).status_code == 200
    add_url = reverse("wagtailadmin_pages:add", args=("initiatieven", "initiativepage", index.pk))
    assert contributor_client.get(add_url).status_code == 200
    edit_index = contributor_client.get(reverse("wagtailadmin_pages:edit", args=(index.pk,)))
    assert edit_index.status_code in {302, 403}


def test_moderator_polishes_vocabularies_and_synonyms(moderator_client):
    province = Province.objects.get(slug="utrecht")
    edit_url = reverse("wagtailsnippets_initiatieven_province:edit", args=(province.pk,))

    theme_add = reverse("wagtailsnippets_initiatieven_theme:add")
    synonyms = reverse("wagtailsnippets_kennisbank_search_synonymgroup:list")
    province_add = reverse("wagtailsnippets_initiatieven_province:add")

    assert moderator_client.get(edit_url).status_code == 200
    assert moderator_client.get(theme_add).status_code == 200
    assert moderator_client.get(synonyms).status_code == 200
    assert moderator_client.get(province_add).status_code in {302, 403}


def menu_names(html: str) -> set[str]:
    """Names of the items in the editor's sidebar (rendered from JSON props)."""
    start = html.index('id="wagtail-sidebar-props"')
    props = html[start : html.index("</script>", start)]
    return set(re.findall(r'"name": "([^"]+)"', props))


def test_contributor_menu_lacks_reports_settings_and_help(contributor_client, index):
    names = menu_names(contributor_client.get(reverse("wagtailadmin_home")).content.decode())

    assert {"explorer", "images"} <= names
    assert not names & {"reports", "settings", "help", "documents"}


def test_moderator_menu_keeps_reports(moderator_client, index):
    names = menu_names(moderator_client.get(reverse("wagtailadmin_home")).content.decode())

    assert {"explorer", "images", "reports", "documents"} <= names
