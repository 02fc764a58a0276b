from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InitiatievenConfig(AppConfig):
    name = "initiatieven"
    label = "initiatieven"
    verbose_name = _("Initiatives")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from initiatieven import renditions
        from initiatieven.history import admin_compare
        from initiatieven.seo import page_types  # noqa: F401 - registers the pages' JSON-LD

        admin_compare.register()
        renditions.register_signal_handlers()
