"""ElasticsearchBackend: search and suggest behind a circuit breaker, indexing, zero-downtime rebuilds, status.

Index names are ``<prefix>-<UTC timestamp with microseconds>`` behind the alias ``<prefix>``
(ELASTICSEARCH_INDEX_PREFIX). Reads and incremental writes go to the alias. A rebuild fills a new index while the
old one keeps serving, re-applies what changed meanwhile, swaps the alias in one atomic ``update_aliases`` call,
re-applies once more for writes that raced the swap, and deletes the older indices of this prefix (the gaps
reported in django-elasticsearch-dsl #358 and Wagtail #5219).
"""

import datetime
import logging
import re
import threading
from collections.abc import Callable, Iterable, Iterator

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from elastic_transport import TransportError
from elasticsearch import ApiError, Elasticsearch, NotFoundError
from elasticsearch.helpers import BulkIndexError, bulk, streaming_bulk

from search.analysis import analyse
from search.breaker import CircuitBreaker
from search.elastic.client import display_url, index_client, search_client
from search.elastic.errors import SearchBackendError
from search.elastic.index import document_body, index_settings, mapping_body
from search.elastic.queries import (
    BACKEND_NAME,
    results_from_response,
    search_body,
    suggest_body,
    suggestions_from_response,
)
from search.types import KINDS, SearchDocument, SearchQuery, SearchResults, Suggestion

__all__ = ["ElasticsearchBackend", "SearchBackendError", "get_breaker"]

logger = logging.getLogger(__name__)

CHUNK_SIZE = 500
MAX_REPORTED_ERRORS = 3

_breaker_lock = threading.Lock()
_breaker: CircuitBreaker | None = None


def get_breaker() -> CircuitBreaker:
    """The process's breaker for public reads (search, suggest), sized from settings."""
    global _breaker
    with _breaker_lock:
        if _breaker is None:
            _breaker = CircuitBreaker(settings.ELASTICSEARCH_BREAKER_FAILURES, settings.ELASTICSEARCH_BREAKER_COOLDOWN)
        return _breaker


def reset_breaker() -> None:
    global _breaker
    with _breaker_lock:
        _breaker = None


@receiver(setting_changed)
def _settings_changed(setting: str, **kwargs) -> None:
    if setting.startswith("ELASTICSEARCH_"):
        reset_breaker()


def _is_outage(exc: Exception) -> bool:
    """Whether an error says Elasticsearch is unwell (counts towards the breaker), not that our request was wrong."""
    if isinstance(exc, ApiError):
        status = exc.meta.status
        return status >= 500 or status == 429 or status < 400  # < 400: a 2xx from something that is not Elasticsearch
    return True


def _describe(exc: Exception) -> str:
    return f"{type(exc).__name__}: {exc}"


def _bulk_error_message(exc: BulkIndexError) -> str:
    return f"{len(exc.errors)} bulk item(s) failed, first: {exc.errors[:MAX_REPORTED_ERRORS]}"


