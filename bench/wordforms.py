"""Word-form benchmark: does a search for one form of a Dutch word find another form of it?

    python bench/wordforms.py [--engines python,database,elasticsearch] [--samples ...] [--misses]

Each sample (bench/data/wordforms_*.tsv) pairs an inflected form with its dictionary form
(werkte - werken, boekjes - boek, musea - museum). Every form becomes a document of its own,
next to the distractors (bench/data/wordforms_distractors.txt: unrelated look-alikes); each
sample in each direction is a corpus of its own (one province filter each, all in one index per
engine). Then each pair is searched both ways: the dictionary form finds the
document with the inflected form ("text inflected, query dictionary form") and the other way
round. Recall: the share of pairs whose document is found. Precision: of all results returned,
the share that holds a form of the searched word.

Engines: `python` (the analysis and query plan alone, no database: quick to iterate on),
`database` (the database engine through /api/zoeken/, on DATABASE_URL; default a SQLite file
bench/wordforms.sqlite3) and `elasticsearch` (when ELASTICSEARCH_URL is set, index prefix
`kbwordforms_`). `snowball` is the stemmer PostgreSQL's `dutch` configuration and Elasticsearch's
`dutch` analyzer ship: a document matches when a word of it has the query's Snowball stem.
Prints a table per sample and group, and writes it to bench/results/.
"""

from __future__ import annotations

import argparse
import datetime
import os
import sys
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "bench" / "data"
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kennisbank.settings")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{ROOT / 'bench' / 'wordforms.sqlite3'}")
os.environ["SEARCH_INDEX_PREFIX"] = "kbwordforms_"
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost")
os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("SECRET_KEY", "benchmark-only")
os.environ["API_RATE_LIMIT"] = ""  # thousands of searches a minute

import django  # noqa: E402

django.setup()

import snowballstemmer  # noqa: E402
from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import transaction  # noqa: E402
from django.test import Client  # noqa: E402

from initiatieven.models import InitiativePage, Province  # noqa: E402
from initiatieven.services.site_tree import ensure_site_tree  # noqa: E402
from search import dutch, maintenance, planner  # noqa: E402

SAMPLES = ("opentaal", "handlist")
DIRECTIONS = ("text inflected", "text dictionary form")
PER_PAGE = 100


@dataclass(frozen=True)
class Pair:
    form: str
    lemma: str
    group: str


@dataclass
class Corpus:
    """Document texts by title; for each part (a sample in one direction) the titles in it, and
    for each of its queries the titles that hold a form of the searched word."""

    texts: dict[str, str]
    province: dict[str, str]  # title -> the province slug that stands for its part
    right: dict[tuple[str, str], set[str]]  # (part, query) -> titles that are right
    title_of: dict[tuple[str, str], str]  # (part, word) -> title of its document


# Each sample in each direction is a corpus of its own (one document per pair, plus the
# distractors), told apart by a province filter so that all share one index and vocabulary.
PROVINCE_SLUGS = ("zuid-holland", "noord-holland", "utrecht", "gelderland", "limburg", "zeeland")


def part(sample: str, direction: str) -> str:
    return f"{sample}, {direction}"


def read_pairs(sample: str) -> list[Pair]:
    lines = (DATA / f"wordforms_{sample}.tsv").read_text(encoding="utf-8").splitlines()
    return [Pair(*line.split("\t")) for line in lines if line and not line.startswith("#")]


def read_distractors() -> list[str]:
    lines = (DATA / "wordforms_distractors.txt").read_text(encoding="utf-8").splitlines()
    return [word for line in lines if (word := line.split("#", 1)[0].strip())]


def build_corpus(samples: dict[str, list[Pair]], *, distractors: bool = True) -> Corpus:
    corpus = Corpus(texts={}, province={}, right=defaultdict(set), title_of={})
    parts = [part(sample, direction) for sample in samples for direction in DIRECTIONS]
    if len(parts) > len(PROVINCE_SLUGS):
        raise SystemExit(f"at most {len(PROVINCE_SLUGS) // 2} samples at once")
    provinces = dict(zip(parts, PROVINCE_SLUGS, strict=False))

    def document(where: str, word: str) -> str:
        key = (where, word)
        if key not in corpus.title_of:
            title = f"W{len(corpus.title_of) + 1:05d}"
            corpus.title_of[key] = title
            corpus.texts[title] = word
            corpus.province[title] = provinces[where]
        return corpus.title_of[key]

    for sample, pairs in samples.items():
        inflected, dictionary = (part(sample, direction) for direction in DIRECTIONS)
        for pair in pairs:
            # The dictionary form finds the inflected forms of the first corpus, each form finds
            # the dictionary form and the other forms of its word in the second.
            corpus.right[inflected, pair.lemma].add(document(inflected, pair.form))
            corpus.right[dictionary, pair.form].add(document(dictionary, pair.lemma))
        for pair in pairs:
            forms = {p.form for p in pairs if p.lemma == pair.lemma}
            for form in forms:
                if (dictionary, form) in corpus.title_of:
                    corpus.right[dictionary, pair.form].add(corpus.title_of[dictionary, form])
        sample_words = {word for pair in pairs for word in (pair.form, pair.lemma)}
        for word in read_distractors() if distractors else []:
            if word not in sample_words:
                document(inflected, word)
                document(dictionary, word)
    return corpus


