"""/api/v1/search and /api/v1/search/suggest over HTTP, and the fallback from Elasticsearch to the database."""

import socket
import threading

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings
from wagtail.models import Site

from cms.models import ProvinceSettings
from exam_news import models as m
from search.elastic.breaker import reset_breaker
from tests.exam_news.factories import add_page, news
from tests.fixtures import CHAU_DOC, unit

pytestmark = pytest.mark.django_db


@pytest.fixture
def portal(section, synced):
    settings = ProvinceSettings.for_site(Site.objects.get(is_default_site=True))
    settings.portal_base_url = "https://angiang.gov.vn"
    synced(settings.save)
    synced(add_page, section,
           m.NewsPage(title="Danh sách điểm thi tại Tân Châu", summary="Thí sinh xem điểm thi gần nhà."))
    synced(add_page, section, m.NewsPage(title="Mưa dông chiều ngày thi", summary="Thí sinh mang áo mưa."),
           areas=[unit(CHAU_DOC)])
    synced(m.ExamVenue.objects.create, section=section, code="AG-017", name="Trường THPT Thủ Khoa Nghĩa",
           address="Số 01 Tôn Đức Thắng", commune=unit(CHAU_DOC))
    return section


def get(client, path: str, **params):
    return client.get(path, params)


def test_search_answers_with_hits_facets_and_backend(client, portal):
    response = get(client, "/api/v1/search", q="diem thi tan chau")
    assert response.status_code == 200
    body = response.json()
    assert body["backend"] == "database" and body["query"] == "diem thi tan chau"
    first = body["results"][0]
    assert first["title"] == "Danh sách điểm thi tại Tân Châu" and first["kind"] == "news"
    assert first["url"].startswith("https://angiang.gov.vn/") and first["section"] == "thpt:2025"
    assert "<mark>" in first["snippet"] and first["source_id"] == "" and first["date"]
    assert body["total"] == len(body["results"]) and body["page"] == 1 and body["total_exact"] is True
    assert {f["value"] for f in body["facets"]["kind"]} == {r["kind"] for r in body["results"]}
    assert all(f["label"] for f in body["facets"]["kind"])


def test_filters_by_kind_area_section_and_year(client, portal):
    assert {r["kind"] for r in get(client, "/api/v1/search", q="thi", kind="venue").json()["results"]} == {"venue"}
    in_area = get(client, "/api/v1/search", q="thi", area=CHAU_DOC, exclude_province_wide="true").json()
    assert {r["title"] for r in in_area["results"]} == {"Mưa dông chiều ngày thi",
                                                        "Điểm thi Trường THPT Thủ Khoa Nghĩa"}
    area_facet = {f["value"]: f for f in in_area["facets"]["area"]}
    assert area_facet[CHAU_DOC]["label"] == "Phường Châu Đốc" and area_facet[CHAU_DOC]["count"] == 2
    assert get(client, "/api/v1/search", q="thi", section="thpt:2025").json()["total"] >= 3
    assert get(client, "/api/v1/search", q="thi", year=2019).json()["total"] == 0


def test_telex_is_reported_as_interpreted(client, portal):
    body = get(client, "/api/v1/search", q="ddieemr thi").json()
    assert body["interpreted_as"] == "điểm thi" and body["total"] >= 2


@pytest.mark.parametrize(("params", "name"), [
    ({}, "q"), ({"q": ""}, "q"), ({"q": "   "}, "q"), ({"q": "?!…"}, "q"), ({"q": "a" * 201}, "q"),
    ({"q": "thi", "kind": "podcast"}, "kind"), ({"q": "thi", "year": "1990"}, "year"),
    ({"q": "thi", "page": "0"}, "page"), ({"q": "thi", "page_size": "500"}, "page_size"),
    ({"q": "thi", "sort": "date"}, "sort"), ({"q": "thi", "area": "9999"}, "area"),
    ({"q": "thi", "section": ""}, "section"),
])
def test_bad_queries_get_422_naming_the_parameter(client, portal, params, name):
    response = client.get("/api/v1/search", params)
    assert response.status_code == 422
    assert name in {str(d["loc"][-1]) for d in response.json()["detail"]}


@pytest.mark.parametrize(("params", "name"), [
    ({"q": "thi", "area": "99999"}, "area"), ({"q": "thi", "section": "thpt:1999"}, "section"),
])
def test_unknown_area_or_section_is_404_naming_it(client, portal, params, name):
    response = client.get("/api/v1/search", params)
    assert response.status_code == 404 and response.json()["detail"].startswith(f"{name}: ")


def test_words_of_other_scripts_find_nothing_instead_of_failing(client, portal):
    """The document asks for a letter or digit; one that folds to nothing searchable finds nothing."""
    body = get(client, "/api/v1/search", q="\u19c4 \u4e2d").json()
    assert body["total"] == 0 and body["results"] == []
    assert get(client, "/api/v1/search/suggest", q="\u4e2d").json()["suggestions"] == []
    assert client.get("/api/v1/search/suggest", {"q": "?!…"}).status_code == 422


