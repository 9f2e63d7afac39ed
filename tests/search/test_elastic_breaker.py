import threading

from search.breaker import CLOSED, HALF_OPEN, OPEN, CircuitBreaker


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def opened(clock: Clock, failures: int = 3, cooldown: float = 30) -> CircuitBreaker:
    breaker = CircuitBreaker(failures, cooldown, clock=clock)
    for _ in range(failures):
        assert breaker.allow()
        breaker.record_failure()
    return breaker


def test_opens_after_the_configured_consecutive_failures():
    breaker = CircuitBreaker(3, 30, clock=Clock())
    breaker.record_failure()
    breaker.record_failure()
    assert breaker.state == CLOSED and breaker.allow()
    breaker.record_failure()
    assert breaker.state == OPEN
    assert not breaker.allow()


def test_a_success_resets_the_failure_count():
    breaker = CircuitBreaker(3, 30, clock=Clock())
    breaker.record_failure()
    breaker.record_failure()
    breaker.record_success()
    breaker.record_failure()
    breaker.record_failure()
    assert breaker.state == CLOSED


def test_stays_open_for_the_cooldown():
    clock = Clock()
    breaker = opened(clock)
    clock.now += 29.9
    assert breaker.state == OPEN and not breaker.allow()


def test_half_open_after_cooldown_lets_exactly_one_trial_through():
    clock = Clock()
    breaker = opened(clock)
    clock.now += 30
    assert breaker.state == HALF_OPEN
    assert breaker.allow()
    assert not breaker.allow()
    assert not breaker.allow()


def test_successful_trial_closes():
    clock = Clock()
    breaker = opened(clock)
    clock.now += 31
    assert breaker.allow()
    breaker.record_success()
    assert breaker.state == CLOSED
    assert breaker.allow() and breaker.allow()
    # Closed again with a fresh count: it takes the full number of failures to reopen.
    breaker.record_failure()
    breaker.record_failure()
    assert breaker.state == CLOSED


def test_failed_trial_reopens_for_a_new_cooldown():
    clock = Clock()
    breaker = opened(clock)
    clock.now += 31
    assert breaker.allow()
    breaker.record_failure()
    assert breaker.state == OPEN and not breaker.allow()
    clock.now += 29
    assert not breaker.allow()
    clock.now += 1
    assert breaker.allow()


def test_an_abandoned_trial_is_given_up_after_another_cooldown():
    clock = Clock()
    breaker = opened(clock)
    clock.now += 30
    assert breaker.allow()  # the caller never reports back
    clock.now += 10
    assert not breaker.allow()
    clock.now += 20
    assert breaker.allow()


def test_threshold_of_one():
    breaker = CircuitBreaker(1, 5, clock=Clock())
    breaker.record_failure()
    assert breaker.state == OPEN


def test_concurrent_callers_in_half_open_state_get_one_trial():
    clock = Clock()
    breaker = opened(clock)
    clock.now += 30
    allowed = []
    barrier = threading.Barrier(8)

    def call() -> None:
        barrier.wait()
        allowed.append(breaker.allow())

    threads = [threading.Thread(target=call) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(allowed) == [False] * 7 + [True]


def test_a_call_in_flight_holds_up_no_other_caller():
    # The lock guards the counters only (pybreaker holds its lock for the whole call; search/breaker.py says why).
    breaker = CircuitBreaker(3, 30, clock=Clock())
    in_flight, done = threading.Event(), threading.Event()

    def slow_call() -> None:
        assert breaker.allow()
        in_flight.set()
        done.wait(10)  # the engine has not answered yet
        breaker.record_success()

    thread = threading.Thread(target=slow_call)
    thread.start()
    assert in_flight.wait(10)
    others = []
    caller = threading.Thread(target=lambda: others.append((breaker.allow(), breaker.record_failure(), breaker.state)))
    caller.start()
    caller.join(2)
    finished_while_in_flight = not caller.is_alive()
    done.set()
    thread.join()
    assert finished_while_in_flight and others == [(True, None, CLOSED)]