# --- engines ---------------------------------------------------------------------------------


def snowball_search(corpus: Corpus):
    stemmer = snowballstemmer.stemmer("dutch_porter")
    stems: dict[tuple[str, str], set[str]] = defaultdict(set)
    for title, text in corpus.texts.items():
        for word in dutch.words(text):
            stems[corpus.province[title], stemmer.stemWord(word)].add(title)

    def search(query: str, province: str) -> tuple[list[str], int]:
        found = [stems.get((province, stemmer.stemWord(w)), set()) for w in dutch.words(query)]
        titles = sorted(set.intersection(*found)) if found else []
        return titles, len(titles)

    return search


def python_search(corpus: Corpus):
    """The query plan against the index terms, as both engines match them (no ranking)."""
    vocabulary: dict[str, int] = defaultdict(int)
    postings: dict[str, set[str]] = defaultdict(set)
    for title, text in corpus.texts.items():
        for word in set(dutch.words(text)):
            vocabulary[word] += 1
        for term in dutch.index_terms(text):
            postings[term].add(title)
    vocabulary = dict(vocabulary)

    def search(query: str, province: str) -> tuple[list[str], int]:
        groups = planner.plan(query, vocabulary=vocabulary, synonyms=[])
        matches: set[str] | None = None
        for group in groups:
            found: set[str] = set()
            for alternative in group.alternatives:
                if len(alternative) == 1:
                    found |= postings.get(alternative[0], set())
            matches = found if matches is None else matches & found
        titles = sorted(title for title in matches or [] if corpus.province[title] == province)
        return titles, len(titles)

    return search


def fill_database(corpus: Corpus) -> None:
    """Pages for the corpus (kept between runs while it stays the same), indexed afresh."""
    call_command("migrate", verbosity=0)
    settings.WAGTAILSEARCH_BACKENDS["default"]["AUTO_UPDATE"] = False
    settings.ELASTICSEARCH_URL = ""  # each publish would go to Elasticsearch: rebuilt below
    index = ensure_site_tree()
    existing = dict(InitiativePage.objects.values_list("title", "summary"))
    if existing != corpus.texts or InitiativePage.objects.count() != len(corpus.texts):
        print(f"  writing {len(corpus.texts)} documents", file=sys.stderr)
        InitiativePage.objects.all().delete()
        provinces = {province.slug: province for province in Province.objects.all()}
        now = datetime.datetime.now(datetime.UTC)
        for number, (title, text) in enumerate(corpus.texts.items()):
            page = InitiativePage(
                title=title,
                slug=title.lower(),
                key=title.lower(),
                summary=text,
                approach="<p>…</p>",  # required, and no words
                province=provinces[corpus.province[title]],
                live=True,
                first_published_at=now - datetime.timedelta(minutes=number),
                last_published_at=now - datetime.timedelta(minutes=number),
            )
            with transaction.atomic():
                index.add_child(instance=page)
    settings.WAGTAILSEARCH_BACKENDS["default"]["AUTO_UPDATE"] = True
    maintenance.rebuild()  # the database engine's index and the vocabulary


def api_search(client: Client):
    def search(query: str, province: str) -> tuple[list[str], int]:
        params = {"q": query, "provincie": province, "per_page": PER_PAGE}
        response = client.get("/api/zoeken/", params)
        if response.status_code != 200:
            raise SystemExit(f"{query}: HTTP {response.status_code} {response.content[:300]}")
        data = response.json()
        return [result["title"] for result in data["results"]], data["total"]

    return search


# --- measuring -------------------------------------------------------------------------------


@dataclass
class Score:
    found: int = 0
    pairs: int = 0
    right: int = 0
    returned: int = 0

    def add(self, other: Score) -> None:
        self.found += other.found
        self.pairs += other.pairs
        self.right += other.right
        self.returned += other.returned

    @property
    def recall(self) -> float:
        return self.found / self.pairs if self.pairs else 0.0

    @property
    def precision(self) -> float:
        return self.right / self.returned if self.returned else 1.0

    def cell(self) -> str:
        return f"{100 * self.recall:5.1f} % / {100 * self.precision:5.1f} %"


