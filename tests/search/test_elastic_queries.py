import datetime

from search import ranking
from search.analysis import analyse
from search.elastic.index import document_body
from search.elastic.queries import (
    page_body,
    results_from_response,
    search_body,
    suggest_body,
    suggestions_from_response,
)
from search.types import AreaRef, FacetValue, SearchDocument, SearchQuery, Suggestion

NOW = datetime.datetime(2025, 6, 20, 8, 0, tzinfo=datetime.UTC)
ROOT = "00010001"


def query(text: str = "điểm thi", **kwargs) -> SearchQuery:
    return SearchQuery(text=text, root=ROOT, now=NOW, **kwargs)


def body(text: str = "điểm thi", **kwargs) -> dict:
    return search_body(query(text, **kwargs), analyse(text))


def filters(b: dict) -> list[dict]:
    return b["query"]["bool"]["filter"]


def matching(b: dict) -> list[dict]:
    (required,) = b["query"]["bool"]["must"]
    assert required["bool"]["minimum_should_match"] == 1
    return required["bool"]["should"]


def queried_texts(clauses: list[dict]) -> set[str]:
    texts = set()
    for clause in clauses:
        for kind in ("multi_match",):
            if kind in clause:
                texts.add(clause[kind]["query"])
        for kind in ("match", "term", "prefix"):
            for spec in clause.get(kind, {}).values():
                texts.add(spec["query"] if "query" in spec else spec["value"])
    return texts


EXPIRY = {
    "bool": {
        "should": [
            {"bool": {"must_not": [{"exists": {"field": "expires_at"}}]}},
            {"range": {"expires_at": {"gt": "2025-06-20T08:00:00+00:00"}}},
        ],
        "minimum_should_match": 1,
    }
}


def test_without_options_only_the_site_scope_and_expiry_filter():
    assert filters(body()) == [{"term": {"root": ROOT}}, EXPIRY]


def test_kind_section_year_filters():
    b = body(kinds=("venue", "directive"), section_keys=("thpt:2025",), year=2025)
    assert filters(b)[2:] == [
        {"terms": {"kind": ["venue", "directive"]}},
        {"terms": {"section_key": ["thpt:2025"]}},
        {"term": {"year": 2025}},
    ]


def test_area_filter_with_province_wide_documents():
    b = body(area_codes=frozenset({"30367", "886"}))
    assert filters(b)[2:] == [{
        "bool": {
            "should": [{"terms": {"area_codes": ["30367", "886"]}}, {"term": {"province_wide": True}}],
            "minimum_should_match": 1,
        }
    }]


def test_area_filter_without_province_wide_documents():
    b = body(area_codes=frozenset({"886"}), include_province_wide=False)
    assert filters(b)[2:] == [{"terms": {"area_codes": ["886"]}}]


def test_empty_area_filter_keeps_only_province_wide_documents():
    b = body(area_codes=frozenset())
    assert filters(b)[2]["bool"]["should"] == [{"terms": {"area_codes": []}}, {"term": {"province_wide": True}}]


def test_text_is_matched_with_all_words_over_the_folded_fields_and_fuzzily():
    cross, *codes = matching(body("Điểm thi Tân Châu"))  # the words as typed ...
    text = "Điểm thi Tân Châu"
    typo_cross, fuzzy, *typo_codes = matching(search_body(query(text), analyse(text), fuzzy=True))
    assert (typo_cross, typo_codes) == (cross, codes)  # ... and typos, asked only when they find nothing
    assert cross == {"multi_match": {
        "query": "Điểm thi Tân Châu", "type": "cross_fields", "operator": "and",
        "fields": ["title^4", "summary^2", "body", "address", "areas.name", "number^2", "section_title^0.5"],
    }}
    assert fuzzy["multi_match"]["type"] == "best_fields"
    assert fuzzy["multi_match"]["operator"] == "and"
    assert fuzzy["multi_match"]["fuzziness"].startswith("AUTO")
    assert "number^2" not in fuzzy["multi_match"]["fields"]
    assert set(fuzzy["multi_match"]["fields"]) == {
        "title^4", "summary^2", "body", "address", "areas.name", "section_title^0.5"}
    # No digits: no code prefix lookup, only the exact number term.
    assert codes == [{"term": {"number.keyword": {"value": "Điểm thi Tân Châu", "boost": 20}}}]


