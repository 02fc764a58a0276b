"""Demo content: a small, realistic Kennisbank to click through, test and show.

The initiatives describe practice from two public texts on radical renewal of care education
(the report of the first inspiration meeting 'Tussen dromen en doen', 2023, and the invitation to
that series by the long-term mental health care movement). Real organisations appear only as the
texts describe them; quotes are the texts' own and are attributed to a role, never to a person;
every contact is fictional and uses an example.org address. The images are generated here.

`load_demo()` is idempotent: pages are found by their import key or slug, images by title,
organisations by name, so running it again resets the demo values without duplicating anything.
"""

from __future__ import annotations

import datetime
import io
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.core.files.images import ImageFile
from django.db import transaction
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFilter
from wagtail.images.models import Image
from wagtail.models import PageLogEntry, Revision
from wagtail.utils.file import hash_filelike

from accounts.services import contributors
from initiatieven.models import (
    CollectionIndexPage,
    CollectionItem,
    CollectionPage,
    HomePage,
    HomePageFeaturedInitiative,
    InitiativeIndexPage,
    InitiativePage,
    Organisation,
    StandardPage,
)
from initiatieven.models.collections import CollectionKind
from initiatieven.services.site_tree import ensure_site_tree
from initiatieven.uploads.images import check_image
from kennisbank.demo.data import (
    COLLECTIONS,
    FEATURED_KEYS,
    IMAGES,
    INITIATIVES,
    ORGANISATIONS,
    STANDARD_PAGES,
    DemoCollection,
    DemoImage,
    DemoInitiative,
    DemoOrganisation,
    DemoStandardPage,
)

# Deliberately public: a throwaway login for local demos, only created with DEBUG or --admin.
DEMO_ADMIN_USERNAME = "admin"
DEMO_ADMIN_PASSWORD = "kennisbank-demo"  # noqa: S105
DEMO_ADMIN_EMAIL = "admin@example.org"

DEMO_REVIEWED = datetime.date(2025, 3, 3)
# The newest demo initiative; each next one in INITIATIVES was published a little earlier.
DEMO_NEWEST_PUBLISHED = datetime.datetime(2025, 2, 24, 10, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))
DEMO_PUBLISHED_INTERVAL = datetime.timedelta(days=11)
IMAGE_SIZE = (1200, 675)
_BLOCK_NAMESPACE = uuid.UUID("6f1c2b8e-5d0a-4c3e-9a51-2f6a0d8c7b14")


class DemoContentError(Exception):
    """The database lacks something the demo content needs (a vocabulary value, a free slug)."""


@dataclass
class DemoResult:
    initiatives_created: int = 0
    initiatives_updated: int = 0
    images_created: int = 0
    admin_username: str | None = None
    pages: list[InitiativePage] = field(default_factory=list)


@transaction.atomic
def load_demo(*, with_admin: bool) -> DemoResult:
    """Build (or reset) the demo site: tree, images, organisations, initiatives, home page
    features and the 'over' and 'privacy' pages; with `with_admin`, also the demo superuser."""
    result = DemoResult()
    index = ensure_site_tree()
    home = index.get_parent().specific

    images = {spec.slug: _ensure_image(spec, result) for spec in IMAGES}
    organisations = {spec.name: _ensure_organisation(spec) for spec in ORGANISATIONS}
    vocabularies = _Vocabularies()

    for position, spec in enumerate(INITIATIVES):
        published = DEMO_NEWEST_PUBLISHED - position * DEMO_PUBLISHED_INTERVAL
        page = _ensure_initiative(
            spec,
            index=index,
            published=published,
            images=images,
            organisations=organisations,
            vocabularies=vocabularies,
            result=result,
        )
        result.pages.append(page)

    by_key = {page.key: page for page in result.pages}
    _ensure_featured(home, [by_key[key] for key in FEATURED_KEYS])
    for spec in STANDARD_PAGES:
        _ensure_standard_page(home, spec)
    collections_index = CollectionIndexPage.objects.order_by("path").first()
    for spec in COLLECTIONS:
        _ensure_collection(collections_index, spec, by_key)

    if with_admin:
        result.admin_username = ensure_demo_admin().get_username()
    return result


def ensure_demo_admin():
    """Create the demo superuser, or reset its password and rights if it exists."""
    user_model = get_user_model()
    user, _created = user_model.objects.get_or_create(
        username=DEMO_ADMIN_USERNAME, defaults={"email": DEMO_ADMIN_EMAIL}
    )
    user.email = DEMO_ADMIN_EMAIL
    user.is_active = user.is_staff = user.is_superuser = True
    user.set_password(DEMO_ADMIN_PASSWORD)
    user.save()
    contributors.mark_email_verified(user=user)
    return user


