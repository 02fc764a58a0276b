from django.conf import settings
from django.db import models


class AutosavedRevision(models.Model):
    """The revision that Wagtail's autosave keeps overwriting for one open editor form.

    Each form the editor opens carries a random token (static/js/editor.js). When an autosave of
    that form stores a revision, the pair is recorded here, so that the form's own manual save
    afterwards is not mistaken for a save over someone else's newer version.
    """

    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    token = models.CharField(max_length=64)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    revision = models.ForeignKey("wagtailcore.Revision", on_delete=models.CASCADE, related_name="+")
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["page", "token"], name="unique_autosave_per_form")
        ]

    def __str__(self) -> str:
        return f"{self.page_id}/{self.token}: {self.revision_id}"