def test_accented_query_adds_exact_form_and_shingle_ranking():
    ranking = body("Tân Châu")["query"]["bool"]["should"]
    assert {"match": {"title.shingles": {"query": "Tân Châu", "boost": 3}}} in ranking
    (exact,) = [c for c in ranking if "multi_match" in c]
    assert exact["multi_match"]["query"] == "Tân Châu"
    assert exact["multi_match"]["fields"][0] == "title.exact^4"
    assert all(".exact" in f for f in exact["multi_match"]["fields"])


def test_unaccented_query_has_no_exact_form_bonus():
    ranking = body("tan chau")["query"]["bool"]["should"]
    assert ranking == [{"match": {"title.shingles": {"query": "tan chau", "boost": 3}}}]


def test_raw_telex_is_searched_as_typed_and_decoded():
    b = body("ddieemr thi")
    assert queried_texts(matching(b)) == {"ddieemr thi", "điểm thi"}
    # The decoded form has diacritics: it gets the exact-form bonus, the raw keystrokes do not.
    exact = [c["multi_match"]["query"] for c in b["query"]["bool"]["should"] if "multi_match" in c]
    assert exact == ["điểm thi"]


def test_directive_number_lookup():
    codes = [c for c in matching(body("860/STTTT")) if "term" in c or "prefix" in c]
    assert codes == [
        {"term": {"number.keyword": {"value": "860/STTTT", "boost": 20}}},
        {"prefix": {"number_compact": {"value": "860stttt", "boost": 10}}},
    ]


def test_venue_code_lookup():
    assert {"prefix": {"number_compact": {"value": "ag012", "boost": 10}}} in matching(body("AG-012"))


def test_highlight_marks_summary_and_body_as_escaped_html():
    assert "highlight" not in body()  # the candidates are not highlighted: only the page is
    highlight = page_body(["page:1"], analyse("điểm thi"))["highlight"]
    # The page is fetched by key; the highlights are for the query's words.
    assert page_body(["page:1"], analyse("điểm thi"))["query"] == {"bool": {"filter": [{"terms": {"key": ["page:1"]}}]}}
    assert highlight["highlight_query"]["bool"]["should"] == matching(body())
    assert body("  ")["highlight"]["fields"] == highlight["fields"]  # the newest-first listing is its own page
    assert highlight["pre_tags"] == ["<mark>"] and highlight["post_tags"] == ["</mark>"]
    assert highlight["encoder"] == "html"
    assert highlight["fields"]["summary"]["fragment_size"] == 200
    assert highlight["fields"]["summary"]["number_of_fragments"] == 1
    assert highlight["fields"]["body"]["fragment_size"] == 200
    assert highlight["fields"]["body"]["no_match_size"] == 200


def test_aggregations_paging_and_source():
    b = body(offset=40, limit=20)
    # The ranking orders the best 100 candidates (or as many as the page needs); the page is cut afterwards.
    assert b["from"] == 0 and b["size"] == 100
    assert body(offset=100, limit=20)["size"] == 120
    assert body("  ", offset=40, limit=20)["from"] == 40 and body("  ", offset=40, limit=20)["size"] == 20
    assert b["aggs"]["kind"] == {"terms": {"field": "kind", "size": 11}}
    assert b["aggs"]["area"] == {"terms": {"field": "area_codes", "size": 50}}
    assert b["aggs"]["year"]["terms"]["field"] == "year"
    assert b["track_total_hits"] is True
    assert b["_source"] == ["key", "kind", "date", "year", "rank"]  # what the ranking reads, no more
    assert set(page_body(["page:1"], analyse("điểm thi"))["_source"]["excludes"]) == {"body", "suggest", "rank"}
    assert b["sort"][0] == "_score"


def test_empty_text_lists_everything_in_scope_newest_first():
    b = body("  ", kinds=("notice",))
    assert "must" not in b["query"]["bool"] and "should" not in b["query"]["bool"]
    assert {"terms": {"kind": ["notice"]}} in filters(b)
    assert b["sort"][0] == {"date": {"order": "desc", "missing": "_last"}}


