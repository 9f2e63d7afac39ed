"""The content generation: a number that changes whenever published content changes.

Caches key what they derive from published content by it (the API's response cache, memoised site trees),
so one ``bump`` abandons every such entry at once, with no key scanning. It lives in the cache (local memory,
or Redis shared by every process); a broken cache reads as generation 0 and never breaks a request.
"""

import logging
import time

from django.core.cache import cache

logger = logging.getLogger(__name__)

GENERATION_KEY = "api:generation"


def current() -> int:
    try:
        value = cache.get(GENERATION_KEY)
        if value is None:
            value = time.time_ns()
            cache.add(GENERATION_KEY, value, None)
            value = cache.get(GENERATION_KEY) or value
        return value
    except Exception:  # a broken cache must never break the API
        logger.warning("Cache unavailable: content generation read as 0", exc_info=True)
        return 0


def bump(**_signal_kwargs) -> None:
    try:
        cache.set(GENERATION_KEY, time.time_ns(), None)
    except Exception:
        logger.warning("Could not bump the content generation", exc_info=True)
