"""ElasticsearchBackend against real sockets: a closed port, a server that never answers, and a small fake server.

The fake answers the few Elasticsearch APIs the backend uses, keeping indices, aliases and documents in memory,
and records every request, so the tests check what the backend sends (bodies, the one atomic alias swap, which
indices are deleted). How a real Elasticsearch ranks is covered by test_elastic_integration.py.
"""

import datetime
import fnmatch
import json
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, unquote, urlsplit

import opensearchpy
import pytest
from elastic_transport import ConnectionError as TransportConnectionError
from elastic_transport import ConnectionTimeout

from search.analysis import analyse
from search.elastic.backend import ElasticsearchBackend
from search.elastic.breaker import get_breaker
from search.elastic.errors import SearchBackendError
from search.elastic.index import document_body, mapping_body
from search.elastic.queries import page_body, search_body
from search.types import KINDS, AreaRef, SearchDocument, SearchQuery

# The engine backend reads the words' weights, the synonyms and the typo corrections from the database index.
pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2025, 6, 20, 8, 0, tzinfo=datetime.UTC)
ROOT = "00010001"
QUERY = SearchQuery(text="điểm thi Tân Châu", root=ROOT, now=NOW)


def wait_until(condition, timeout: float = 5.0) -> None:
    """Synchronisation with the server threads (not a timing assertion)."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("condition not reached")
        time.sleep(0.01)


# --- Servers.


class SilentServer:
    """Accepts connections, records them in order, and never answers."""

    def __init__(self) -> None:
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(64)
        self.sock.settimeout(0.05)
        self.port = self.sock.getsockname()[1]
        self.accepted: list[tuple[str, int]] = []
        self.connections: list[socket.socket] = []
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self.run, daemon=True)
        self.thread.start()

    def run(self) -> None:
        while not self.stopped.is_set():
            try:
                conn, peer = self.sock.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self.connections.append(conn)
            self.accepted.append(peer)

    def stop(self) -> None:
        self.stopped.set()
        self.thread.join()
        for conn in self.connections:
            conn.close()
        self.sock.close()


class FakeElasticsearch:
    def __init__(self) -> None:
        self.indices: dict[str, dict] = {}  # name -> {"aliases": set, "docs": {id: source}, "body": create body}
        self.requests: list[tuple[str, str, dict, object]] = []
        self.fail_next: list[tuple[int, dict]] = []  # answers for the next requests, in order
        self.search_response: dict = {"hits": {"total": {"value": 0, "relation": "eq"}, "hits": []}}
        self.bulk_rejects: set[str] = set()  # document ids answered with a mapping error
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:
                pass

            def handle_any(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length).decode() if length else ""
                url = urlsplit(self.path)
                status, payload = fake.handle(self.command, unquote(url.path), parse_qs(url.query), raw)
                data = b"" if self.command == "HEAD" else json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("X-Elastic-Product", "Elasticsearch")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = handle_any

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    # State helpers.

    def add_index(self, name: str, aliases: tuple[str, ...] = (), docs: dict | None = None) -> None:
        self.indices[name] = {"aliases": set(aliases), "docs": dict(docs or {}), "body": None}

    def behind(self, alias: str) -> list[str]:
        return sorted(n for n, i in self.indices.items() if alias in i["aliases"])

    def resolve(self, name: str) -> list[str]:
        return [name] if name in self.indices else self.behind(name)

    def calls(self, method: str, path: str) -> list[tuple[dict, object]]:
        return [(q, b) for m, p, q, b in self.requests if m == method and p == path]

    def bulk_calls(self) -> list[tuple[dict, object]]:
        """Bulk requests: elasticsearch-py sends them with PUT, opensearch-py with POST."""
        return [(q, b) for m, p, q, b in self.requests if m in ("PUT", "POST") and p == "/_bulk"]

    # Requests.

    @staticmethod
    def error(status: int, kind: str) -> tuple[int, dict]:
        return status, {"error": {"type": kind, "reason": kind}, "status": status}

    def handle(self, method: str, path: str, params: dict, raw: str) -> tuple[int, dict]:
        body: object = raw
        if raw and path != "/_bulk":
            body = json.loads(raw)
        self.requests.append((method, path, params, body))
        if self.fail_next:
            return self.fail_next.pop(0)
        parts = [p for p in path.split("/") if p]
        if not parts:
            return 200, {"version": {"number": "8.15.0"}, "tagline": "You Know, for Search"}
        if parts == ["_cluster", "health"]:
            return 200, {"status": "green"}
        if parts == ["_bulk"]:
            return self.bulk(raw, params)
        if parts == ["_aliases"]:
            return self.update_aliases(body["actions"])
        if parts[0] == "_alias":
            found = self.behind(parts[1])
            if not found:
                return 404, {"error": f"alias [{parts[1]}] missing", "status": 404}
            return 200, {n: {"aliases": {parts[1]: {}}} for n in found}
        if len(parts) == 2 and parts[1] == "_alias":
            return 200, {
                n: {"aliases": {a: {} for a in i["aliases"]}}
                for n, i in self.indices.items()
                if any(fnmatch.fnmatch(n, p) for p in parts[0].split(","))
            }
        if len(parts) == 1:
            name = parts[0]
            if method == "HEAD":
                return (200 if self.resolve(name) else 404), {}
            if method == "PUT":
                if self.resolve(name):
                    return self.error(400, "resource_already_exists_exception")
                self.add_index(name)
                self.indices[name]["body"] = body
                return 200, {"acknowledged": True, "index": name}
            if method == "DELETE":
                for n in name.split(","):
                    if n not in self.indices:
                        return self.error(404, "index_not_found_exception")
                for n in name.split(","):
                    del self.indices[n]
                return 200, {"acknowledged": True}
        if len(parts) == 2 and parts[1] in ("_settings", "_refresh"):
            return (200, {"acknowledged": True}) if self.resolve(parts[0]) else self.error(404, "index_not_found")
        if len(parts) == 2 and parts[1] == "_search":
            if body.get("size") == 0 and "aggs" in body:
                return 200, self.count_kinds(parts[0])
            return 200, self.search_response
        return self.error(400, "unsupported_by_fake")

    def count_kinds(self, name: str) -> dict:
        counts: dict[str, int] = {}
        for index in self.resolve(name):
            for source in self.indices[index]["docs"].values():
                counts[source["kind"]] = counts.get(source["kind"], 0) + 1
        buckets = [{"key": k, "doc_count": c} for k, c in sorted(counts.items(), key=lambda kc: -kc[1])]
        total = sum(counts.values())
        return {"hits": {"total": {"value": total, "relation": "eq"}, "hits": []},
                "aggregations": {"kind": {"buckets": buckets}}}

    def bulk(self, raw: str, params: dict) -> tuple[int, dict]:
        lines = [json.loads(line) for line in raw.splitlines() if line.strip()]
        require_alias = params.get("require_alias") == ["true"]
        items = []
        i = 0
        while i < len(lines):
            (op, meta), = lines[i].items()
            source = lines[i + 1] if op == "index" else None
            i += 2 if op == "index" else 1
            targets = self.resolve(meta["_index"])
            item = {"_index": meta["_index"], "_id": meta["_id"]}
            if require_alias and op == "index" and meta["_index"] in self.indices:
                item.update(status=404, error={"type": "index_not_found_exception", "reason": "not an alias"})
            elif len(targets) != 1:
                item.update(status=404, error={"type": "index_not_found_exception", "reason": "no such index"})
            elif op == "index" and meta["_id"] in self.bulk_rejects:
                item.update(status=400, error={"type": "document_parsing_exception", "reason": "rejected"})
            elif op == "index":
                self.indices[targets[0]]["docs"][meta["_id"]] = source
                item.update(status=201, result="created")
            else:
                found = self.indices[targets[0]]["docs"].pop(meta["_id"], None)
                item.update(status=200 if found else 404, result="deleted" if found else "not_found")
            items.append({op: item})
        return 200, {"took": 1, "errors": any(x[next(iter(x))]["status"] >= 300 for x in items), "items": items}

    def update_aliases(self, actions: list[dict]) -> tuple[int, dict]:
        for action in actions:  # validate everything first: the call is atomic
            (kind, spec), = action.items()
            if kind == "remove" and spec["alias"] not in self.indices.get(spec["index"], {}).get("aliases", ()):
                return self.error(404, "aliases_not_found_exception")
            if kind in ("add", "remove_index") and spec["index"] not in self.indices:
                return self.error(404, "index_not_found_exception")
        for action in actions:
            (kind, spec), = action.items()
            if kind == "remove":
                self.indices[spec["index"]]["aliases"].discard(spec["alias"])
            elif kind == "remove_index":
                del self.indices[spec["index"]]
            elif kind == "add":
                self.indices[spec["index"]]["aliases"].add(spec["alias"])
        return 200, {"acknowledged": True}


# What each engine's client raises when nothing answers, and when an answer takes too long.
OUTAGE_ERRORS = {"elasticsearch": (TransportConnectionError, ConnectionTimeout),
                 "opensearch": (opensearchpy.ConnectionError, opensearchpy.ConnectionTimeout)}


@pytest.fixture(params=list(OUTAGE_ERRORS))
def engine(settings, request) -> str:
    """Each engine, through its own client."""
    settings.SEARCH_ENGINE = request.param
    return request.param


@pytest.fixture
def fake(settings, engine):
    server = FakeElasticsearch()
    settings.ELASTICSEARCH_URL = server.url
    settings.ELASTICSEARCH_INDEX_PREFIX = "muathi"
    settings.ELASTICSEARCH_BREAKER_FAILURES = 2
    settings.ELASTICSEARCH_BREAKER_COOLDOWN = 30
    yield server
    server.stop()


def doc(key: str, title: str, kind: str = "news", **kwargs) -> SearchDocument:
    return SearchDocument(key=key, kind=kind, root=ROOT, section_key="thpt:2025", year=2025, title=title, **kwargs)


# --- Outages.


def closed_port() -> int:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    return port


def test_closed_port_raises_then_opens_the_breaker(settings, engine):
    settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{closed_port()}"
    settings.ELASTICSEARCH_BREAKER_FAILURES = 2
    backend = ElasticsearchBackend()
    for _ in range(2):
        with pytest.raises(SearchBackendError) as raised:
            backend.search(QUERY)
        assert raised.value.reason == "unavailable"
        assert isinstance(raised.value.__cause__, OUTAGE_ERRORS[engine][0])
    assert get_breaker().state == "open"
    with pytest.raises(SearchBackendError) as raised:
        backend.search(QUERY)
    assert raised.value.reason == "circuit_open"
    assert raised.value.__cause__ is None


def test_status_of_an_unreachable_server(settings, engine):
    settings.ELASTICSEARCH_URL = f"http://elastic:secret@127.0.0.1:{closed_port()}"
    status = ElasticsearchBackend().status()
    assert status["reachable"] is False
    assert "ConnectionError" in status["error"]
    assert "secret" not in status["url"] and status["url"].startswith("http://127.0.0.1:")


def test_silent_server_times_out_each_search_until_the_breaker_opens(settings, engine):
    server = SilentServer()
    try:
        settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{server.port}"
        settings.ELASTICSEARCH_SEARCH_TIMEOUT_MS = 200
        settings.ELASTICSEARCH_BREAKER_FAILURES = 3
        settings.ELASTICSEARCH_BREAKER_COOLDOWN = 30
        backend = ElasticsearchBackend()
        for attempt in range(1, 4):
            with pytest.raises(SearchBackendError) as raised:
                backend.search(QUERY)
            assert raised.value.reason == "unavailable"
            assert isinstance(raised.value.__cause__, OUTAGE_ERRORS[engine][1])
            wait_until(lambda n=attempt: len(server.accepted) >= n)
            assert len(server.accepted) == attempt
        # Open: searches and suggestions are refused without a connection.
        for _ in range(3):
            with pytest.raises(SearchBackendError) as raised:
                backend.search(QUERY)
            assert raised.value.reason == "circuit_open"
        with pytest.raises(SearchBackendError) as raised:
            backend.suggest("diem thi", ROOT, NOW, 5)
        assert raised.value.reason == "circuit_open"
        # A connection of our own is accepted next, so nothing else reached the server in between.
        probe = socket.create_connection(("127.0.0.1", server.port))
        try:
            wait_until(lambda: len(server.accepted) >= 4)
            assert server.accepted[3] == probe.getsockname()
            assert len(server.accepted) == 4
        finally:
            probe.close()
    finally:
        server.stop()


# --- Search and suggest against the fake server.


def test_search_sends_the_built_body_to_the_alias_and_reads_the_answer(fake):
    fake.search_response = {
        "hits": {"total": {"value": 1, "relation": "eq"}, "hits": [{
            "_id": "venue:7", "_score": 9.5,
            "_source": {"key": "venue:7", "kind": "venue", "title": "Điểm thi Trường THPT Tân Châu", "url": "/v/7/",
                        "section_key": "thpt:2025", "year": 2025, "date": None, "areas": [], "summary": ""},
            "highlight": {"body": ["Phòng <mark>thi</mark> số 1"]},
        }]},
        "aggregations": {"kind": {"buckets": [{"key": "venue", "doc_count": 1}]}},
    }
    results = ElasticsearchBackend().search(QUERY)
    # the candidates; with fewer than twenty, those with half of the four words (none more here); the page
    (_, sent), (_, loose), (_, page) = fake.calls("POST", "/muathi/_search")
    assert sent == json.loads(json.dumps(search_body(QUERY, analyse(QUERY.text))))
    assert loose == json.loads(json.dumps(loose_body(minimum=2, counted=[3])))
    assert page == json.loads(json.dumps(page_body(["venue:7"], analyse(QUERY.text))))
    assert results.backend == "elasticsearch"
    assert [h.key for h in results.hits] == ["venue:7"]
    assert results.hits[0].snippet == "Phòng <mark>thi</mark> số 1"
    assert results.facets["kind"][0].value == "venue"
    assert get_breaker().state == "closed"


def loose_body(minimum: int, counted: list[int]) -> dict:
    """The body asking for ``minimum`` of the query's words that also counts the items with each of ``counted``."""
    body = search_body(QUERY, analyse(QUERY.text), minimum=minimum)
    body["aggs"].update({f"level_{n}": {"filter": search_body(QUERY, analyse(QUERY.text), minimum=n)["query"]}
                         for n in counted})
    return body