class _Vocabularies:
    """Vocabulary values by slug, loaded once; a missing slug is a clear error."""

    def __init__(self) -> None:
        self._terms = {
            name: {term.slug: term for term in model.objects.all()}
            for name, model in InitiativePage.vocabulary_models().items()
        }

    def get(self, name: str, slug: str):
        try:
            return self._terms[name][slug]
        except KeyError:
            raise DemoContentError(
                f"The {name.replace('_', ' ')} '{slug}' is missing; run the migrations."
            ) from None

    def many(self, name: str, slugs: Iterable[str]) -> list:
        return [self.get(name, slug) for slug in slugs]


def render_image(spec: DemoImage) -> bytes:
    """A soft diagonal gradient with blurred circles, as PNG bytes."""
    width, height = IMAGE_SIZE
    vertical = PILImage.linear_gradient("L").resize((width, height))
    horizontal = PILImage.linear_gradient("L").rotate(90).resize((width, height))
    mask = PILImage.blend(vertical, horizontal, 0.5)
    canvas = PILImage.composite(
        PILImage.new("RGB", IMAGE_SIZE, spec.end), PILImage.new("RGB", IMAGE_SIZE, spec.start), mask
    )
    # Each shape is blurred as a mask and painted through it: blurring a transparent RGBA layer
    # would pull its black transparent pixels into dark halos.
    for (cx, cy, radius), colour in zip(spec.circles, spec.accents, strict=False):
        x, y, r = cx * width, cy * height, radius * width
        glow = PILImage.new("L", IMAGE_SIZE, 0)
        ImageDraw.Draw(glow).ellipse((x - r, y - r, x + r, y + r), fill=130)
        glow = glow.filter(ImageFilter.GaussianBlur(48))
        canvas = PILImage.composite(PILImage.new("RGB", IMAGE_SIZE, colour), canvas, glow)

    rings = PILImage.new("L", IMAGE_SIZE, 0)
    draw = ImageDraw.Draw(rings)
    for cx, cy, radius in spec.circles:
        x, y, r = cx * width, cy * height, radius * width * 0.8
        draw.ellipse((x - r, y - r, x + r, y + r), outline=70, width=4)
    rings = rings.filter(ImageFilter.GaussianBlur(1))
    canvas = PILImage.composite(PILImage.new("RGB", IMAGE_SIZE, "#ffffff"), canvas, rings)

    buffer = io.BytesIO()
    canvas.save(buffer, format="PNG", compress_level=6)
    return buffer.getvalue()


def _ensure_image(spec: DemoImage, result: DemoResult) -> Image:
    image = Image.objects.filter(title=spec.title).order_by("pk").first()
    if image is not None and image.file and image.file.storage.exists(image.file.name):
        return image
    # New, or its file went missing (a fresh media folder): draw it again.
    data = render_image(spec)
    if image is None:
        image = Image(title=spec.title)
        result.images_created += 1
    else:
        image.renditions.all().delete()
    upload = ImageFile(io.BytesIO(data), name=f"{spec.slug}.png")
    check_image(upload)  # the same bounds as an upload in the editor
    image.file = upload
    image.file_size = len(data)
    image.file_hash = hash_filelike(io.BytesIO(data))
    image.save()
    return image


def _ensure_organisation(spec: DemoOrganisation) -> Organisation:
    organisation, _created = Organisation.objects.update_or_create(
        name=spec.name,
        defaults={"kind": spec.kind, "place": spec.place, "website": spec.website},
    )
    return organisation


def _ensure_initiative(
    spec: DemoInitiative,
    *,
    index: InitiativeIndexPage,
    published: datetime.datetime,
    images: dict[str, Image],
    organisations: dict[str, Organisation],
    vocabularies: _Vocabularies,
    result: DemoResult,
) -> InitiativePage:
    page = InitiativePage.objects.filter(key=spec.key).first()
    is_new = page is None
    if is_new:
        page = InitiativePage(key=spec.key, live=False)
    elif page.get_parent().pk != index.pk:
        page.move(index, pos="last-child")
        page.refresh_from_db()

    hero = images[spec.hero_image] if spec.hero_image else None
    page.title = page.draft_title = spec.title
    page.slug = spec.slug
    page.summary = spec.summary
    page.background = spec.background
    page.approach = spec.approach
    page.results = spec.results
    page.lessons = spec.lessons
    page.body = _stream_data(spec, images)
    page.hero_image = hero
    page.hero_image_alt = _image_spec(spec.hero_image).alt if hero else ""
    page.province = vocabularies.get("province", spec.province)
    page.place = spec.place
    page.phase = vocabularies.get("phase", spec.phase)
    page.start_year = spec.start_year
    page.website = spec.website
    page.contact_name = spec.contact_name
    page.contact_role = spec.contact_role
    page.contact_email = spec.contact_email
    page.contact_is_public = spec.contact_is_public
    page.last_reviewed = DEMO_REVIEWED
    page.search_description = spec.summary
    page.organisations.set([organisations[name] for name in spec.organisations])
    page.sectors.set(vocabularies.many("sectors", spec.sectors))
    page.education_levels.set(vocabularies.many("education_levels", spec.education_levels))
    page.target_groups.set(vocabularies.many("target_groups", spec.target_groups))
    page.themes.set(vocabularies.many("themes", spec.themes))
    page.keywords.set(list(spec.keywords))

    if is_new:
        index.add_child(instance=page)
        result.initiatives_created += 1
    else:
        result.initiatives_updated += 1
    pristine = is_new or not _edited_by_people(page)
    if pristine:
        # Nobody worked on it: the demo's own history, one version, may be written afresh.
        _forget_history(page)
    revision = page.save_revision()
    revision.publish()
    if pristine:
        _date_history(page, published)
    # Otherwise the reset is a real, new version: it keeps today's date, as the history does.
    page.refresh_from_db()
    return page