RESPONSE = {
    "took": 4,
    "timed_out": False,
    "_shards": {"total": 1, "successful": 1, "skipped": 0, "failed": 0},
    "hits": {
        "total": {"value": 2, "relation": "eq"},
        "max_score": 31.5,
        "hits": [
            {
                "_index": "muathi-20250612-080000-000001",
                "_id": "venue:7",
                "_score": 31.5,
                "_source": {
                    "key": "venue:7", "kind": "venue", "root": ROOT, "section_key": "thpt:2025", "year": 2025,
                    "title": "Danh sách điểm thi Trường THPT Tân Châu",
                    "summary": "Điểm thi số 12 của Hội đồng thi An Giang.",
                    "number": "AG-012", "number_compact": "ag012",
                    "address": "Đường Tôn Đức Thắng, Phường Tân Châu",
                    "areas": [{"code": "30367", "name": "Phường Tân Châu", "level": "commune"}],
                    "area_codes": ["30367"], "province_wide": False, "date": "2025-06-12", "expires_at": None,
                    "url": "https://angiang.example/diem-thi/tan-chau/", "source_id": "",
                },
                "highlight": {
                    "summary": ["<mark>Điểm</mark> <mark>thi</mark> số 12 của Hội đồng <mark>thi</mark> An Giang."],
                    "body": ["Phòng <mark>thi</mark> 1–24"],
                },
                "sort": [31.5, 1749686400000, "venue:7"],
            },
            {
                "_index": "muathi-20250612-080000-000001",
                "_id": "page:42",
                "_score": 12.25,
                "_source": {
                    "key": "page:42", "kind": "directive", "root": ROOT, "section_key": "", "year": None,
                    "title": "Công văn 860/STTTT-TTBCXB", "summary": "", "number": "860/STTTT-TTBCXB",
                    "number_compact": "860sttttttbcxb", "address": "", "areas": [], "area_codes": [],
                    "province_wide": True, "date": None, "expires_at": None, "url": "", "source_id": "981",
                },
                "highlight": {"body": ["Sở Thông tin &amp; Truyền thông đề nghị các cơ quan báo chí"]},
            },
        ],
    },
    "aggregations": {
        "kind": {"doc_count_error_upper_bound": 0, "sum_other_doc_count": 0,
                 "buckets": [{"key": "directive", "doc_count": 1}, {"key": "venue", "doc_count": 1}]},
        "area": {"doc_count_error_upper_bound": 0, "sum_other_doc_count": 0,
                 "buckets": [{"key": "30367", "doc_count": 1}]},
        "year": {"doc_count_error_upper_bound": 0, "sum_other_doc_count": 0,
                 "buckets": [{"key": 2025, "doc_count": 1}]},
    },
}


def test_results_from_response():
    results = results_from_response(RESPONSE, analyse("điểm thi"))
    assert results.backend == "elasticsearch"
    assert results.total == 2 and results.total_exact
    assert results.interpreted_as == ""
    venue, directive = results.hits
    assert venue.key == "venue:7" and venue.kind == "venue"
    assert venue.title == "Danh sách điểm thi Trường THPT Tân Châu"
    assert venue.snippet == "<mark>Điểm</mark> <mark>thi</mark> số 12 của Hội đồng <mark>thi</mark> An Giang."
    assert venue.date == datetime.date(2025, 6, 12)
    assert venue.areas == (AreaRef("30367", "Phường Tân Châu", "commune"),)
    assert venue.score == 31.5
    assert (venue.section_key, venue.year, venue.number) == ("thpt:2025", 2025, "AG-012")
    assert venue.url == "https://angiang.example/diem-thi/tan-chau/"
    # Nothing matched in its text: the start of the body (already escaped by the highlighter) is the snippet.
    assert directive.snippet == "Sở Thông tin &amp; Truyền thông đề nghị các cơ quan báo chí"
    assert directive.date is None and directive.year is None and directive.areas == ()
    assert directive.source_id == "981"
    assert results.facets == {
        "kind": [FacetValue("directive", 1), FacetValue("venue", 1)],
        "area": [FacetValue("30367", 1)],
        "year": [FacetValue("2025", 1)],
    }


def test_snippet_falls_back_to_the_summary_escaped_and_marked():
    hit = {**RESPONSE["hits"]["hits"][0], "highlight": {"body": ["Phòng 1–24"]}}
    hit["_source"] = {**hit["_source"], "summary": "Lịch thi <THPT> 2025"}
    response = {**RESPONSE, "hits": {**RESPONSE["hits"], "hits": [hit]}}
    (result,) = results_from_response(response, analyse("lich")).hits
    assert result.snippet == "<mark>Lịch</mark> thi &lt;THPT&gt; 2025"


