"""HTTP caching of the public API.

* Rendered GET responses are kept in the cache (local memory, or Redis with ``REDIS_URL``) under a
  key made of the content generation (``cms.generation``), the host (site) and the full path. Publishing, unpublishing,
  moving or deleting a page, or saving a venue, topic or setting, bumps the generation: every old key
  becomes unreachable at once, with no key scanning.
* Every 200 carries a strong ETag (hash of the body) and Last-Modified (the moment of the last change);
  ``If-None-Match`` / ``If-Modified-Since`` are answered 304 from the cache alone, without the database.
* ``Cache-Control`` uses s-maxage and stale-while-revalidate, all capped so that no cache (ours, a CDN,
  a browser) outlives the next scheduled change: a scheduled publication or expiry, a release bundle,
  or a notice starting or ending. The header is computed for each response as it leaves (304s included),
  counted from that instant, so a copy kept in our cache never hands out a lifetime it no longer has; an
  entry is not served at all once the moment it was valid until has come. A change that is due but not yet
  carried out (the scheduler has not run) makes every response uncacheable (``max-age=0``) until it is.
* If the cache server is down, ``IGNORE_EXCEPTIONS`` turns every read into a miss: the API answers from
  the database.
"""

import datetime
import hashlib
import logging
import math
import threading
import time
from collections import OrderedDict

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.utils import timezone
from django.utils.http import http_date, parse_http_date_safe

from cms import generation
from exam_news.public.schedule import next_change_at, seconds_left

logger = logging.getLogger(__name__)

CACHEABLE_TYPES = ("application/json", "application/rss+xml", "application/atom+xml", "text/calendar",
                   "application/geo+json", "application/cap+xml", "application/xml")


def cache_control(left: int | None) -> str:
    """The header for a response leaving now, ``left`` seconds before the next scheduled change: no
    lifetime (plus stale-while-revalidate) reaches past it; with none left, nothing may be reused."""
    max_age, s_maxage, swr = settings.API_MAX_AGE, settings.API_S_MAXAGE, settings.API_STALE_WHILE_REVALIDATE
    if left is not None:
        if left <= 0:
            return "public, max-age=0, s-maxage=0, must-revalidate"
        max_age, s_maxage = min(max_age, left), min(s_maxage, left)
        swr = min(swr, max(0, left - max(max_age, s_maxage)))
    return f"public, max-age={max_age}, s-maxage={s_maxage}, stale-while-revalidate={swr}"


def valid_until(moment) -> float | None:
    return moment.timestamp() if moment is not None else None


class RecentEntries:
    """The last entries this process served, by key, when the cache is shared (Redis). A key names one
    generation of one response, and the generation is shared, so a copy here is the same as Redis's (each
    entry's ``valid_until`` is still checked on use); it saves the round trip and the unpickling of the body
    on the hot path. With per-process caches each process has its own generation, bounded by the cache's
    TTL, so none is kept."""

    def __init__(self, size: int = 256):
        self.size = size
        self.entries: OrderedDict[str, dict] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: str) -> dict | None:
        with self.lock:
            entry = self.entries.get(key)
            if entry is not None:
                self.entries.move_to_end(key)
            return entry

    def put(self, key: str, entry: dict) -> None:
        with self.lock:
            self.entries[key] = entry
            self.entries.move_to_end(key)
            while len(self.entries) > self.size:
                self.entries.popitem(last=False)

    def clear(self) -> None:
        with self.lock:
            self.entries.clear()


_recent = RecentEntries()


class ApiCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not self._cacheable_request(request):
            response = self.get_response(request)
            if request.path.startswith("/api/v1/preview"):
                response["Cache-Control"] = "private, no-store"
            return response
        gen = generation.current()
        key = self._key(request, gen)
        entry = self._read(key, gen)
        if entry is not None and entry["valid_until"] is not None and time.time() >= entry["valid_until"]:
            entry = None  # kept from before a scheduled change that has come since
        if entry is None:
            response = self.get_response(request)
            if not self._cacheable_response(response):
                if not response.has_header("Cache-Control"):  # a 404 may become a 200 at the next moment
                    response["Cache-Control"] = "no-cache"
                return response
            entry = self._entry(response, gen)
            ttl = self._ttl(entry)
            if ttl > 0:
                self._write(key, entry, ttl, gen)
        if self._not_modified(request, entry):
            response = HttpResponseNotModified()
        else:
            response = HttpResponse(entry["body"], content_type=entry["content_type"])
            response["Content-Length"] = str(len(entry["body"]))
        response["ETag"] = entry["etag"]
        response["Last-Modified"] = http_date(entry["last_modified"])
        response["Cache-Control"] = cache_control(seconds_left(self._moment(entry), timezone.now()))
        response["Vary"] = "Origin, Accept-Encoding"
        return response

    @staticmethod
    def _cacheable_request(request: HttpRequest) -> bool:
        return (request.method in ("GET", "HEAD") and request.path.startswith("/api/v1/")
                and not request.path.startswith(("/api/v1/docs", "/api/v1/preview"))
                and "HTTP_AUTHORIZATION" not in request.META)

    @staticmethod
    def _cacheable_response(response: HttpResponse) -> bool:
        content_type = response.get("Content-Type", "").split(";")[0]
        return (response.status_code == 200 and not response.streaming and content_type in CACHEABLE_TYPES
                and not response.has_header("Set-Cookie"))

    @staticmethod
    def _key(request: HttpRequest, gen: int) -> str:
        digest = hashlib.sha256(f"{request.get_host()}|{request.get_full_path()}".encode()).hexdigest()[:40]
        return f"api:response:{gen}:{digest}"

    @staticmethod
    def _entry(response: HttpResponse, gen: int) -> dict:
        body = response.content
        last_modified = gen // 1_000_000_000 if gen else int(time.time())
        return {
            "body": body, "content_type": response["Content-Type"],
            "etag": '"' + hashlib.sha256(body).hexdigest()[:32] + '"', "last_modified": last_modified,
            "valid_until": valid_until(next_change_at(gen, timezone.now())),
        }

    @staticmethod
    def _moment(entry: dict) -> datetime.datetime | None:
        until = entry["valid_until"]
        return None if until is None else datetime.datetime.fromtimestamp(until, datetime.UTC)

    @staticmethod
    def _ttl(entry: dict) -> int:
        if entry["valid_until"] is None:
            return settings.API_CACHE_TTL
        return min(settings.API_CACHE_TTL, math.floor(entry["valid_until"] - time.time()))

    @staticmethod
    def _not_modified(request: HttpRequest, entry: dict) -> bool:
        if_none_match = request.META.get("HTTP_IF_NONE_MATCH")
        if if_none_match is not None:
            tags = [tag.strip() for tag in if_none_match.split(",")]
            return "*" in tags or entry["etag"] in tags or f"W/{entry['etag']}" in tags
        since = parse_http_date_safe(request.META.get("HTTP_IF_MODIFIED_SINCE", ""))
        return since is not None and entry["last_modified"] <= since

    @staticmethod
    def _read(key: str, gen: int) -> dict | None:
        # Only with a shared cache (one generation for all processes); generation 0: the cache is down.
        entry = _recent.get(key) if gen and settings.REDIS_URL else None
        if entry is not None:
            return entry
        try:
            entry = cache.get(key)
        except Exception:
            return None
        if entry is not None and gen and settings.REDIS_URL:
            _recent.put(key, entry)
        return entry

    @staticmethod
    def _write(key: str, entry: dict, ttl: int, gen: int) -> None:
        if gen and settings.REDIS_URL:
            _recent.put(key, entry)
        try:
            cache.set(key, entry, ttl)
        except Exception:
            logger.warning("Could not store an API response in the cache", exc_info=True)
