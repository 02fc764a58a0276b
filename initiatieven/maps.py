"""A map of the twelve provinces, drawn on the server as SVG from simplified real outlines
(`data/provinces.json`, which names its source and licence), each province shaded by a count
and linking to its search. No script, no tiles, nothing from outside the site."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

DATA_FILE = Path(__file__).resolve().parent / "data" / "provinces.json"
SHADES = 5  # shades besides the one for none


@dataclass(frozen=True)
class Area:
    slug: str
    label: str
    path: str
    label_x: float
    label_y: float
    count: int
    url: str
    shade: int  # 0 for none, else 1 (fewest) to SHADES (most)

    @property
    def accessible_name(self) -> str:
        return ngettext(
            "%(province)s: %(count)s initiative",
            "%(province)s: %(count)s initiatives",
            self.count,
        ) % {"province": self.label, "count": self.count}


@dataclass(frozen=True)
class LegendStep:
    shade: int
    text: str


@dataclass(frozen=True)
class ProvinceMap:
    view_box: str
    areas: list[Area]
    legend: list[LegendStep]
    source: str
    licence: str
    licence_url: str
    source_url: str


@cache
def outlines() -> dict:
    with DATA_FILE.open(encoding="utf-8") as handle:
        return json.load(handle)


def shade(count: int, highest: int) -> int:
    """0 for no initiatives, else 1 to SHADES in proportion to the highest count."""
    if count <= 0 or highest <= 0:
        return 0
    return max(1, math.ceil(SHADES * count / highest))


def legend(highest: int) -> list[LegendStep]:
    steps = [LegendStep(0, _("none"))]
    if highest <= 0:
        return steps
    previous = 0
    for step in range(1, SHADES + 1):
        upper = math.floor(highest * step / SHADES)
        lower = previous + 1
        if upper < lower:
            continue
        text = str(lower) if lower == upper else f"{lower}–{upper}"
        steps.append(LegendStep(shade(upper, highest), text))
        previous = upper
    return steps


def province_map(counts: dict[str, tuple[str, int, str]]) -> ProvinceMap:
    """The map with, per province slug, its (label, count, search URL); a province missing
    from `counts` shows 0 and no link. Values that are no province (nationwide) are not drawn."""
    data = outlines()
    drawn = data["provinces"]
    highest = max((counts[slug][1] for slug in drawn if slug in counts), default=0)
    areas = []
    for slug, outline in drawn.items():
        label, count, url = counts.get(slug, (outline["label"], 0, ""))
        areas.append(
            Area(
                slug=slug,
                label=label,
                path=outline["path"],
                label_x=outline["label_x"],
                label_y=outline["label_y"],
                count=count,
                url=url,
                shade=shade(count, highest),
            )
        )
    return ProvinceMap(
        view_box=data["viewBox"],
        areas=areas,
        legend=legend(highest),
        source=data["source"],
        licence=data["licence"],
        licence_url=data.get("licence_url", ""),
        source_url=data.get("url", ""),
    )