def test_telex_query_reports_its_reading():
    results = results_from_response(RESPONSE, analyse("ddieemr thi"))
    assert results.interpreted_as == "điểm thi"


def test_suggest_body_scopes_and_completes_the_last_word():
    b = suggest_body("diem thi tan ch", ROOT, NOW, 8)
    assert b["size"] == 8
    assert b["query"]["bool"]["filter"] == [{"term": {"root": ROOT}}, EXPIRY]
    assert b["query"]["bool"]["minimum_should_match"] == 1
    assert b["query"]["bool"]["should"] == [{"multi_match": {
        "query": "diem thi tan ch", "type": "bool_prefix", "operator": "and",
        "fields": ["suggest", "suggest._2gram", "suggest._3gram"],
    }}]


def test_suggest_body_for_numbers_and_telex():
    should = suggest_body("860/ST", ROOT, NOW, 5)["query"]["bool"]["should"]
    assert {"prefix": {"number_compact": {"value": "860st", "boost": 10}}} in should
    telex = suggest_body("ddieemr", ROOT, NOW, 5)["query"]["bool"]["should"]
    assert [c["multi_match"]["query"] for c in telex] == ["ddieemr", "điểm"]


def test_suggestions_complete_to_the_title_or_to_the_number_being_typed():
    response = {"hits": {"total": {"value": 1, "relation": "eq"}, "hits": [{"_id": "page:42", "_score": 3.0,
        "_source": {"key": "page:42", "kind": "directive", "title": "Công văn tuyên truyền", "url": "/cv/",
                    "number": "860/STTTT-TTBCXB", "number_compact": "860sttttttbcxb"}}]}}
    assert suggestions_from_response(response, "860/st") == [
        Suggestion(text="860/STTTT-TTBCXB", kind="directive", url="/cv/", key="page:42")
    ]
    assert suggestions_from_response(response, "cong van") == [
        Suggestion(text="Công văn tuyên truyền", kind="directive", url="/cv/", key="page:42")
    ]


def test_a_lower_bound_total_is_reported_as_not_exact():
    response = {**RESPONSE, "hits": {**RESPONSE["hits"], "total": {"value": 10_000, "relation": "gte"}}}
    results = results_from_response(response, analyse("điểm thi"))
    assert results.total == 10_000 and not results.total_exact


def ranked_hit(key: str, title: str, date: str, summary: str = "") -> dict:
    doc = SearchDocument(key=key, kind="news", root=ROOT, section_key="thpt:2025", year=2025, title=title,
                         summary=summary, date=datetime.date.fromisoformat(date))
    return {"_id": key, "_score": 1.0, "_source": document_body(doc)}


def test_the_ranking_orders_the_candidates_and_the_page_is_cut_after_it():
    # The engine returned the loose match first; the ranking puts the title match first, as the database would.
    hits = [ranked_hit("page:1", "Thông báo của Sở", "2025-06-20", summary="Lịch thi có thay đổi."),
            ranked_hit("page:2", "Lịch thi môn Toán", "2025-06-01"),
            ranked_hit("page:3", "Lịch thi môn Văn", "2025-05-01")]
    response = {"hits": {"total": {"value": 3, "relation": "eq"}, "hits": hits}}
    analysed = analyse("lich thi toan")
    ordered = [h.key for h in results_from_response(response, analysed).hits]
    candidates = [ranking.Candidate.of(h["_source"]["key"], **{
        "title_terms": h["_source"]["rank"]["title"], "code_terms": h["_source"]["rank"]["codes"],
        "place_terms": h["_source"]["rank"]["place"], "toned_terms": h["_source"]["rank"]["toned"],
        "text": ranking.frequencies(h["_source"]["rank"]["text"], ranking.needles_of(analysed)),
        "year": 2025, "date": datetime.date.fromisoformat(h["_source"]["date"])}) for h in hits]
    assert ordered == [key for _, key in ranking.ranked(candidates, analysed)]
    assert ordered[0] == "page:2"
    page = results_from_response(response, analysed, SearchQuery(text="lich thi toan", root=ROOT, now=NOW,
                                                                 offset=1, limit=1))
    assert [h.key for h in page.hits] == ordered[1:2] and page.total == 3


def test_documents_without_ranking_terms_keep_the_engines_order():
    results = results_from_response(RESPONSE, analyse("điểm thi"))  # indexed before ``rank`` existed
    assert [h.key for h in results.hits] == ["venue:7", "page:42"] and results.hits[0].score == 31.5
