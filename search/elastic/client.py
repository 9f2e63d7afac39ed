"""The process's Elasticsearch client, built from settings and rebuilt when they change (``override_settings``).

Searches wait ELASTICSEARCH_SEARCH_TIMEOUT_MS (connect and read together) and are never retried: a slow or absent
Elasticsearch must cost a public request at most that long before the database answers. Indexing waits
ELASTICSEARCH_INDEX_TIMEOUT_MS and retries twice on timeouts, 429 and 502–504 (document ids make writes idempotent).
"""

import threading
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from elasticsearch import Elasticsearch

from search.elastic.errors import SearchBackendError

_lock = threading.Lock()
_client: Elasticsearch | None = None
_client_url = ""


def get_client() -> Elasticsearch:
    global _client, _client_url
    url = settings.ELASTICSEARCH_URL
    if not url:
        raise SearchBackendError("ELASTICSEARCH_URL is not set", reason="not_configured")
    with _lock:
        if _client is None or _client_url != url:
            _client = Elasticsearch(
                url,
                request_timeout=settings.ELASTICSEARCH_INDEX_TIMEOUT_MS / 1000,
                max_retries=0,
                retry_on_timeout=False,
            )
            _client_url = url
        return _client


def search_client() -> Elasticsearch:
    return get_client().options(
        request_timeout=settings.ELASTICSEARCH_SEARCH_TIMEOUT_MS / 1000, max_retries=0, retry_on_timeout=False
    )


def index_client() -> Elasticsearch:
    return get_client().options(
        request_timeout=settings.ELASTICSEARCH_INDEX_TIMEOUT_MS / 1000,
        max_retries=2,
        retry_on_timeout=True,
        retry_on_status=(429, 502, 503, 504),
    )


def reset_client() -> None:
    global _client, _client_url
    with _lock:
        old, _client, _client_url = _client, None, ""
    if old is not None:
        old.close()


def display_url(url: str) -> str:
    """The URL without credentials, for status output and logs."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if parts.port:
        host = f"{host}:{parts.port}"
    return urlunsplit((parts.scheme, host, parts.path, "", ""))


@receiver(setting_changed)
def _settings_changed(setting: str, **kwargs) -> None:
    if setting.startswith("ELASTICSEARCH_"):
        reset_client()
