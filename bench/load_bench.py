"""Load benchmark: locust against the production topology, per endpoint and beside a static file.

    python bench/load_bench.py [--users 50] [--duration 120] [--initiatives 300] [--smoke]

Prepares a site of its own (`--database-url`, default database `kb_load_bench` on the
PostgreSQL server of DATABASE_URL, or the local one): migrations, the demo content and
`--initiatives` generated initiatives (bench/search_bench.py's generator; kept between runs),
search indexes rebuilt (Elasticsearch too when ELASTICSEARCH_URL is set, index prefix
`kbbench_<database>_`), static files collected. Then starts the server as production runs it (see
`server_command`), runs bench/load/locustfile.py headless with `--users` users for `--duration`
seconds (the mixed run: pages, searches and the static file side by side), then each of the
static file and the cached pages alone with all users for `--alone` seconds (their capacity,
the ratio), stops the server and prints a table per endpoint: requests/s, p50/p95/p99, errors;
the search p95 and the pages/static ratio. Written to bench/results/load-<database>-<date>.md.
With users that never pause, every request waits in one queue for the workers, so in the mixed
run the static file is as slow as the pages around it: its ceiling shows only when alone.

The run switches off the per-client limits of the API (API_RATE_LIMIT, SUGGESTIONS_RATE_LIMIT):
all users come from one address here, while the crowd they stand for comes from many, each far
below the limits. Nobody logs in, so the login lockout (django-axes) plays no part.

`--smoke`: the CI check (`make bench-load-smoke`, tests/production/test_load_smoke.py): fewer
users, 20 seconds, its own database `kb_load_smoke`, no results file; exits non-zero on any
failed request, whatever the timings.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import datetime
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
LOCUSTFILE = ROOT / "bench" / "load" / "locustfile.py"
DEFAULT_SERVER = "postgres://kennisbank:kennisbank@127.0.0.1:5432/kennisbank"


def database_url(name: str) -> str:
    """A database called `name` on the server of DATABASE_URL (PostgreSQL), or a SQLite file
    beside this script when DATABASE_URL is SQLite."""
    server = os.environ.get("DATABASE_URL") or DEFAULT_SERVER
    if server.startswith("sqlite"):
        return f"sqlite:///{ROOT / 'bench' / (name + '.sqlite3')}"
    return urlunsplit(urlsplit(server)._replace(path="/" + name))


def database_name(url: str) -> str:
    return Path(urlsplit(url).path).stem.lower()


def ensure_database(url: str) -> None:
    if not url.startswith("postgres"):
        return
    import psycopg

    name = urlsplit(url).path.lstrip("/")
    admin = urlunsplit(urlsplit(url)._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if not exists.fetchone():
            connection.execute(f'CREATE DATABASE "{name}"')


def site_environment(url: str, static_root: Path, port: int) -> dict[str, str]:
    """The environment of every process of the site: production settings, the bench's own
    database, index prefix and static files, and the API's per-client limits off."""
    return {
        **os.environ,
        "DATABASE_URL": url,
        "DEBUG": "false",
        "SECRET_KEY": "load-benchmark-only",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_COOKIES": "false",
        "STATIC_ROOT": str(static_root),
        "MEDIA_ROOT": str(ROOT / "bench" / "load-media"),
        # Indexes of its own for each database (bench and smoke), never a site's.
        "SEARCH_INDEX_PREFIX": f"kbbench_{database_name(url)}_"
        + os.environ.get("SEARCH_INDEX_PREFIX", ""),
        "API_RATE_LIMIT": "",
        "SUGGESTIONS_RATE_LIMIT": "",
        "PORT": str(port),
        "PYTHONUNBUFFERED": "1",
    }


def manage(env: dict[str, str], *args: str) -> None:
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True)  # noqa: S603


GENERATE = """
import sys
sys.path.insert(0, "bench")
import search_bench
seconds = search_bench.generate({total})
print(f"generated initiatives in {{seconds:.0f}} s", file=sys.stderr)
"""


def prepare(env: dict[str, str], initiatives: int) -> None:
    """Migrate, load the demo, add generated initiatives, rebuild the indexes, collect static."""
    manage(env, "migrate", "--noinput", "-v", "0")
    manage(env, "createcachetable")
    manage(env, "load_demo")
    # The generator writes pages without Elasticsearch; the rebuild below indexes them.
    generate_env = {**env, "ELASTICSEARCH_URL": ""}
    code = GENERATE.format(total=initiatives)
    subprocess.run([PYTHON, "-c", code], cwd=ROOT, env=generate_env, check=True)  # noqa: S603
    manage(env, "search_index", "rebuild")
    manage(env, "collectstatic", "--noinput", "-v", "0")


