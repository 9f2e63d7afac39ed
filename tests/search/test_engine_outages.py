"""A real search engine that stops and comes back: a node of our own (tools/search-node) on a spare port, with its
data kept across restarts, so the tests can stop it in the middle of a bulk load or a rebuild and start it again.

Runs where the engine tests run (TEST_SEARCH_URL set, as ``CI=true bash scripts/test`` does); needs Java and the node's
build (``bash scripts/services search`` makes it).
"""

import datetime
import io
import json
import os
import socket
import subprocess
import threading
import time
import uuid
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone

from search import service, sync
from search.database import writing
from search.elastic.backend import ElasticsearchBackend
from search.elastic.client import admin_engine
from search.elastic.errors import SearchBackendError
from search.models import IndexChange
from search.types import SearchDocument, SearchQuery

RUN = Path(__file__).resolve().parents[2] / "tools" / "search-node" / "run"
URL = os.environ.get("TEST_SEARCH_URL")
pytestmark = [
    pytest.mark.skipif(not URL, reason="needs a real search engine: set TEST_SEARCH_URL (and TEST_SEARCH_ENGINE)"),
    pytest.mark.django_db,
]
ROOT = "00010001"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Node:
    """A disposable OpenSearch node: ``stop()`` and ``start()`` keep its data folder."""

    def __init__(self, folder: Path) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = {**os.environ, "SEARCH_NODE_PORT": str(self.port), "SEARCH_NODE_DATA": str(folder / "data"),
                    "SEARCH_NODE_LOG_DIR": str(folder / "log"), "SEARCH_NODE_HEAP": "512m"}

    def _run(self, action: str) -> None:
        done = subprocess.run(["bash", str(RUN), action], env=self.env, capture_output=True, text=True, timeout=180)
        assert done.returncode == 0, done.stdout + done.stderr

    def start(self) -> None:
        self._run("ensure")

    def stop(self) -> None:
        self._run("stop")


@pytest.fixture(scope="module")
def node(tmp_path_factory):
    node = Node(tmp_path_factory.mktemp("search-node"))
    node.start()
    yield node
    node.stop()


@pytest.fixture
def engine(node, settings):
    """The backend on the spare node, under an index prefix of its own; the node is up when the test ends."""
    settings.ELASTICSEARCH_URL = node.url
    settings.SEARCH_ENGINE = "opensearch"
    settings.ELASTICSEARCH_INDEX_PREFIX = f"muathi-outage-{uuid.uuid4().hex[:10]}"
    settings.ELASTICSEARCH_SEARCH_TIMEOUT_MS = 5000
    settings.ELASTICSEARCH_INDEX_TIMEOUT_MS = 5000
    settings.ELASTICSEARCH_BREAKER_FAILURES = 1
    settings.ELASTICSEARCH_BREAKER_COOLDOWN = 1
    backend = ElasticsearchBackend()
    yield backend
    node.start()
    leftovers = admin_engine().indices_matching(f"{backend.alias}*")
    if leftovers:
        admin_engine().delete_indices(leftovers)


def doc(n: int, title: str = "Thông báo lịch thi") -> SearchDocument:
    return SearchDocument(key=f"page:{n}", kind="news", root=ROOT, section_key="thpt:2025", year=2025,
                          title=f"{title} số {n}", summary="Thí sinh theo dõi lịch thi trên cổng thông tin.",
                          date=datetime.date(2025, 6, 1))


def keys_in_engine(backend: ElasticsearchBackend) -> set[str]:
    admin_engine().refresh(backend.alias)
    response = admin_engine().search(backend.alias, {"size": 10_000, "_source": ["key"], "query": {"match_all": {}}})
    return {hit["_source"]["key"] for hit in response["hits"]["hits"]}


def managed_indices(backend: ElasticsearchBackend) -> list[str]:
    return [i for i in admin_engine().indices_matching(f"{backend.alias}-*") if backend.is_managed_index(i)]


def test_changes_made_while_the_engine_is_down_are_sent_when_it_is_back(engine, node):
    docs = [doc(n) for n in range(1, 41)]
    writing.write(docs)  # the database index is the source of truth
    keys = [d.key for d in docs]
    sync.journal(keys)
    node.stop()
    assert sync.push(keys) is False  # the editor's change stays queued, with the error and a later retry time
    pending = list(IndexChange.objects.filter(key__in=keys, pending=True))
    assert len(pending) == len(keys) and all(c.attempts == 1 and c.last_error for c in pending)
    node.start()
    sent, still_pending = sync.retry_pending(now=timezone.now() + datetime.timedelta(hours=2))
    assert (sent, still_pending) == (len(keys), 0)
    assert keys_in_engine(engine) == set(keys)


