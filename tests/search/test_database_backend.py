"""The database backend on SQLite and PostgreSQL: folding, ranking, filters, facets, typos, suggestions."""

import datetime
from collections import Counter
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from search import filters, spelling
from search.database import backend, counts, engines, estimation, hits, matching, postgres, tables, writing
from search.database.backend import DatabaseBackend
from search.models import SearchEntry
from search.syllables import is_syllable
from search.types import AreaRef, SearchDocument, SearchQuery
from tests.search.helpers import find, titles

pytestmark = pytest.mark.django_db
ROOT = "00010001"
LONG_XUYEN = AreaRef("30307", "Phường Long Xuyên", "commune")
OLD_LONG_XUYEN = AreaRef("883", "Thành phố Long Xuyên", "legacy_district")
CHAU_DOC = AreaRef("30316", "Phường Châu Đốc", "commune")


def doc(key: str, title: str, kind: str = "news", year: int = 2025, **fields) -> SearchDocument:
    defaults = {"root": ROOT, "summary": "", "body": "", "date": datetime.date(year, 6, 1),
                "section_key": f"thpt:{year}", "url": f"https://angiang.gov.vn/{key}",
                "path": f"{ROOT}0001{key[-4:]:0>4}"}
    return SearchDocument(key=key, kind=kind, title=title, year=year, **{**defaults, **fields})


@pytest.fixture
def corpus():
    writing.write([
        doc("page:1", "Danh sách điểm thi tại Tân Châu", summary="Thí sinh xem địa chỉ điểm thi.",
            areas=(LONG_XUYEN, OLD_LONG_XUYEN)),
        doc("page:2", "Diễm thi đậu thủ khoa", kind="story", summary="Em Diễm đạt điểm cao nhất tỉnh."),
        doc("page:3", "Hòa Bình tổ chức tập huấn coi thi", summary="Cán bộ coi thi được tập huấn.",
            areas=(CHAU_DOC,)),
        doc("page:4", "Hoa phượng nở mùa thi", kind="story", summary="Hoa phượng nở đỏ sân trường."),
        doc("page:5", "Công văn số 860/STTTT-TTBCXB về thông tin kỳ thi", kind="directive",
            number="860/STTTT-TTBCXB", year=2024, summary="Đề nghị các cơ quan báo chí đưa tin."),
        doc("page:6", "Hướng dẫn phúc khảo bài thi", kind="faq", summary="Nộp đơn phúc khảo từ ngày 16/7/2025."),
        doc("page:7", "Hướng dẫn phúc khảo bài thi năm trước", kind="faq", year=2024,
            summary="Nộp đơn phúc khảo từ ngày 18/7/2024."),
        doc("venue:8", "Điểm thi Trường THPT Châu Đốc", kind="venue", number="AG-017",
            address="Số 1 Tôn Đức Thắng", areas=(CHAU_DOC,)),
        doc("page:9", "Tin hết hạn về phòng thi", expires_at=timezone.now() - datetime.timedelta(minutes=1)),
        doc("page:10", "Tin của tỉnh khác về điểm thi", root="00010002"),
    ])


def test_unaccented_d_for_dj_and_accented_queries_find_the_same_item(corpus):
    for query in ("diem thi tan chau", "Điểm thi Tân Châu", "DIEM THI TAN CHAU", "điem thi tan chau"):
        assert titles(find(query))[0] == "Danh sách điểm thi tại Tân Châu"


def test_exact_diacritics_rank_first_and_unaccented_finds_both(corpus):
    assert titles(find("hòa"))[0] == "Hòa Bình tổ chức tập huấn coi thi"
    assert titles(find("hoa phượng"))[0] == "Hoa phượng nở mùa thi"
    assert set(titles(find("hoa"))) >= {"Hòa Bình tổ chức tập huấn coi thi", "Hoa phượng nở mùa thi"}
    assert titles(find("diễm thi"))[0] == "Diễm thi đậu thủ khoa"
    assert titles(find("điểm thi tân châu"))[0] == "Danh sách điểm thi tại Tân Châu"


def test_telex_input(corpus):
    results = find("ddieemr thi tan chaau")
    assert titles(results)[0] == "Danh sách điểm thi tại Tân Châu"
    assert results.interpreted_as == "điểm thi tan châu"