def found(total: int, aggregations: dict | None = None) -> tuple[int, dict]:
    hit = {"_id": "page:1", "_score": 1.0, "_source": {"key": "page:1", "kind": "news", "title": "Tin", "url": "/1/",
                                                       "section_key": "", "year": 2025, "date": None, "areas": []}}
    return 200, {"hits": {"total": {"value": total, "relation": "eq"}, "hits": [hit] if total else []},
                 "aggregations": {"kind": {"buckets": []}, **(aggregations or {})}}


@pytest.mark.parametrize("with_three, asked, total", [(25, [4, 2, 3], 25), (19, [4, 2], 60)])
def test_the_engine_loosens_to_the_strictest_level_that_finds_twenty_items_as_the_database(
        fake, with_three, asked, total):
    """Fewer than twenty items with all four words: one request for two of them counts the items with three; when
    those are twenty or more, they are the candidates (the database's level by level), else those with two."""
    fake.fail_next = [found(5), found(60, {"level_3": {"doc_count": with_three}}), found(25)][:len(asked)]
    results = ElasticsearchBackend().search(QUERY)
    bodies = [body for _, body in fake.calls("POST", "/muathi/_search")][:len(asked)]
    assert [b["query"]["bool"]["must"][0]["bool"]["should"][0]["multi_match"].get("minimum_should_match", 4)
            for b in bodies] == asked
    assert bodies[1] == json.loads(json.dumps(loose_body(minimum=2, counted=[3])))
    assert results.total == total and set(results.facets) == {"kind"}  # the level counts are no facets


