"""When what the public sees changes by itself (no one publishing), and values memoised until then.

A change is *overdue* when its moment has passed but the scheduler has not carried it out yet: a release
bundle or a scheduled Wagtail publication still waiting. ``next_change_at`` then answers that past moment,
so that every cache lifetime computed from it is zero until the change is made.
"""

import contextlib
import datetime
import math
from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache
from django.db.models import Min
from django.utils import timezone
from wagtail.models import Page, Revision

from cms import generation
from exam_news.models import NoticePage, ReleaseBundle

T = TypeVar("T")


def next_scheduled_change(now: datetime.datetime) -> datetime.datetime | None:
    """The next scheduled publication or expiry, release bundle, or notice starting or ending — or the
    earliest one that is overdue (its moment passed, not carried out yet)."""
    moments = [
        # Wagtail clears approved_go_live_at when it publishes a scheduled revision: any left is pending.
        Revision.page_revisions.filter(approved_go_live_at__isnull=False).aggregate(m=Min("approved_go_live_at"))["m"],
        ReleaseBundle.objects.filter(status=ReleaseBundle.Status.SCHEDULED).aggregate(m=Min("release_at"))["m"],
        # Expiry and notice validity are applied by the public rule at the moment itself: only future ones count.
        Page.objects.filter(live=True, expire_at__gt=now).aggregate(m=Min("expire_at"))["m"],
        NoticePage.objects.filter(live=True, valid_from__gt=now).aggregate(m=Min("valid_from"))["m"],
        NoticePage.objects.filter(live=True, valid_until__gt=now).aggregate(m=Min("valid_until"))["m"],
    ]
    moments = [m for m in moments if m is not None]
    return min(moments) if moments else None


def next_change_at(gen: int, now: datetime.datetime) -> datetime.datetime | None:
    """``next_scheduled_change``, read once a generation while it lies in the future (None: nothing scheduled)."""
    key = f"api:next:{gen}"
    try:
        cached = cache.get(key)
    except Exception:
        cached = None
    if cached is None or (cached != "none" and cached <= now):
        moment = next_scheduled_change(now)
        cached = moment or "none"
        if moment is None or moment > now:  # an overdue change is read again until it is carried out
            with contextlib.suppress(Exception):
                cache.set(key, cached, 3600)
    return None if cached == "none" else cached


def seconds_left(moment: datetime.datetime | None, now: datetime.datetime) -> int | None:
    """Whole seconds from ``now`` to ``moment``, rounded down so that no lifetime reaches past it."""
    if moment is None:
        return None
    return max(0, math.floor((moment - now).total_seconds()))


def seconds_until_next_change(gen: int, now: datetime.datetime) -> int | None:
    """Seconds from ``now`` to the next scheduled change (None: nothing scheduled; 0: one is due)."""
    return seconds_left(next_change_at(gen, now), now)


def memoised(name: str, compute: Callable[[], T], ttl: int = 60) -> T:
    """A value derived from published content, kept until the generation changes, ``ttl`` seconds pass
    or the next scheduled change comes, whichever is first. Falls back to computing it."""
    gen = generation.current()
    key = f"api:memo:{gen}:{name}"
    try:
        entry = cache.get(key)
    except Exception:
        entry = None
    now = timezone.now()
    if entry is not None and (entry[1] is None or now.timestamp() < entry[1]):
        return entry[0]
    value = compute()
    moment = next_change_at(gen, now)
    left = seconds_left(moment, now)
    if left != 0:
        with contextlib.suppress(Exception):
            cache.set(key, (value, moment.timestamp() if moment else None), min(ttl, left) if left is not None else ttl)
    return value
