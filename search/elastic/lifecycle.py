"""The search index's life on the engine: creation behind an alias, incremental writes, zero-downtime rebuilds,
and status.

Index names are ``<prefix>-<UTC timestamp with microseconds>`` behind the alias ``<prefix>``
(ELASTICSEARCH_INDEX_PREFIX). Reads and incremental writes go to the alias. A rebuild fills a new index while the
old one keeps serving, re-applies what changed meanwhile, swaps the alias in one atomic ``update_aliases`` call,
re-applies once more for writes that raced the swap, and deletes the older indices of this prefix (the gaps
reported in django-elasticsearch-dsl #358 and Wagtail #5219). Every failure raises ``SearchBackendError`` so the
caller can queue a retry.
"""

import datetime
import logging
import re
from collections.abc import Callable, Iterable, Iterator

from django.conf import settings

from search.elastic.breaker import get_breaker
from search.elastic.client import admin_engine, display_url, index_engine
from search.elastic.engines import Engine
from search.elastic.errors import SearchBackendError
from search.elastic.index import document_body, index_settings, mapping_body
from search.elastic.queries import BACKEND_NAME
from search.types import KINDS, SearchDocument

logger = logging.getLogger(__name__)

CHUNK_SIZE = 500
MAX_REPORTED_ERRORS = 3


def describe(exc: Exception) -> str:
    return f"{type(exc).__name__}: {exc}"


def _bulk_error_message(exc: Exception) -> str:
    errors = getattr(exc, "errors", [])
    return f"{len(errors)} bulk item(s) failed, first: {errors[:MAX_REPORTED_ERRORS]}"


