import time

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kennisbank import demo


class Command(BaseCommand):
    @property
    def help(self) -> str:
        # Evaluated when asked for: argparse cannot format a lazy translation.
        return _(
            "Load the demo content (initiatives, images, home page features, 'over' and "
            "'privacy' pages). Safe to run again: it resets the demo values without duplicating "
            "anything."
        )

    def add_arguments(self, parser):
        parser.add_argument(
            "--admin",
            action="store_true",
            help=gettext_lazy("Also create the demo administrator when DEBUG is off."),
        )

    def handle(self, *args, admin: bool = False, **options):
        started = time.monotonic()
        with_admin = settings.DEBUG or admin
        try:
            result = demo.load_demo(with_admin=with_admin)
        except (demo.DemoContentError, ValidationError) as error:
            raise CommandError(str(error)) from error

        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "Demo content ready: %(count)d initiatives (%(created)d new, %(updated)d "
                    "updated), %(images)d new images, in %(seconds).1f s."
                )
                % {
                    "count": len(result.pages),
                    "created": result.initiatives_created,
                    "updated": result.initiatives_updated,
                    "images": result.images_created,
                    "seconds": time.monotonic() - started,
                }
            )
        )
        if result.admin_username:
            login_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("wagtailadmin_home")
            self.stdout.write(
                _("Demo login: %(username)s / %(password)s at %(url)s")
                % {
                    "username": result.admin_username,
                    "password": demo.DEMO_ADMIN_PASSWORD,
                    "url": login_url,
                }
            )
        else:
            self.stdout.write(
                _("DEBUG is off: no demo administrator created (pass --admin to create one).")
            )
