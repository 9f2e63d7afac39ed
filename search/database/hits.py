"""Candidates, their ranking and the hits returned: display fields and snippets."""

import datetime
import json

from search import analysis, ranking
from search.database import spellings, tables
from search.database.counts import Counts
from search.database.matching import Match
from search.database.tables import ENTRY, among, fetch
from search.types import AreaRef, SearchHit


def candidate_ids(match: Match, window: int, strong_only: bool = False,
                   counts: Counts | None = None) -> list[int]:
    """The newest strong matches (words in title, codes or places), then the newest of all matches; read from
    the counting pass when it read them all."""
    matches = counts.matches if counts else None
    if matches is not None and match.FLAGS_STRONG:
        head = sorted((row[0] for row in matches if row[2]), reverse=True)[:window]
    else:
        share = counts.strong_share if counts else None
        head = match.newest(window, head=True, expected=counts.total * share if share is not None else None)
    if strong_only:
        return head
    wanted = window - len(head) + tables.MIN_BODY_CANDIDATES
    rest = sorted((row[0] for row in matches), reverse=True)[:wanted] if matches is not None else \
        match.newest(wanted, head=False, expected=counts.total if counts else None)
    return list(dict.fromkeys([*head, *rest]))


def ranked_keys(matched: list[tuple[Match, Counts | None]], asked: list[analysis.AnalysedQuery], window: int,
                prefix_last: bool = False) -> list[tuple[float, str]]:
    """The candidates of each match (every word required first, then the looser ones), ranked together by the
    best score over the ways the query was asked (as typed, and in its synonyms' words)."""
    ids = list(dict.fromkeys(i for match, counts in matched
                             for i in candidate_ids(match, window, prefix_last, counts)))  # suggestions: titles, codes
    if not ids:
        return []
    condition, params = among("id", ids)
    rows = fetch(f"SELECT key, title_terms, code_terms, place_terms, toned_terms, text_terms, year, date, kind "
                 f"FROM {ENTRY} WHERE {condition}", params)  # a few hundred rows: no ORM in the way
    needles = list(dict.fromkeys(n for analysed in asked for n in ranking.needles_of(analysed)))
    candidates = [ranking.Candidate.of(key, title, codes, place, toned, ranking.frequencies(text, needles), year,
                                       as_date(date), kind, ranking.term_count(text))
                  for key, title, codes, place, toned, text, year, date, kind in rows]
    return ranking.ranked(candidates, asked, prefix_last, spellings.typed_spellings(asked))


def as_date(value: datetime.date | str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if isinstance(value, str) else value  # SQLite gives text


HIT_FIELDS = ("key", "kind", "title", "url", "summary", "body", "address", "date", "areas", "section_key", "year",
              "number", "source_id")
SUGGESTION_FIELDS = ("key", "title", "kind", "url")


def hit_rows(keys: list[str], fields: tuple[str, ...]) -> dict[str, dict]:
    """The rows of the entries with these keys, as field → value, by key: twenty rows without the ORM's
    model instances in the way."""
    if not keys:
        return {}
    condition, params = among("key", keys)
    rows = fetch(f"SELECT {', '.join(fields)} FROM {ENTRY} WHERE {condition}", params)
    return {row[0]: dict(zip(fields, row, strict=True)) for row in rows}


def snippet(entry: dict, analysed: analysis.AnalysedQuery) -> str:
    for text in (entry["summary"], entry["body"], entry["address"]):
        snippet = analysis.highlight(text, analysed, found_only=True) if text else ""
        if snippet:
            return snippet
    return analysis.highlight(entry["summary"] or entry["body"], analysed)


def hit(entry: dict, score: float, analysed: analysis.AnalysedQuery) -> SearchHit:
    return SearchHit(
        key=entry["key"], kind=entry["kind"], title=entry["title"], url=entry["url"],
        snippet=snippet(entry, analysed), date=as_date(entry["date"]),
        areas=tuple(AreaRef(**a) for a in json.loads(entry["areas"])), score=score,  # JSON text on both databases
        section_key=entry["section_key"], year=entry["year"], number=entry["number"], source_id=entry["source_id"],
    )
