"""A circuit breaker for Elasticsearch, per process: after a failure, stop asking for a while.

A hung Elasticsearch would otherwise make every search wait ELASTICSEARCH_TIMEOUT and hold a
web worker meanwhile, so that even static files queue. Closed: requests pass. A failure
(refused, timed out, 429 or 5xx) opens it: requests fail at once with `CircuitOpen` (the caller
answers from the database) for `retry_seconds`. Then one request tries (half-open) while the
others still fail at once; its success closes the breaker, its failure opens it again.

Not pybreaker: it holds its lock for the whole guarded call, so threads of one process would
ask Elasticsearch one at a time (danielfm/pybreaker#55); the `circuitbreaker` package has no
lock at all (fabfuel/circuitbreaker#61).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

import elastic_transport

logger = logging.getLogger(__name__)

# The transport's own failures: no answer, or no answer in time.
FAILURES = (elastic_transport.ConnectionError, elastic_transport.ConnectionTimeout)
# Answers that say Elasticsearch cannot serve now.
FAILING_STATUS = 429


class CircuitOpen(Exception):
    """Elasticsearch failed a moment ago: not asked again yet."""


class CircuitBreaker:
    def __init__(self, *, retry_seconds: float, clock: Callable[[], float] = time.monotonic):
        self.retry_seconds = retry_seconds
        self._clock = clock
        self._lock = threading.Lock()
        self._opened_at: float | None = None  # None: closed
        self._trial: object | None = None  # the token of the half-open trial under way

    @property
    def state(self) -> str:
        with self._lock:
            if self._opened_at is None:
                return "closed"
            return "half-open" if self._trial is not None else "open"

    def allow(self) -> object | None:
        """Return when a request may go: a token when it is the half-open trial, else None
        (hand it to `released`). Raise CircuitOpen when it may not go."""
        with self._lock:
            if self._opened_at is None:
                return None
            waited = self._clock() - self._opened_at
            if self._trial is not None or waited < self.retry_seconds:
                raise CircuitOpen(
                    f"Elasticsearch failed {waited:.1f} s ago; "
                    f"asked again after {self.retry_seconds:g} s"
                )
            self._trial = object()
            return self._trial

    def succeeded(self) -> None:
        with self._lock:
            if self._opened_at is not None:
                logger.warning("Elasticsearch answers again; searching it again")
            self._opened_at, self._trial = None, None

    def failed(self) -> None:
        with self._lock:
            if self._opened_at is None or self._trial is not None:
                logger.warning("Elasticsearch failed; not asking it for %g s", self.retry_seconds)
            self._opened_at, self._trial = self._clock(), None

    def released(self, token: object | None) -> None:
        """The request `allow` gave `token` ended without telling whether Elasticsearch works
        (interrupted): when it was the trial, the next request may try. Another request's
        interruption (one that went before the breaker opened) leaves a trial under way alone."""
        with self._lock:
            if token is not None and token is self._trial:
                self._trial = None


class BreakerTransport(elastic_transport.Transport):
    """The client's transport, guarded by a breaker of its own (set `breaker` after creating
    the client): every request of the client and its `.options()` copies goes through it."""

    breaker: CircuitBreaker | None = None

    def perform_request(self, method: str, target: str, **kwargs):
        if self.breaker is None:
            return super().perform_request(method, target, **kwargs)
        token = self.breaker.allow()
        try:
            response = super().perform_request(method, target, **kwargs)
        except FAILURES:
            self.breaker.failed()
            raise
        except BaseException:
            self.breaker.released(token)
            raise
        status = response.meta.status
        if status == FAILING_STATUS or status >= 500:
            self.breaker.failed()
        else:
            self.breaker.succeeded()
        return response
