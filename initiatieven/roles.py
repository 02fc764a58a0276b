"""The roles of Kennisbank and the moderation workflow, created idempotently.

They belong to the content model: its page permissions and forms ask `is_moderator`, and the
groups hold permissions on its pages and snippets. Accounts (sign-up) only puts people in them.

Visitors are anonymous. A *Bijdrager* (contributor) signed up and confirmed their e-mail
address; a *Redacteur* (moderator) reviews and publishes; an administrator is a Django
superuser. `ensure_roles()` runs from a data migration (with the migration's historical models)
and again from `ensure_site_tree()`, because the initiatives index that carries the page
permissions and the workflow may only be created after the migrations ran.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.apps import apps as global_apps
from django.apps.registry import Apps
from django.core.exceptions import ImproperlyConfigured
from django.db.models import Q

CONTRIBUTOR_GROUP = "Bijdrager"
MODERATOR_GROUP = "Redacteur"
WORKFLOW_NAME = "Redactie"
TASK_NAME = "Beoordeling door de redactie"

_VOCABULARY_MODELS = ("province", "sector", "educationlevel", "targetgroup", "phase")


@dataclass(frozen=True)
class Role:
    """A group and what it may do: model permissions (`app_label.codename`), image and document
    permissions on the root collection, page permissions on the initiatives index and on the
    index of curated collections (`curation_permissions`)."""

    group: str
    model_permissions: tuple[str, ...]
    collection_permissions: tuple[str, ...]
    page_permissions: tuple[str, ...]
    curation_permissions: tuple[str, ...] = ()
    # Permissions Wagtail adds after the migrations for moderated snippets (publish, lock,
    # unlock); granted once they exist (see initiatieven migration 0007_organisation_review).
    snippet_review_permissions: tuple[str, ...] = ()


CONTRIBUTOR = Role(
    group=CONTRIBUTOR_GROUP,
    model_permissions=(
        "wagtailadmin.access_admin",
        "initiatieven.add_organisation",
        "initiatieven.change_organisation",
        "initiatieven.view_organisation",
    ),
    # Organisations are moderated snippets: a Bijdrager's new organisation or change to one is
    # a draft for the Redactie workflow; without publish_organisation it never goes live alone.
    # With "add" Wagtail lets people edit and delete only the images they uploaded themselves;
    # "choose" lets them pick any image as a hero image.
    collection_permissions=("wagtailimages.add_image", "wagtailimages.choose_image"),
    # No publish, lock or bulk_delete: every change goes through the Redactie workflow.
    page_permissions=("add_page", "change_page"),
)

MODERATOR = Role(
    group=MODERATOR_GROUP,
    model_permissions=(
        *CONTRIBUTOR.model_permissions,
        "initiatieven.delete_organisation",
        "initiatieven.add_theme",
        "initiatieven.change_theme",
        "initiatieven.view_theme",
        *(
            f"initiatieven.{action}_{model}"
            for model in _VOCABULARY_MODELS
            for action in ("change", "view")
        ),
        "kennisbank_search.add_synonymgroup",
        "kennisbank_search.change_synonymgroup",
        "kennisbank_search.delete_synonymgroup",
        "kennisbank_search.view_synonymgroup",
    ),
    collection_permissions=(
        *(f"wagtailimages.{action}_image" for action in ("add", "change", "delete", "choose")),
        *(f"wagtaildocs.{action}_document" for action in ("add", "change", "delete", "choose")),
    ),
    # No bulk_delete: it would allow deleting the index with every initiative under it.
    page_permissions=("add_page", "change_page", "publish_page", "lock_page", "unlock_page"),
    # Collections are made and kept by the Redactie; Bijdragers have no say there.
    curation_permissions=("add_page", "change_page", "publish_page", "lock_page", "unlock_page"),
    snippet_review_permissions=(
        "initiatieven.publish_organisation",
        "initiatieven.lock_organisation",
        "initiatieven.unlock_organisation",
    ),
)

# Snippets whose changes go through the Redactie workflow.
MODERATED_SNIPPETS = (("initiatieven", "organisation"),)

ROLES = (CONTRIBUTOR, MODERATOR)


def ensure_roles(*, apps: Apps = global_apps) -> None:
    """Create the Bijdrager and Redacteur groups with their permissions and the Redactie
    workflow, and attach page permissions and workflow to the initiatives index if it exists.

    Safe to run again: it adds what is missing and never removes permissions an administrator
    granted, nor replaces a workflow chosen for the index. `apps` is the app registry to take
    models from: the historical one in a migration, the real one otherwise.
    """
    Group = apps.get_model("auth", "Group")
    groups = {role.group: Group.objects.get_or_create(name=role.group)[0] for role in ROLES}
    root_collection = (
        apps.get_model("wagtailcore", "Collection").objects.filter(depth=1).order_by("path").first()
    )
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    for role in ROLES:
        group = groups[role.group]
        group.permissions.add(*_permissions(apps, role.model_permissions))
        group.permissions.add(*_permissions(apps, role.snippet_review_permissions, required=False))
        if root_collection is not None:
            for permission in _permissions(apps, role.collection_permissions):
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=root_collection, permission=permission
                )

    workflow = _ensure_workflow(apps, moderators=groups[MODERATOR_GROUP])
    _assign_workflow_to_snippets(apps, workflow)

    curation_id = _first_page_id(apps, "CollectionIndexPage")
    if curation_id is not None:
        for role in ROLES:
            _grant_page_permissions(
                apps, groups[role.group], curation_id, role.curation_permissions
            )

    index_id = _first_page_id(apps, "InitiativeIndexPage")
    if index_id is None:
        return
    for role in ROLES:
        _grant_page_permissions(apps, groups[role.group], index_id, role.page_permissions)
    apps.get_model("wagtailcore", "WorkflowPage").objects.get_or_create(
        page_id=index_id, defaults={"workflow": workflow}
    )


def _first_page_id(apps: Apps, model_name: str) -> int | None:
    """The id of the first page of `model_name` in this app, or None (also while migrating,
    before the model existed)."""
    try:
        model = apps.get_model("initiatieven", model_name)
    except LookupError:
        return None
    return model.objects.order_by("path").values_list("pk", flat=True).first()


def _grant_page_permissions(apps: Apps, group, page_id: int, names: tuple[str, ...]) -> None:
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    for permission in _permissions(apps, [f"wagtailcore.{name}" for name in names]):
        GroupPagePermission.objects.get_or_create(
            group=group, page_id=page_id, permission=permission
        )


def _ensure_workflow(apps: Apps, *, moderators):
    """The Redactie workflow: one group approval task for the Redacteuren."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")

    task = GroupApprovalTask.objects.filter(name=TASK_NAME).order_by("pk").first()
    if task is None:
        content_type, _created = ContentType.objects.get_or_create(
            app_label="wagtailcore", model="groupapprovaltask"
        )
        task = GroupApprovalTask.objects.create(
            name=TASK_NAME, content_type=content_type, active=True
        )
    task.groups.add(moderators)

    workflow = Workflow.objects.filter(name=WORKFLOW_NAME).order_by("pk").first()
    if workflow is None:
        workflow = Workflow.objects.create(name=WORKFLOW_NAME, active=True)
    if not WorkflowTask.objects.filter(workflow=workflow, task=task).exists():
        WorkflowTask.objects.create(
            workflow=workflow,
            task=task,
            sort_order=WorkflowTask.objects.filter(workflow=workflow).count(),
        )
    return workflow


