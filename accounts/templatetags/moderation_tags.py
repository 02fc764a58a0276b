from django import template
from wagtail.models import Page, TaskState

from accounts.site_address import site_address as _site_address

register = template.Library()


@register.simple_tag
def site_address() -> str:
    """The site's own address for links in e-mails (see `accounts.site_address`)."""
    return _site_address()


@register.simple_tag
def page_address(page: Page) -> str:
    """The public address of `page` on the site's real address."""
    url = page.get_url() or ""
    return url if "://" in url else _site_address() + url


@register.simple_tag
def approval_comment(page: Page) -> str:
    """The comment a reviewer left when they last approved `page` ("approve with comment");
    empty when there was none. Wagtail's own approval e-mail leaves it out."""
    task_state = (
        TaskState.objects.for_instance(page)
        .filter(status=TaskState.STATUS_APPROVED)
        .order_by("-finished_at", "-pk")
        .first()
    )
    return task_state.get_comment() if task_state else ""
