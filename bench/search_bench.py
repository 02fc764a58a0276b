"""Search benchmark: synthetic Dutch initiatives, latency of /api/zoeken/ and of the
suggestions while typing (/api/zoeken/suggesties/) per engine.

    python bench/search_bench.py [--sizes 1000,10000] [--engines database,elasticsearch]
                                 [--rounds 3] [--es-copies 10] [--skip-stock]

Uses its own database (DATABASE_URL, default bench/bench.sqlite3) and index prefix
`kbbench_` (followed by SEARCH_INDEX_PREFIX when set), with DEBUG off as in production. For
each size it generates initiatives (or reuses them; one published organisation per five), builds
the indexes, then times a fixed mix of queries and facet filters through the JSON API on each
engine, next to Wagtail's stock `Page.objects.live().search(q)` and Elasticsearch's own `took`,
and a mix of typed texts through the suggestions API (a row "<engine>: suggestions"). Prints a
table and writes it to bench/results/.

`--es-copies N` then fills the Elasticsearch index with N copies of every document of the
largest size (new ids, same text) and times Elasticsearch alone at that scale: generating
100,000 Wagtail pages takes hours on a small machine, indexing 100,000 documents a minute or
two. The database engine and stock Wagtail are not measured at that size.
"""

from __future__ import annotations

import argparse
import datetime
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kennisbank.settings")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{ROOT / 'bench' / 'bench.sqlite3'}")
# Always its own indexes, never a site's: SEARCH_INDEX_PREFIX, when set, only tells runs apart.
os.environ["SEARCH_INDEX_PREFIX"] = "kbbench_" + os.environ.get("SEARCH_INDEX_PREFIX", "")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost")
os.environ.setdefault("DEBUG", "false")  # as in production: no query log, no debug pages
os.environ.setdefault("SECRET_KEY", "benchmark-only")
os.environ["API_RATE_LIMIT"] = ""  # the benchmark asks more often than a client may

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from wagtail.models import Page  # noqa: E402

from initiatieven.models import InitiativePage  # noqa: E402
from initiatieven.services.site_tree import ensure_site_tree  # noqa: E402
from search.engines.database import update_database_index  # noqa: E402
from search.engines.elasticsearch import ElasticsearchEngine  # noqa: E402
from search.interface import SearchQuery  # noqa: E402


def no_progress(items, total, description):
    return items


WORDS = [
    "zorg",
    "onderwijs",
    "studenten",
    "verpleeghuis",
    "verpleeghuizen",
    "wijkverpleging",
    "thuiszorg",
    "mantelzorgers",
    "ervaringsdeskundigen",
    "dementie",
    "gastdocent",
    "gastdocenten",
    "leerwerkplaats",
    "stage",
    "docenten",
    "cliënten",
    "vrijwilligers",
    "naasten",
    "ouderenzorg",
    "ggz",
    "jeugdzorg",
    "welzijn",
    "zorgorganisatie",
    "zorgonderwijs",
    "regio",
    "samenwerking",
    "leren",
    "werken",
    "competenties",
    "diploma",
    "lerende",
    "organisatie",
    "relaties",
    "regels",
    "kwaliteit",
    "leven",
    "bewoners",
    "gastvrouwen",
    "gastheren",
    "koken",
    "woongroep",
    "rooster",
    "functies",
    "intervisie",
    "praktijk",
    "opleiding",
    "roc",
    "hogeschool",
    "mbo",
    "hbo",
    "teams",
    "wijk",
    "buurt",
    "gemeente",
    "innovatie",
    "vernieuwing",
    "beweging",
    "financiële",
    "begeleiding",
    "herstel",
    "participatie",
    "inclusie",
    "gesprek",
    "nieuwsgierig",
    "houding",
]
QUERIES = [
    ({"q": "studenten verpleeghuis"}, "text"),
    ({"q": "ervaringsdeskundigen ggz"}, "text"),
    ({"q": "mantelzorger"}, "text"),
    ({"q": "dementei"}, "typo"),
    ({"q": "gastdoc"}, "prefix"),
    ({"q": "zorgonderwijs leren"}, "text"),
    ({"q": "alzheimer"}, "synonym"),
    ({}, "browse"),
    ({"thema": "leren-en-werken"}, "facet"),
    ({"q": "zorg", "provincie": ["noord-holland", "zuid-holland"]}, "text+facet"),
    ({"q": "studenten", "sector": "ouderenzorg", "niveau": "mbo"}, "text+facets"),
    ({"q": "wijk", "sort": "nieuw"}, "sort"),
]