def test_the_documented_query_pattern_means_what_the_server_accepts():
    """The server validates q with Python's re; the document's readers (clients, fuzzers) use ECMA-262's dialect,
    where \\w and \\s mean other things: the pattern uses neither, and the server accepts exactly what it says
    for every character of the Basic Multilingual Plane."""
    import re

    import pydantic

    from search.api import SEARCHABLE, SuggestParams

    pattern = re.compile(SEARCHABLE)
    disagreements = []
    for code in range(0x10000):
        if 0xD800 <= code <= 0xDFFF:
            continue
        text = chr(code)
        try:
            SuggestParams(q=text)
            accepted = True
        except pydantic.ValidationError:
            accepted = False
        if accepted != bool(pattern.search(text)):
            disagreements.append(f"U+{code:04X}")
    assert disagreements == []
    assert not re.search(r"\\[wWsSdDbB]", SEARCHABLE)  # no class whose meaning depends on the dialect
    assert not pattern.search("?!… “—” ¹ ½ ×") and pattern.search("đò") and pattern.search("\u4e2d")


def test_suggest(client, portal):
    body = get(client, "/api/v1/search/suggest", q="danh sach diem th").json()
    assert body["backend"] == "database"
    assert body["suggestions"][0]["text"] == "Danh sách điểm thi tại Tân Châu"
    assert client.get("/api/v1/search/suggest", {"q": ""}).status_code == 422
    assert client.get("/api/v1/search/suggest", {"q": "x" * 101}).status_code == 422


def test_query_count_does_not_grow_with_the_number_of_hits(client, portal, synced):
    def count() -> int:
        from django.core.cache import cache

        from search import synonyms
        from search.database import frequencies
        cache.clear()
        frequencies.reset()  # the words' document counts, kept for minutes per process, are counted again
        synonyms.reset()
        with CaptureQueriesContext(connection) as queries:
            assert get(client, "/api/v1/search", q="thi", page_size=50).status_code == 200
        return len(queries)

    few = count()
    for i in range(15):
        synced(add_page, portal, news(f"Tin thi số {i}"))
    assert count() == few


# --- Fallback: Elasticsearch unreachable or silent -------------------------------------------------

@pytest.fixture
def closed_port():
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    return port


class SilentServer:
    """Accepts connections and never answers."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.port = self.sock.getsockname()[1]
        self.accepted = 0
        self.held = []
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self):
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.accepted += 1
            self.held.append(conn)

    def close(self):
        self.sock.close()
        for conn in self.held:
            conn.close()


@pytest.fixture
def silent_server():
    server = SilentServer()
    yield server
    server.close()


@pytest.fixture(autouse=True)
def breaker_reset():
    reset_breaker()
    yield
    reset_breaker()


def test_unreachable_elasticsearch_falls_back_to_the_database(client, portal, closed_port):
    with override_settings(ELASTICSEARCH_URL=f"http://127.0.0.1:{closed_port}"):
        body = get(client, "/api/v1/search", q="diem thi tan chau").json()
        suggest = get(client, "/api/v1/search/suggest", q="danh sach").json()
    assert body["backend"] == "database"
    assert body["results"][0]["title"] == "Danh sách điểm thi tại Tân Châu"
    assert suggest["backend"] == "database" and suggest["suggestions"]


def test_silent_elasticsearch_times_out_then_the_breaker_skips_it(client, portal, silent_server):
    from django.core.cache import cache

    url = f"http://127.0.0.1:{silent_server.port}"
    with override_settings(ELASTICSEARCH_URL=url, ELASTICSEARCH_SEARCH_TIMEOUT_MS=150,
                           ELASTICSEARCH_BREAKER_FAILURES=2, ELASTICSEARCH_BREAKER_COOLDOWN=60):
        for i in range(4):
            cache.clear()
            body = get(client, "/api/v1/search", q=f"thi {i}").json()
            assert body["backend"] == "database"
            if i == 1:
                tried = silent_server.accepted
    assert tried >= 2
    assert silent_server.accepted == tried  # breaker open: the last two searches did not even connect


def test_publishing_with_elasticsearch_down_succeeds_and_queues_the_change(section, synced, closed_port):
    from django.core.management import call_command

    from search.models import IndexChange

    with override_settings(ELASTICSEARCH_URL=f"http://127.0.0.1:{closed_port}", ELASTICSEARCH_INDEX_TIMEOUT_MS=200):
        page = synced(add_page, section, news("Tin đăng khi Elasticsearch ngừng"))
        assert m.NewsPage.objects.get(pk=page.pk).live
        change = IndexChange.objects.get(key=f"page:{page.pk}")
        assert change.pending and change.attempts == 1 and change.last_error
        reset_breaker()
        from io import StringIO
        out = StringIO()
        call_command("search_index", "status", stdout=out)
        assert "Tồn đọng chờ gửi máy tìm kiếm: " in out.getvalue()
        backlog = int(out.getvalue().split("Tồn đọng chờ gửi máy tìm kiếm: ")[1].split()[0])
        assert backlog >= 1
        from search import sync
        IndexChange.objects.update(next_attempt_at=change.changed_at)
        sent, pending = sync.retry_pending()
        assert sent == 0 and pending == backlog
        assert IndexChange.objects.get(key=f"page:{page.pk}").attempts == 2