def test_directive_numbers_and_venue_codes(corpus):
    assert titles(find("860/STTTT"))[0].startswith("Công văn số 860/STTTT-TTBCXB")
    assert titles(find("860/STTTT-TTBCXB"))[0].startswith("Công văn số 860/STTTT-TTBCXB")
    assert titles(find("860sttttttbcxb")) == ["Công văn số 860/STTTT-TTBCXB về thông tin kỳ thi"]
    assert titles(find("AG-017")) == ["Điểm thi Trường THPT Châu Đốc"]


def test_year_in_the_query_prefers_that_year(corpus):
    assert titles(find("phuc khao 2025"))[0] == "Hướng dẫn phúc khảo bài thi"
    assert titles(find("phuc khao 2024"))[0] == "Hướng dẫn phúc khảo bài thi năm trước"


def test_site_scope_and_expiry(corpus):
    assert "Tin hết hạn về phòng thi" not in titles(find("phong thi"))
    assert "Tin của tỉnh khác về điểm thi" not in titles(find("tinh khac"))
    assert titles(find("tinh khac", root="00010002")) == ["Tin của tỉnh khác về điểm thi"]


def test_filters_and_facets(corpus):
    everything = find("thi")
    kinds = {f.value: f.count for f in everything.facets["kind"]}
    assert kinds == {"news": 2, "story": 2, "directive": 1, "faq": 2, "venue": 1}
    assert everything.total == sum(kinds.values())
    assert {f.value: f.count for f in everything.facets["year"]} == {"2025": 6, "2024": 2}
    assert {f.value: f.count for f in everything.facets["area"]} == {"30307": 1, "883": 1, "30316": 2}
    assert {h.kind for h in find("thi", kinds=("story",)).hits} == {"story"}
    assert {h.year for h in find("thi", year=2024).hits} == {2024}
    assert find("thi", section_keys=("thpt:2024",)).total == 2
    in_chau_doc = find("thi", area_codes=frozenset({"30316"}), include_province_wide=False)
    assert set(titles(in_chau_doc)) == {"Hòa Bình tổ chức tập huấn coi thi", "Điểm thi Trường THPT Châu Đốc"}
    with_province_wide = find("thi", area_codes=frozenset({"30316"}))
    assert with_province_wide.total == everything.total - 1  # only the Long Xuyên item is left out
    legacy = find("thi", area_codes=frozenset({"883"}), include_province_wide=False)
    assert titles(legacy) == ["Danh sách điểm thi tại Tân Châu"]


def test_pagination_is_stable_and_complete(corpus):
    first = find("thi", limit=3)
    second = find("thi", offset=3, limit=3)
    rest = find("thi", offset=6, limit=10)
    keys = [h.key for r in (first, second, rest) for h in r.hits]
    assert len(keys) == len(set(keys)) == first.total


def test_highlighted_snippets_and_hit_fields(corpus):
    hit = find("phuc khao 2025").hits[0]
    assert "<mark>phúc</mark> <mark>khảo</mark>" in hit.snippet and "<mark>2025</mark>" not in hit.title
    assert hit.url == "https://angiang.gov.vn/page:6" and hit.kind == "faq" and hit.score > 0
    venue = find("AG-017").hits[0]
    assert venue.number == "AG-017" and venue.areas == (CHAU_DOC,)


def test_hits_carry_the_documents_fields_with_their_types(corpus):
    writing.write([doc("page:11", "Kết quả phúc khảo môn Văn", kind="news", year=2024, source_id="old-77",
                        date=datetime.date(2024, 7, 20), number="1402/TB-SGDĐT", areas=(CHAU_DOC, LONG_XUYEN))])
    hit = find("ket qua phuc khao mon van").hits[0]
    assert (hit.key, hit.kind, hit.title, hit.url) == (
        "page:11", "news", "Kết quả phúc khảo môn Văn", "https://angiang.gov.vn/page:11")
    assert hit.date == datetime.date(2024, 7, 20) and isinstance(hit.date, datetime.date)
    assert (hit.year, hit.section_key, hit.number, hit.source_id) == (2024, "thpt:2024", "1402/TB-SGDĐT", "old-77")
    assert hit.areas == (CHAU_DOC, LONG_XUYEN)
    suggestion = DatabaseBackend().suggest("ket qua phuc kh", ROOT, timezone.now())[0]
    assert (suggestion.key, suggestion.text, suggestion.kind, suggestion.url) == (
        "page:11", "Kết quả phúc khảo môn Văn", "news", "https://angiang.gov.vn/page:11")


