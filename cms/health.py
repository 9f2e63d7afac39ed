"""Health checks for load balancers and orchestrators.

``/healthz`` says only that the process answers (no database, no cache); ``/readyz`` runs every check
below and is 503 as soon as one fails. Each check is a plain function returning ``(ok, detail)``;
errors are reported by class name only, never with messages that could carry settings or addresses.
"""

import time
import urllib.request
import uuid
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.db import connection

PROBE_NAME = "health/readyz-probe.txt"


def check_database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        row = cursor.fetchone()
    if not row or row[0] != 1:
        raise RuntimeError("unexpected answer to SELECT 1")


def check_cache() -> None:
    key = f"health:probe:{uuid.uuid4().hex}"
    value = uuid.uuid4().hex
    cache.set(key, value, 10)
    # With IGNORE_EXCEPTIONS a Redis outage reads back None instead of raising: that is a failure too.
    if cache.get(key) != value:
        raise RuntimeError("cache round trip lost the value")
    cache.delete(key)


def check_storage() -> None:
    default_storage.exists(PROBE_NAME)


def check_search() -> None:
    url = getattr(settings, "ELASTICSEARCH_URL", "")
    if not url:
        return  # database search: reachable whenever the database is
    with urllib.request.urlopen(url, timeout=1) as response:  # noqa: S310 - operator-configured URL
        if not 200 <= response.status < 300:
            raise RuntimeError(f"search answered {response.status}")


CHECKS: dict[str, Callable[[], None]] = {
    "database": check_database,
    "cache": check_cache,
    "storage": check_storage,
    "search": check_search,
}


def run_checks() -> tuple[bool, dict[str, dict]]:
    results: dict[str, dict] = {}
    for name, check in CHECKS.items():
        started = time.perf_counter()
        try:
            check()
            result = {"ok": True}
        except Exception as exc:  # every failure is a "not ready", never a 500
            result = {"ok": False, "error": type(exc).__name__}
        result["ms"] = round((time.perf_counter() - started) * 1000, 1)
        results[name] = result
    return all(r["ok"] for r in results.values()), results