def test_typos_are_tolerated_only_when_the_words_as_typed_find_nothing(fake):
    fake.search_response = {"hits": {"total": {"value": 0, "relation": "eq"}, "hits": []}, "aggregations": {}}
    ElasticsearchBackend().search(QUERY)
    # then, with nothing found at all, any one of the words (as the database backend does)
    first, second, *any_word = (body for _, body in fake.calls("POST", "/muathi/_search"))
    assert first == json.loads(json.dumps(search_body(QUERY, analyse(QUERY.text))))
    assert second == json.loads(json.dumps(search_body(QUERY, analyse(QUERY.text), fuzzy=True, alternatives=True)))
    assert [b["query"]["bool"]["must"][0]["bool"]["should"][0]["multi_match"]["minimum_should_match"]
            for b in any_word] == [2, 1]  # half of the four words, then any one


def test_two_words_never_written_together_are_asked_again_as_the_pair_the_index_writes(fake):
    """As the database backend: "phú khảo" finds an item with both words apart; "phúc khảo" is written together
    in the index, so the engine asks again with "phúc" as a spelling of "phú", and says what was searched."""
    from search.database import writing

    writing.write([doc("page:1", "Hướng dẫn phúc khảo bài thi", path="000100010001"),
                   doc("page:2", "Điểm thi Châu Phú", summary="Khảo sát phòng thi.", path="000100010002")])
    fake.fail_next = [found(1), found(2)]
    results = ElasticsearchBackend().search(SearchQuery(text="phú khảo", root=ROOT, now=NOW))
    bodies = [body for _, body in fake.calls("POST", "/muathi/_search")]
    assert '"phuc phu"' in json.dumps(bodies[1]) and '"phuc phu"' not in json.dumps(bodies[0])
    assert results.corrections == {"phu": ("phuc",)} and results.total == 2


