"""What a backup holds, counted: for the manifest, and to tell a fresh installation from one
in use."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder
from django.db.models import Model
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Revision

from initiatieven.models import (
    CollectionIndexPage,
    HomePage,
    InitiativeIndexPage,
    InitiativePage,
)
from search.models import SynonymGroup


def counted_models() -> dict[str, type[Model]]:
    return {
        "initiatives": InitiativePage,
        "pages": Page,
        "revisions": Revision,
        "users": get_user_model(),
        "images": get_image_model(),
        "documents": get_document_model(),
        "synonyms": SynonymGroup,
    }


def content_counts() -> dict[str, int]:
    """What a person would miss: also what tells a fresh installation from one in use."""
    return {key: model.objects.count() for key, model in counted_models().items()}


def has_content() -> bool:
    """True once anyone has worked in the installation. A fresh one has the pages that the
    migrations make and the site tree (made at every start by `manage.py prepare`), whose
    revisions nobody wrote, and the vocabularies; but no users, initiatives, files, or revisions
    of other pages or by a person."""
    counts = content_counts()
    site_tree = ContentType.objects.get_for_models(
        HomePage, InitiativeIndexPage, CollectionIndexPage
    ).values()
    work = Revision.objects.exclude(user=None, content_type__in=site_tree)
    return work.exists() or any(
        counts[key] for key in ("initiatives", "users", "images", "documents")
    )


def applied_migrations() -> list[list[str]]:
    return sorted([app, name] for app, name in MigrationRecorder(connection).applied_migrations())
