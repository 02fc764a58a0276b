"""Gunicorn settings for Kennisbank, read from the environment (see .env.example).

gunicorn reads this file by itself when started in the checkout (`gunicorn`, or
`gunicorn -c gunicorn.conf.py`); bin/serve-production and the Docker image start it that way.
"""

import os


def _available_cpus() -> int:
    # The CPUs this process may run on (a container's or taskset's share), not the machine's.
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


wsgi_app = "kennisbank.wsgi:application"
_host = os.environ.get("HOST") or "127.0.0.1"
if ":" in _host and not _host.startswith("["):
    _host = f"[{_host}]"  # an IPv6 address
bind = f"{_host}:{os.environ.get('PORT') or '8000'}"
# gunicorn's rule of thumb: two workers per CPU, plus one.
workers = int(os.environ.get("WEB_CONCURRENCY") or 2 * _available_cpus() + 1)
# More than one thread per worker switches to threaded workers (gthread).
threads = int(os.environ.get("WEB_THREADS") or 1)
timeout = int(os.environ.get("WEB_TIMEOUT") or 30)
# On SIGTERM, requests under way get this long to finish.
graceful_timeout = 20
keepalive = 5
# A worker is replaced after about this many requests, so that memory does not creep up.
max_requests = 2000
max_requests_jitter = 200
# Heartbeats in memory, not on a disk that may be slow or full.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None  # noqa: S108
accesslog = "-"
errorlog = "-"
loglevel = (os.environ.get("LOG_LEVEL") or "info").lower()
proc_name = "kennisbank"
# No control socket (gunicorn 25.1+): signals do what we need, and several instances on one
# machine would share its default path in the home directory.
control_socket_disable = True