class ElasticsearchBackend:
    name = BACKEND_NAME

    @property
    def alias(self) -> str:
        return settings.ELASTICSEARCH_INDEX_PREFIX

    def new_index_name(self, now: datetime.datetime | None = None) -> str:
        now = now or datetime.datetime.now(datetime.UTC)
        return f"{self.alias}-{now.astimezone(datetime.UTC):%Y%m%d-%H%M%S-%f}"

    def is_managed_index(self, name: str) -> bool:
        """Whether ``name`` is one of this prefix's timestamped indices (not another deployment's "<prefix>-x-…")."""
        return re.fullmatch(rf"{re.escape(self.alias)}-\d{{8}}-\d{{6}}-\d{{6}}", name) is not None

    # --- Public reads, behind the breaker.

    def _guarded(self, call: Callable[[Elasticsearch], dict]) -> dict:
        breaker = get_breaker()
        if not breaker.allow():
            raise SearchBackendError("Elasticsearch is skipped while the circuit breaker is open", "circuit_open")
        client = search_client()
        try:
            response = call(client)
        except (TransportError, ApiError) as exc:
            if _is_outage(exc):
                breaker.record_failure()
                logger.warning("Elasticsearch unavailable: %s", _describe(exc))
                raise SearchBackendError(_describe(exc), "unavailable") from exc
            breaker.record_success()
            logger.error("Elasticsearch refused a search request: %s", _describe(exc))
            raise SearchBackendError(_describe(exc), "error") from exc
        breaker.record_success()
        return response

    def search(self, query: SearchQuery) -> SearchResults:
        analysed = analyse(query.text)
        body = search_body(query, analysed)
        response = self._guarded(lambda client: client.search(index=self.alias, body=body).body)
        try:
            return results_from_response(response, analysed)
        except (KeyError, TypeError, ValueError) as exc:
            raise SearchBackendError(f"Unexpected search response: {_describe(exc)}") from exc

    def suggest(self, text: str, root: str, now: datetime.datetime, limit: int) -> list[Suggestion]:
        if not text.strip() or limit <= 0:
            return []
        body = suggest_body(text, root, now, limit)
        response = self._guarded(lambda client: client.search(index=self.alias, body=body).body)
        try:
            return suggestions_from_response(response, text)
        except (KeyError, TypeError, ValueError) as exc:
            raise SearchBackendError(f"Unexpected suggest response: {_describe(exc)}") from exc

    # --- Writes. Errors raise SearchBackendError so the caller can queue a retry.

    def _create_index(self, client: Elasticsearch, name: str, bulk_load: bool = False) -> None:
        index_settings_body = index_settings()
        if bulk_load:
            index_settings_body = {**index_settings_body, "refresh_interval": "-1"}
        client.indices.create(index=name, settings=index_settings_body, mappings=mapping_body())

    def _alias_indices(self, client: Elasticsearch) -> list[str]:
        try:
            return sorted(client.indices.get_alias(name=self.alias).body)
        except NotFoundError:
            return []

    def _is_concrete_index(self, client: Elasticsearch) -> bool:
        return bool(client.indices.exists(index=self.alias)) and not client.indices.exists_alias(name=self.alias)

    def ensure_index(self) -> str | None:
        """Create an empty index behind the alias if there is no alias yet; returns the name created, if any."""
        client = index_client()
        try:
            if client.indices.exists_alias(name=self.alias):
                return None
            if client.indices.exists(index=self.alias):
                raise SearchBackendError(
                    f"{self.alias!r} is a concrete index, not an alias: run `manage.py search_index rebuild`, "
                    "which replaces it"
                )
            name = self.new_index_name()
            self._create_index(client, name)
            client.indices.update_aliases(actions=[{"add": {"index": name, "alias": self.alias}}])
            # Two processes may have raced here: both agree to keep the oldest index and drop the others.
            behind = self._alias_indices(client)
            if len(behind) > 1 and name != behind[0]:
                client.indices.update_aliases(actions=[{"remove_index": {"index": name}}])
                return None
            return name
        except (TransportError, ApiError) as exc:
            raise SearchBackendError(f"Could not create the index: {_describe(exc)}", "unavailable") from exc

    def _index_actions(self, docs: Iterable[SearchDocument], index: str) -> Iterator[dict]:
        for doc in docs:
            yield {"_op_type": "index", "_index": index, "_id": doc.key, "_source": document_body(doc)}

    def _delete_actions(self, keys: Iterable[str], index: str) -> Iterator[dict]:
        for key in keys:
            yield {"_op_type": "delete", "_index": index, "_id": key}

    def _apply(self, client: Elasticsearch, index: str, docs: list[SearchDocument], keys: list[str]) -> int:
        """Index ``docs`` and delete ``keys`` in ``index`` (a concrete name or the alias); 404s on delete are fine."""
        if docs:
            bulk(client, self._index_actions(docs, index), chunk_size=CHUNK_SIZE, require_alias=index == self.alias)
        if keys:
            bulk(client, self._delete_actions(keys, index), chunk_size=CHUNK_SIZE, ignore_status=(404,))
        return len(docs) + len(keys)

    def index_documents(self, docs: list[SearchDocument]) -> None:
        if not docs:
            return
        self.ensure_index()
        try:
            self._apply(index_client(), self.alias, docs, [])
        except BulkIndexError as exc:
            raise SearchBackendError(_bulk_error_message(exc)) from exc
        except (TransportError, ApiError) as exc:
            raise SearchBackendError(f"Could not index documents: {_describe(exc)}", "unavailable") from exc

    def delete_documents(self, keys: list[str]) -> None:
        if not keys:
            return
        client = index_client()
        try:
            if not client.indices.exists_alias(name=self.alias):
                return  # no index yet, nothing to delete (and deletes must not create a concrete index)
            self._apply(client, self.alias, [], keys)
        except BulkIndexError as exc:
            raise SearchBackendError(_bulk_error_message(exc)) from exc
        except (TransportError, ApiError) as exc:
            raise SearchBackendError(f"Could not delete documents: {_describe(exc)}", "unavailable") from exc

    # --- Rebuild.

    def rebuild(
        self,
        all_documents: Callable[[], Iterable[SearchDocument]],
        changed_since: Callable[[datetime.datetime], tuple[list[SearchDocument], list[str]]],
        log: Callable[[str], None] = logger.info,
    ) -> dict:
        """Build a new index, swap the alias to it atomically and delete the older indices.

        ``changed_since(t)`` returns the documents to (re)index and the keys to delete for every change made at or
        after ``t``; it is called with the rebuild's start time before the swap and again after it, so changes
        that incremental indexing wrote to the old index during the rebuild end up in the new one.
        """
        client = index_client()
        started = datetime.datetime.now(datetime.UTC)
        name = self.new_index_name(started)
        log(f"Creating index {name}")
        try:
            self._create_index(client, name, bulk_load=True)
        except (TransportError, ApiError) as exc:
            raise SearchBackendError(f"Could not create index {name}: {_describe(exc)}", "unavailable") from exc
        try:
            count = self._load(client, name, all_documents(), log)
            client.indices.put_settings(index=name, settings={"index": {"refresh_interval": None}})
            client.indices.refresh(index=name)
            docs, keys = changed_since(started)
            reapplied = self._apply(client, name, docs, keys)
            if reapplied:
                log(f"Re-applied {reapplied} change(s) made during the load")
            swap = self._swap_actions(client, name)
            client.indices.update_aliases(actions=swap)
        except BulkIndexError as exc:
            self._drop(client, name, log)
            raise SearchBackendError(_bulk_error_message(exc)) from exc
        except (TransportError, ApiError, SearchBackendError) as exc:
            self._drop(client, name, log)
            if isinstance(exc, SearchBackendError):
                raise
            raise SearchBackendError(f"Rebuild failed before the swap: {_describe(exc)}", "unavailable") from exc
        except BaseException:
            self._drop(client, name, log)
            raise
        log(f"Alias {self.alias} now points at {name}")
        try:
            docs, keys = changed_since(started)
            reapplied += self._apply(client, name, docs, keys)
            deleted = self._delete_older(client, name, log)
            client.indices.refresh(index=name)
        except BulkIndexError as exc:
            raise SearchBackendError(f"After the swap to {name}: {_bulk_error_message(exc)}") from exc
        except (TransportError, ApiError) as exc:
            raise SearchBackendError(f"After the swap to {name}: {_describe(exc)}", "unavailable") from exc
        return {"index": name, "alias": self.alias, "documents": count, "reapplied": reapplied,
                "deleted_indices": deleted}

    def _load(
        self, client: Elasticsearch, name: str, docs: Iterable[SearchDocument], log: Callable[[str], None]
    ) -> int:
        count = 0
        errors = []
        for ok, item in streaming_bulk(
            client, self._index_actions(docs, name), chunk_size=CHUNK_SIZE, raise_on_error=False
        ):
            count += 1
            if not ok:
                errors.append(item)
            if count % (CHUNK_SIZE * 10) == 0:
                log(f"{count} documents sent")
        if errors:
            first = errors[:MAX_REPORTED_ERRORS]
            raise SearchBackendError(f"{len(errors)} document(s) failed to index, first: {first}")
        log(f"{count} documents loaded into {name}")
        return count

    def _swap_actions(self, client: Elasticsearch, name: str) -> list[dict]:
        actions: list[dict] = [{"remove": {"index": old, "alias": self.alias}} for old in self._alias_indices(client)]
        if self._is_concrete_index(client):
            # A concrete index squats the alias name (left by an older tool, or by a write before any alias
            # existed): it is deleted in the same atomic step.
            actions.append({"remove_index": {"index": self.alias}})
        actions.append({"add": {"index": name, "alias": self.alias}})
        return actions

    def _delete_older(self, client: Elasticsearch, name: str, log: Callable[[str], None]) -> list[str]:
        """Delete this prefix's indices older than ``name`` that are not behind the alias.

        Newer ones are left alone: they may belong to a rebuild still running in another process.
        """
        behind = set(self._alias_indices(client))
        existing = client.indices.get_alias(index=f"{self.alias}-*", expand_wildcards="open,closed").body
        old = sorted(i for i in existing if self.is_managed_index(i) and i < name and i not in behind)
        if old:
            client.indices.delete(index=",".join(old))
            log(f"Deleted old indices: {', '.join(old)}")
        return old

    def _drop(self, client: Elasticsearch, name: str, log: Callable[[str], None]) -> None:
        try:
            client.indices.delete(index=name)
            log(f"Deleted unfinished index {name}")
        except (TransportError, ApiError) as exc:
            log(f"Could not delete unfinished index {name}: {_describe(exc)}")

    # --- Status.

    def status(self) -> dict:
        info: dict = {
            "backend": self.name,
            "url": display_url(settings.ELASTICSEARCH_URL),
            "alias": self.alias,
            "reachable": False,
            "error": "",
            "version": "",
            "cluster_status": "",
            "indices": [],
            "other_indices": [],
            "documents": 0,
            "kinds": dict.fromkeys(KINDS, 0),
            "breaker": get_breaker().state,
        }
        try:
            client = search_client().options(request_timeout=settings.ELASTICSEARCH_INDEX_TIMEOUT_MS / 1000)
            info["version"] = client.info().body["version"]["number"]
            info["reachable"] = True
            info["cluster_status"] = client.cluster.health().body["status"]
            info["indices"] = self._alias_indices(client)
            existing = client.indices.get_alias(index=f"{self.alias}-*", expand_wildcards="open,closed").body
            info["other_indices"] = sorted(i for i in existing if self.is_managed_index(i) and i not in info["indices"])
            if info["indices"]:
                response = client.search(
                    index=self.alias, size=0, track_total_hits=True,
                    aggs={"kind": {"terms": {"field": "kind", "size": len(KINDS) + 10}}},
                ).body
                info["documents"] = response["hits"]["total"]["value"]
                for bucket in response["aggregations"]["kind"]["buckets"]:
                    info["kinds"][bucket["key"]] = bucket["doc_count"]
            elif self._is_concrete_index(client):
                info["error"] = f"{self.alias!r} is a concrete index, not an alias: run `search_index rebuild`"
        except SearchBackendError as exc:
            info["error"] = str(exc)
        except (TransportError, ApiError) as exc:
            info["error"] = _describe(exc)
        return info