def _edited_by_people(page: InitiativePage) -> bool:
    """Whether anyone (rather than the demo loader, which saves without a user) saved a
    revision of `page` or acted on it."""
    return (
        Revision.page_revisions.filter(object_id=str(page.pk), user__isnull=False).exists()
        or PageLogEntry.objects.filter(page_id=page.pk, user__isnull=False).exists()
    )


def _forget_history(page: InitiativePage) -> None:
    PageLogEntry.objects.filter(page_id=page.pk).delete()
    Revision.page_revisions.filter(object_id=str(page.pk)).delete()
    page.latest_revision = page.live_revision = None


def _date_history(page: InitiativePage, published: datetime.datetime) -> None:
    """Date the demo page's one version, its log and its publication dates at `published`, so
    that "last updated", the history and the editor all tell the same story."""
    Revision.page_revisions.filter(object_id=str(page.pk)).update(created_at=published)
    PageLogEntry.objects.filter(page_id=page.pk).update(timestamp=published)
    InitiativePage.objects.filter(pk=page.pk).update(
        first_published_at=published,
        last_published_at=published,
        latest_revision_created_at=published,
    )


def _image_spec(slug: str) -> DemoImage:
    return next(spec for spec in IMAGES if spec.slug == slug)


def _stream_data(spec: DemoInitiative, images: dict[str, Image]) -> list[dict]:
    """The body in Wagtail's raw JSON form, with block ids that stay the same on every run."""
    blocks = []
    for position, (block_type, value) in enumerate(spec.body):
        raw = dict(value)
        if block_type == "image":
            raw["image"] = images[value["image"]].pk
        elif block_type == "links":
            raw["links"] = [
                {"type": "item", "value": link, "id": _block_id(spec.key, position, n)}
                for n, link in enumerate(value["links"])
            ]
        blocks.append({"type": block_type, "value": raw, "id": _block_id(spec.key, position)})
    return blocks


def _block_id(*parts: object) -> str:
    return str(uuid.uuid5(_BLOCK_NAMESPACE, ":".join(str(part) for part in parts)))


def _ensure_featured(home: HomePage, initiatives: list[InitiativePage]) -> None:
    wanted = [page.pk for page in initiatives]
    current = list(
        home.featured_initiatives.order_by("sort_order").values_list("initiative_id", flat=True)
    )
    if current == wanted and home.live and not home.has_unpublished_changes:
        return
    home.featured_initiatives = [
        HomePageFeaturedInitiative(initiative=page, sort_order=position)
        for position, page in enumerate(initiatives)
    ]
    home.save_revision().publish()


def _child_to_reset(parent, model: type, *, slug: str, title: str, kind: str):
    """The child of `parent` at `slug` (a new, unsaved `model` when there is none), or an error
    when another kind of page has taken the slug. Returns the page and whether it is new."""
    existing = parent.get_children().filter(slug=slug).first()
    if existing is None:
        return model(title=title, slug=slug, live=False), True
    page = existing.specific
    if not isinstance(page, model):
        raise DemoContentError(
            f"The page at '{existing.url_path}' is not {kind}; "
            f"move it or change its slug before loading the demo."
        )
    return page, False


def _ensure_collection(
    index: CollectionIndexPage, spec: DemoCollection, by_key: dict[str, InitiativePage]
) -> CollectionPage:
    page, new = _child_to_reset(
        index, CollectionPage, slug=spec.slug, title=spec.title, kind="a collection"
    )
    page.title = page.draft_title = spec.title
    page.intro = spec.intro
    page.featured = spec.featured
    if spec.selection:
        page.kind = CollectionKind.SELECTION
        page.selection = spec.selection
        page.selection_sort = spec.selection_sort
        page.items = []
    else:
        page.kind = CollectionKind.HAND_PICKED
        page.selection = ""
        page.items = [
            CollectionItem(initiative=by_key[key], note=note, sort_order=position)
            for position, (key, note) in enumerate(spec.items)
        ]
    if new:
        index.add_child(instance=page)
    page.save_revision().publish()
    return page


def _ensure_standard_page(home: HomePage, spec: DemoStandardPage) -> StandardPage:
    page, new = _child_to_reset(
        home, StandardPage, slug=spec.slug, title=spec.title, kind="a content page"
    )
    page.title = page.draft_title = spec.title
    page.intro = spec.intro
    page.body = spec.body
    if new:
        home.add_child(instance=page)
    page.save_revision().publish()
    return page