class SearchIndex:
    @property
    def alias(self) -> str:
        return settings.ELASTICSEARCH_INDEX_PREFIX

    def new_index_name(self, now: datetime.datetime | None = None) -> str:
        now = now or datetime.datetime.now(datetime.UTC)
        return f"{self.alias}-{now.astimezone(datetime.UTC):%Y%m%d-%H%M%S-%f}"

    def is_managed_index(self, name: str) -> bool:
        """Whether ``name`` is one of this prefix's timestamped indices (not another deployment's "<prefix>-x-…")."""
        return re.fullmatch(rf"{re.escape(self.alias)}-\d{{8}}-\d{{6}}-\d{{6}}", name) is not None

    def _create_index(self, engine: Engine, name: str, bulk_load: bool = False) -> None:
        index_settings_body = index_settings()
        if bulk_load:
            index_settings_body = {**index_settings_body, "refresh_interval": "-1"}
        engine.create_index(name, index_settings_body, mapping_body())

    def _alias_indices(self, engine: Engine) -> list[str]:
        return engine.indices_behind(self.alias)

    def _is_concrete_index(self, engine: Engine) -> bool:
        return engine.exists(self.alias) and not engine.exists_alias(self.alias)

    def ensure_index(self) -> str | None:
        """Create an empty index behind the alias if there is no alias yet; returns the name created, if any."""
        engine = index_engine()
        try:
            if engine.exists_alias(self.alias):
                return None
            if engine.exists(self.alias):
                raise SearchBackendError(
                    f"{self.alias!r} is a concrete index, not an alias: run `manage.py search_index rebuild`, "
                    "which replaces it"
                )
            name = self.new_index_name()
            self._create_index(engine, name)
            engine.update_aliases([{"add": {"index": name, "alias": self.alias}}])
            # Two processes may have raced here: both agree to keep the oldest index and drop the others.
            behind = self._alias_indices(engine)
            if len(behind) > 1 and name != behind[0]:
                engine.update_aliases([{"remove_index": {"index": name}}])
                return None
            return name
        except engine.errors as exc:
            raise SearchBackendError(f"Could not create the index: {describe(exc)}", "unavailable") from exc

    def _index_actions(self, docs: Iterable[SearchDocument], index: str) -> Iterator[dict]:
        for doc in docs:
            yield {"_op_type": "index", "_index": index, "_id": doc.key, "_source": document_body(doc)}

    def _delete_actions(self, keys: Iterable[str], index: str) -> Iterator[dict]:
        for key in keys:
            yield {"_op_type": "delete", "_index": index, "_id": key}

    def _apply(self, engine: Engine, index: str, docs: list[SearchDocument], keys: list[str]) -> int:
        """Index ``docs`` and delete ``keys`` in ``index`` (a concrete name or the alias); 404s on delete are fine."""
        if docs:
            engine.bulk(self._index_actions(docs, index), chunk_size=CHUNK_SIZE, require_alias=index == self.alias)
        if keys:
            engine.bulk(self._delete_actions(keys, index), chunk_size=CHUNK_SIZE, ignore_status=(404,))
        return len(docs) + len(keys)

    def _write(self, engine: Engine, docs: list[SearchDocument], keys: list[str], what: str) -> None:
        try:
            self._apply(engine, self.alias, docs, keys)
        except engine.bulk_error as exc:
            raise SearchBackendError(_bulk_error_message(exc)) from exc
        except engine.errors as exc:
            raise SearchBackendError(f"Could not {what} documents: {describe(exc)}", "unavailable") from exc

    def index_documents(self, docs: list[SearchDocument]) -> None:
        if docs:
            self.ensure_index()
            self._write(index_engine(), docs, [], "index")

    def delete_documents(self, keys: list[str]) -> None:
        if not keys:
            return
        engine = index_engine()
        try:
            if not engine.exists_alias(self.alias):
                return  # no index yet, nothing to delete (and deletes must not create a concrete index)
        except engine.errors as exc:
            raise SearchBackendError(f"Could not delete documents: {describe(exc)}", "unavailable") from exc
        self._write(engine, [], keys, "delete")

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
        engine = index_engine()
        started = datetime.datetime.now(datetime.UTC)
        name = self.new_index_name(started)
        log(f"Creating index {name}")
        try:
            self._create_index(engine, name, bulk_load=True)
        except engine.errors as exc:
            raise SearchBackendError(f"Could not create index {name}: {describe(exc)}", "unavailable") from exc
        try:
            count = self._load(engine, name, all_documents(), log)
            engine.put_settings(name, {"index": {"refresh_interval": None}})
            engine.refresh(name)
            docs, keys = changed_since(started)
            reapplied = self._apply(engine, name, docs, keys)
            if reapplied:
                log(f"Re-applied {reapplied} change(s) made during the load")
            engine.update_aliases(self._swap_actions(engine, name))
        except engine.bulk_error as exc:
            self._drop(engine, name, log)
            raise SearchBackendError(_bulk_error_message(exc)) from exc
        except (*engine.errors, SearchBackendError) as exc:
            self._drop(engine, name, log)
            if isinstance(exc, SearchBackendError):
                raise
            raise SearchBackendError(f"Rebuild failed before the swap: {describe(exc)}", "unavailable") from exc
        except BaseException:
            self._drop(engine, name, log)
            raise
        log(f"Alias {self.alias} now points at {name}")
        try:
            docs, keys = changed_since(started)
            reapplied += self._apply(engine, name, docs, keys)
            deleted = self._delete_older(engine, name, log)
            engine.refresh(name)
        except engine.bulk_error as exc:
            raise SearchBackendError(f"After the swap to {name}: {_bulk_error_message(exc)}") from exc
        except engine.errors as exc:
            raise SearchBackendError(f"After the swap to {name}: {describe(exc)}", "unavailable") from exc
        return {"index": name, "alias": self.alias, "documents": count, "reapplied": reapplied,
                "deleted_indices": deleted}

    def _load(self, engine: Engine, name: str, docs: Iterable[SearchDocument], log: Callable[[str], None]) -> int:
        count = 0
        errors = []
        for ok, item in engine.streaming_bulk(self._index_actions(docs, name), chunk_size=CHUNK_SIZE,
                                              raise_on_error=False):
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

    def _swap_actions(self, engine: Engine, name: str) -> list[dict]:
        actions: list[dict] = [{"remove": {"index": old, "alias": self.alias}}
                               for old in self._alias_indices(engine)]
        if self._is_concrete_index(engine):
            # A concrete index squats the alias name (left by an older tool, or by a write before any alias
            # existed): it is deleted in the same atomic step.
            actions.append({"remove_index": {"index": self.alias}})
        actions.append({"add": {"index": name, "alias": self.alias}})
        return actions

    def _delete_older(self, engine: Engine, name: str, log: Callable[[str], None]) -> list[str]:
        """Delete this prefix's indices older than ``name`` that are not behind the alias.

        Newer ones are left alone: they may belong to a rebuild still running in another process.
        """
        behind = set(self._alias_indices(engine))
        existing = engine.indices_matching(f"{self.alias}-*")
        old = sorted(i for i in existing if self.is_managed_index(i) and i < name and i not in behind)
        if old:
            engine.delete_indices(old)
            log(f"Deleted old indices: {', '.join(old)}")
        return old

    def _drop(self, engine: Engine, name: str, log: Callable[[str], None]) -> None:
        try:
            engine.delete_indices([name])
            log(f"Deleted unfinished index {name}")
        except engine.errors as exc:
            log(f"Could not delete unfinished index {name}: {describe(exc)}")

    # --- Status.

    def status(self) -> dict:
        info: dict = {
            "backend": BACKEND_NAME,
            "engine": settings.SEARCH_ENGINE,
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
            engine = admin_engine()
        except SearchBackendError as exc:
            info["error"] = str(exc)
            return info
        try:
            info["version"] = engine.info()["version"]["number"]
            info["reachable"] = True
            info["cluster_status"] = engine.health()["status"]
            info["indices"] = self._alias_indices(engine)
            existing = engine.indices_matching(f"{self.alias}-*")
            info["other_indices"] = sorted(i for i in existing if self.is_managed_index(i) and i not in info["indices"])
            if info["indices"]:
                response = engine.search(self.alias, {
                    "size": 0, "track_total_hits": True,
                    "aggs": {"kind": {"terms": {"field": "kind", "size": len(KINDS) + 10}}}})
                info["documents"] = response["hits"]["total"]["value"]
                for bucket in response["aggregations"]["kind"]["buckets"]:
                    info["kinds"][bucket["key"]] = bucket["doc_count"]
            elif self._is_concrete_index(engine):
                info["error"] = f"{self.alias!r} is a concrete index, not an alias: run `search_index rebuild`"
        except engine.errors as exc:
            info["error"] = describe(exc)
        return info