def test_typos_are_corrected_from_the_indexed_words(corpus):
    results = find("phuc khsao")
    assert titles(results)[0].startswith("Hướng dẫn phúc khảo bài thi")
    assert results.interpreted_as == "phuc khao"


def test_a_typo_is_corrected_to_the_nearest_words_however_common_a_farther_one(corpus):
    """"phuongg" is one letter from "phuong", two from "huong" (in every "Hướng dẫn …" title): the nearest wins;
    of words equally near, every one is a candidate (not the first few in alphabetical order)."""
    writing.write([doc(f"page:{20 + i}", f"Hướng dẫn số {i}", kind="faq") for i in range(5)] +
                  [doc("page:30", "Phương án tổ chức thi"),
                   *(doc(f"page:{31 + i}", f"Thi{s} văn", kind="story") for i, s in enumerate(["ếc", "ền", "ết"]))])
    results = find("phuongg an")
    assert titles(results)[0] == "Phương án tổ chức thi" and results.corrections == {"phuongg": ("phuong",)}
    assert set(spelling.suggestions("thien", frozenset({"thiec", "thiet", "thien1"}),
                                    {5: ["thiec", "thiet"]})) == {"thiec", "thiet"}


def test_of_many_corrections_those_written_next_to_the_words_beside_it_are_kept(corpus):
    """"hoại" is one letter from "hai", "hội", "hoa", "hoặc", "hoàn", "hoạt" (all commoner here) and "Thoại": beside
    "huyện … Sơn", the one written there is among the corrections matched, and its item comes first."""
    common = ["Hai", "Hội", "Hoa", "Hoặc", "Hoàn", "Hoạt"]
    writing.write([doc(f"page:{50 + i}", f"{word} thi {n}") for i, (word, n) in
                   enumerate((w, n) for w in common for n in range(3))] +
                  [doc("page:80", "Huyện Thoại Sơn có ba điểm thi")])
    results = find("huyện hoại sơn")
    assert "thoai" in results.corrections["hoai"] and titles(results)[0] == "Huyện Thoại Sơn có ba điểm thi"


def test_two_words_never_written_together_are_read_as_the_pair_the_index_writes(corpus):
    """"phú khảo": both words are indexed ("Châu Phú", "khảo sát") but never together; "phúc", one letter from
    "phú", is written before "khảo": the phúc khảo items come first, and the answer says so. A pair written
    together ("hoa phượng") is left as typed."""
    writing.write([doc("page:60", "Điểm thi Châu Phú", summary="Khảo sát phòng thi trước ngày thi.")])
    results = find("phú khảo")
    assert titles(results)[0].startswith("Hướng dẫn phúc khảo") and "Điểm thi Châu Phú" in titles(results)
    assert results.corrections == {"phu": ("phuc",)} and results.interpreted_as == "phuc khao"
    assert find("hoa phượng").corrections == {}


def test_a_query_whose_every_word_would_change_keeps_its_words_when_they_are_words_or_never_go_together(corpus):
    """Two well-spelt words the index lacks ("khiếu nại") are not turned into indexed words ("nhiều nơi", written
    together here): nothing is found, and the API offers its suggestions. Two typos are corrected when two of
    their corrections are written together ("phuc khao"), not when they never are."""
    writing.write([doc("page:40", "Buổi chiều mưa", summary="Nhiều nơi có mưa vào buổi chiều."),
                   doc("page:41", "Thí sinh đến nơi thi sớm", summary="Chiều nay trời mát.")])
    assert find("nhiều nơi").total == 1
    assert find("khiếu nại").total == 0
    results = find("phucc khsao")  # every word off, and "phuc khao" is written together
    assert titles(results)[0].startswith("Hướng dẫn phúc khảo") and results.interpreted_as == "phuc khao"
    assert find("chieuu noii").total == 0  # "chieu" and "noi" are in both pages, never together


@pytest.mark.parametrize("word, syllable", [
    ("khieu", True), ("nguyen", True), ("nghieng", True), ("khuya", True), ("quyet", True), ("giay", True),
    ("ngueyn", False), ("vongg", False), ("khsao", False), ("thj", False), ("phc", False), ("thpt", False),
])
def test_a_folded_word_is_told_spelt_as_a_syllable_can_be_or_not(word, syllable):
    assert is_syllable(word) is syllable


