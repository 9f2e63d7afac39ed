"""Search and suggest request bodies, and their responses read back as search.types values. Pure functions.

Matching, for every variant of the query (as typed and, for raw Telex, decoded):

- required (any one of): a ``cross_fields`` multi_match with operator AND over the folded fields, so each word must
  appear in some field ("điểm thi" in the title, "Long Xuyên" in the areas); a fuzzy ``best_fields`` multi_match
  with operator AND for typos; an exact lookup of directive numbers / venue codes (``number.keyword``) and a
  prefix lookup of their compact form ("860/STTTT" → ``860sttt*``), both boosted far above text matches;
- ranking only: the unfolded ``.exact`` sub-fields when the variant has diacritics (exact forms rank higher) and
  the title's shingles (words that belong together, "tân châu", rank higher than scattered ones).

Ordering: the engine's BM25 only chooses the candidates, the best RERANK_WINDOW of them (or as many as the page
asked for needs), read with their ranking terms only (``rank``); ``search.ranking`` orders them, as it orders the
database backend's candidates, so both backends give the same top results. A second request (``page_body``)
fetches the page's hits with their highlights: highlighting the whole window would cost four times the search.

Fuzziness is ``AUTO:4,7`` rather than plain ``AUTO``: Vietnamese syllables are short, and one edit on a
three-letter syllable ("thi" → "thu", "tan" → "tam") matches far too much.
"""

import datetime
import re

from search import ranking
from search.analysis import AnalysedQuery, analyse, compact_code, core_text, highlight
from search.database.spellings import typed_spellings
from search.types import KINDS, AreaRef, FacetValue, SearchHit, SearchQuery, SearchResults, Suggestion

BACKEND_NAME = "elasticsearch"
FOLDED_FIELDS = ("title^4", "summary^2", "body", "address", "areas.name", "number^2", "section_title^0.5")
FUZZY_FIELDS = ("title^4", "summary^2", "body", "address", "areas.name", "section_title^0.5")
EXACT_FIELDS = ("title.exact^4", "summary.exact^2", "address.exact", "areas.name.exact")
SUGGEST_FIELDS = ("suggest", "suggest._2gram", "suggest._3gram")
FUZZINESS = "AUTO:4,7"
NUMBER_BOOST = 20
NUMBER_PREFIX_BOOST = 10
SNIPPET_CHARS = 200
RERANK_WINDOW = 100  # candidates ordered by search.ranking (the database backend's MIN_CANDIDATES)
CANDIDATE_FIELDS = ("key", "kind", "date", "year", "rank")  # what the ranking reads of each candidate
NOT_RETURNED = ("body", "suggest", "rank")  # large, and not shown
AREA_FACET_SIZE = 50
YEAR_FACET_SIZE = 20
_DIGIT = re.compile(r"\d")


def scope_filters(root: str, now: datetime.datetime) -> list[dict]:
    """The site scope and expiry: only the province's own documents that have not expired."""
    return [
        {"term": {"root": root}},
        {
            "bool": {
                "should": [
                    {"bool": {"must_not": [{"exists": {"field": "expires_at"}}]}},
                    {"range": {"expires_at": {"gt": now.isoformat()}}},
                ],
                "minimum_should_match": 1,
            }
        },
    ]


def filters(query: SearchQuery) -> list[dict]:
    clauses = scope_filters(query.root, query.now)
    if query.kinds:
        clauses.append({"terms": {"kind": list(query.kinds)}})
    if query.section_keys:
        clauses.append({"terms": {"section_key": list(query.section_keys)}})
    if query.year is not None:
        clauses.append({"term": {"year": query.year}})
    if query.area_codes is not None:
        tagged = {"terms": {"area_codes": sorted(query.area_codes)}}
        if query.include_province_wide:
            clauses.append(
                {"bool": {"should": [tagged, {"term": {"province_wide": True}}], "minimum_should_match": 1}}
            )
        else:
            clauses.append(tagged)
    return clauses


def _code_lookups(variant: str) -> list[dict]:
    clauses = [{"term": {"number.keyword": {"value": variant, "boost": NUMBER_BOOST}}}]
    compact = compact_code(variant)
    if len(compact) >= 3 and _DIGIT.search(compact):
        clauses.append({"prefix": {"number_compact": {"value": compact, "boost": NUMBER_PREFIX_BOOST}}})
    return clauses


def matching_texts(analysed: AnalysedQuery) -> list[str]:
    """The words that matter (not the question and filler words, as in the database backend), as typed and, for
    raw Telex, decoded."""
    return list(dict.fromkeys(core_text(v) for v in analysed.variants))


