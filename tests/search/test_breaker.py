"""The circuit breaker's states, on a clock the test moves (search.engines.breaker)."""

import pytest

from search.engines.breaker import CircuitBreaker, CircuitOpen


class Clock:
    now = 100.0

    def __call__(self) -> float:
        return self.now


def test_a_failure_opens_it_until_one_trial_after_the_retry_time():
    clock = Clock()
    breaker = CircuitBreaker(retry_seconds=30, clock=clock)
    breaker.allow()
    breaker.failed()
    assert breaker.state == "open"
    clock.now += 29
    with pytest.raises(CircuitOpen):
        breaker.allow()

    clock.now += 1
    breaker.allow()  # the one trial
    assert breaker.state == "half-open"
    with pytest.raises(CircuitOpen):
        breaker.allow()  # everyone else meanwhile: at once
    breaker.failed()
    with pytest.raises(CircuitOpen):
        breaker.allow()

    clock.now += 30
    breaker.allow()
    breaker.succeeded()
    assert breaker.state == "closed"
    breaker.allow()
    breaker.allow()


def test_an_interrupted_trial_lets_the_next_request_try():
    clock = Clock()
    breaker = CircuitBreaker(retry_seconds=1, clock=clock)
    breaker.failed()
    clock.now += 1
    trial = breaker.allow()
    breaker.released(trial)
    breaker.allow()
    assert breaker.state == "half-open"


def test_an_interrupted_request_that_was_not_the_trial_leaves_the_trial_alone():
    clock = Clock()
    breaker = CircuitBreaker(retry_seconds=1, clock=clock)
    earlier = breaker.allow()  # asked while closed, and still waiting
    breaker.failed()  # another request failed meanwhile
    clock.now += 1
    breaker.allow()  # the trial
    breaker.released(earlier)  # the earlier request is interrupted
    assert breaker.state == "half-open"
    with pytest.raises(CircuitOpen):
        breaker.allow()  # no second trial