def test_server_errors_open_the_breaker(fake):
    fake.fail_next = [FakeElasticsearch.error(503, "unavailable_shards_exception")] * 2
    backend = ElasticsearchBackend()
    for _ in range(2):
        with pytest.raises(SearchBackendError) as raised:
            backend.search(QUERY)
        assert raised.value.reason == "unavailable"
    with pytest.raises(SearchBackendError):
        backend.search(QUERY)
    assert len(fake.calls("POST", "/muathi/_search")) == 2


def test_request_errors_fall_back_without_opening_the_breaker(fake):
    fake.fail_next = [FakeElasticsearch.error(400, "search_phase_execution_exception")] * 4
    backend = ElasticsearchBackend()
    for _ in range(4):
        with pytest.raises(SearchBackendError) as raised:
            backend.search(QUERY)
        assert raised.value.reason == "error"
    assert len(fake.calls("POST", "/muathi/_search")) == 4
    assert get_breaker().state == "closed"


def test_suggest(fake):
    fake.search_response = {"hits": {"total": {"value": 1, "relation": "eq"}, "hits": [{"_id": "page:42", "_source": {
        "key": "page:42", "kind": "directive", "title": "Công văn tuyên truyền", "url": "/cv/",
        "number": "860/STTTT-TTBCXB", "number_compact": "860sttttttbcxb"}}]}}
    backend = ElasticsearchBackend()
    assert [s.text for s in backend.suggest("860/st", ROOT, NOW, 5)] == ["860/STTTT-TTBCXB"]
    ((_, sent),) = fake.calls("POST", "/muathi/_search")
    assert sent["size"] == 5 and {"term": {"root": ROOT}} in sent["query"]["bool"]["filter"]
    assert backend.suggest("  ", ROOT, NOW, 5) == []
    assert len(fake.calls("POST", "/muathi/_search")) == 1


