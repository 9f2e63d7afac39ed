"""Filters and sample slots as full-text tokens (search.filters): what is indexed and what a query asks for."""

import datetime
from collections import Counter

from search import filters
from search.types import SearchQuery

NOW = datetime.datetime(2026, 7, 1, tzinfo=datetime.UTC)


def query(**fields) -> SearchQuery:
    return SearchQuery(text="thi", root="00010001", now=NOW, **fields)


def test_document_tokens_carry_every_filter_and_are_counted_back_as_facets():
    tokens = filters.document_tokens(key="page:7", root="00010001", kind="news", year=2025,
                                     section_key="thpt:2025", area_codes=("30307", "883", "30307"))
    words = tokens.split()
    assert words[:2] == ["zzr00010001", "zzknews"]
    assert {"zzy2025", "zzsthpt2025", "zza30307", "zza883"} <= set(words)
    assert words.count("zza30307") == 1 and filters.PROVINCE_WIDE not in words
    assert f"zzq{filters.sample_slot('page:7')}" in words
    kinds, years, areas = filters.facet_counts([tokens])
    assert (kinds, years, areas) == ({"news": 1}, {"2025": 1}, {"30307": 1, "883": 1})


def test_an_item_without_areas_is_province_wide_and_one_without_year_has_no_year_token():
    tokens = filters.document_tokens(key="venue:1", root="0001", kind="venue", year=None, section_key="",
                                     area_codes=())
    assert filters.PROVINCE_WIDE in tokens.split()
    assert filters.facet_counts([tokens]) == ({"venue": 1}, {}, {})


def test_facets_count_entries_across_rows():
    rows = [filters.document_tokens(key=f"page:{n}", root="0001", kind=kind, year=year, section_key="",
                                    area_codes=areas)
            for n, (kind, year, areas) in enumerate([("news", 2025, ("30307",)), ("news", 2024, ("30307", "883")),
                                                     ("faq", 2025, ()), ("faq", None, ("883",))])]
    kinds, years, areas = filters.facet_counts(rows)
    assert kinds == {"news": 2, "faq": 2} and years == {"2025": 2, "2024": 1} and areas == {"30307": 2, "883": 2}


def test_query_clauses_are_an_and_of_ors():
    assert filters.query_clauses(query()) == [("zzr00010001",)] == [filters.root_clause("00010001")]
    clauses = filters.query_clauses(query(kinds=("directive", "notice"), section_keys=("lop10:2025",), year=2025,
                                          area_codes=frozenset({"30316", "883"})))
    assert clauses == [("zzr00010001",), ("zzkdirective", "zzknotice"), ("zzslop102025",), ("zzy2025",),
                       ("zza30316", "zza883", filters.PROVINCE_WIDE)]
    only_area = filters.query_clauses(query(area_codes=frozenset({"30316"}), include_province_wide=False))
    assert only_area[-1] == ("zza30316",)


def test_an_empty_area_set_matches_only_province_wide_items_or_nothing():
    assert filters.query_clauses(query(area_codes=frozenset()))[-1] == (filters.PROVINCE_WIDE,)
    assert filters.query_clauses(query(area_codes=frozenset(), include_province_wide=False)) is None


def test_sample_slots_are_stable_and_spread_evenly():
    keys = [f"page:{n}" for n in range(1000 * filters.SAMPLE_SLOTS)]
    slots = Counter(filters.sample_slot(k) for k in keys)
    assert set(slots) == set(range(filters.SAMPLE_SLOTS))
    assert max(slots.values()) < 1.1 * 1000 and min(slots.values()) > 0.9 * 1000  # 1,000 expected in each
    assert filters.sample_slot("page:42") == filters.sample_slot("page:42")


def test_each_sample_width_is_one_token_held_by_the_entries_in_its_first_slots():
    assert filters.SAMPLE_WIDTHS == (2, 4, 8, 16, 32, 64)
    assert [filters.sample_width(n) for n in (0, 1, 2, 3, 5, 6, 22, 23, 33, 64, 90, 91, 500)] == [
        1, 1, 2, 4, 4, 8, 16, 32, 32, 64, 64, 128, 128]
    assert filters.sample_tokens(1) == ("zzq0",) and filters.sample_tokens(8) == ("zzqu8",)
    assert filters.sample_tokens(filters.SAMPLE_SLOTS) == ()  # every entry: no token needed
    assert filters.sample_tokens(3) == ("zzq0", "zzq1", "zzq2")  # no width: one token per slot
    for n in range(2000):
        key = f"page:{n}"
        words = set(filters.document_tokens(key=key, root="0001", kind="news", year=None, section_key="",
                                            area_codes=()).split())
        slot = filters.sample_slot(key)
        for width in filters.SAMPLE_WIDTHS:
            assert (filters.sample_tokens(width)[0] in words) == (slot < width)
        assert (filters.sample_tokens(1)[0] in words) == (slot == 0)