def test_a_rebuild_cut_off_by_the_engine_stopping_loses_nothing(engine, node):
    first = engine.rebuild(lambda: [doc(n) for n in range(1, 11)], lambda since: ([], []), lambda m: None)

    def documents_until_the_node_stops():
        for n in range(1, 1501):
            if n == 700:  # the first bulk chunk (500) is in the new index: stop the node in the middle of the load
                node.stop()
            yield doc(n, "Bản tin mới")

    with pytest.raises(SearchBackendError):
        engine.rebuild(documents_until_the_node_stops, lambda since: ([], []), lambda m: None)
    node.start()
    # The alias still points at the first index, whole; the searches it serves are unchanged.
    assert admin_engine().indices_behind(engine.alias) == [first["index"]]
    assert keys_in_engine(engine) == {f"page:{n}" for n in range(1, 11)}
    # The next rebuild succeeds and removes whatever the cut-off one left behind.
    third = engine.rebuild(lambda: [doc(n, "Bản tin mới") for n in range(1, 1501)], lambda since: ([], []),
                           lambda m: None)
    assert managed_indices(engine) == [third["index"]]
    assert admin_engine().indices_behind(engine.alias) == [third["index"]]
    assert len(keys_in_engine(engine)) == 1500


def test_writes_during_a_rebuild_end_up_in_the_new_index(engine):
    engine.index_documents([doc(n) for n in range(1, 6)])
    written: list[tuple[datetime.datetime, SearchDocument]] = []
    stop = threading.Event()

    def editor():  # publishes through the alias while the rebuild loads
        n = 10_000
        while not stop.is_set():
            n += 1
            written.append((datetime.datetime.now(datetime.UTC), doc(n, "Tin đăng trong lúc xây lại")))
            engine.index_documents([written[-1][1]])
            time.sleep(0.02)

    def changed_since(since: datetime.datetime):
        return [d for at, d in list(written) if at >= since], []

    def slow_documents():  # what the database held when the rebuild read it, then slowly
        yield from [d for _, d in list(written)]
        for n in range(1, 2001):
            if n % 500 == 0:
                time.sleep(0.3)
            yield doc(n)

    thread = threading.Thread(target=editor)
    thread.start()
    try:
        summary = engine.rebuild(slow_documents, changed_since, lambda m: None)
    finally:
        stop.set()
        thread.join()
    engine.index_documents([d for _, d in written[-2:]])  # as the journal's retry would, for the last race
    during = {d.key for _, d in written}
    assert during, "the editor wrote nothing during the rebuild"
    assert admin_engine().indices_behind(engine.alias) == [summary["index"]]
    assert keys_in_engine(engine) >= during | {f"page:{n}" for n in range(1, 2001)}


def test_search_answers_from_the_database_while_the_engine_is_down_and_returns_to_it(engine, node):
    writing.write([doc(n) for n in range(1, 4)])
    engine.index_documents([doc(n) for n in range(1, 4)])
    admin_engine().refresh(engine.alias)
    query = SearchQuery(text="lich thi", root=ROOT, now=timezone.now())
    up = service.search(query)
    assert up.backend == "elasticsearch" and up.total == 3
    node.stop()
    down = service.search(query)
    assert down.backend == "database" and {h.key for h in down.hits} == {h.key for h in up.hits}
    node.start()
    time.sleep(1.1)  # the breaker's cool-down (1 s here): the next search tries the engine again
    assert service.search(query).backend == "elasticsearch"


def test_search_index_status_reports_the_real_cluster(engine):
    engine.index_documents([doc(n) for n in range(1, 4)])
    admin_engine().refresh(engine.alias)
    out = io.StringIO()
    call_command("search_index", "status", "--json", stdout=out)
    report = json.loads(out.getvalue())["elasticsearch"]
    assert report["reachable"] is True and report["engine"] == "opensearch"
    assert report["version"].startswith("2.") and report["cluster_status"] == "green"
    assert report["documents"] == 3 and report["kinds"]["news"] == 3
