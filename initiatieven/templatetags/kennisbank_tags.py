from django import template
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from wagtail.models import Site

from initiatieven import contributors
from initiatieven.models import CollectionIndexPage, InitiativeIndexPage

register = template.Library()


@register.inclusion_tag("components/protected_email.html")
def protected_email(address: str) -> dict:
    """An e-mail address that scrapers cannot read from the HTML: reversed parts that a small
    script joins into a link on request, with a spelled-out fallback without JavaScript."""
    user, _sep, domain = (address or "").partition("@")
    at_word = pgettext("spelled-out e-mail address", "at")
    dot_word = pgettext("spelled-out e-mail address", "dot")
    return {
        "user_reversed": user[::-1],
        "domain_reversed": domain[::-1],
        "spelled": f"{user} [{at_word}] " + domain.replace(".", f" [{dot_word}] "),
    }


@register.simple_tag(takes_context=True)
def site_menus(context) -> dict:
    """The main and footer navigation, from the site's live pages in one query."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    current = request.path if request else ""
    main, footer = [], []
    home_url = "/"
    if site is not None:
        home_url = site.root_page.get_url(request) or "/"
        children = (
            site.root_page.get_children()
            .live()
            .public()
            .select_related("content_type")
            .order_by("path")
        )
        index_types = {
            content_type.pk
            for content_type in ContentType.objects.get_for_models(
                InitiativeIndexPage, CollectionIndexPage
            ).values()
        }
        for child in children:
            entry = {"title": child.title, "url": child.get_url(request)}
            if child.content_type_id in index_types:
                main.append(entry)
            else:
                footer.append(entry)
    main = [
        {"title": _("Home"), "url": home_url},
        *main,
        {"title": _("Themes"), "url": reverse("theme_list")},
        {"title": _("Provinces"), "url": reverse("province_list")},
        {"title": _("In numbers"), "url": reverse("overview")},
    ]
    for entry in main:
        url = entry["url"] or ""
        entry["current"] = current == url or (
            url != home_url and bool(url) and current.startswith(url)
        )
    return {"main": main, "footer": footer}


@register.simple_tag
def page_window(page_obj) -> list:
    """Page numbers around the current one, with None where numbers are left out."""
    paginator = page_obj.paginator
    return [
        None if number == paginator.ELLIPSIS else number
        for number in paginator.get_elided_page_range(page_obj.number, on_each_side=2, on_ends=1)
    ]


@register.filter
def contributor_list(names: list[str]) -> str:
    """Contributor names as one line: 'A, B en C', or the first ten and 'en N anderen'."""
    return contributors.contributor_list(list(names))
