"""Texts of Wagtail's own that our Dutch catalogue words differently. Wagtail's Dutch runs the
page listing's count together ("1-16van 16pagina's"); listing the message ids here keeps their
translations in `locale/nl` when `make messages` rebuilds the catalogue. Nothing imports this
module: only `makemessages` reads it."""

from django.utils.translation import gettext_noop

WAGTAIL_MESSAGES = (
    gettext_noop("%(start_index)s-%(end_index)s of %(items_count)s %(model_name)s"),
    gettext_noop(
        "%(start_index)s-%(end_index)s of %(items_count)s %(model_name)s in "
        "'<span class=\"w-title-ellipsis\">%(title)s</span>'."
    ),
    gettext_noop(
        "%(start_index)s-%(end_index)s of %(items_count)s %(model_name)s across entire site."
    ),
)
