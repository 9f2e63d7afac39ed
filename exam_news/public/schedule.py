"""When what the public sees changes by itself (no one publishing), and values memoised until then."""

import contextlib
import datetime
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
    """The next scheduled publication or expiry, release bundle, or notice starting or ending."""
    moments = [
        Revision.page_revisions.filter(approved_go_live_at__gt=now).aggregate(m=Min("approved_go_live_at"))["m"],
        Page.objects.filter(live=True, expire_at__gt=now).aggregate(m=Min("expire_at"))["m"],
        ReleaseBundle.objects.filter(status=ReleaseBundle.Status.SCHEDULED, release_at__gt=now)
        .aggregate(m=Min("release_at"))["m"],
        NoticePage.objects.filter(live=True, valid_from__gt=now).aggregate(m=Min("valid_from"))["m"],
        NoticePage.objects.filter(live=True, valid_until__gt=now).aggregate(m=Min("valid_until"))["m"],
    ]
    moments = [m for m in moments if m is not None]
    return min(moments) if moments else None


def seconds_until_next_change(gen: int, now: datetime.datetime) -> int | None:
    """Seconds from ``now`` to the next scheduled change (None: nothing scheduled), computed once a generation."""
    key = f"api:next:{gen}"
    try:
        cached = cache.get(key)
    except Exception:
        cached = None
    if cached is None or (cached != "none" and cached <= now):
        moment = next_scheduled_change(now)
        cached = moment or "none"
        with contextlib.suppress(Exception):
            cache.set(key, cached, 3600)
    if cached == "none":
        return None
    return max(0, int((cached - now).total_seconds()))


def memoised(name: str, compute: Callable[[], T], ttl: int = 60) -> T:
    """A value derived from published content, kept until the generation changes, ``ttl`` seconds pass
    or the next scheduled change comes, whichever is first. Falls back to computing it."""
    gen = generation.current()
    key = f"api:memo:{gen}:{name}"
    try:
        value = cache.get(key)
    except Exception:
        value = None
    if value is None:
        value = compute()
        left = seconds_until_next_change(gen, timezone.now())
        with contextlib.suppress(Exception):
            cache.set(key, value, min(ttl, left) if left is not None else ttl)
    return value
