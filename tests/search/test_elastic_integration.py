"""Against a real search engine: runs when TEST_SEARCH_URL is set in the environment, with TEST_SEARCH_ENGINE naming
the engine (elasticsearch or opensearch, the default). ``CI=true bash scripts/test`` starts an OpenSearch node
(tools/search-node) and sets both.

    bash scripts/services search
    TEST_SEARCH_URL=http://127.0.0.1:9200 .venv/bin/pytest tests/search/test_elastic_integration.py

Every test works under its own index prefix and deletes its indices afterwards.
"""

import datetime
import os
import uuid

import pytest

from search.elastic.backend import ElasticsearchBackend
from search.elastic.client import admin_engine
from search.types import AreaRef, SearchDocument, SearchQuery

URL = os.environ.get("TEST_SEARCH_URL")
pytestmark = [
    pytest.mark.skipif(not URL, reason="needs a real search engine: set TEST_SEARCH_URL (and TEST_SEARCH_ENGINE)"),
    pytest.mark.django_db,  # typo corrections read the database's vocabulary
]

NOW = datetime.datetime(2025, 6, 20, 8, 0, tzinfo=datetime.UTC)
ROOT = "00010001"
OTHER_ROOT = "00010002"
TAN_CHAU = AreaRef("30367", "Phường Tân Châu", "commune")
LONG_XUYEN = AreaRef("30307", "Phường Long Xuyên", "commune")


def doc(key: str, kind: str, title: str, **kwargs) -> SearchDocument:
    values = {"root": ROOT, "section_key": "thpt:2025", "year": 2025, "date": datetime.date(2025, 6, 1)}
    values.update(kwargs)
    return SearchDocument(key=key, kind=kind, title=title, **values)


DOCUMENTS = [
    doc("venue:7", "venue", "Điểm thi Trường THPT Tân Châu", number="AG-012", areas=(TAN_CHAU,),
        address="Đường Tôn Đức Thắng, Phường Tân Châu", summary="Điểm thi số 12, 24 phòng thi."),
    doc("page:1", "news", "Thí sinh tra cứu điểm thi từ sáng nay",
        summary="Thí sinh ở Tân Hiệp, Châu Đốc và Long Xuyên tra cứu điểm thi trên cổng thông tin.",
        body="Điểm thi được công bố lúc 8 giờ."),
    doc("page:2", "directive", "Công văn về công tác tuyên truyền kỳ thi", number="860/STTTT-TTBCXB", areas=(),
        summary="Sở Thông tin và Truyền thông đề nghị các cơ quan báo chí đưa tin về kỳ thi."),
    doc("page:3", "directive", "Công văn về bảo đảm thông tin liên lạc", number="861/STTTT-TTBCXB",
        summary="Bảo đảm thông tin liên lạc trong kỳ thi."),
    doc("page:4", "notice", "Lịch thi môn Toán", areas=(LONG_XUYEN,), summary="Môn Toán thi buổi sáng."),
    doc("page:5", "notice", "Lich thi mon Toan", areas=(LONG_XUYEN,), summary="Ban cu chua co dau."),
    doc("page:6", "notice", "Điểm thi đã hết hạn", expires_at=NOW - datetime.timedelta(days=1)),
    doc("page:7", "news", "Điểm thi Trường THPT Tân Châu (tỉnh khác)", root=OTHER_ROOT),
]


@pytest.fixture
def backend(settings):
    settings.ELASTICSEARCH_URL = URL
    settings.SEARCH_ENGINE = os.environ.get("TEST_SEARCH_ENGINE", "opensearch")
    settings.ELASTICSEARCH_INDEX_PREFIX = f"muathi-test-{uuid.uuid4().hex[:12]}"
    settings.ELASTICSEARCH_SEARCH_TIMEOUT_MS = 10000
    backend = ElasticsearchBackend()
    yield backend
    leftovers = admin_engine().indices_matching(f"{backend.alias}*")
    if leftovers:
        admin_engine().delete_indices(leftovers)


def rebuild(backend: ElasticsearchBackend, documents=DOCUMENTS, changed_since=lambda since: ([], [])) -> dict:
    return backend.rebuild(lambda: iter(documents), changed_since, lambda message: None)


def search(backend: ElasticsearchBackend, text: str, **kwargs):
    return backend.search(SearchQuery(text=text, root=ROOT, now=NOW, **kwargs))


def keys(results) -> list[str]:
    return [h.key for h in results.hits]


def alias_indices(backend: ElasticsearchBackend) -> list[str]:
    return admin_engine().indices_behind(backend.alias)