# What people type into the search box, letter by letter: short and long prefixes, several
# words, an organisation's name, a province's Frisian name, a number, nothing to find.
SUGGESTION_TEXTS = [
    "de",
    "dem",
    "zorg",
    "verpleeg",
    "studenten verp",
    "gastdoc 12",
    "zorggroep lei",
    "hogeschool",
    "frysl",
    "12",
    "mantelzorgers ggz",
    "xq",
]
SUGGESTION_ROUNDS = 5  # times `--rounds`: each round is short


def generate(total: int, seed: int = 7) -> float:
    """Create `total` live initiatives (keeping existing ones); returns seconds taken."""
    settings.WAGTAILSEARCH_BACKENDS["default"]["AUTO_UPDATE"] = False
    index = ensure_site_tree()
    existing = InitiativePage.objects.count()
    if existing >= total:
        link_organisations(random.Random(seed))
        return 0.0
    rng = random.Random(seed + existing)
    models = InitiativePage.vocabulary_models()
    values = {field: list(model.objects.all()) for field, model in models.items()}
    started = time.perf_counter()
    now = datetime.datetime.now(datetime.UTC)
    created: list[InitiativePage] = []
    for number in range(existing, total):

        def text(count):
            return " ".join(rng.choice(WORDS) for _ in range(count))

        published = now - datetime.timedelta(minutes=number)
        page = InitiativePage(
            title=f"{text(4).capitalize()} {number}",
            slug=f"bench-{number}",
            key=f"bench-{number}",
            summary=text(20).capitalize() + ".",
            background=f"<p>{text(40)}</p>",
            approach=f"<p>{text(80)}</p>",
            results=f"<p>{text(30)}</p>",
            place=rng.choice(["Leiden", "Utrecht", "Zwolle", "Tilburg", "Groningen", "Haarlem"]),
            province=rng.choice(values["province"]),
            phase=rng.choice(values["phase"]),
            start_year=rng.randint(2015, 2025),
            live=True,
            first_published_at=published,
            last_published_at=published,
        )
        with transaction.atomic():
            index.add_child(instance=page)
        created.append(page)
        if len(created) == 1000 or number == total - 1:
            _link(created, values, rng)
            created = []
        if number % 1000 == 999:
            print(f"  generated {number + 1}/{total}", file=sys.stderr)
    link_organisations(rng)
    settings.WAGTAILSEARCH_BACKENDS["default"]["AUTO_UPDATE"] = True
    return time.perf_counter() - started


ORGANISATION_KINDS = ["Zorggroep", "Roc", "Hogeschool", "Thuiszorg", "Stichting", "Woonzorg"]
PLACES = ["Leiden", "Utrecht", "Zwolle", "Tilburg", "Groningen", "Haarlem", "Leeuwarden", "Delft"]


def link_organisations(rng: random.Random) -> None:
    """One published organisation per five initiatives, each initiative naming one or two
    (kept when there already are), so that suggestions search a realistic list of names."""
    from initiatieven.models import Organisation

    pages = list(InitiativePage.objects.filter(organisations=None).values_list("pk", flat=True))
    wanted = InitiativePage.objects.count() // 5
    have = Organisation.objects.count()
    Organisation.objects.bulk_create(
        [
            Organisation(
                name=f"{rng.choice(ORGANISATION_KINDS)} {rng.choice(PLACES)} {number}",
                live=True,
            )
            for number in range(have, wanted)
        ]
    )
    organisations = list(Organisation.objects.values_list("pk", flat=True))
    through = InitiativePage.organisations.through
    through.objects.bulk_create(
        [
            through(initiativepage_id=pk, organisation_id=organisation)
            for pk in pages
            for organisation in rng.sample(organisations, k=rng.randint(1, 2))
        ],
        ignore_conflicts=True,
    )