def server_command(port: str) -> list[str]:
    """How the site is served: the production topology's own script when it is there
    (bin/serve-production: migrations, static files, gunicorn with gunicorn.conf.py and the
    worker), else gunicorn as that script starts it. LOAD_SERVER=gunicorn forces the latter."""
    script = ROOT / "bin" / "serve-production"
    if script.exists() and os.environ.get("LOAD_SERVER") != "gunicorn":
        return ["bash", str(script)]
    command = [PYTHON, "-m", "gunicorn", "kennisbank.wsgi", "--bind", f"127.0.0.1:{port}"]
    if (ROOT / "gunicorn.conf.py").exists():
        return [*command, "--config", "gunicorn.conf.py"]
    return [*command, "--workers", str(2 * (os.cpu_count() or 1) + 1)]


@contextlib.contextmanager
def running_server(env: dict[str, str], log: Path) -> Iterator[str]:
    """Start the server in a process group of its own; stop that group afterwards."""
    host = f"http://127.0.0.1:{env['PORT']}"
    with open(log, "wb") as output:
        process = subprocess.Popen(  # noqa: S603
            server_command(env["PORT"]),
            cwd=ROOT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            wait_until_up(host, process, log)
            yield host
        finally:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()


def wait_until_up(host: str, process: subprocess.Popen, log: Path, seconds: float = 300) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"server exited ({process.returncode}):\n{log.read_text()[-3000:]}")
        with contextlib.suppress(OSError), urllib.request.urlopen(host + "/", timeout=10):  # noqa: S310
            return
        time.sleep(0.5)
    raise SystemExit(f"server not up after {seconds} s:\n{log.read_text()[-3000:]}")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


USER_CLASSES = {"page": "PageReader", "search": "Searcher", "static": "StaticReader"}


