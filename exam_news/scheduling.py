"""Carrying out what was scheduled, at its moment: release bundles, Wagtail's scheduled publications and
expiries, notifications to retry, search upkeep and the static mirror.

``run_due`` is one pass (``manage.py publish_due`` from cron); ``run_forever`` (``manage.py run_scheduler``)
sleeps until the next scheduled change and runs a pass at that moment. Each step runs on its own, so one that
fails is logged and the others still run. Each pass holds one lock (a PostgreSQL advisory lock, or a lock
file with any other database): a second scheduler started by mistake skips the passes the first one runs,
and release bundles are row-locked besides, so nothing is released twice.
"""

import contextlib
import datetime
import fcntl
import logging
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from django.conf import settings
from django.core.management import call_command
from django.db import close_old_connections, connection
from django.utils import timezone

from cms import generation
from exam_news import mirror
from exam_news.public.schedule import next_scheduled_change
from exam_news.releasing import release_due_bundles

logger = logging.getLogger(__name__)

LOCK_KEY = 7_305_112_025  # the advisory lock id of the scheduler (any constant shared by all its processes)
MAX_SLEEP = 30.0  # seconds between passes when nothing is scheduled sooner (scheduling bumps the generation)
POLL = 0.5  # how often a sleeping scheduler looks at the content generation


@dataclass
class Pass:
    released: list = field(default_factory=list)
    failed: list[str] = field(default_factory=list)


def run_due(now: datetime.datetime | None = None, out: Callable[[str], None] = logger.info) -> Pass:
    """One pass over everything due at ``now``; each step on its own."""
    result = Pass()
    steps: list[tuple[str, Callable[[], object]]] = [
        ("release_bundles", lambda: result.released.extend(release_due_bundles(now))),
        ("publish_scheduled", lambda: call_command("publish_scheduled", stdout=_Writer(out))),
        ("deliver_webhooks", lambda: call_command("deliver_webhooks", stdout=_Writer(out))),
        ("search_purge", lambda: call_command("search_index", "purge", stdout=_Writer(out))),
        # index updates that failed (any backend), and changes the engine missed while it was unreachable
        ("search_retry", lambda: call_command("search_index", "retry", stdout=_Writer(out),
                                              verbosity=1 if settings.ELASTICSEARCH_URL else 0)),
    ]
    for name, step in steps:
        try:
            step()
        except Exception:
            logger.exception("Scheduled step %s failed", name)
            result.failed.append(name)
    for bundle in result.released:
        late = (timezone.now() - bundle.release_at).total_seconds()
        out(f"Đã công bố gói “{bundle.name}” ({bundle.items.count()} trang), xong {late:.3f} giây sau thời điểm.")
    return result


def run_forever(stop: threading.Event | None = None, out: Callable[[str], None] = logger.info) -> None:
    """Sleep until the next scheduled change (or a new generation: something was scheduled or published),
    then run a pass and rebuild the static mirror if the content changed."""
    stop = stop or threading.Event()
    built_for = None
    step_aside = _StepAside()
    while not stop.is_set():
        moment = None
        try:
            with pass_lock() as mine:
                if mine:
                    run_due(timezone.now(), out)
                    moment = next_scheduled_change(timezone.now())
                    step_aside.arm(moment)
                    # Rebuilt after a content change, and after a timed change (a notice starting or ending)
                    # for which it stepped aside without the content generation changing.
                    if mirror.enabled() and (built_for != generation.current() or not mirror.serving()):
                        built_for = _rebuild_mirror(moment)
                else:
                    moment = next_scheduled_change(timezone.now())
        except Exception:  # the database may be restarting: try again shortly
            logger.exception("Scheduler pass failed")
            stop.wait(1)
            continue
        finally:
            close_old_connections()
        _sleep_until(moment, stop)
    step_aside.arm(None)


class _StepAside:
    """A timer that takes the mirror offline ``lead_seconds`` before the next change, whatever the
    scheduler's own thread is busy with at that instant (a mirror build, a slow database)."""

    def __init__(self):
        self.timer: threading.Timer | None = None
        self.moment: datetime.datetime | None = None

    def arm(self, moment: datetime.datetime | None) -> None:
        if not mirror.enabled() or moment == self.moment:
            return
        if self.timer is not None:
            self.timer.cancel()
        self.moment, self.timer = moment, None
        if moment is not None:
            delay = (moment - timezone.now()).total_seconds() - mirror.lead_seconds()
            self.timer = threading.Timer(max(0.0, delay), mirror.suspend)
            self.timer.daemon = True
            self.timer.start()


def _rebuild_mirror(moment: datetime.datetime | None) -> int | None:
    """A new mirror generation, unless a change is too close: the application serves until it is made.
    A build that fails (a full disk) is logged and tried again at the next change, or in MAX_SLEEP."""
    try:
        if moment is None:
            return mirror.rebuild()
        step_aside = moment - datetime.timedelta(seconds=mirror.lead_seconds())
        return mirror.rebuild(not_after=step_aside) if timezone.now() < step_aside else None
    except Exception:
        logger.exception("Mirror build failed; nginx keeps falling back to the application")
        return None


def _sleep_until(moment: datetime.datetime | None, stop: threading.Event) -> None:
    """Wait for ``moment``, waking early when the generation changes (new schedule or content). Shortly
    before a change the mirror steps aside, so that none of its lifetimes reaches past the moment."""
    start = generation.current()
    deadline = moment or timezone.now() + datetime.timedelta(seconds=MAX_SLEEP)
    while not stop.is_set():
        left = (deadline - timezone.now()).total_seconds()
        if moment is not None and left <= mirror.lead_seconds() and mirror.enabled():
            mirror.suspend()
        if left <= 0:
            return
        stop.wait(min(POLL, left))
        if generation.current() != start:
            return


@contextlib.contextmanager
def pass_lock() -> Iterator[bool]:
    """The scheduler's lock for one pass: True if this process holds it, False if another one does."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_try_advisory_lock(%s)", [LOCK_KEY])
            mine = cursor.fetchone()[0]
        try:
            yield mine
        finally:
            if mine:
                with contextlib.suppress(Exception), connection.cursor() as cursor:
                    cursor.execute("SELECT pg_advisory_unlock(%s)", [LOCK_KEY])
        return
    path = settings.VAR_DIR / "scheduler.lock"
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


class _Writer:
    def __init__(self, out: Callable[[str], None]):
        self.out = out

    def write(self, text: str) -> None:
        if text.strip():
            self.out(text.rstrip("\n"))

    def flush(self) -> None:
        pass
