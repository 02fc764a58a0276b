"""What a page tells search engines and link previews: canonical URL, title, description,
Open Graph type and image, and schema.org structured data (see `structured_data`)."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from django.http import HttpRequest
from wagtail.images.models import SourceImageIOError
from wagtail.models import Page

from initiatieven.listing_parameters import COLLECTION_PARAM, FACET_FIELDS, YEAR_FILTER
from initiatieven.renditions import SHARE_PREVIEW_SPEC
from initiatieven.seo import absolute_url, structured_data
from initiatieven.seo.descriptions import default_description, page_description, plain_text

# Query parameters that choose what a listing or search shows. Sorting, page size and anything
# else only rearranges the same results, so the canonical URL leaves them out.
CANONICAL_PARAMETERS = ("q", COLLECTION_PARAM, *FACET_FIELDS, YEAR_FILTER)


@dataclass(frozen=True)
class Image:
    url: str
    alt: str
    width: int
    height: int


@dataclass(frozen=True)
class PageMeta:
    title: str
    description: str
    url: str
    og_type: str = "website"
    image: Image | None = None
    json_ld: dict | None = None


def canonical_url(request: HttpRequest) -> str:
    """This address without what does not change the content: parameters other than the query
    and facets (sorting, page size, tracking), empty values and `page=1`. Facet values keep
    the order given; repeated parameters stay repeated."""
    pairs = [
        (name, value.strip())
        for name in CANONICAL_PARAMETERS
        for value in request.GET.getlist(name)
        if value.strip()
    ]
    page = request.GET.get("page", "").strip()
    # isascii(): isdigit() also accepts superscript digits, which int() refuses.
    if page.isascii() and page.isdigit() and len(page) <= 9 and int(page) > 1:
        pairs.append(("page", str(int(page))))
    query = urlencode(pairs)
    return absolute_url(request, request.path + (f"?{query}" if query else ""))


def hero_image(page: Page, request: HttpRequest) -> Image | None:
    """The page's own hero image (an initiative's) or image (a collection's) as a share
    preview; none when it has none (no placeholder), lacks its alternative text or its file
    cannot be read."""
    field = "hero_image" if hasattr(page, "hero_image") else "image"
    image = getattr(page, field, None)
    alt = (getattr(page, f"{field}_alt", "") or "").strip()
    if image is None or not alt:
        return None
    try:
        rendition = image.get_rendition(SHARE_PREVIEW_SPEC)
    except (SourceImageIOError, OSError):  # a missing file only costs the preview image
        return None
    return Image(
        url=absolute_url(request, rendition.url),
        alt=alt,
        width=rendition.width,
        height=rendition.height,
    )


def for_page(
    page: Page | None,
    request: HttpRequest,
    *,
    title: str = "",
    description: str = "",
    context: dict | None = None,
) -> PageMeta:
    """Metadata of the page being shown. On a Wagtail page's own address it comes from the page
    (and its structured data); on its sub-pages (history) and on other views from the title and
    description the template passes."""
    url = canonical_url(request)
    if page is None:
        return PageMeta(
            title=title or "Kennisbank",
            description=plain_text(description) or default_description(),
            url=url,
        )
    is_page_itself = request.path == page.get_url(request)
    kind = structured_data.kind_for(page) if is_page_itself else None
    image = hero_image(page, request) if is_page_itself else None
    json_ld = kind.build(page, request, context or {}) if kind and kind.build else None
    if json_ld is not None and image is not None:
        json_ld.setdefault("image", image.url)
    return PageMeta(
        title=title or page.seo_title or page.title,
        description=plain_text(description) or page_description(page),
        url=url,
        og_type=kind.og_type if kind else "website",
        image=image,
        json_ld=json_ld,
    )