def _assign_workflow_to_snippets(apps: Apps, workflow) -> None:
    """The Redactie workflow for the moderated snippets, unless an administrator chose another."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")
    for app_label, model in MODERATED_SNIPPETS:
        content_type, _created = ContentType.objects.get_or_create(app_label=app_label, model=model)
        WorkflowContentType.objects.get_or_create(
            content_type=content_type, defaults={"workflow": workflow}
        )


def _permissions(apps: Apps, names, *, required: bool = True) -> list:
    """Permission rows for `app_label.codename` names; a missing one is a configuration error
    unless not `required` (then it is left out)."""
    Permission = apps.get_model("auth", "Permission")
    wanted = {tuple(name.split(".", 1)) for name in names}
    if not wanted:
        return []
    query = Q()
    for app_label, codename in wanted:
        query |= Q(content_type__app_label=app_label, codename=codename)
    found = list(Permission.objects.filter(query).select_related("content_type"))
    missing = wanted - {(p.content_type.app_label, p.codename) for p in found}
    if missing and required:
        raise ImproperlyConfigured(
            "Permissions missing for the roles: "
            + ", ".join(sorted(".".join(name) for name in missing))
        )
    return found


def is_moderator(user) -> bool:
    """Whether `user` reviews and publishes: a superuser or a member of the Redacteur group."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return user.groups.filter(name=MODERATOR_GROUP).exists()