def test_when_no_item_has_every_word_the_best_partial_matches_come_back(corpus):
    results = find("phúc khảo xyzxyz")
    assert results.total >= 2 and titles(results)[0].startswith("Hướng dẫn phúc khảo")


def test_suggestions_complete_the_last_word(corpus):
    suggestions = DatabaseBackend().suggest("huong dan phuc kh", ROOT, timezone.now())
    assert [s.text for s in suggestions][:2] == ["Hướng dẫn phúc khảo bài thi",
                                                 "Hướng dẫn phúc khảo bài thi năm trước"]
    assert [s.text for s in DatabaseBackend().suggest("ddieemr thi tr", ROOT, timezone.now())] == \
        ["Điểm thi Trường THPT Châu Đốc"]


def test_rewriting_a_document_replaces_it(corpus):
    writing.write([doc("page:4", "Hoa sen nở mùa thi", kind="story")])
    assert find("hoa phuong").total == 0 or "Hoa phượng nở mùa thi" not in titles(find("hoa phuong"))
    assert titles(find("hoa sen")) == ["Hoa sen nở mùa thi"]


def test_totals_and_facets_are_exact_below_the_counting_limit(corpus):
    assert find("thi").total_exact


@pytest.fixture
def many():
    """300 items that all mention "thi": 160 news of 2025 and 140 FAQs of 2024, half of them in Châu Đốc."""
    docs = [doc(f"page:{n}", f"Tin thứ {n} về kỳ thi", kind="news" if n < 160 else "faq",
                year=2025 if n < 160 else 2024, areas=(CHAU_DOC,) if n % 2 else ()) for n in range(300)]
    writing.write(docs)
    return docs


def in_slots(docs: list, slots: int) -> list:
    return [d for d in docs if filters.sample_slot(d.key) < slots]


def beyond_the_tally(monkeypatch) -> None:
    """Counts of more than 10 matches are estimated from the sample slots (no exact tally)."""
    monkeypatch.setattr(tables, "EXACT_LIMIT", 10)
    monkeypatch.setattr(tables, "TALLY_LIMIT", 10)


