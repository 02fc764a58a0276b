"""What search keeps besides the engines' own indexes: synonyms and the vocabulary of words."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from search.dutch.folding import fold


class SynonymGroup(models.Model):
    """Terms that mean the same to a searcher: a query for one also finds the others."""

    terms = models.TextField(
        _("terms"),
        help_text=_(
            "Equivalent terms separated by commas, e.g. 'dementie, alzheimer'. A term may have "
            "several words ('geestelijke gezondheidszorg'). Applies at once, without a reindex."
        ),
    )

    panels = [FieldPanel("terms")]

    class Meta:
        verbose_name = _("synonym group")
        verbose_name_plural = _("synonyms")
        ordering = ["terms"]

    def __str__(self) -> str:
        return ", ".join(self.term_list())

    def term_list(self) -> list[str]:
        """The folded, de-duplicated terms of this group."""
        seen: dict[str, None] = {}
        for term in self.terms.split(","):
            folded = fold(term)
            if folded:
                seen.setdefault(folded, None)
        return list(seen)


class IndexedWord(models.Model):
    """A word that occurs in indexed initiatives, with the number of times it was indexed.

    Used to suggest a correction ('did you mean'), to tolerate typos and to complete the last
    word of a query, the same way on every engine.
    """

    word = models.CharField(max_length=100, unique=True)
    frequency = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("indexed word")
        verbose_name_plural = _("indexed words")

    def __str__(self) -> str:
        return self.word


class PendingIndexUpdate(models.Model):
    """An initiative whose change Elasticsearch has not taken yet: written in the transaction of
    the change and removed once sent (see `search.engines.es_sync`)."""

    page_id = models.PositiveBigIntegerField(unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("pending index update")
        verbose_name_plural = _("pending index updates")

    def __str__(self) -> str:
        return str(self.page_id)


class IndexedVersion(models.Model):
    """The version of an initiative's search document: raised in the transaction of each change
    and never lowered, so that Elasticsearch (external versioning) keeps the newest state whatever
    order the writes arrive in (see `search.engines.es_sync`). Kept after a change is sent."""

    page_id = models.PositiveBigIntegerField(unique=True)
    version = models.PositiveBigIntegerField(default=0)

    class Meta:
        verbose_name = _("indexed version")
        verbose_name_plural = _("indexed versions")

    def __str__(self) -> str:
        return f"{self.page_id} v{self.version}"