def _link(pages, values, rng) -> None:
    for field in InitiativePage.MULTI_VOCABULARY_FIELDS:
        relation = InitiativePage._meta.get_field(field)
        through = relation.remote_field.through
        target = relation.related_model._meta.model_name
        rows = []
        for page in pages:
            for term in rng.sample(values[field], k=rng.randint(1, 2)):
                rows.append(through(**{"initiativepage_id": page.pk, f"{target}_id": term.pk}))
        through.objects.bulk_create(rows, ignore_conflicts=True)


def settle_database() -> None:
    """On PostgreSQL, vacuum the tables the index rewrite left dead rows in, so that the
    timings measure searching rather than autovacuum catching up on the same 2 cores."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")


def percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def time_api(rounds: int) -> list[float]:
    client = Client()
    for params, _kind in QUERIES:  # warm caches
        client.get("/api/zoeken/", params)
    samples = []
    for _ in range(rounds):
        for params, _kind in QUERIES:
            started = time.perf_counter()
            response = client.get("/api/zoeken/", params)
            samples.append((time.perf_counter() - started) * 1000)
            if response.status_code != 200:
                raise SystemExit(f"{params}: HTTP {response.status_code} {response.content[:300]}")
    return samples


def time_suggestions(rounds: int, engine: str) -> list[float]:
    """Latency of the suggestions API; each answer must come from `engine` (not a fallback)."""
    client = Client()
    for text in SUGGESTION_TEXTS:  # warm caches
        client.get("/api/zoeken/suggesties/", {"q": text})
    samples = []
    for _ in range(rounds * SUGGESTION_ROUNDS):
        for text in SUGGESTION_TEXTS:
            started = time.perf_counter()
            response = client.get("/api/zoeken/suggesties/", {"q": text})
            samples.append((time.perf_counter() - started) * 1000)
            if response.status_code != 200 or response.json()["engine"] != engine:
                raise SystemExit(f"{text}: HTTP {response.status_code} {response.content[:300]}")
    return samples


def time_stock(rounds: int) -> list[float]:
    samples = []
    texts = [params["q"] for params, _kind in QUERIES if params.get("q")]
    for _ in range(rounds):
        for text in texts:
            started = time.perf_counter()
            list(Page.objects.live().search(text)[:20])
            samples.append((time.perf_counter() - started) * 1000)
    return samples


def es_took(rounds: int) -> list[float]:
    engine = ElasticsearchEngine()
    samples = []
    for _ in range(rounds):
        for params, _kind in QUERIES:
            filters = {
                key: tuple(value if isinstance(value, list) else [value])
                for key, value in params.items()
                if key not in {"q", "sort"}
            }
            query = SearchQuery(
                text=params.get("q", ""), filters=filters, sort=params.get("sort", "relevantie")
            )
            samples.append(float(engine._request(query).execute().took))
    return samples


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--engines", default="database,elasticsearch")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--es-copies", type=int, default=0)
    # Stock Wagtail can take tens of seconds per two-word query on PostgreSQL (see README).
    parser.add_argument("--skip-stock", action="store_true", help="do not time stock Wagtail")
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    engines = args.engines.split(",")
    es_url = os.environ.get("ELASTICSEARCH_URL", "")
    rows = []
    for size in [int(value) for value in args.sizes.split(",")]:
        print(f"size {size}: generating", file=sys.stderr)
        generated = generate(size)
        settings.ELASTICSEARCH_URL = ""
        started = time.perf_counter()
        update_database_index(no_progress)
        db_index_s = time.perf_counter() - started
        settle_database()
        from search import indexing

        indexing.rebuild_vocabulary()
        # Stock Wagtail search uses the database whatever engine answers the API: timed once.
        stock = [] if args.skip_stock else time_stock(args.rounds)
        for engine in engines:
            row = {
                "size": size,
                "engine": engine,
                "generate_s": generated,
                "db_index_s": db_index_s,
            }
            if engine == "elasticsearch":
                if not es_url:
                    print("  skipping elasticsearch: ELASTICSEARCH_URL not set", file=sys.stderr)
                    continue
                settings.ELASTICSEARCH_URL = es_url
                started = time.perf_counter()
                result = ElasticsearchEngine().rebuild(
                    progress=lambda items, total, description: items
                )
                elapsed = time.perf_counter() - started
                row["reindex_docs_s"] = result["documents"] / elapsed
                row["took"] = es_took(args.rounds)
            else:
                settings.ELASTICSEARCH_URL = ""
            row["api"] = time_api(args.rounds)
            row["suggestions"] = time_suggestions(args.rounds, engine)
            row["stock"] = stock
            rows.append(row)
    if args.es_copies > 1 and es_url and "elasticsearch" in engines:
        settings.ELASTICSEARCH_URL = es_url
        total = index_copies(args.es_copies)
        rows.append(
            {
                "size": total,
                "engine": "elasticsearch (copies)",
                "api": time_api(args.rounds),
                "took": es_took(args.rounds),
            }
        )
    report(rows)


def index_copies(copies: int) -> int:
    """Fill a new index behind the alias with `copies` copies of every live initiative's
    document (ids offset per copy); returns the number of documents."""
    from elasticsearch import helpers

    from search import documents
    from search.documents import documents_in
    from search.engines import es_index

    name = es_index.new_index_name()
    es_index.create_index(name)
    pages = documents.indexable_pages().iterator(chunk_size=500)
    sources = [es_index.source_for(document) for document in documents_in(pages)]
    bulk_client = es_index.client().options(request_timeout=120)
    written = 0
    for copy in range(copies):
        offset = copy * 10_000_000
        actions = (
            {
                "_index": name,
                "_id": source["page_id"] + offset,
                "_source": {**source, "page_id": source["page_id"] + offset},
            }
            for source in sources
        )
        written += helpers.bulk(bulk_client, actions, chunk_size=1000)[0]
        print(f"  copies: {written} documents", file=sys.stderr)
    es_index.finish_index(name)
    es_index.delete_indexes(es_index.switch_alias(name))
    return written


def report(rows) -> None:
    vendor = connection.vendor
    lines = [
        f"Search benchmark {datetime.date.today()} on {vendor}, {os.cpu_count()} cores",
        "",
        "| initiatives | engine | API p50 ms | API p95 ms | stock Wagtail p50/p95 ms "
        "| ES took p50/p95 ms | full reindex docs/s |",
        "| ---: | --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in rows:
        took = row.get("took")
        took_text = f"{statistics.median(took):.0f} / {percentile(took, 0.95):.0f}" if took else "-"
        reindex_text = f"{row['reindex_docs_s']:.0f}" if "reindex_docs_s" in row else "-"
        stock = row.get("stock")
        stock_text = (
            f"{statistics.median(stock):.1f} / {percentile(stock, 0.95):.1f}" if stock else "-"
        )
        lines.append(
            f"| {row['size']} | {row['engine']} | {statistics.median(row['api']):.1f} "
            f"| {percentile(row['api'], 0.95):.1f} "
            f"| {stock_text} "
            f"| {took_text} | {reindex_text} |"
        )
        if row.get("suggestions"):
            samples = row["suggestions"]
            lines.append(
                f"| {row['size']} | {row['engine']}: suggestions "
                f"| {statistics.median(samples):.1f} | {percentile(samples, 0.95):.1f} "
                "| - | - | - |"
            )
    text = "\n".join(lines)
    print(text)
    out = ROOT / "bench" / "results" / f"search-{vendor}-{datetime.date.today()}.md"
    out.write_text(text + "\n")
    print(f"\nwritten to {out.relative_to(ROOT)}", file=sys.stderr)


if __name__ == "__main__":
    main()
