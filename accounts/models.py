"""What Kennisbank keeps about a contributor besides Django's user: organisation and consent."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ContributorProfile(models.Model):
    """A contributor's organisation and when they accepted the privacy statement.

    Only personal data lives here: deleting an account deletes this row, while the user row
    stays (anonymised) so that revisions keep their author.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="contributor_profile",
    )
    organisation = models.CharField(
        _("organisation"),
        max_length=200,
        blank=True,
        help_text=_("The organisation the contributor works or studies at, if any."),
    )
    privacy_accepted_at = models.DateTimeField(
        _("privacy statement accepted at"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("contributor profile")
        verbose_name_plural = _("contributor profiles")

    def __str__(self) -> str:
        return str(self.user)
