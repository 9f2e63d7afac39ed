"""The content generation: a number that changes whenever published content changes.

Caches key what they derive from published content by it (the API's response cache, memoised site trees),
so one ``bump`` abandons every such entry at once, with no key scanning. It lives in the cache (local memory,
or Redis shared by every process); a broken cache reads as generation 0 and never breaks a request.
"""

import logging
import time

from django.core.cache import cache
from django.db import transaction

logger = logging.getLogger(__name__)

GENERATION_KEY = "api:generation"


def current() -> int:
    try:
        value = cache.get(GENERATION_KEY)
        if value is None:
            value = time.time_ns()
            if not cache.add(GENERATION_KEY, value, None):
                # Someone else set it meanwhile, or the cache is down (django-redis ignoring errors reads
                # every key as missing and refuses every add): then 0, the same for every caller.
                value = cache.get(GENERATION_KEY) or 0
        return value
    except Exception:  # a broken cache must never break the API
        logger.warning("Cache unavailable: content generation read as 0", exc_info=True)
        return 0


def bump(**_signal_kwargs) -> None:
    """A new generation now, and again when the surrounding transaction commits: a reader that took the
    first one before the commit saw the old rows, and must not keep what it built under it."""
    _bump_now()
    transaction.on_commit(_bump_now)


def _bump_now() -> None:
    try:
        cache.set(GENERATION_KEY, max(time.time_ns(), _last_seen() + 1), None)
    except Exception:
        logger.warning("Could not bump the content generation", exc_info=True)
    for listener in list(_listeners):
        listener()


def _last_seen() -> int:
    try:
        return cache.get(GENERATION_KEY) or 0
    except Exception:
        return 0


_listeners: list = []


def on_bump(listener) -> None:
    """Call ``listener()`` after every bump (the static mirror suspends itself)."""
    if listener not in _listeners:
        _listeners.append(listener)
