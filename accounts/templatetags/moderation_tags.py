from django import template
from wagtail.models import Page, TaskState

register = template.Library()


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
