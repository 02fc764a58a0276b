"""Import benchmark: how fast `manage.py import_initiatives` reads and writes, and how much
memory it takes, on PostgreSQL (and Elasticsearch when ELASTICSEARCH_URL is set).

    python bench/import_bench.py [--rows 5000] [--rows 5000,500]

For each size it generates a CSV of realistic rows (every column filled, sections of a few
dozen to a hundred words, vocabularies, organisations and keywords), creates a fresh database
`kb_import_bench` (or IMPORT_BENCH_DATABASE) on the server of DATABASE_URL (default the local
one), migrates it, and times the real command in a process of its own, as an operator runs
it: a dry run, the import of new rows with --publish, the same file again (nothing changes),
and a file that changes every row (an update: a new revision each). Max RSS is the process's
own peak (`wait4`). Writes a table to bench/results/import-<date>.md.
"""

from __future__ import annotations

import argparse
import csv
import datetime
import os
import random
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg

ROOT = Path(__file__).resolve().parent.parent
SERVER = os.environ.get("DATABASE_URL", "postgres://kennisbank:kennisbank@127.0.0.1:5432/x")
NAME = os.environ.get("IMPORT_BENCH_DATABASE", "kb_import_bench")
DATABASE = urlunsplit(urlsplit(SERVER)._replace(path=f"/{NAME}"))
WORK = ROOT / "bench" / "import-work"
ELASTICSEARCH = os.environ.get("ELASTICSEARCH_URL", "")

# The words of the generated texts, as in care-education initiatives.
WORD_TEXT = (
    "zorg onderwijs studenten verpleeghuis wijkverpleging thuiszorg mantelzorgers "
    "dementie gastdocent leerwerkplaats stage docenten cliënten vrijwilligers naasten "
    "ouderenzorg ggz jeugdzorg welzijn samenwerking leren werken competenties diploma "
    "bewoners praktijk opleiding hogeschool teams wijk buurt gemeente innovatie "
    "begeleiding herstel participatie inclusie gesprek houding"
)
WORDS = WORD_TEXT.split()
PROVINCES = ["drenthe", "utrecht", "zuid-holland", "noord-holland", "fryslân", "limburg"]
SECTORS = ["ouderenzorg", "ggz", "gehandicaptenzorg", "ziekenhuiszorg", "jeugdzorg"]
LEVELS = ["mbo", "hbo", "wo"]
GROUPS = ["studenten", "docenten", "zorgmedewerkers", "naasten"]
THEMES = ["leren-en-werken", "competenties", "leervragen-centraal"]
PHASES = ["idee", "pilot", "lopend", "afgerond"]
PLACES = ["Leiden", "Utrecht", "Zwolle", "Tilburg", "Groningen", "Haarlem", "Assen", "Delft"]
HEADER = [
    "sleutel",
    "titel",
    "samenvatting",
    "aanleiding",
    "aanpak",
    "resultaten",
    "lessen",
    "provincie",
    "plaats",
    "organisaties",
    "sectoren",
    "onderwijsniveaus",
    "doelgroepen",
    "themas",
    "trefwoorden",
    "fase",
    "startjaar",
    "website",
    "contactpersoon",
    "contact_email",
    "contact_openbaar",
]


def write_rows(path: Path, rows: int, *, version: int = 1, seed: int = 14) -> Path:
    """A sheet of `rows` new initiatives; another `version` changes every row's summary."""
    rng = random.Random(seed)

    def text(count: int) -> str:
        return " ".join(rng.choice(WORDS) for _ in range(count))

    def some(values: list[str]) -> str:
        return "; ".join(rng.sample(values, k=rng.randint(1, 2)))

    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        for number in range(rows):
            writer.writerow(
                [
                    f"bench-{number}",
                    f"{text(4).capitalize()} {number}",
                    f"{text(20).capitalize()} (versie {version}).",
                    text(40),
                    f"{text(50)}\n\n{text(30)}",
                    text(30),
                    text(20),
                    rng.choice(PROVINCES),
                    rng.choice(PLACES),
                    f"Zorggroep {rng.choice(PLACES)} {number % 200}; Roc {rng.choice(PLACES)}",
                    some(SECTORS),
                    some(LEVELS),
                    some(GROUPS),
                    some(THEMES),
                    f"{rng.choice(WORDS)}; {rng.choice(WORDS)}",
                    rng.choice(PHASES),
                    str(rng.randint(2015, 2025)),
                    f"www.initiatief-{number}.example.org",
                    "Jan Jansen",
                    f"contact{number}@example.org",
                    rng.choice(["ja", "nee"]),
                ]
            )
    return path


