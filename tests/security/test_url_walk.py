"""Issue 12: walk every URL pattern of the site with the ids, slugs and file names of content
that is not public, and check that no request without login reaches any of it: an initiative
never published, the unpublished changes of a published one, a page for logged-in people only,
a document in a private collection, the original of an uploaded image, and a contact address
that is not marked public."""

from __future__ import annotations

import itertools
import re

import pytest
from django.core.files.base import ContentFile
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.exceptions import Resolver404
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from tests.factories import create_initiative

pytestmark = pytest.mark.django_db

SECRETS = {
    "draft": "GEHEIMCONCEPT",
    "change": "GEHEIMEWIJZIGING",
    "private": "GEHEIMPRIVE",
    "document": "GEHEIMDOCUMENT",
    "address": "geheim-adres@example.org",
}
MAX_URLS_PER_PATTERN = 40


@pytest.fixture
def hidden(index):
    """Content nobody may see without logging in, and what to look for in answers."""
    draft = create_initiative(index, publish=False, title="Concept", summary=SECRETS["draft"])
    changed = create_initiative(index, title="Gepubliceerd", summary="Openbaar")
    changed.summary = SECRETS["change"]
    changed_revision = changed.save_revision()
    private = create_initiative(index, title="Besloten", summary=SECRETS["private"])
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    create_initiative(
        index,
        title="Met contact",
        contact_email=SECRETS["address"],
        contact_is_public=False,
    )

    closed = Collection.get_first_root_node().add_child(name="Besloten stukken")
    CollectionViewRestriction.objects.create(collection=closed, restriction_type="login")
    document = get_document_model().objects.create(
        title="Verslag",
        collection=closed,
        file=ContentFile(f"Verslag {SECRETS['document']}".encode(), name="verslag.txt"),
    )
    image_file = get_test_image_file(filename="origineel.png", colour="red", size=(64, 48))
    original_bytes = image_file.file.getvalue()
    image = get_image_model().objects.create(title="Origineel", file=image_file)

    ints = sorted(
        {draft.pk, changed.pk, private.pk, document.pk, image.pk, changed_revision.pk, closed.pk}
    )
    texts = [
        draft.slug,
        private.slug,
        changed.slug,
        document.filename,
        image.file.name.rsplit("/", 1)[-1],
    ]
    paths = [
        draft.url_path.split("/", 2)[-1],  # relative to the site's root page
        private.url_path.split("/", 2)[-1],
        document.file.name,
        image.file.name,
        f"{document.pk}/{document.filename}",
    ]
    return {
        "int": [str(value) for value in ints],
        "str": texts,
        "slug": texts[:3],
        "path": paths,
        "original": original_bytes,
    }


def _template(pattern) -> str:
    """A pattern's route with `{converter}` where a value goes ('any' for regex groups)."""
    text = str(pattern.pattern)
    if not hasattr(pattern.pattern, "regex") or "<" in text and "(?P" not in text:
        return re.sub(r"<(?:(\w+):)?\w+>", lambda m: "{" + (m.group(1) or "str") + "}", text)
    out, depth, start = [], 0, 0
    for position, char in enumerate(text):
        if char == "(" and (position == 0 or text[position - 1] != "\\"):
            if depth == 0:
                start = position
            depth += 1
        elif char == ")" and text[position - 1] != "\\" and depth:
            depth -= 1
            if depth == 0:
                group = text[start : position + 1]
                optional = text[position + 1 : position + 2] in ("?", "*")
                if group.startswith("(?:") and optional:
                    out.append("")
                else:
                    out.append("{any}")
        elif depth == 0 and char not in "^$":
            out.append(char)
    route = "".join(out).replace("\\", "")
    return re.sub(r"\{any\}[?*]", "{any}", route)


def _routes(patterns, prefix=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _routes(pattern.url_patterns, prefix + _template(pattern))
        elif isinstance(pattern, URLPattern):
            yield pattern, prefix + _template(pattern)


def _urls(route: str, values: dict) -> list[str]:
    slots = re.findall(r"\{(\w+)\}", route)
    if not slots:
        return ["/" + route]
    everything = values["int"] + values["str"] + values["path"]
    choices = [values.get(slot, everything) if slot != "any" else everything for slot in slots]
    urls = []
    for combination in itertools.islice(itertools.product(*choices), MAX_URLS_PER_PATTERN):
        filled = route
        for value in combination:
            filled = re.sub(r"\{\w+\}", value.replace("\\", ""), filled, count=1)
        urls.append("/" + filled)
    return urls


def _body(response) -> bytes:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content


def test_no_anonymous_request_reaches_anything_not_public(client, hidden):
    checked, leaks = 0, []
    for pattern, route in _routes(get_resolver().url_patterns):
        for url in _urls(route, hidden):
            try:
                if resolve(url.split("?")[0]).func != pattern.callback:
                    continue
            except Resolver404:
                continue
            response = client.get(url)
            checked += 1
            body = _body(response)
            found = [name for name, secret in SECRETS.items() if secret.encode() in body]
            if hidden["original"] in body:
                found.append("original image")
            if response.status_code >= 500:
                found.append(f"server error {response.status_code}")
            if found:
                leaks.append(f"{url} ({response.status_code}): {', '.join(found)}")
    assert checked > 300, checked
    assert leaks == [], "\n".join(leaks)