def test_a_tally_counts_every_match_and_takes_the_facets_from_a_sample_by_id(many, monkeypatch):
    monkeypatch.setattr(tables, "EXACT_LIMIT", 10)  # 300 matches: more than the facets count exactly …
    monkeypatch.setattr(tables, "SAMPLE_SIZE", 100)  # … so they are read from about 100 of them
    width = -(-filters.SAMPLE_SLOTS * 100 // 300)
    ids = dict(SearchEntry.objects.values_list("key", "id"))
    sampled = [d for d in many if ids[d.key] % filters.SAMPLE_SLOTS < width]
    scale = filters.SAMPLE_SLOTS / width
    results = find("ky thi")
    assert results.total_exact and results.total == 300
    assert {f.value: f.count for f in results.facets["kind"]} == {
        kind: counts.significant(n * scale) for kind, n in Counter(d.kind for d in sampled).items()}
    assert {f.value: f.count for f in results.facets["year"]} == {
        str(year): counts.significant(n * scale) for year, n in Counter(d.year for d in sampled).items()}


def test_a_tally_of_more_matches_than_its_limit_gives_way_to_an_estimate(many, monkeypatch):
    monkeypatch.setattr(tables, "TALLY_LIMIT", 299)
    assert ky_thi().tally(299, 50) is None
    assert ky_thi().tally(300, 50).total == 300
    results = find("ky thi")
    assert not results.total_exact and results.total >= 299


@pytest.mark.parametrize("window", [5, 50])
def test_a_tally_hands_over_the_newest_matches_as_candidates(mixed, monkeypatch, django_assert_num_queries, window):
    monkeypatch.setattr(tables, "EXACT_LIMIT", 10)  # only a sample and the newest come back with the total
    monkeypatch.setattr(tables, "SAMPLE_SIZE", 30)
    match = ky_thi()
    counts = match.tally(1000, window)
    assert counts.total == 300 and len(counts.matches) < 300
    from_tally = hits.candidate_ids(match, window, counts=counts)
    assert from_tally == hits.candidate_ids(match, window)  # what the newest-first statements give
    with django_assert_num_queries(0 if match.FLAGS_STRONG else 1):  # PostgreSQL flags strong matches too
        hits.candidate_ids(match, window, counts=counts)


def test_beyond_the_counting_limit_a_sample_of_every_slot_gives_the_true_counts(many, monkeypatch):
    beyond_the_tally(monkeypatch)
    monkeypatch.setattr(tables, "SAMPLE_SIZE", 10_000)  # more than there are: every slot is read
    results = find("ky thi")
    assert not results.total_exact and results.total == 300
    assert {f.value: f.count for f in results.facets["kind"]} == {"news": 160, "faq": 140}
    assert {f.value: f.count for f in results.facets["year"]} == {"2025": 160, "2024": 140}
    assert {f.value: f.count for f in results.facets["area"]} == {"30316": 150}
    assert len(results.hits) == 20  # the hits do not depend on the counting


def test_beyond_the_counting_limit_one_sample_slot_can_be_enough(many, monkeypatch):
    first = in_slots(many, 1)
    assert first  # the estimate below needs one item in slot 0
    beyond_the_tally(monkeypatch)
    monkeypatch.setattr(tables, "SAMPLE_SIZE", 2 * len(first))
    results = find("ky thi")
    assert not results.total_exact
    assert results.total == max(counts.significant(len(first) * filters.SAMPLE_SLOTS), 10)
    assert {f.value: f.count for f in results.facets["kind"]} == {
        kind: counts.significant(n * filters.SAMPLE_SLOTS) for kind, n in Counter(d.kind for d in first).items()}


def test_a_sample_too_small_to_estimate_from_is_widened_to_more_slots(many, monkeypatch):
    size = 2 * len(in_slots(many, 1)) + 2  # slot 0 holds fewer than half of that: more slots are read
    beyond_the_tally(monkeypatch)
    monkeypatch.setattr(tables, "SAMPLE_SIZE", size)
    estimate = max(len(in_slots(many, 1)) * filters.SAMPLE_SLOTS, 11)
    slots = ky_thi().sample_slots(-(-filters.SAMPLE_SLOTS * size // estimate))  # PostgreSQL: up to a sample width
    assert 1 < slots < filters.SAMPLE_SLOTS
    sampled, scale = in_slots(many, slots), filters.SAMPLE_SLOTS / slots
    results = find("ky thi")
    assert not results.total_exact and results.total == max(counts.significant(len(sampled) * scale), 10)
    assert {f.value: f.count for f in results.facets["year"]} == {
        str(year): counts.significant(n * scale) for year, n in Counter(d.year for d in sampled).items()}


def test_estimates_are_rounded_to_two_significant_digits():
    assert [counts.significant(n) for n in (7, 99, 123, 98_187, 1_050)] == [7, 99, 120, 98_000, 1_000]


def test_the_best_title_match_is_found_even_when_newer_items_mention_the_words_only_in_their_text(monkeypatch):
    monkeypatch.setattr(tables, "MIN_CANDIDATES", 3)
    monkeypatch.setattr(tables, "MIN_BODY_CANDIDATES", 1)
    writing.write([doc("page:1", "Hướng dẫn phúc khảo bài thi", kind="faq")])  # written first: the oldest
    writing.write([doc(f"page:{n}", f"Tin số {n}", body="Thí sinh có thể phúc khảo bài thi.") for n in range(2, 12)])
    results = find("phuc khao", limit=2)  # ranks a window of 3 + 1: the title match and the newest by text
    assert results.total == 11 and titles(results)[0] == "Hướng dẫn phúc khảo bài thi"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="column storage is PostgreSQL's (migration 0005)")
def test_what_matching_and_ranking_read_stays_in_the_row_on_postgresql():
    with connection.cursor() as cursor:
        cursor.execute("SELECT attname, attstorage FROM pg_attribute WHERE attrelid = %s::regclass AND attnum > 0",
                       [tables.ENTRY])
        storage = dict(cursor.fetchall())
    inline = ("tsv", "head_tsv", "filter_tsv", "filter_terms", "key", "title_terms", "code_terms", "place_terms",
              "toned_terms")
    assert {column: storage[column] for column in inline} == dict.fromkeys(inline, "m")
    assert storage["body"] == storage["text_terms"] == "e"  # long texts go out of line


def test_expired_items_are_not_counted(corpus):
    later = timezone.now() + datetime.timedelta(days=1)
    writing.write([doc("page:20", "Thông báo tạm hoãn thi vì mưa", kind="notice", expires_at=later)])
    assert find("hoan").total == 1
    after = find("hoan", now=later + datetime.timedelta(minutes=1))
    assert after.total == 0 and after.facets["kind"] == []


def test_expired_items_are_purged_by_publish_due_and_not_before():
    soon = timezone.now() + datetime.timedelta(hours=1)
    writing.write([doc("page:20", "Thông báo tạm hoãn thi vì mưa", kind="notice", expires_at=soon),
                    doc("page:21", "Thông báo đã hết hạn", kind="notice",
                        expires_at=timezone.now() - datetime.timedelta(minutes=1))])
    out = StringIO()
    call_command("publish_due", stdout=out)
    assert "Đã xoá 1 mục hết hạn" in out.getvalue()
    assert set(SearchEntry.objects.values_list("key", flat=True)) >= {"page:20"}
    assert not SearchEntry.objects.filter(key="page:21").exists()
    assert writing.purge_expired(now=soon) == 1 and find("hoan").total == 0


@pytest.mark.parametrize("expired", [False, True])
def test_the_expiry_check_is_sent_only_while_something_has_expired(expired):
    now = timezone.now()
    writing.write([doc("page:20", "Thông báo tạm hoãn thi vì mưa", kind="notice",
                        expires_at=now + datetime.timedelta(days=-1 if expired else 1))])
    match = engines.match_for([("hoan",)], SearchQuery(text="hoan", root=ROOT, now=now))
    if connection.vendor == "sqlite":
        assert match.expired is expired
    assert match.count(10) == (0 if expired else 1)


def test_when_every_match_was_counted_the_candidates_come_from_that_count(many, django_assert_num_queries):
    query = SearchQuery(text="ky thi", root=ROOT, now=timezone.now())
    match = engines.match_for([("ky",), ("thi",)], query)
    counts = estimation.totals(match)
    assert counts.exact and len(counts.matches) == 300
    from_count = hits.candidate_ids(match, 50, counts=counts)
    assert from_count == hits.candidate_ids(match, 50)  # what the newest-first statements give
    strong_queries = 0 if match.FLAGS_STRONG else 1  # PostgreSQL flags strong matches while counting
    with django_assert_num_queries(strong_queries):
        hits.candidate_ids(match, 50, counts=counts)


@pytest.fixture
def mixed():
    """300 items mentioning "ky thi": every third in its title, the rest only in its text; news and FAQs."""
    docs = [doc(f"page:{n}", f"Tin thứ {n} về kỳ thi" if n % 3 == 0 else f"Tin thứ {n}",
                body="" if n % 3 == 0 else "Bài viết về kỳ thi năm nay.", kind="news" if n % 2 else "faq")
            for n in range(300)]
    writing.write(docs)
    return docs


def ky_thi(**fields) -> "matching.Match":
    return engines.match_for([("ky",), ("thi",)], SearchQuery(text="ky thi", root=ROOT, now=timezone.now(), **fields))


def test_the_first_sample_slot_is_probed_for_its_matches(mixed):
    news_in_slot = [d for d in in_slots(mixed, 1) if d.kind == "news"]
    assert news_in_slot  # the checks below need one
    probe = ky_thi(kinds=("news",)).probe()
    keys = dict(SearchEntry.objects.values_list("id", "key"))
    assert sorted(keys[row[0]] for row in probe.matches) == sorted(d.key for d in news_in_slot)
    if probe.passing is not None:  # PostgreSQL also says what passes the filters and how many matches are strong
        assert probe.passing == len(news_in_slot)
        assert probe.strong == sum(1 for d in news_in_slot if "kỳ thi" in d.title)


@pytest.mark.parametrize("read_through_filters", [True, False])
def test_a_widened_sample_is_the_same_whichever_posting_lists_are_read(mixed, monkeypatch, read_through_filters):
    monkeypatch.setattr(counts.Probe, "checks_fewer_rows", lambda probe, slots: read_through_filters)
    news = [d for d in mixed if d.kind == "news"]
    size = 2 * len(in_slots(news, 1)) + 2
    beyond_the_tally(monkeypatch)
    monkeypatch.setattr(tables, "SAMPLE_SIZE", size)
    slots = ky_thi().sample_slots(-(-filters.SAMPLE_SLOTS * size // max(len(in_slots(news, 1)) * 128, 11)))
    assert 1 < slots < filters.SAMPLE_SLOTS
    results = find("ky thi", kinds=("news",))
    assert results.total == max(counts.significant(len(in_slots(news, slots)) * 128 / slots), 10)


def test_the_newest_matches_are_the_same_read_through_the_indexes_or_row_by_row(mixed, monkeypatch):
    monkeypatch.setattr(postgres, "table_rows", lambda: 1)  # any expected count is "most rows": read row by row
    keys = dict(SearchEntry.objects.values_list("id", "key"))
    newest_news = [d.key for d in reversed(mixed) if d.kind == "news"][:7]
    newest_strong = [d.key for d in reversed(mixed) if d.kind == "news" and "kỳ thi" in d.title][:7]
    match = ky_thi(kinds=("news",))
    for expected in (None, 1_000_000):
        assert [keys[i] for i in match.newest(7, head=False, expected=expected)] == newest_news
        assert [keys[i] for i in match.newest(7, head=True, expected=expected)] == newest_strong


def test_a_word_never_indexed_in_any_spelling_skips_the_count(corpus, monkeypatch):
    assert backend.all_indexed([("thi",), ("2031",)])  # numbers are not in the vocabulary: counted
    assert backend.all_indexed([("thii", "thi")])  # one spelling is enough
    assert not backend.all_indexed([("thi",), ("qwzx",)])
    counted = []
    totals = estimation.totals
    monkeypatch.setattr(backend, "totals", lambda match, window=100: counted.append(match.words) or totals(
        match, window))
    results = find("qwzx thi")  # no correction for "qwzx": any of the words
    every_word = engines.match_for([("qwzx",), ("thi",)], SearchQuery(text="", root=ROOT, now=timezone.now())).words
    assert every_word not in counted and results.total == find("thi").total


def test_correction_counts_match_exact_counts_up_to_the_limit(many, monkeypatch):
    monkeypatch.setattr(tables, "CORRECTION_COUNT_LIMIT", 10)
    writing.write([doc("page:900", "Lịch thi bổ sung")])
    query = SearchQuery(text="", root=ROOT, now=timezone.now())
    words = ["thi", "sung", "khong"]  # in every item, in one, in none
    assert backend.correction_counts(words, query) == {w: engines.match_for([(w,)], query).count(10) for w in words}
    assert backend.correction_counts(words, query) == {"thi": 10, "sung": 1, "khong": 0}


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's statistics of common words")
def test_common_words_are_checked_row_by_row_with_the_same_results(mixed, monkeypatch):
    plain = find("ky thi nam nay", kinds=("news",))
    monkeypatch.setattr(postgres, "lexeme_shares", lambda: {"thi": 0.9, "ky": 0.8})
    match = engines.match_for([("ky",), ("thi",), ("nam",), ("nay",)], SearchQuery(text="", root=ROOT,
                                                                                 now=timezone.now()))
    assert "thi" not in match.selective and "nam" in match.selective and "thi" in match.words
    monkeypatch.setattr(postgres, "lexeme_shares", lambda: {"thi": 0.9, "ky": 0.8, "nam": 0.7, "nay": 0.6})
    assert engines.match_for([("ky",), ("thi",)], SearchQuery(text="", root=ROOT, now=timezone.now())).selective == (
        "(ky)")  # the rarest word is kept when all are common
    with_shares = find("ky thi nam nay", kinds=("news",))
    assert (with_shares.total, titles(with_shares)) == (plain.total, titles(plain))


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's statistics of common words")
def test_a_probe_reads_a_rare_words_matches_through_the_index_with_the_same_result(mixed, monkeypatch):
    keys = [k for k in (f"page:{n}" for n in range(1000, 3000)) if filters.sample_slot(k) == 0][:3]
    strong = [doc(key, "Lịch kỳ thi mới") for key in keys]  # in the first slot, with the words in the title
    writing.write(strong)
    mixed = [*mixed, *strong]
    row_by_row = ky_thi().probe()
    monkeypatch.setattr(postgres, "lexeme_shares", lambda: {"thi": 0.9, "nam": 0.5, "ky": 0.05})
    match = ky_thi()
    assert match.rarest_share == 0.05
    through_the_index = match.probe()
    assert through_the_index.passing is None  # it read the matches only
    assert sorted(through_the_index.matches) == sorted(row_by_row.matches)
    in_slot = in_slots(mixed, 1)
    assert len(through_the_index.matches) == len(in_slot)
    assert through_the_index.strong == row_by_row.strong == sum(1 for d in in_slot if "kỳ thi" in d.title) > 0


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's statistics of common words")
def test_no_probe_when_the_rarest_word_is_in_fewer_entries_than_the_tally_counts(mixed, monkeypatch):
    probed = []
    monkeypatch.setattr(postgres.PostgresMatch, "probe", lambda match: probed.append(match) or pytest.fail())
    monkeypatch.setattr(postgres, "table_rows", lambda: 300.0)
    monkeypatch.setattr(tables, "TALLY_LIMIT", 400)  # "ky" is in every one of the 300 entries: at most 300
    monkeypatch.setattr(postgres, "lexeme_shares", lambda: {"thi": 1.0, "ky": 1.0, "nam": 0.7})
    assert find("ky thi").total == 300 and not probed
    # A word the statistics do not list is rarer than the rarest they do ("tin" < 70 %).
    assert engines.match_for([("tin",), ("thi",)], SearchQuery(text="", root=ROOT, now=timezone.now())
                           ).at_most() == pytest.approx(210.0)
    monkeypatch.setattr(postgres, "table_rows", lambda: 1000.0)
    with pytest.raises(pytest.fail.Exception):
        find("ky thi")  # 1,000 entries may match: more than the tally counts, so it probes first


@pytest.fixture
def titled():
    """Titles whose words start with the same one or two letters, and one with a code."""
    docs = [doc("page:1", "Lịch thi ngày mai"), doc("page:2", "Lịch thi Ngữ văn"), doc("page:3", "Lịch thi tốt nghiệp"),
            doc("page:4", "Lịch thi môn Toán"), doc("page:5", "Lịch nghỉ hè", summary="Không có thi."),
            doc("venue:6", "Điểm thi số 6", number="AG-061")]
    writing.write(docs)
    return docs


@pytest.mark.parametrize("text, expected", [
    ("lich thi ng", ["page:3", "page:2", "page:1"]),  # "ngay", "ngu", "nghiep"; newest first among equals
    ("lịch thi n", ["page:3", "page:2", "page:1"]),
    ("lich thi m", ["page:4", "page:1"]),  # "mon", "mai"
    ("lich thi t", ["page:4", "page:3", "page:2", "page:1"]),  # "thi" itself starts with "t"
    ("lich n", ["page:5", "page:3", "page:2", "page:1"]),
    ("ng", ["page:5", "page:3", "page:2", "page:1"]),  # "nghi" too
    ("diem thi a", ["venue:6"]),  # the code "ag061"
    ("lich thi x", []),
])
def test_a_last_word_of_one_or_two_letters_completes_every_word_it_starts(titled, text, expected):
    suggestions = DatabaseBackend().suggest(text, ROOT, timezone.now())
    assert sorted(s.key for s in suggestions) == sorted(expected)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's title index")
def test_the_title_index_looks_a_short_last_word_up_as_one_lexeme(titled):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT head_tsv::text FROM {tables.ENTRY} WHERE key = 'page:2'")
        lexemes = set(cursor.fetchone()[0].replace("'", "").split())
    assert {"lich", "thi", "ngu", "van", "l~", "li~", "t~", "th~", "n~", "ng~", "v~", "va~"} == lexemes
    query = SearchQuery(text="", root=ROOT, now=timezone.now())
    match = engines.match_for([("lich",), ("thi",), ("ng", "nh")], query, prefix_last=True)
    where, params = match._where(head=True)
    assert "'ng~' | 'nh~'" in params and "(lich) & (thi)" in params
    through_the_lexeme = match.newest(10, head=True, expected=0)
    assert through_the_lexeme == match.newest(10, head=True, expected=1e9)  # row by row, with "ng:*"
    assert len(through_the_lexeme) == 3
    assert engines.match_for([("lich",), ("thi",), ("ngu",)], query, prefix_last=True).short_prefix == ""