def matching_clauses(variant: str, fuzzy: bool = False, minimum: int | None = None, codes: str | None = None,
                     ) -> list[dict]:
    """The clauses of which a document must match at least one (over all variants) to be found. ``fuzzy`` adds
    the typo-tolerant match: asked only when the words as typed find nothing, as in the database backend.
    ``minimum``: how many of the words a document must have (all when None). ``codes``: the text looked up as a
    document number or venue code (``variant`` when None)."""
    words = {"operator": "and"} if minimum is None else {"minimum_should_match": minimum}
    return [
        {"multi_match": {"query": variant, "type": "cross_fields", "fields": list(FOLDED_FIELDS), **words}},
        *([{
            "multi_match": {
                "query": variant,
                "type": "best_fields",
                "fields": list(FUZZY_FIELDS),
                "operator": "and",
                "fuzziness": FUZZINESS,
                "prefix_length": 1,
                "boost": 0.5,
            }
        }] if fuzzy else []),
        *_code_lookups(variant if codes is None else codes),
    ]


def ranking_clauses(variant: str) -> list[dict]:
    """Clauses that only add to the score of documents already found."""
    clauses = [{"match": {"title.shingles": {"query": variant, "boost": 3}}}]
    if not variant.isascii():
        clauses.append({"multi_match": {"query": variant, "type": "best_fields", "fields": list(EXACT_FIELDS)}})
    return clauses


def search_body(query: SearchQuery, analysed: AnalysedQuery, fuzzy: bool = False,
                also: tuple[AnalysedQuery, ...] = (), minimum: int | None = None, alternatives: bool = False) -> dict:
    """``also``: the query in other words (synonyms), each with all its words; ``minimum``: how many of the
    query's own words that matter a document must have (all when None); ``alternatives``: each word may also
    match in any of its spellings (its typo corrections), as in the database backend."""
    bool_query: dict = {"filter": filters(query)}
    if analysed:
        should = [c for v, typed in zip(matching_texts(analysed), analysed.variants, strict=False)
                  for c in matching_clauses(v, fuzzy, minimum, codes=typed)]
        if alternatives:
            core = analysed.core
            should.append({"bool": {"should": [
                {"multi_match": {"query": " ".join(g.alternatives), "type": "cross_fields",
                                 "fields": list(FOLDED_FIELDS), "operator": "or"}} for g in core],
                "minimum_should_match": len(core) if minimum is None else minimum}})
        should += [c for other in also for v in matching_texts(other) for c in matching_clauses(v)]
        bool_query["must"] = [{"bool": {"should": should, "minimum_should_match": 1}}]
        bool_query["should"] = [c for v in analysed.variants for c in ranking_clauses(v)]
        sort: list = ["_score", {"date": {"order": "desc", "missing": "_last"}}, {"key": "asc"}]
        start, size = 0, max(RERANK_WINDOW, query.offset + query.limit)  # the page is cut after re-ranking
        page: dict = {"_source": list(CANDIDATE_FIELDS)}
    else:
        sort = [{"date": {"order": "desc", "missing": "_last"}}, {"key": "asc"}]
        start, size = query.offset, query.limit
        page = {"_source": {"excludes": list(NOT_RETURNED)}, "highlight": _highlight()}  # the page itself
    return {
        "query": {"bool": bool_query},
        "from": start,
        "size": size,
        "sort": sort,
        "track_total_hits": True,
        **page,
        "aggs": {
            "kind": {"terms": {"field": "kind", "size": len(KINDS)}},
            "area": {"terms": {"field": "area_codes", "size": AREA_FACET_SIZE}},
            "year": {"terms": {"field": "year", "size": YEAR_FACET_SIZE, "order": {"_key": "desc"}}},
        },
    }


def _highlight(query: dict | None = None) -> dict:
    return {
        "pre_tags": ["<mark>"],
        "post_tags": ["</mark>"],
        "encoder": "html",
        **({"highlight_query": query} if query else {}),
        "fields": {
            "summary": {"fragment_size": SNIPPET_CHARS, "number_of_fragments": 1, "no_match_size": 0},
            # Without a match in the summary or the body, the start of the body is the snippet.
            "body": {"fragment_size": SNIPPET_CHARS, "number_of_fragments": 1, "no_match_size": SNIPPET_CHARS},
        },
    }


def page_body(keys: list[str], analysed: AnalysedQuery, fuzzy: bool = False) -> dict:
    """The page's hits, by key, with what they show and their highlights for the query's words."""
    words = {"bool": {"should": [c for v in analysed.variants for c in matching_clauses(v, fuzzy)]}}
    return {
        "query": {"bool": {"filter": [{"terms": {"key": keys}}]}},
        "size": len(keys),
        "_source": {"excludes": list(NOT_RETURNED)},
        "highlight": _highlight(words),
    }


def _first(fragments: list[str] | None) -> str:
    return fragments[0] if fragments else ""


def _snippet(hit: dict, analysed: AnalysedQuery) -> str:
    marks = hit.get("highlight") or {}
    summary = _first(marks.get("summary"))
    body = _first(marks.get("body"))
    if summary:
        return summary
    if "<mark>" in body:
        return body
    source_summary = hit["_source"].get("summary") or ""
    if source_summary:
        return highlight(source_summary, analysed, max_chars=SNIPPET_CHARS)
    return body


def _date(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value[:10]) if value else None


