import datetime
import unicodedata

from search.database.writing import entry_fields
from search.elastic.index import document_body, index_settings, mapping_body
from search.types import AreaRef, SearchDocument

TAN_CHAU = AreaRef(code="30367", name="Phường Tân Châu", level="commune")
OLD_TAN_CHAU = AreaRef(code="886", name="Thị xã Tân Châu", level="legacy_district")


def analysis() -> dict:
    return index_settings()["analysis"]


def analyzer_filters(name: str) -> list[dict | str]:
    """The analyzer's filters, each custom one replaced by its definition."""
    settings = analysis()
    return [settings["filter"].get(f, f) for f in settings["analyzer"][name]["filter"]]


def test_folded_analyzer_lowercases_then_folds_keeping_the_original():
    assert analysis()["analyzer"]["vi_folded"]["tokenizer"] == "standard"
    assert analyzer_filters("vi_folded") == ["lowercase", {"type": "asciifolding", "preserve_original": True}]


def test_exact_analyzer_does_not_fold():
    assert analyzer_filters("vi_exact") == ["lowercase"]


def test_shingle_analyzer_folds_and_builds_two_and_three_word_shingles():
    lowercase, folding, shingle = analyzer_filters("vi_shingle")
    assert (lowercase, folding) == ("lowercase", "asciifolding")
    assert shingle == {"type": "shingle", "min_shingle_size": 2, "max_shingle_size": 3, "output_unigrams": False}


def test_code_normalizer_lowercases_and_folds():
    assert analysis()["normalizer"]["vi_code"]["filter"] == ["lowercase", "asciifolding"]


def test_single_shard():
    assert index_settings()["number_of_shards"] == 1


def test_mapping_fields():
    mapping = mapping_body()
    props = mapping["properties"]
    assert mapping["dynamic"] == "strict"
    for name in ("key", "kind", "root", "section_key", "path", "area_codes", "number_compact", "source_id"):
        assert props[name] == {"type": "keyword"}, name
    for name in ("title", "summary", "body", "address", "number", "section_title"):
        assert props[name]["type"] == "text" and props[name]["analyzer"] == "vi_folded", name
    assert props["title"]["fields"] == {
        "exact": {"type": "text", "analyzer": "vi_exact"},
        "shingles": {"type": "text", "analyzer": "vi_shingle"},
    }
    assert props["summary"]["fields"]["exact"]["analyzer"] == "vi_exact"
    assert props["number"]["fields"] == {"keyword": {"type": "keyword", "normalizer": "vi_code"}}
    assert props["areas"]["type"] == "object"
    assert props["areas"]["properties"]["code"] == {"type": "keyword"}
    assert props["areas"]["properties"]["level"] == {"type": "keyword"}
    assert props["areas"]["properties"]["name"]["analyzer"] == "vi_folded"
    assert props["province_wide"] == {"type": "boolean"}
    assert props["year"] == {"type": "integer"}
    assert props["date"]["type"] == "date" and props["expires_at"]["type"] == "date"
    assert props["url"] == {"type": "keyword", "index": False}
    assert props["suggest"] == {"type": "search_as_you_type", "analyzer": "vi_suggest", "max_shingle_size": 3}
    assert analyzer_filters("vi_suggest") == ["lowercase", "asciifolding"]


def test_every_analyzer_and_normalizer_used_in_the_mapping_is_defined():
    defined = set(analysis()["analyzer"]) | set(analysis()["normalizer"])
    used = set()

    def walk(props: dict) -> None:
        for field in props.values():
            used.update(v for k, v in field.items() if k in ("analyzer", "normalizer", "search_analyzer"))
            walk(field.get("fields", {}))
            walk(field.get("properties", {}))

    walk(mapping_body()["properties"])
    assert used and used <= defined