# --- Incremental indexing.


def test_index_documents_creates_the_alias_then_writes_through_it(fake):
    venue = doc("venue:7", "Điểm thi Trường THPT Tân Châu", kind="venue", number="AG-012",
                areas=(AreaRef("30367", "Phường Tân Châu", "commune"),))
    backend = ElasticsearchBackend()
    backend.index_documents([venue])
    (index,) = fake.behind("muathi")
    assert backend.is_managed_index(index)
    assert fake.indices[index]["docs"] == {"venue:7": document_body(venue)}
    assert fake.indices[index]["body"]["mappings"] == mapping_body()
    ((params, _),) = fake.bulk_calls()
    assert params["require_alias"] == ["true"]
    # Next time the alias exists: no second index.
    backend.index_documents([doc("page:1", "Lịch thi")])
    assert fake.behind("muathi") == [index] and len(fake.indices) == 1
    assert set(fake.indices[index]["docs"]) == {"venue:7", "page:1"}


def test_index_documents_raises_on_an_item_error(fake):
    fake.add_index("muathi-20250101-000000-000000", aliases=("muathi",))
    fake.bulk_rejects = {"page:2"}
    with pytest.raises(SearchBackendError, match="document_parsing_exception"):
        ElasticsearchBackend().index_documents([doc("page:1", "Một"), doc("page:2", "Hai")])


