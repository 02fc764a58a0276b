"""Load scenario for `make bench-load` (bench/load_bench.py): anonymous visitors of Kennisbank.

Three kinds of users, all asking without pause (closed loop), so that requests per second per
user measure what the server can do:

- `PageReader`: the pages an anonymous visitor reads, which the site may answer from its cache
  (home, initiative pages, theme and province listings and their indexes, the overview);
- `Searcher`: the search page with Dutch words and facets, the search API, suggestions while
  typing, exports of a search (CSV, XLSX) and the Atom feeds;
- `StaticReader`: one static file (the site's stylesheet) from the same server: the ceiling.

Request names start with their group (`page:`, `search:`, `api:`, `export:`, `feed:`,
`static:`), so that bench/load_bench.py can compare the groups. The URLs of initiatives, themes
and provinces come from the site's own sitemap and facets when the test starts, so the scenario
runs against any Kennisbank (`--host`). LOAD_PAGE_USERS, LOAD_SEARCH_USERS and
LOAD_STATIC_USERS say how many users of each kind (bench/load_bench.py sets them).
"""

from __future__ import annotations

import json
import os
import random
import re
import urllib.request
from urllib.parse import urlsplit
from xml.etree import ElementTree

from locust import FastHttpUser, between, constant, events, task

PAGE_USERS = int(os.environ.get("LOAD_PAGE_USERS", "25"))
SEARCH_USERS = int(os.environ.get("LOAD_SEARCH_USERS", "20"))
STATIC_USERS = int(os.environ.get("LOAD_STATIC_USERS", "5"))
# Seconds a user pauses between requests on average, as a person reads a page before the next
# click (0: no pauses, every user asks again at once). The capacity runs never pause.
THINK = float(os.environ.get("LOAD_THINK_SECONDS", "0"))
PERSON_WAIT = between(THINK / 2, THINK * 3 / 2) if THINK > 0 else constant(0)

# What people type: single Dutch words, plural forms, two words, a typo, a prefix.
QUERIES = [
    "zorg",
    "studenten verpleeghuis",
    "ervaringsdeskundigen ggz",
    "mantelzorger",
    "dementie",
    "dementei",
    "gastdocenten",
    "wijkverpleging",
    "leerwerkplaats",
    "zorgonderwijs leren",
    "thuiszorg",
    "vrijwilligers",
]
TYPED = ["de", "dem", "zorg", "verpleeg", "studenten verp", "gastdoc", "hogeschool", "frysl"]

SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


class Site:
    """What the scenario knows of the site it runs against, read once at the start."""

    initiatives: list[str] = []
    themes: list[str] = []
    provinces: list[str] = []
    facets: dict[str, list[str]] = {}
    stylesheet = "/static/css/site.css"


def _get(host: str, path: str) -> bytes:
    with urllib.request.urlopen(host.rstrip("/") + path, timeout=60) as response:  # noqa: S310
        return response.read()


def _paths(host: str, sitemap: str) -> list[str]:
    root = ElementTree.fromstring(_get(host, sitemap))  # noqa: S314 (our own server)
    return [urlsplit(loc.text).path for loc in root.iter(f"{SITEMAP_NS}loc") if loc.text]


@events.test_start.add_listener
def read_site(environment, **_kwargs) -> None:
    host = environment.host
    paths = [path for section in _paths(host, "/sitemap.xml") for path in _paths(host, section)]
    Site.themes = [path for path in paths if re.fullmatch(r"/themas/[-\w]+/", path)]
    Site.provinces = [path for path in paths if re.fullmatch(r"/provincies/[-\w]+/", path)]
    Site.initiatives = [path for path in paths if re.fullmatch(r"/initiatieven/[-\w]+/", path)]
    if not Site.initiatives:
        raise RuntimeError(f"No initiatives in the sitemap of {host}")
    facets = json.loads(_get(host, "/api/zoeken/?per_page=1"))["facets"]
    Site.facets = {
        facet: [value["value"] for value in values if value["count"]]
        for facet, values in facets.items()
    }
    home = _get(host, "/").decode()
    found = re.search(r'href="(/static/css/site[^"]*\.css)"', home)
    if found:
        Site.stylesheet = found.group(1)


def search_params(*, paging: bool = False) -> dict[str, str]:
    """A search as people make them: words, often a facet or two, sometimes a sort, and on the
    search page (`paging`, where a page past the last shows the last) sometimes page 2. An API
    client pages only as far as `pages` says, so it never asks for page 2 blind."""
    params: dict[str, str] = {}
    if random.random() < 0.85:
        params["q"] = random.choice(QUERIES)
    facets = [facet for facet, values in Site.facets.items() if values]
    for facet in random.sample(facets, k=min(len(facets), random.choice([0, 0, 1, 1, 2]))):
        params[facet] = random.choice(Site.facets[facet])
    if random.random() < 0.15:
        params["sort"] = "nieuw"
    if paging and random.random() < 0.1:
        params["page"] = "2"
    return params


class PageReader(FastHttpUser):
    fixed_count = PAGE_USERS
    wait_time = PERSON_WAIT

    @task(4)
    def home(self):
        self.client.get("/", name="page: home")

    @task(10)
    def initiative(self):
        self.client.get(random.choice(Site.initiatives), name="page: initiative")

    @task(3)
    def theme(self):
        if Site.themes:
            self.client.get(random.choice(Site.themes), name="page: theme")

    @task(2)
    def province(self):
        if Site.provinces:
            self.client.get(random.choice(Site.provinces), name="page: province")

    @task(1)
    def indexes(self):
        self.client.get(random.choice(["/themas/", "/provincies/"]), name="page: vocabulary index")

    @task(1)
    def overview(self):
        self.client.get("/in-cijfers/", name="page: overview")


class Searcher(FastHttpUser):
    fixed_count = SEARCH_USERS
    wait_time = PERSON_WAIT

    @task(8)
    def search_page(self):
        self.client.get("/zoeken/", params=search_params(paging=True), name="search: page")

    @task(4)
    def search_api(self):
        self.client.get("/api/zoeken/", params=search_params(), name="api: search")

    @task(6)
    def suggestions(self):
        self.client.get(
            "/api/zoeken/suggesties/", params={"q": random.choice(TYPED)}, name="api: suggestions"
        )

    @task(1)
    def api_pages(self):
        params = {"limit": "20"}
        if Site.facets.get("thema"):
            params["thema"] = random.choice(Site.facets["thema"])
        self.client.get("/api/v2/initiatieven/", params=params, name="api: v2 initiatives")

    @task(1)
    def export_csv(self):
        self.client.get("/zoeken/export.csv", params=search_params(), name="export: csv")

    @task(1)
    def export_xlsx(self):
        self.client.get("/zoeken/export.xlsx", params=search_params(), name="export: xlsx")

    @task(1)
    def feeds(self):
        url = random.choice(
            ["/feeds/initiatieven/", "/zoeken/feed/?q=" + random.choice(QUERIES)]
            + [theme + "feed/" for theme in Site.themes[:3]]
        )
        self.client.get(url, name="feed: atom")


class StaticReader(FastHttpUser):
    fixed_count = STATIC_USERS
    wait_time = PERSON_WAIT

    @task
    def stylesheet(self):
        self.client.get(Site.stylesheet, name="static: stylesheet")