def venue_document(**overrides) -> SearchDocument:
    values = dict(
        key="venue:7",
        kind="venue",
        root="00010001",
        section_key="thpt:2025",
        year=2025,
        # Decomposed (NFD) on purpose: Elasticsearch's asciifolding only folds precomposed letters.
        title=unicodedata.normalize("NFD", "Danh sách điểm thi Trường THPT Tân Châu"),
        summary="Điểm thi số 12 của Hội đồng thi An Giang.",
        body="Phòng thi 1–24, cổng số 2 đường Tôn Đức Thắng.",
        number="AG-012",
        address="Đường Tôn Đức Thắng, Phường Tân Châu",
        areas=(TAN_CHAU, OLD_TAN_CHAU),
        date=datetime.date(2025, 6, 12),
        url="https://angiang.example/thpt-2025/diem-thi/tan-chau/",
        path="000100010003",
        section_title="Kỳ thi tốt nghiệp THPT năm 2025",
    )
    values.update(overrides)
    return SearchDocument(**values)


def test_document_body_of_a_venue():
    body = document_body(venue_document())
    # The ranking's terms, exactly as the database index stores them, so both backends order alike.
    row = entry_fields(venue_document())
    assert body.pop("rank") == {"title": row["title_terms"], "codes": row["code_terms"], "place": row["place_terms"],
                                "toned": row["toned_terms"], "text": row["text_terms"]}
    assert row["title_terms"] == "danh sach diem thi truong thpt tan chau"
    assert body == {
        "key": "venue:7",
        "kind": "venue",
        "root": "00010001",
        "section_key": "thpt:2025",
        "section_title": "Kỳ thi tốt nghiệp THPT năm 2025",
        "path": "000100010003",
        "year": 2025,
        "title": "Danh sách điểm thi Trường THPT Tân Châu",
        "summary": "Điểm thi số 12 của Hội đồng thi An Giang.",
        "body": "Phòng thi 1–24, cổng số 2 đường Tôn Đức Thắng.",
        "number": "AG-012",
        "number_compact": "ag012",
        "address": "Đường Tôn Đức Thắng, Phường Tân Châu",
        "areas": [
            {"code": "30367", "name": "Phường Tân Châu", "level": "commune"},
            {"code": "886", "name": "Thị xã Tân Châu", "level": "legacy_district"},
        ],
        "area_codes": ["30367", "886"],
        "province_wide": False,
        "date": "2025-06-12",
        "expires_at": None,
        "url": "https://angiang.example/thpt-2025/diem-thi/tan-chau/",
        "source_id": "",
        "suggest": ["Danh sách điểm thi Trường THPT Tân Châu", "AG-012"],
    }
    assert unicodedata.is_normalized("NFC", body["title"])


def test_document_body_of_a_province_wide_directive():
    expires = datetime.datetime(2025, 7, 1, 17, 0, tzinfo=datetime.UTC)
    body = document_body(venue_document(
        key="page:42", kind="directive", title="Công văn về tuyên truyền kỳ thi", number="860/STTTT-TTBCXB",
        areas=(), expires_at=expires, source_id="legacy-981", address="", date=datetime.datetime(2025, 6, 1, 8, 30),
    ))
    assert body["number"] == "860/STTTT-TTBCXB"
    assert body["number_compact"] == "860sttttttbcxb"
    assert body["areas"] == [] and body["area_codes"] == []
    assert body["province_wide"] is True
    assert body["expires_at"] == "2025-07-01T17:00:00+00:00"
    assert body["date"] == "2025-06-01"
    assert body["source_id"] == "legacy-981"
    assert body["suggest"] == ["Công văn về tuyên truyền kỳ thi", "860/STTTT-TTBCXB"]


def test_document_without_number_has_no_compact_code_and_suggests_the_title_only():
    body = document_body(venue_document(number="", kind="news", key="page:3", year=None))
    assert body["number_compact"] is None
    assert body["suggest"] == ["Danh sách điểm thi Trường THPT Tân Châu"]
    assert body["year"] is None


def test_document_body_fields_are_exactly_the_mapped_ones():
    assert set(document_body(venue_document())) == set(mapping_body()["properties"])