def test_delete_documents_ignores_missing_ones(fake):
    fake.add_index("muathi-20250101-000000-000000", aliases=("muathi",), docs={"page:1": {"kind": "news"}})
    ElasticsearchBackend().delete_documents(["page:1", "page:404"])
    assert fake.indices["muathi-20250101-000000-000000"]["docs"] == {}


def test_delete_documents_without_an_index_sends_nothing(fake):
    ElasticsearchBackend().delete_documents(["page:1"])
    assert fake.bulk_calls() == [] and fake.indices == {}


def test_ensure_index_refuses_a_concrete_index_named_like_the_alias(fake):
    fake.add_index("muathi")
    with pytest.raises(SearchBackendError, match="concrete index"):
        ElasticsearchBackend().ensure_index()
    assert list(fake.indices) == ["muathi"]


def test_unreachable_server_on_write_raises_search_backend_error(settings, engine):
    settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{closed_port()}"
    settings.ELASTICSEARCH_INDEX_TIMEOUT_MS = 1000
    with pytest.raises(SearchBackendError):
        ElasticsearchBackend().index_documents([doc("page:1", "Một")])
    with pytest.raises(SearchBackendError):
        ElasticsearchBackend().delete_documents(["page:1"])


# --- Rebuild.

OLD = "muathi-20240101-000000-000000"
ORPHAN = "muathi-20240301-000000-000000"  # left by a failed rebuild
NEWER = "muathi-29990101-000000-000000"  # another rebuild in progress
STAGING = "muathi-staging-20240101-000000-000000"  # another deployment sharing the cluster


def test_rebuild_swaps_the_alias_atomically_reapplies_changes_and_deletes_older_indices(fake):
    fake.add_index(OLD, aliases=("muathi",), docs={"page:1": {"kind": "news"}, "page:gone": {"kind": "news"}})
    fake.add_index(ORPHAN)
    fake.add_index(NEWER)
    fake.add_index(STAGING, aliases=("muathi-staging",))
    everything = [doc("page:1", "Lịch thi"), doc("page:2", "Điểm chuẩn"), doc("page:3", "Sẽ bị xoá")]
    edited = doc("page:2", "Điểm chuẩn (đã sửa)")
    racing = doc("page:4", "Viết trong lúc đổi alias")
    calls = []

    def changed_since(since: datetime.datetime):
        calls.append(since)
        if len(calls) == 1:
            return [edited], ["page:3"]
        return [edited, racing], ["page:3"]

    messages = []
    summary = ElasticsearchBackend().rebuild(lambda: iter(everything), changed_since, messages.append)

    new = summary["index"]
    assert ElasticsearchBackend().is_managed_index(new) and OLD < new < NEWER
    assert summary["documents"] == 3
    assert summary["reapplied"] == 2 + 3
    assert summary["deleted_indices"] == [OLD, ORPHAN]
    assert fake.behind("muathi") == [new]
    assert set(fake.indices) == {new, NEWER, STAGING}
    assert fake.indices[new]["docs"] == {
        "page:1": document_body(everything[0]),
        "page:2": document_body(edited),
        "page:4": document_body(racing),
    }
    # Both calls ask for everything since the start, which precedes the new index's name.
    assert len(calls) == 2 and calls[0] == calls[1] and calls[0].tzinfo is not None
    assert new == ElasticsearchBackend().new_index_name(calls[0])
    # Created for bulk loading, then refreshed normally.
    created = fake.indices[new]["body"]
    assert created["settings"]["refresh_interval"] == "-1"
    assert created["mappings"] == mapping_body()
    ((_, settings_body),) = fake.calls("PUT", f"/{new}/_settings")
    assert settings_body == {"index": {"refresh_interval": None}}
    # One atomic alias swap.
    ((_, swap),) = fake.calls("POST", "/_aliases")
    assert swap == {"actions": [
        {"remove": {"index": OLD, "alias": "muathi"}},
        {"add": {"index": new, "alias": "muathi"}},
    ]}
    assert any(new in m for m in messages)