def fresh_database() -> None:
    admin = urlunsplit(urlsplit(SERVER)._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{NAME}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{NAME}"')
    manage("migrate", "--verbosity", "0")
    if ELASTICSEARCH:
        manage("search_index", "rebuild")


def manage(*args: str) -> tuple[float, float, int]:
    """Run manage.py with `args` on the bench database: seconds taken, CPU seconds of the
    process (user + system; on a busy machine the fairer figure) and max RSS in MB."""
    env = {
        **os.environ,
        "DATABASE_URL": DATABASE,
        "DEBUG": "false",
        "SECRET_KEY": "benchmark-only",
        "SEARCH_INDEX_PREFIX": f"kbbench_{NAME}_",
    }
    started = time.perf_counter()
    process = subprocess.Popen(  # noqa: S603
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    _pid, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"manage.py {' '.join(args)} failed:\n{process.stderr.read().decode()}")
    return seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss // 1024


STEP_NAMES = ("dry", "new", "same", "update")


def measure(
    rows: int, steps: tuple[str, ...] = STEP_NAMES
) -> list[tuple[str, int, float, float, int]]:
    WORK.mkdir(exist_ok=True)
    sheet = write_rows(WORK / f"import-{rows}.csv", rows)
    changed = write_rows(WORK / f"import-{rows}-changed.csv", rows, version=2)
    fresh_database()
    every_step = {
        "dry": ("dry run (--dry-run --publish)", (str(sheet), "--dry-run", "--publish")),
        "new": ("new rows (--publish)", (str(sheet), "--publish")),
        "same": ("same file again (no changes)", (str(sheet), "--publish")),
        "update": ("every row changed (updates)", (str(changed), "--publish")),
    }
    results = []
    # In their order: "same" and "update" need the rows "new" wrote.
    for name, args in (every_step[step] for step in STEP_NAMES if step in steps):
        seconds, cpu, rss = manage("import_initiatives", *args)
        results.append((name, rows, seconds, cpu, rss))
        print(f"  {name}: {rows} rows, {seconds:.1f} s, {cpu:.1f} CPU s, {rss} MB", file=sys.stderr)
    return results


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", default="5000", help="sizes, comma separated")
    parser.add_argument(
        "--steps",
        default=",".join(STEP_NAMES),
        help=f"which steps, comma separated, of {', '.join(STEP_NAMES)}",
    )
    parser.add_argument("--note", default="", help="a line added under the table")
    parser.add_argument("--output", default="", help="the results file (default: by date)")
    options = parser.parse_args()
    sizes = [int(size) for size in options.rows.split(",")]
    steps = tuple(step.strip() for step in options.steps.split(","))
    unknown = set(steps) - set(STEP_NAMES)
    if unknown:
        parser.error(f"unknown steps: {', '.join(sorted(unknown))}")
    results = [result for size in sizes for result in measure(size, steps)]
    table = [
        f"# Import, PostgreSQL{' + Elasticsearch' if ELASTICSEARCH else ''} "
        f"({datetime.date.today().isoformat()}, {os.cpu_count()} CPUs)",
        "",
        "| step | rows | seconds | rows/s | CPU s of the command | max RSS (MB) |",
        "|---|---|---|---|---|---|",
        *(
            f"| {name} | {rows} | {seconds:.1f} | {rows / seconds:.1f} | {cpu:.1f} | {rss} |"
            for name, rows, seconds, cpu, rss in results
        ),
        "",
        "Each time is the whole command, starting Django included (about 2 s, 1.5 CPU s). "
        f"Load average at the end: {os.getloadavg()[0]:.1f} (other work on the same CPUs).",
    ]
    if options.note:
        table += ["", options.note]
    text = "\n".join(table) + "\n"
    print(text)
    results_file = ROOT / "bench" / "results" / f"import-{datetime.date.today()}.md"
    if options.output:
        results_file = Path(options.output)
    results_file.write_text(text)


if __name__ == "__main__":
    main()