def test_search_after_rebuild(backend):
    summary = rebuild(backend)
    assert summary["documents"] == len(DOCUMENTS)
    assert alias_indices(backend) == [summary["index"]]

    results = search(backend, "diem thi tan chau")
    assert results.backend == "elasticsearch"
    assert keys(results)[0] == "venue:7"
    assert "page:7" not in keys(results)  # another province
    assert "page:6" not in keys(results)  # expired
    assert keys(search(backend, "Điểm thi Tân Châu"))[0] == "venue:7"
    # đ folds to d, like cms.text.fold.
    assert keys(search(backend, "duong ton duc thang")) == ["venue:7"]

    directive = search(backend, "860/STTTT")
    assert keys(directive)[0] == "page:2"
    assert keys(search(backend, "860/STTTT-TTBCXB"))[0] == "page:2"
    assert keys(search(backend, "AG-012"))[0] == "venue:7"

    telex = search(backend, "ddieemr thi")
    assert telex.interpreted_as == "điểm thi"
    assert {"venue:7", "page:1"} <= set(keys(telex))

    # Exact diacritics rank above the unaccented copy; unaccented queries find both.
    assert keys(search(backend, "lịch thi môn toán"))[:2] == ["page:4", "page:5"]
    assert set(keys(search(backend, "lich thi mon toan"))) == {"page:4", "page:5"}

    # A typo in a long syllable ("truonh" for "trường").
    assert "venue:7" in keys(search(backend, "diem thi truonh tan chau"))


def test_snippets_and_facets(backend):
    rebuild(backend)
    results = search(backend, "tra cứu điểm thi")
    hit = next(h for h in results.hits if h.key == "page:1")
    assert "<mark>" in hit.snippet and "</mark>" in hit.snippet
    kinds = {f.value: f.count for f in results.facets["kind"]}
    assert kinds["news"] == 1
    assert results.facets["year"][0].value == "2025"


def test_filters(backend):
    rebuild(backend)
    assert keys(search(backend, "công văn", kinds=("directive",))) != []
    assert set(keys(search(backend, "công văn", kinds=("notice",)))) == set()
    only_tan_chau = search(backend, "thi", area_codes=frozenset({"30367"}), include_province_wide=False)
    assert set(keys(only_tan_chau)) == {"venue:7"}
    with_province_wide = search(backend, "thi", area_codes=frozenset({"30367"}))
    assert {"venue:7", "page:1", "page:2"} <= set(keys(with_province_wide))
    assert "page:4" not in keys(with_province_wide)
    assert search(backend, "thi", year=2024).total == 0
    everything = search(backend, "")
    assert everything.total == 6  # seven in this province, one expired


def test_suggest(backend):
    rebuild(backend)
    titles = [s.text for s in backend.suggest("diem thi tan ch", ROOT, NOW, 5)]
    assert titles[0] == "Điểm thi Trường THPT Tân Châu"
    assert "Điểm thi Trường THPT Tân Châu (tỉnh khác)" not in titles
    numbers = backend.suggest("860/ST", ROOT, NOW, 5)
    assert numbers[0].text == "860/STTTT-TTBCXB" and numbers[0].key == "page:2"


def test_changes_during_rebuild_and_old_indices(backend):
    first = rebuild(backend)
    added = doc("page:8", "news", "Phúc khảo bài thi", summary="Thí sinh nộp đơn phúc khảo.")
    raced = doc("page:9", "news", "Kết quả phúc khảo", summary="Công bố kết quả phúc khảo.")
    calls = []

    def changed_since(since):
        calls.append(since)
        return ([added], ["page:5"]) if len(calls) == 1 else ([added, raced], ["page:5"])

    second = rebuild(backend, changed_since=changed_since)
    assert second["deleted_indices"] == [first["index"]]
    assert alias_indices(backend) == [second["index"]]
    assert not admin_engine().exists(first["index"])
    assert set(keys(search(backend, "phuc khao"))) == {"page:8", "page:9"}
    assert "page:5" not in keys(search(backend, "lich thi mon toan"))


def test_incremental_indexing_and_status(backend):
    backend.index_documents(DOCUMENTS[:3])  # creates the first index and the alias
    (index,) = alias_indices(backend)
    assert backend.is_managed_index(index)
    backend.delete_documents(["page:1", "page:missing"])
    admin_engine().refresh(backend.alias)
    assert keys(search(backend, "860/STTTT"))[0] == "page:2"
    status = backend.status()
    assert status["reachable"] is True and status["error"] == ""
    assert status["indices"] == [index]
    assert status["documents"] == 2
    assert status["kinds"]["venue"] == 1 and status["kinds"]["directive"] == 1 and status["kinds"]["news"] == 0