def _hit(hit: dict, analysed: AnalysedQuery, score: float | None = None) -> SearchHit:
    source = hit["_source"]
    return SearchHit(
        key=source["key"],
        kind=source["kind"],
        title=source["title"],
        url=source.get("url") or "",
        snippet=_snippet(hit, analysed),
        date=_date(source.get("date")),
        areas=tuple(AreaRef(code=a["code"], name=a["name"], level=a["level"]) for a in source.get("areas") or ()),
        score=score if score is not None else float(hit.get("_score") or 0.0),
        section_key=source.get("section_key") or "",
        year=source.get("year"),
        number=source.get("number") or "",
        source_id=source.get("source_id") or "",
    )


def reranked(hits: list[dict], analysed: AnalysedQuery,
             also: tuple[AnalysedQuery, ...] = ()) -> list[tuple[dict, float | None]]:
    """The candidates in ``search.ranking``'s order, with its scores (the best over the query and ``also``, its
    synonyms' words). Documents indexed before they carried their ranking terms (until ``search_index rebuild``)
    keep the engine's order."""
    if not analysed or not hits or any("rank" not in h["_source"] for h in hits):
        return [(h, None) for h in hits]
    asked = [analysed, *also]
    needles = list(dict.fromkeys(n for q in asked for n in ranking.needles_of(q)))
    by_key = {h["_source"]["key"]: h for h in hits}
    candidates = [ranking.Candidate.of(
        s["key"], s["rank"]["title"], s["rank"]["codes"], s["rank"]["place"], s["rank"]["toned"],
        ranking.frequencies(s["rank"]["text"], needles), s.get("year"), _date(s.get("date")), s.get("kind", ""),
        ranking.term_count(s["rank"]["text"]))
        for s in (h["_source"] for h in hits)]
    return [(by_key[key], score) for score, key in ranking.ranked(candidates, asked, spelt=typed_spellings(asked))]


def page_keys(response: dict, analysed: AnalysedQuery, query: SearchQuery,
              also: tuple[AnalysedQuery, ...] = ()) -> list[str]:
    """The keys of the page ``query`` asks for, in the ranking's order."""
    ordered = reranked(response["hits"]["hits"], analysed, also)[query.offset:query.offset + query.limit]
    return [hit["_source"]["key"] for hit, _ in ordered]


def results_from_response(response: dict, analysed: AnalysedQuery, query: SearchQuery | None = None,
                          page: dict | None = None, also: tuple[AnalysedQuery, ...] = ()) -> SearchResults:
    """Total, facets and hits of a search response. With ``query``, its page (offset, limit) of the candidates in
    the ranking's order; the hits shown come from ``page`` (the ``page_body`` response) when given."""
    hits = response["hits"]
    ordered = reranked(hits["hits"], analysed, also)
    if query is not None and analysed:
        ordered = ordered[query.offset:query.offset + query.limit]
    if page is not None:
        shown = {hit["_source"]["key"]: hit for hit in page["hits"]["hits"]}
        ordered = [(shown[hit["_source"]["key"]], score) for hit, score in ordered if hit["_source"]["key"] in shown]
    facets = {
        name: [FacetValue(value=str(b["key"]), count=b["doc_count"]) for b in agg["buckets"]]
        for name, agg in (response.get("aggregations") or {}).items()
    }
    return SearchResults(
        hits=[_hit(h, analysed, score) for h, score in ordered],
        total=hits["total"]["value"],
        total_exact=hits["total"].get("relation", "eq") == "eq",
        backend=BACKEND_NAME,
        facets=facets,
        interpreted_as=analysed.decoded if analysed.decoded != analysed.text else "",
    )


def _is_code(compact: str) -> bool:
    return len(compact) >= 2 and bool(_DIGIT.search(compact))


def suggest_body(text: str, root: str, now: datetime.datetime, limit: int) -> dict:
    """As-you-type completion over titles and numbers, the last word taken as a prefix, within the site scope."""
    analysed = analyse(text)
    should: list[dict] = []
    if analysed:
        should += [
            {"multi_match": {"query": v, "type": "bool_prefix", "fields": list(SUGGEST_FIELDS), "operator": "and"}}
            for v in analysed.variants
        ]
    compact = compact_code(text)
    if _is_code(compact):
        should.append({"prefix": {"number_compact": {"value": compact, "boost": NUMBER_PREFIX_BOOST}}})
    return {
        "size": limit,
        "_source": ["key", "kind", "title", "url", "number", "number_compact"],
        "query": {"bool": {"filter": scope_filters(root, now), "should": should, "minimum_should_match": 1}},
    }


def suggestions_from_response(response: dict, text: str) -> list[Suggestion]:
    """Each hit completes to its title, or to its number when the user is typing that number."""
    compact = compact_code(text)
    suggestions = []
    for hit in response["hits"]["hits"]:
        source = hit["_source"]
        typing_number = _is_code(compact) and (source.get("number_compact") or "").startswith(compact)
        suggestions.append(
            Suggestion(
                text=source["number"] if typing_number else source["title"],
                kind=source["kind"],
                url=source.get("url") or "",
                key=source["key"],
            )
        )
    return suggestions
