from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KennisbankConfig(AppConfig):
    """The project as an app: its start-up (the demo content, `manage.py load_demo`) and the
    template tags its Wagtail template overrides load. No models."""

    name = "kennisbank"
    label = "kennisbank"
    verbose_name = _("Kennisbank")

    def ready(self) -> None:
        from kennisbank import page_cache

        page_cache.register_signal_handlers()
