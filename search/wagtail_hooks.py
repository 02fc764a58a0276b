from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from search import page_contexts  # noqa: F401 (registers what search adds to the pages)
from search.models import SynonymGroup


class SynonymGroupViewSet(SnippetViewSet):
    model = SynonymGroup
    icon = "resubmit"
    menu_label = _("Synonyms")
    add_to_admin_menu = True
    menu_order = 230
    list_display = ["__str__"]
    search_fields = ["terms"]


register_snippet(SynonymGroupViewSet)
