"""Rendition and page cache benchmark: the first view of five initiative pages, each with a
photo as hero image and one in its media, when the renditions are made on that view (as before
issue 14) and when they were made on publishing (initiatieven/renditions.py); then a second
view rendered afresh, and a view from the page cache.

    python bench/renditions_bench.py [--photo 3000x2000]

Runs on a SQLite database and media folder of its own in a temporary directory (the work
measured is Pillow's, the same on any database), with Django's test client in this process.
"Before" deletes the renditions publishing made, so that the first view makes them again.
Writes a table to bench/results/.
"""

from __future__ import annotations

import argparse
import datetime
import io
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGES = 5


def setup(folder: Path) -> None:
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "kennisbank.settings",
            "DATABASE_URL": f"sqlite:///{folder / 'bench.sqlite3'}",
            "MEDIA_ROOT": str(folder / "media"),
            "ELASTICSEARCH_URL": "",
            "DEBUG": "true",
        }
    )
    sys.path.insert(0, str(ROOT))
    import django  # noqa: PLC0415

    django.setup()
    from django.core.management import call_command  # noqa: PLC0415

    call_command("migrate", verbosity=0)


def photo(size: tuple[int, int], seed: int) -> bytes:
    """A JPEG with a photo's detail (noise over a gradient), so that resizing costs what it
    costs for a real photo."""
    from PIL import Image  # noqa: PLC0415

    noise = Image.effect_noise(size, 60 + seed).convert("RGB")
    gradient = Image.linear_gradient("L").resize(size).convert("RGB")
    buffer = io.BytesIO()
    Image.blend(noise, gradient, 0.5).save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


def make_pages(size: tuple[int, int]) -> list:
    from django.core.files.images import ImageFile  # noqa: PLC0415
    from wagtail.images.models import Image  # noqa: PLC0415

    from initiatieven.services.site_tree import ensure_site_tree  # noqa: PLC0415
    from tests.factories import create_initiative  # noqa: PLC0415

    index = ensure_site_tree()
    pages = []
    for number in range(PAGES):
        hero, inside = (
            Image.objects.create(
                title=f"Foto {number}-{part}",
                file=ImageFile(
                    io.BytesIO(photo(size, number * 2 + part)), name=f"foto{number}.jpg"
                ),
            )
            for part in range(2)
        )
        body = [("image", {"image": inside, "alt_text": "Een les", "caption": ""})]
        pages.append(
            create_initiative(
                index, hero_image=hero, hero_image_alt="Studenten in de keuken", body=body
            )
        )
    return pages


def timed_view(client, url: str) -> float:
    started = time.perf_counter()
    status = client.get(url).status_code
    if status != 200:
        raise SystemExit(f"{url} answered {status}")
    return time.perf_counter() - started


def views(pages: list, *, fresh_renditions: bool) -> list[float]:
    from django.core.cache import caches  # noqa: PLC0415
    from django.test import Client  # noqa: PLC0415
    from wagtail.images.models import Rendition  # noqa: PLC0415

    if fresh_renditions:
        for rendition in Rendition.objects.all():
            rendition.file.delete(save=False)
        Rendition.objects.all().delete()
    client = Client()
    seconds = []
    for page in pages:
        for alias in ("pages", "renditions"):
            caches[alias].clear()
        seconds.append(timed_view(client, page.url))
    return seconds


def cached_views(pages: list) -> list[float]:
    from django.test import Client  # noqa: PLC0415

    client = Client()
    for page in pages:  # stores each page
        timed_view(client, page.url)
    return [timed_view(client, page.url) for page in pages]


def row(label: str, seconds: list[float]) -> str:
    ms = [value * 1000 for value in seconds]
    return (
        f"| {label} | {sum(ms):.0f} | {statistics.median(ms):.0f} | {min(ms):.0f} | {max(ms):.0f} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--photo", default="3000x2000", help="photo size, WIDTHxHEIGHT")
    args = parser.parse_args()
    size = tuple(int(part) for part in args.photo.split("x"))
    with tempfile.TemporaryDirectory() as folder:
        setup(Path(folder))
        started = time.perf_counter()
        pages = make_pages(size)
        publishing = time.perf_counter() - started
        rows = [
            row(
                "first view, renditions made on the view (before)",
                views(pages, fresh_renditions=True),
            ),
            row(
                "first view, renditions made on publishing (after)",
                views(pages, fresh_renditions=False),
            ),
            row("second view, rendered afresh", views(pages, fresh_renditions=False)),
            row("view from the page cache", cached_views(pages)),
        ]
    table = "\n".join(
        [
            f"# First view of {PAGES} initiative pages ({args.photo} photos, 2 per page)",
            "",
            f"{datetime.date.today()}, SQLite, Django test client in one process; creating and "
            f"publishing the {PAGES} pages with their renditions took {publishing:.1f} s.",
            "",
            "| view of each page | total ms | median ms | min ms | max ms |",
            "|---|---|---|---|---|",
            *rows,
            "",
        ]
    )
    print(table)
    results = ROOT / "bench" / "results" / f"renditions-sqlite-{datetime.date.today()}.md"
    results.write_text(table)


if __name__ == "__main__":
    main()
