from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from initiatieven.services.site_tree import ensure_site_tree


class Command(BaseCommand):
    @property
    def help(self) -> str:
        return _(
            "Prepare this installation for serving, once at every start: migrations, the cache "
            "table, the site tree (home page and indexes) and the static files; then report on "
            "the search index. bin/serve-production and the migrate service of "
            "docker-compose.yml run it."
        )

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-collectstatic",
            action="store_false",
            dest="collectstatic",
            help=gettext_lazy(
                "Leave the static files alone (the Docker image collects them when it is built)."
            ),
        )

    def handle(self, *args, collectstatic: bool = True, verbosity: int = 1, **options):
        # One process for all of it: each start of Django costs seconds on a small machine.
        call_command("migrate", interactive=False, verbosity=verbosity, stdout=self.stdout)
        call_command("createcachetable", verbosity=verbosity, stdout=self.stdout)
        ensure_site_tree()
        if collectstatic:
            call_command(
                "collectstatic", interactive=False, verbosity=verbosity, stdout=self.stdout
            )
        if settings.ELASTICSEARCH_URL:
            try:
                call_command("search_index", "status", stdout=self.stdout)
            except CommandError:
                # Not fatal: search answers from the database meanwhile. What is wrong was
                # printed just above, by the status itself.
                self.stderr.write(
                    _(
                        "The search index needs attention (see above): run `manage.py "
                        "search_index rebuild`. Until then search answers from the database."
                    )
                )
        self.stdout.write(self.style.SUCCESS(_("Ready to serve.")))
