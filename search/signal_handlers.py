from django.db.models.signals import post_delete, post_save, pre_save
from modelsearch import signal_handlers as wagtail_index
from wagtail.models import PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move, published, unpublished

from initiatieven import signals as content_signals
from initiatieven.models import InitiativePage, Organisation
from search import indexing, vocabulary
from search.models import SynonymGroup


def _on_page_saving(sender, instance, update_fields=None, **kwargs):
    indexing.page_saving(instance, update_fields)


def _on_page_saved(sender, instance, **kwargs):
    # What Wagtail does for its own index (InitiativePage.search_auto_update), except inside a
    # batch write, whose end indexes the batch.
    if not content_signals.indexing_deferred():
        wagtail_index.post_save_signal_handler(instance, **kwargs)


def _on_page_published(sender, instance, **kwargs):
    indexing.page_published(instance)


def _on_batch_written(sender, page_ids, published_ids, **kwargs):
    indexing.batch_written(page_ids, published_ids)


def _on_page_removed(sender, instance, **kwargs):
    indexing.page_removed(instance.pk)


def _on_subtree_changed(sender, instance, **kwargs):
    indexing.subtree_changed(instance)


def _on_restriction_changed(sender, instance, **kwargs):
    indexing.subtree_changed(instance.page)


def _on_organisation_changed(sender, instance, **kwargs):
    indexing.organisation_changed(instance)


def _on_term_saved(sender, instance, created, **kwargs):
    if not created:
        indexing.vocabulary_term_changed(instance)


def _on_synonyms_changed(sender, **kwargs):
    vocabulary.synonyms_changed()


def register_signal_handlers() -> None:
    content_signals.register_search_text(indexing.search_text)
    content_signals.bulk_change_started.connect(indexing.bulk_change_started)
    content_signals.bulk_change_finished.connect(indexing.bulk_change_finished)
    content_signals.batch_written.connect(_on_batch_written)
    pre_save.connect(_on_page_saving, sender=InitiativePage)
    post_save.connect(_on_page_saved, sender=InitiativePage)
    post_delete.connect(wagtail_index.post_delete_signal_handler, sender=InitiativePage)
    page_published.connect(_on_page_published, sender=InitiativePage)
    page_unpublished.connect(_on_page_removed, sender=InitiativePage)
    post_delete.connect(_on_page_removed, sender=InitiativePage)
    post_page_move.connect(_on_subtree_changed)
    post_save.connect(_on_restriction_changed, sender=PageViewRestriction)
    published.connect(_on_organisation_changed, sender=Organisation)
    unpublished.connect(_on_organisation_changed, sender=Organisation)
    post_delete.connect(_on_restriction_changed, sender=PageViewRestriction)
    for model in InitiativePage.vocabulary_models().values():
        post_save.connect(_on_term_saved, sender=model)
    post_save.connect(_on_synonyms_changed, sender=SynonymGroup)
    post_delete.connect(_on_synonyms_changed, sender=SynonymGroup)
