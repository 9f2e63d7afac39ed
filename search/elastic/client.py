"""The process's search-engine clients, built from settings and rebuilt when they change (``override_settings``).

SEARCH_ENGINE says which engine (``elasticsearch`` or ``opensearch``) answers at SEARCH_URL (ELASTICSEARCH_URL
is read too). Searches wait ELASTICSEARCH_SEARCH_TIMEOUT_MS (connect and read together) and are never retried: a
slow or absent engine must cost a public request at most that long before the database answers. Indexing waits
ELASTICSEARCH_INDEX_TIMEOUT_MS and retries twice on timeouts, 429 and 502–504 (document ids make writes
idempotent).
"""

import threading
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver

from search.elastic.engines import ENGINE_CLASSES, Engine
from search.elastic.errors import SearchBackendError

_lock = threading.Lock()
_engines: dict[tuple[str, str, str], Engine] = {}


def _engine(purpose: str, timeout_ms: int, retries: int) -> Engine:
    url, kind = settings.ELASTICSEARCH_URL, settings.SEARCH_ENGINE
    if not url:
        raise SearchBackendError("SEARCH_URL is not set", reason="not_configured")
    if kind not in ENGINE_CLASSES:
        raise SearchBackendError(f"SEARCH_ENGINE must be one of {', '.join(ENGINE_CLASSES)}, not {kind!r}",
                                 reason="not_configured")
    key = (kind, url, purpose)
    with _lock:
        if key not in _engines:
            _engines[key] = ENGINE_CLASSES[kind](url, timeout_ms / 1000, retries)
        return _engines[key]


def search_engine() -> Engine:
    return _engine("search", settings.ELASTICSEARCH_SEARCH_TIMEOUT_MS, retries=0)


def index_engine() -> Engine:
    return _engine("index", settings.ELASTICSEARCH_INDEX_TIMEOUT_MS, retries=2)


def admin_engine() -> Engine:
    """For status and other operator commands: the indexing timeout, no retries."""
    return _engine("admin", settings.ELASTICSEARCH_INDEX_TIMEOUT_MS, retries=0)


def reset_engines() -> None:
    with _lock:
        old = list(_engines.values())
        _engines.clear()
    for engine in old:
        engine.close()


def display_url(url: str) -> str:
    """The URL without credentials, for status output and logs."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if parts.port:
        host = f"{host}:{parts.port}"
    return urlunsplit((parts.scheme, host, parts.path, "", ""))


@receiver(setting_changed)
def _settings_changed(setting: str, **kwargs) -> None:
    if setting.startswith(("ELASTICSEARCH_", "SEARCH_")):
        reset_engines()