def test_rebuild_replaces_a_concrete_index_named_like_the_alias_in_the_same_step(fake):
    fake.add_index("muathi", docs={"x": {"kind": "news"}})
    summary = ElasticsearchBackend().rebuild(lambda: [doc("page:1", "Một")], lambda since: ([], []), lambda m: None)
    ((_, swap),) = fake.calls("POST", "/_aliases")
    assert swap == {"actions": [
        {"remove_index": {"index": "muathi"}},
        {"add": {"index": summary["index"], "alias": "muathi"}},
    ]}
    assert list(fake.indices) == [summary["index"]]
    assert fake.behind("muathi") == [summary["index"]]


def test_failed_load_deletes_the_new_index_and_leaves_the_alias(fake):
    fake.add_index(OLD, aliases=("muathi",))
    fake.bulk_rejects = {"page:2"}
    with pytest.raises(SearchBackendError, match="1 document"):
        ElasticsearchBackend().rebuild(
            lambda: [doc("page:1", "Một"), doc("page:2", "Hai")], lambda since: ([], []), lambda m: None
        )
    assert list(fake.indices) == [OLD]
    assert fake.behind("muathi") == [OLD]
    assert fake.calls("POST", "/_aliases") == []


def test_failed_swap_deletes_the_new_index(fake):
    fake.add_index(OLD, aliases=("muathi",))

    def changed_since(since):
        # Another rebuild swaps the alias while this one loads: removing OLD from the alias then fails.
        fake.indices[OLD]["aliases"].clear()
        fake.add_index(NEWER, aliases=("muathi",))
        return [], []

    backend = ElasticsearchBackend()
    original = backend._alias_indices
    backend._alias_indices = lambda client: [OLD]  # what this rebuild read before the other one swapped
    try:
        with pytest.raises(SearchBackendError, match="aliases_not_found"):
            backend.rebuild(lambda: [doc("page:1", "Một")], changed_since, lambda m: None)
    finally:
        backend._alias_indices = original
    assert set(fake.indices) == {OLD, NEWER}
    assert fake.behind("muathi") == [NEWER]


# --- Status.


def test_status_counts_per_kind(fake):
    fake.add_index(OLD, aliases=("muathi",), docs={
        "venue:1": {"kind": "venue"}, "venue:2": {"kind": "venue"}, "page:1": {"kind": "directive"}})
    fake.add_index(ORPHAN)
    status = ElasticsearchBackend().status()
    assert status["reachable"] is True and status["error"] == ""
    assert status["version"] == "8.15.0" and status["cluster_status"] == "green"
    assert status["alias"] == "muathi"
    assert status["indices"] == [OLD]
    assert status["other_indices"] == [ORPHAN]
    assert status["documents"] == 3
    assert status["kinds"] == {**dict.fromkeys(KINDS, 0), "venue": 2, "directive": 1}
    assert status["breaker"] == "closed"


def test_status_without_an_index(fake):
    status = ElasticsearchBackend().status()
    assert status["reachable"] is True
    assert status["indices"] == [] and status["documents"] == 0
