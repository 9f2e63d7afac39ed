"""The two search engines the backend speaks to, each through its own client: Elasticsearch 8 (elasticsearch-py,
as elasticsearch-dsl uses) and OpenSearch 2 (opensearch-py). The 8.x Elasticsearch client refuses OpenSearch
servers, so there is no talking to both with one client.

An ``Engine`` offers the few operations the backend needs, with the same arguments and plain ``dict`` answers on
both, and says which of its client's errors are an outage (they count towards the circuit breaker) and which are
a refused request. Index settings, mappings, documents and query bodies are built once (``index``, ``queries``)
and sent unchanged to either engine.
"""

from collections.abc import Iterable, Iterator
from typing import Any

from elastic_transport import TransportError as ElasticTransportError
from elasticsearch import ApiError as ElasticApiError
from elasticsearch import Elasticsearch
from elasticsearch import NotFoundError as ElasticNotFound
from elasticsearch import helpers as elastic_helpers
from opensearchpy import NotFoundError as OpenSearchNotFound
from opensearchpy import OpenSearch
from opensearchpy import TransportError as OpenSearchTransportError
from opensearchpy import helpers as opensearch_helpers

ENGINES = ("elasticsearch", "opensearch")
RETRIED_STATUSES = (429, 502, 503, 504)


class Engine:
    """One client of one engine, with a request timeout and a retry policy (searches: none; writes: twice)."""

    name = ""
    client: Any = None
    helpers: Any = None  # the client library's bulk helpers
    errors: tuple[type[Exception], ...] = ()  # everything the client raises for a failed request
    bulk_error: type[Exception] = Exception
    not_found: type[Exception] = Exception

    def __init__(self, url: str, timeout: float, retries: int) -> None:
        self.url, self.timeout, self.retries = url, timeout, retries

    # -- Per engine.
    def is_outage(self, exc: Exception) -> bool:
        raise NotImplementedError

    def _call(self, api: str, **kwargs) -> Any:
        """``client.<api>(**kwargs)`` (``api`` may be dotted: "indices.create") as a plain answer (elasticsearch-py
        wraps its answers, opensearch-py does not)."""
        target = self.client
        for part in api.split("."):
            target = getattr(target, part)
        response = target(**kwargs)
        return getattr(response, "body", response)

    def bulk(self, actions: Iterable[dict], **kwargs) -> None:
        self.helpers.bulk(self.client, actions, **kwargs)

    def streaming_bulk(self, actions: Iterable[dict], **kwargs) -> Iterator[tuple[bool, dict]]:
        return self.helpers.streaming_bulk(self.client, actions, **kwargs)

    def close(self) -> None:
        self.client.close()

    # -- The same on both.
    def search(self, index: str, body: dict) -> dict:
        return self._call("search", index=index, body=body)

    def info(self) -> dict:
        return self._call("info")

    def health(self) -> dict:
        return self._call("cluster.health")

    def create_index(self, name: str, settings: dict, mappings: dict) -> None:
        self._call("indices.create", index=name, body={"settings": settings, "mappings": mappings})

    def exists(self, index: str) -> bool:
        return bool(self._call("indices.exists", index=index))

    def exists_alias(self, name: str) -> bool:
        return bool(self._call("indices.exists_alias", name=name))

    def indices_behind(self, alias: str) -> list[str]:
        try:
            return sorted(self._call("indices.get_alias", name=alias))
        except self.not_found:
            return []

    def indices_matching(self, pattern: str) -> list[str]:
        return sorted(self._call("indices.get_alias", index=pattern, expand_wildcards="open,closed"))

    def update_aliases(self, actions: list[dict]) -> None:
        self._call("indices.update_aliases", body={"actions": actions})

    def put_settings(self, index: str, settings: dict) -> None:
        self._call("indices.put_settings", index=index, body=settings)

    def refresh(self, index: str) -> None:
        self._call("indices.refresh", index=index)

    def delete_indices(self, names: list[str]) -> None:
        self._call("indices.delete", index=",".join(names))


class ElasticsearchEngine(Engine):
    name = "elasticsearch"
    helpers = elastic_helpers
    errors = (ElasticTransportError, ElasticApiError)
    bulk_error = elastic_helpers.BulkIndexError
    not_found = ElasticNotFound

    def __init__(self, url: str, timeout: float, retries: int) -> None:
        super().__init__(url, timeout, retries)
        self.client = Elasticsearch(url, request_timeout=timeout, max_retries=retries, retry_on_timeout=retries > 0,
                                    retry_on_status=RETRIED_STATUSES if retries else ())

    def is_outage(self, exc: Exception) -> bool:
        if isinstance(exc, ElasticApiError):
            status = exc.meta.status
            return status >= 500 or status == 429 or status < 400  # < 400: a 2xx from something that is not ES
        return True


class OpenSearchEngine(Engine):
    name = "opensearch"
    helpers = opensearch_helpers
    errors = (OpenSearchTransportError,)
    bulk_error = opensearch_helpers.BulkIndexError
    not_found = OpenSearchNotFound

    def __init__(self, url: str, timeout: float, retries: int) -> None:
        super().__init__(url, timeout, retries)
        self.client = OpenSearch(hosts=[url], timeout=timeout, max_retries=retries, retry_on_timeout=retries > 0,
                                 retry_on_status=RETRIED_STATUSES if retries else ())

    def is_outage(self, exc: Exception) -> bool:
        status = getattr(exc, "status_code", "N/A")
        if not isinstance(status, int):
            return True  # no answer: connection refused, reset or timed out
        return status >= 500 or status == 429 or status < 400


ENGINE_CLASSES: dict[str, type[Engine]] = {"elasticsearch": ElasticsearchEngine, "opensearch": OpenSearchEngine}
