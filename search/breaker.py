"""A small circuit breaker: after ``failures`` consecutive failures a dependency is skipped for ``cooldown`` seconds.

States: *closed* (calls go through), *open* (calls are refused without touching the network), *half-open* (the
cool-down is over: exactly one trial call goes through; its success closes the breaker, its failure opens it for
another cool-down). Process-local and thread-safe; the clock is injectable so tests need not sleep.

Why not pybreaker (1.4): its ``CircuitBreaker.call`` holds the breaker's lock for the whole guarded call, so the
search requests of a process's threads (gunicorn runs ``--threads 2``) would queue behind one another, worst of all
while the engine hangs until its timeout — measured, four threads each making a 0.5 s call took 2.0 s through
pybreaker and 0.5 s through this one. It also reads the wall clock (``datetime.now``), which can jump, and decides
what counts as a failure from the exception alone, where the backend tells an outage from a refused request.
Here the lock only guards the counters.
"""

import threading
import time
from collections.abc import Callable

CLOSED = "closed"
OPEN = "open"
HALF_OPEN = "half_open"


class CircuitBreaker:
    def __init__(self, failures: int, cooldown: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.failure_threshold = max(1, failures)
        self.cooldown = cooldown
        self._clock = clock
        self._lock = threading.Lock()
        self._failures = 0
        self._opened_at: float | None = None
        self._trial_started_at: float | None = None

    @property
    def state(self) -> str:
        with self._lock:
            return self._state()

    def _state(self) -> str:
        if self._opened_at is None:
            return CLOSED
        if self._clock() - self._opened_at < self.cooldown:
            return OPEN
        return HALF_OPEN

    def allow(self) -> bool:
        """Whether a call may go through now. In half-open state only one caller gets True until it reports back.

        A trial whose caller never reports back (an unexpected exception) is given up after another cool-down, so
        the breaker cannot stay stuck half-open.
        """
        with self._lock:
            state = self._state()
            if state == CLOSED:
                return True
            if state == OPEN:
                return False
            now = self._clock()
            if self._trial_started_at is not None and now - self._trial_started_at < max(self.cooldown, 1e-9):
                return False
            self._trial_started_at = now
            return True

    def record_success(self) -> None:
        with self._lock:
            self._failures = 0
            self._opened_at = None
            self._trial_started_at = None

    def record_failure(self) -> None:
        with self._lock:
            self._failures += 1
            self._trial_started_at = None
            if self._opened_at is not None or self._failures >= self.failure_threshold:
                # A failed half-open trial (or the n-th consecutive failure) opens for a fresh cool-down.
                self._opened_at = self._clock()

    def reset(self) -> None:
        self.record_success()
