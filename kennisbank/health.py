"""Health check for the service manager and load balancer: does this process reach its database?

`/gezond/` answers 200 when the database answers and 503 (with `Retry-After`) when it does not.
It is answered by `HealthCheckMiddleware`, first in the chain, so that neither the host check
(ALLOWED_HOSTS: a container's healthcheck asks for 127.0.0.1), the HTTPS redirect nor the session
and page caches come in between. `manage.py healthcheck` asks the same question for processes
without HTTP (the worker).
"""

from collections.abc import Callable

from django.db import DatabaseError, connections
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

HEALTH_PATH = "/gezond/"
RETRY_AFTER_SECONDS = 10


def database_answers(alias: str = "default") -> bool:
    """Whether the database answers a query now.

    A persistent connection that the database dropped (a restart) fails once: it is closed and
    the question asked again on a new one, so only a database that is really away counts."""
    connection = connections[alias]
    for _attempt in range(2):
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1")
                cursor.fetchone()
        except DatabaseError:
            # Leave no broken connection behind for the next request of this thread.
            connection.close()
        else:
            return True
    return False


def health_response() -> HttpResponse:
    if database_answers():
        response = HttpResponse(_("Healthy: the database answers.") + "\n", status=200)
    else:
        response = HttpResponse(_("Not healthy: the database does not answer.") + "\n", status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Content-Type"] = "text/plain; charset=utf-8"
    response["Cache-Control"] = "no-store"
    return response


class HealthCheckMiddleware:
    """Answers `/gezond/` (GET or HEAD) itself; every other request passes on unchanged."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path_info == HEALTH_PATH and request.method in {"GET", "HEAD"}:
            return health_response()
        return self.get_response(request)
