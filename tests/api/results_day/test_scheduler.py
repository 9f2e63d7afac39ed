"""The long-running scheduler wakes at the moment itself, not on a once-a-minute poll."""

import datetime
import threading

import pytest
import time_machine

from exam_news import models as m
from exam_news import scheduling
from tests.api.results_day.conftest import MOMENT
from tests.api.results_day.test_bundles import lock_held_by_another_scheduler

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def keep_the_test_connection(monkeypatch):
    """The scheduler closes stale connections after each pass; here that would end the test's transaction
    (Django's test client disconnects the same clean-up for the same reason)."""
    monkeypatch.setattr(scheduling, "close_old_connections", lambda: None)


def test_the_scheduler_sleeps_until_the_moment_and_releases_then(results_day, monkeypatch):
    stop = threading.Event()
    watchdog = threading.Timer(20, stop.set)  # a broken scheduler must fail the test, not hang it
    watchdog.start()
    passes = []
    real_run_due = scheduling.run_due

    def run_due(now=None, out=None):
        passes.append(now)
        result = real_run_due(now, out)
        if result.released:
            stop.set()
        return result

    monkeypatch.setattr(scheduling, "run_due", run_due)
    monkeypatch.setattr(scheduling, "MAX_SLEEP", 60.0)
    try:
        # The clock runs (tick=True) from 1.5 s before 08:00.
        with time_machine.travel(MOMENT - datetime.timedelta(seconds=1.5), tick=True):
            scheduling.run_forever(stop, out=lambda line: None)
    finally:
        watchdog.cancel()
    bundle = m.ReleaseBundle.objects.get(pk=results_day["bundle"].pk)
    assert bundle.status == m.ReleaseBundle.Status.RELEASED
    assert bundle.released_at >= MOMENT
    # One pass at the start (nothing due), the next at the moment: no polling in between.
    assert len(passes) == 2 and passes[0] < MOMENT <= passes[1]


def test_a_second_scheduler_skips_the_pass_the_first_one_holds(results_day, monkeypatch):
    stop = threading.Event()
    calls = []
    monkeypatch.setattr(scheduling, "run_due", lambda *args, **kwargs: calls.append(args))
    monkeypatch.setattr(scheduling, "_sleep_until", lambda moment, stop_event: stop_event.set())
    with lock_held_by_another_scheduler():
        scheduling.run_forever(stop)
    assert calls == []