def split_users(users: int) -> dict[str, int]:
    """Users per kind (locustfile): a tenth static, half pages, the rest searches."""
    static = max(1, users // 10)
    pages = max(1, users // 2)
    return {"static": static, "page": pages, "search": max(1, users - static - pages)}


def run_locust(
    host: str, split: dict[str, int], duration: int, prefix: Path, think: float = 0
) -> Phase:
    """One headless locust run with `split` users of each kind (none of a kind: not run),
    readers and searchers pausing `think` seconds on average."""
    users = sum(split.values())
    env = {
        **os.environ,
        "LOAD_THINK_SECONDS": str(think),
        "LOAD_STATIC_USERS": str(split.get("static", 0)),
        "LOAD_PAGE_USERS": str(split.get("page", 0)),
        "LOAD_SEARCH_USERS": str(split.get("search", 0)),
    }
    command = [
        PYTHON,
        "-m",
        "locust",
        "--locustfile",
        str(LOCUSTFILE),
        "--headless",
        "--host",
        host,
        "--users",
        str(users),
        "--spawn-rate",
        str(max(users // 2, 1)),
        "--run-time",
        f"{duration}s",
        "--reset-stats",
        "--csv",
        str(prefix),
        "--only-summary",
        "--loglevel",
        "WARNING",
        *(USER_CLASSES[kind] for kind, count in split.items() if count),
    ]
    code = subprocess.run(command, cwd=ROOT, env=env, check=False).returncode  # noqa: S603
    with open(f"{prefix}_stats.csv", newline="") as handle:
        rows = [row for row in csv.DictReader(handle) if row["Name"] != "Aggregated"]
    with open(f"{prefix}_failures.csv", newline="") as handle:
        failures = list(csv.DictReader(handle))
    if not rows:
        raise SystemExit(f"locust made no requests (exit {code})")
    return Phase(rows, failures, code)


@dataclass
class Phase:
    rows: list[dict]
    failures: list[dict]
    exit_code: int

    @property
    def errors(self) -> int:
        return sum(int(row["Failure Count"]) for row in self.rows)

    def rps(self) -> float:
        return sum(float(row["Requests/s"]) for row in self.rows)


def endpoint_table(rows: list[dict]) -> list[str]:
    lines = [
        "| endpoint | requests | requests/s | p50 ms | p95 ms | p99 ms | errors |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in sorted(rows, key=lambda row: row["Name"]):
        lines.append(
            f"| {row['Name']} | {row['Request Count']} | {float(row['Requests/s']):.1f} "
            f"| {row['50%']} | {row['95%']} | {row['99%']} | {row['Failure Count']} |"
        )
    return lines


def report(mixed: Phase, alone: dict[str, Phase], heading: list[str]) -> str:
    lines = [*heading, "", *endpoint_table(mixed.rows)]
    search_p95 = max(
        (int(row["95%"]) for row in mixed.rows if row["Name"] in {"search: page", "api: search"}),
        default=0,
    )
    lines += [
        "",
        f"Requests: {sum(int(row['Request Count']) for row in mixed.rows)}, "
        f"errors: {mixed.errors} (target 0).",
        f"Search p95 (page and API, the larger): {search_p95} ms (target at most 300 ms).",
    ]
    if alone:
        static, pages = alone["static"], alone["page"]
        lines += [
            "",
            "Capacity, each alone with all users against the same server:",
            "",
            *endpoint_table(static.rows + pages.rows),
            "",
            f"Cached anonymous pages {pages.rps():.1f} requests/s against {static.rps():.1f} for "
            f"the static file: ratio {pages.rps() / static.rps():.2f} (target at least 0.5).",
        ]
    for phase in (mixed, *alone.values()):
        if phase.failures:
            lines += ["", "| failed request | error | occurrences |", "| --- | --- | ---: |"]
            lines += [
                f"| {row['Method']} {row['Name']} | {row['Error'][:120]} | {row['Occurrences']} |"
                for row in phase.failures
            ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--duration", type=int, default=120, help="seconds of the mixed run")
    parser.add_argument("--alone", type=int, default=30, help="seconds of each capacity run")
    parser.add_argument("--initiatives", type=int, default=300)
    parser.add_argument(
        "--think",
        type=float,
        default=0,
        help="seconds users of the mixed run pause between requests on average (0: none); "
        "the capacity runs never pause",
    )
    parser.add_argument("--database-url", default="")
    parser.add_argument("--smoke", action="store_true", help="CI: 10 users, 20 s, no file")
    args = parser.parse_args()
    if args.smoke:
        args.users, args.duration, args.alone, args.initiatives = 10, 20, 0, 60
    url = args.database_url or database_url("kb_load_smoke" if args.smoke else "kb_load_bench")
    ensure_database(url)
    with tempfile.TemporaryDirectory(prefix="kb-load-") as work:
        work_dir = Path(work)
        env = site_environment(url, work_dir / "static", free_port())
        prepare(env, args.initiatives)
        split = split_users(args.users)
        load_before = os.getloadavg()[0]
        alone: dict[str, Phase] = {}
        with running_server(env, work_dir / "server.log") as host:
            print(f"locust: {split} users for {args.duration} s against {host}", file=sys.stderr)
            mixed = run_locust(host, split, args.duration, work_dir / "mixed", args.think)
            if args.alone:
                for kind in ("static", "page"):
                    print(f"locust: {args.users} {kind} users for {args.alone} s", file=sys.stderr)
                    alone[kind] = run_locust(host, {kind: args.users}, args.alone, work_dir / kind)
        vendor = "postgresql" if url.startswith("postgres") else "sqlite"
        search = "Elasticsearch" if os.environ.get("ELASTICSEARCH_URL") else "database search"
        heading = [
            f"Load benchmark {datetime.date.today()}: {vendor}, {search}, {os.cpu_count()} cores "
            f"(load average {load_before:.1f} before, {os.getloadavg()[0]:.1f} after), "
            f"`{' '.join(server_command(env['PORT'])[2:])}`.",
            "",
            f"Mixed: {sum(split.values())} users ({split['page']} reading pages, "
            f"{split['search']} searching, {split['static']} the static file), "
            + (f"every user pausing {args.think:g} s on average, " if args.think else "no pauses, ")
            + f"{args.duration} s.",
        ]
        text = report(mixed, alone, heading)
        print(text)
        if not args.smoke:
            pauses = f"-think{args.think:g}s" if args.think else ""
            out = ROOT / "bench" / "results" / f"load-{vendor}{pauses}-{datetime.date.today()}.md"
            out.write_text(text + "\n")
            print(f"\nwritten to {out.relative_to(ROOT)}", file=sys.stderr)
        phases = [mixed, *alone.values()]
        if any(phase.failures or phase.exit_code for phase in phases):
            raise SystemExit(1)


if __name__ == "__main__":
    main()
