from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from kennisbank.health import database_answers


class Command(BaseCommand):
    @property
    def help(self) -> str:
        return _(
            "Exit 0 when the database answers, 1 when it does not: the healthcheck of processes "
            "without HTTP, such as the worker."
        )

    def handle(self, *args, **options):
        if not database_answers():
            raise CommandError(_("Not healthy: the database does not answer."))
        self.stdout.write(_("Healthy: the database answers."))
