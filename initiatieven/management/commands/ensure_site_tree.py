from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from initiatieven.services.site_tree import ensure_site_tree


class Command(BaseCommand):
    @property
    def help(self) -> str:
        return _(
            "Create the home page, the initiatives index and the collections index once, with "
            "their roles and workflow (a new installation needs them). Safe to run at every start."
        )

    def handle(self, *args, **options):
        ensure_site_tree()
        self.stdout.write(_("Site tree ready: home page, initiatives index, collections index."))