def measure(search, corpus: Corpus, sample: str, pairs: list[Pair], misses: list[str], name: str):
    """Per direction and group, the Score of `search` on the `pairs` of `sample`."""
    scores: dict[tuple[str, str], Score] = defaultdict(Score)
    for pair in pairs:
        for direction, query, target in (
            (DIRECTIONS[0], pair.lemma, pair.form),
            (DIRECTIONS[1], pair.form, pair.lemma),
        ):
            where = part(sample, direction)
            right_titles = corpus.right[where, query]
            target_title = corpus.title_of[where, target]
            titles, total = search(query, corpus.province[target_title])
            right = sum(1 for title in titles if title in right_titles)
            found = target_title in titles
            score = Score(found=int(found), pairs=1, right=right, returned=total)
            scores[direction, pair.group].add(score)
            if not found:
                misses.append(f"{name}: {query!r} missed {target!r} ({pair.group})")
            for title in titles:
                if title not in right_titles:
                    wrong = corpus.texts[title]
                    misses.append(f"{name}: {query!r} also found {wrong!r} ({pair.group})")
    return scores


def report(results, samples: dict[str, list[Pair]], engines: list[str]) -> str:
    lines = []
    header = "| sample | direction | pairs | " + " | ".join(engines) + " |"
    lines += [
        "Recall / precision per engine (recall: pairs found; precision: results that are a form",
        "of the searched word)",
        "",
        header,
        "|" + "---|" * (3 + len(engines)),
    ]
    totals = {engine: Score() for engine in engines}
    for sample in samples:
        for direction in DIRECTIONS:
            cells = []
            pairs = 0
            for engine in engines:
                score = Score()
                for (dir_, _group), part in results[engine][sample].items():
                    if dir_ == direction:
                        score.add(part)
                totals[engine].add(score)
                pairs = score.pairs
                cells.append(score.cell())
            lines.append(f"| {sample} | {direction} | {pairs} | " + " | ".join(cells) + " |")
    cells = [totals[engine].cell() for engine in engines]
    pairs = totals[engines[0]].pairs
    lines.append(f"| **all** | both | {pairs} | " + " | ".join(cells) + " |")
    lines += [
        "",
        "By group (both samples, both directions):",
        "",
        header.replace("sample | direction | ", "group | "),
        "|" + "---|" * (2 + len(engines)),
    ]
    groups = sorted({group for pairs in samples.values() for group in (p.group for p in pairs)})
    for group in groups:
        cells = []
        for engine in engines:
            score = Score()
            for sample in samples:
                for (_dir, group_), part in results[engine][sample].items():
                    if group_ == group:
                        score.add(part)
            pairs = score.pairs
            cells.append(score.cell())
        lines.append(f"| {group} | {pairs} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--engines", default="python,database,elasticsearch")
    parser.add_argument("--samples", default=",".join(SAMPLES))
    parser.add_argument("--misses", action="store_true", help="list what each engine got wrong")
    parser.add_argument(
        "--no-distractors",
        action="store_true",
        help="only the pairs' own documents, without the planted look-alikes",
    )
    args = parser.parse_args()
    samples = {name: read_pairs(name) for name in args.samples.split(",")}
    corpus = build_corpus(samples, distractors=not args.no_distractors)
    engines = ["snowball"]
    searches = {"snowball": snowball_search(corpus)}
    wanted = args.engines.split(",")
    if "python" in wanted:
        started = time.perf_counter()
        searches["python"] = python_search(corpus)
        print(f"  python analysis: {time.perf_counter() - started:.1f} s", file=sys.stderr)
        engines.append("python")
    es_url = os.environ.get("ELASTICSEARCH_URL", "")
    if "database" in wanted or "elasticsearch" in wanted:
        fill_database(corpus)
    if "database" in wanted:
        from django.db import connection

        name = f"database ({connection.vendor})"
        settings.ELASTICSEARCH_URL = ""
        searches[name] = api_search(Client())
        engines.append(name)
    misses: list[str] = []
    results = {}
    for engine in engines:
        results[engine] = {
            sample: measure(searches[engine], corpus, sample, pairs, misses, engine)
            for sample, pairs in samples.items()
        }
    if "elasticsearch" in wanted and es_url:
        settings.ELASTICSEARCH_URL = es_url
        maintenance.rebuild()  # and a fresh Elasticsearch index
        engines.append("elasticsearch")
        search = api_search(Client())
        results["elasticsearch"] = {
            sample: measure(search, corpus, sample, pairs, misses, "elasticsearch")
            for sample, pairs in samples.items()
        }
    elif "elasticsearch" in wanted:
        print("  skipping elasticsearch: ELASTICSEARCH_URL not set", file=sys.stderr)
    table = report(results, samples, engines)
    print(table)
    if args.misses:
        print("\n".join(["", *misses]))
    results_dir = ROOT / "bench" / "results"
    results_dir.mkdir(exist_ok=True)
    stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
    (results_dir / f"wordforms-{stamp}.md").write_text(table + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
