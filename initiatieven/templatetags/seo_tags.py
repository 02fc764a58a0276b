"""Head metadata: `{% page_meta %}` (canonical link, Open Graph, Twitter card, JSON-LD) and
`{% page_description %}`. Templates of views without a Wagtail page pass a title and
description: `{% page_meta title=term.label description=term.description|richtext %}`."""

from django import template

from initiatieven.seo import absolute_url, descriptions, metadata, structured_data

register = template.Library()


@register.inclusion_tag("components/page_meta.html", takes_context=True)
def page_meta(context, title: str = "", description: str = "") -> dict:
    request = context.get("request")
    if request is None:
        return {}
    meta = metadata.for_page(
        context.get("page"),
        request,
        title=str(title or ""),
        description=str(description or ""),
        context=context.flatten(),
    )
    return {
        "meta": meta,
        "json_ld": structured_data.script_tag(meta.json_ld) if meta.json_ld else "",
    }


@register.simple_tag(takes_context=True)
def page_description(context, value: object = None) -> str:
    """`value` as a description (rich text allowed), else the page's own, else the site's."""
    text = descriptions.plain_text(value) if value is not None else ""
    return text or descriptions.page_description(context.get("page"))


@register.simple_tag(takes_context=True)
def page_address(context) -> str:
    """This page's full address (with its parameters) on the site's public address: what a
    printed page names as its source."""
    request = context.get("request")
    if request is None:
        return ""
    return absolute_url(request, request.get_full_path())
