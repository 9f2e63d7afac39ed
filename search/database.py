"""The database search backend: the embedded default and the fallback when Elasticsearch fails.

The folded terms live in ``SearchEntry``; SQLite matches them with two FTS5 tables, PostgreSQL with stripped
tsvectors and GIN indexes (migration 0003): one over every word, one over title, codes and places only (the
"strong" matches). Filters are tokens in the same indexes (``search.filters``). The databases choose the
candidates; ``search.ranking`` orders them in Python, so both give the same order. No match for every word →
typos are corrected from the indexed vocabulary → still nothing → any word may match (ranked by how many do).

Django remakes SQLite tables for some schema changes; a later migration that alters ``SearchEntry`` on SQLite
must recreate the FTS5 triggers and the ``search_entry_facets`` index (see migration 0003).
"""

import datetime
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import connection, transaction
from django.utils import timezone

from search import analysis, filters, ranking
from search.models import SearchEntry, SearchEntryArea, SearchTerm
from search.spelling import corrections
from search.types import AreaRef, FacetValue, SearchDocument, SearchHit, SearchQuery, SearchResults, Suggestion

ENTRY = "mua_thi_search_searchentry"
AREA = "mua_thi_search_searchentryarea"
FTS = "mua_thi_search_fts"
HEAD = "mua_thi_search_head"
MIN_CANDIDATES = 100  # ranked per query: the newest strong matches, then the newest of the rest
MIN_BODY_CANDIDATES = 20  # matches by text alone considered even when the strong ones fill the window
MAX_RESULTS = 1000  # how deep results can be paged
EXACT_LIMIT = 1_000  # matches counted exactly, with their facets; beyond, both are estimated
SAMPLE_SIZE = 500  # about how many matches an estimate reads (at least; one slot of a very common word more)
CORRECTION_COUNT_LIMIT = 1_000  # typo corrections are ordered by their matches, counted up to this
AREA_FACET_SIZE = 30
WRITE_CHUNK = 500


# --- Writing -------------------------------------------------------------------------------------

def entry_fields(doc: SearchDocument) -> dict:
    """The row for one document: its display fields and the folded terms the full-text index reads."""
    codes = analysis.terms(doc.number)
    if len(codes) > 1:
        codes.append(analysis.compact_code(doc.number))
    place = " ".join([doc.address, *(a.name for a in doc.areas)])
    text = " ".join([doc.summary, doc.body, doc.section_title, str(doc.year or "")])
    return {
        "key": doc.key, "kind": doc.kind, "root": doc.root, "path": doc.path, "section_key": doc.section_key,
        "section_title": doc.section_title,
        "year": doc.year, "date": doc.date, "expires_at": doc.expires_at, "title": doc.title,
        "summary": doc.summary, "body": doc.body, "number": doc.number, "address": doc.address, "url": doc.url,
        "source_id": doc.source_id, "areas": [{"code": a.code, "name": a.name, "level": a.level} for a in doc.areas],
        "province_wide": not doc.areas,
        "title_terms": " ".join(analysis.terms(doc.title)), "code_terms": " ".join(codes),
        "place_terms": " ".join(analysis.terms(place)),
        "toned_terms": " ".join(analysis.toned_terms(f"{doc.title} {doc.summary}")),
        "text_terms": " ".join(analysis.terms(text)),
        "filter_terms": filters.document_tokens(key=doc.key, root=doc.root, kind=doc.kind, year=doc.year,
                                                section_key=doc.section_key, area_codes=doc.area_codes),
    }


def write(docs: Iterable[SearchDocument]) -> int:
    docs = list(docs)
    for start in range(0, len(docs), WRITE_CHUNK):
        _write_chunk(docs[start:start + WRITE_CHUNK])
    return len(docs)


@transaction.atomic
def _write_chunk(docs: list[SearchDocument]) -> None:
    rows = {doc.key: entry_fields(doc) for doc in docs}
    SearchEntry.objects.filter(key__in=rows).delete()
    entries = SearchEntry.objects.bulk_create([SearchEntry(**row) for row in rows.values()])
    by_key = {e.key: e for e in entries}
    SearchEntryArea.objects.bulk_create([
        SearchEntryArea(entry=by_key[doc.key], code=code)
        for doc in docs for code in dict.fromkeys(doc.area_codes)
    ])
    vocabulary = {t for row in rows.values() for column in ("title_terms", "code_terms", "place_terms", "text_terms")
                  for t in row[column].split() if not t.isdigit()}
    SearchTerm.objects.bulk_create([SearchTerm(term=t) for t in vocabulary], ignore_conflicts=True)


def delete(keys: Iterable[str]) -> int:
    return SearchEntry.objects.filter(key__in=list(keys)).delete()[1].get(SearchEntry._meta.label, 0)


def replace_under(path: str, docs: list[SearchDocument]) -> list[str]:
    """Make the index hold exactly ``docs`` for the pages at or below ``path``; returns the keys removed."""
    fresh = {doc.key for doc in docs}
    with transaction.atomic():
        stale = [k for k in SearchEntry.objects.filter(path__startswith=path).values_list("key", flat=True)
                 if k not in fresh]
        delete(stale)
        write(docs)
    return stale


def clear() -> None:
    SearchEntry.objects.all().delete()


# --- Matching ------------------------------------------------------------------------------------
#
# Every statement is bounded: none ranks, counts or looks up every match of a common word.
# - Candidates: the newest matches of the small title/code/place index first, then the newest matches of the
#   full index; ``search.ranking`` orders them.
# - Total and facets: exact up to EXACT_LIMIT matches; above it, both are estimated from the matches in a few
#   of the 128 sample slots (``search.filters``), and ``SearchResults.total_exact`` is false.
# Filters are tokens inside the full-text index (``search.filters``); expiry is checked against the entry table.

class _Match:
    """The SQL that finds the entries matching the query's words and filters, for either database."""

    AND = OR = PREFIX = QUOTE = ""  # the query syntax of the database's full-text engine

    def __init__(self, groups: list[tuple[str, ...]], any_word: bool, prefix_last: bool,
                 clauses: list[tuple[str, ...]], now: datetime.datetime):
        last = len(groups) - 1
        self.words = (self.OR if any_word else self.AND).join(
            self._any_of(alternatives, prefix_last and i == last) for i, alternatives in enumerate(groups))
        self.clauses = clauses
        self.now = now

    def _any_of(self, terms: tuple[str, ...], prefix: bool = False) -> str:
        star = self.PREFIX if prefix else ""
        return "(" + self.OR.join(f"{self.QUOTE}{t}{self.QUOTE}{star}" for t in terms) + ")"

    def _filter_tokens(self, extra: tuple[str, ...] = ()) -> str:
        """The filter clauses (and the sample slots, if any) as an AND of ORs."""
        return self.AND.join(self._any_of(clause) for clause in (*self.clauses, extra) if clause)

    @staticmethod
    def create(groups, any_word, prefix_last, clauses, now) -> "_Match":
        kind = _PostgresMatch if connection.vendor == "postgresql" else _SqliteMatch
        return kind(groups, any_word, prefix_last, clauses, now)

    def _fetch(self, sql: str, params: list) -> list[tuple]:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()


class _SqliteMatch(_Match):
    WORDS = "{title_terms code_terms place_terms text_terms}"
    HEAD_WORDS = "{title_terms code_terms place_terms}"
    LIVE = f"rowid NOT IN (SELECT id FROM {ENTRY} WHERE expires_at <= %s)"
    AND, OR, PREFIX, QUOTE = " AND ", " OR ", "*", '"'

    def _expression(self, columns: str, extra: tuple[str, ...] = ()) -> str:
        return f"{columns}: ({self.words}) AND {{filter_terms}}: ({self._filter_tokens(extra)})"

    def newest(self, limit: int, head: bool) -> list[int]:
        table, columns = (HEAD, self.HEAD_WORDS) if head else (FTS, self.WORDS)
        return [r[0] for r in self._fetch(
            f"SELECT rowid FROM {table} WHERE {table} MATCH %s AND {self.LIVE} ORDER BY rowid DESC LIMIT %s",
            [self._expression(columns), self.now, limit])]

    def count(self, limit: int) -> int:
        return self._fetch(f"SELECT COUNT(*) FROM (SELECT rowid FROM {FTS} WHERE {FTS} MATCH %s AND {self.LIVE} "
                           "LIMIT %s)", [self._expression(self.WORDS), self.now, limit])[0][0]

    def tokens(self, limit: int, slots: tuple[str, ...] = (), sampled: bool = False) -> list[str]:
        """The filter tokens of up to ``limit`` matches (of those in the sample slots given)."""
        return [r[0] for r in self._fetch(
            f"SELECT e.filter_terms FROM (SELECT rowid AS id FROM {FTS} WHERE {FTS} MATCH %s AND {self.LIVE} "
            f"LIMIT %s) m JOIN {ENTRY} e INDEXED BY search_entry_facets ON e.id = m.id",
            [self._expression(self.WORDS, slots), self.now, limit])]


class _PostgresMatch(_Match):
    AND, OR, PREFIX = " & ", " | ", ":*"

    def _where(self, head: bool, extra: tuple[str, ...] = (), sampled: bool = False) -> tuple[str, list]:
        tokens = self._filter_tokens(extra)
        column = "head_tsv" if head else "tsv"
        # In a sample the slot token is the selective part: ts_match_vq (what @@ calls) keeps the planner from
        # intersecting it with the words' long posting lists; the few rows are checked one by one instead.
        words = f"ts_match_vq(e.{column}, to_tsquery('simple', %s))" if sampled else \
            f"e.{column} @@ to_tsquery('simple', %s)"
        return (f"WHERE {words} AND e.filter_tsv @@ to_tsquery('simple', %s) "
                "AND (e.expires_at IS NULL OR e.expires_at > %s)", [self.words, tokens, self.now])

    def newest(self, limit: int, head: bool) -> list[int]:
        where, params = self._where(head)
        return [r[0] for r in self._fetch(f"SELECT e.id FROM {ENTRY} e {where} ORDER BY e.id DESC LIMIT %s",
                                          [*params, limit])]

    def count(self, limit: int) -> int:
        where, params = self._where(False)
        return self._fetch(f"SELECT COUNT(*) FROM (SELECT 1 FROM {ENTRY} e {where} LIMIT %s) m",
                           [*params, limit])[0][0]

    def tokens(self, limit: int, slots: tuple[str, ...] = (), sampled: bool = False) -> list[str]:
        where, params = self._where(False, slots, sampled)
        return [r[0] for r in self._fetch(f"SELECT e.filter_terms FROM {ENTRY} e {where} LIMIT %s",
                                          [*params, limit])]


def _match(groups: list[tuple[str, ...]], query: SearchQuery, any_word: bool = False,
           prefix_last: bool = False) -> _Match | None:
    clauses = filters.query_clauses(query)
    return None if clauses is None else _Match.create(groups, any_word, prefix_last, clauses, query.now)


def _significant(n: float) -> int:
    """An estimate rounded to two significant digits (98,187 → 98,000)."""
    if n < 100:
        return round(n)
    scale = 10 ** (len(str(int(n))) - 2)
    return int(round(n / scale) * scale)


@dataclass
class _Counts:
    total: int
    exact: bool
    facets: dict[str, list[FacetValue]]


def _totals(match: _Match) -> _Counts:
    """The total and the facets: exact up to EXACT_LIMIT matches, else estimated from the matches in enough
    sample slots to read about SAMPLE_SIZE of them."""
    rows = match.tokens(EXACT_LIMIT + 1)
    if len(rows) <= EXACT_LIMIT:
        return _Counts(len(rows), True, _facet_counts(rows, 1.0))
    most = 8 * SAMPLE_SIZE  # a bound on any sample read: estimates stop growing beyond 128 × this many matches
    slots = 1
    sample = match.tokens(most, filters.sample_tokens(slots), sampled=True)
    if len(sample) < SAMPLE_SIZE // 2:  # too few matches for one slot to estimate well: read more slots
        estimate = max(len(sample) * filters.SAMPLE_SLOTS, EXACT_LIMIT + 1)
        slots = min(filters.SAMPLE_SLOTS, -(-filters.SAMPLE_SLOTS * SAMPLE_SIZE // estimate))
        sample = match.tokens(most, filters.sample_tokens(slots))  # the words are selective enough now
    scale = filters.SAMPLE_SLOTS / slots
    total = max(_significant(len(sample) * scale), EXACT_LIMIT)
    return _Counts(total, False, _facet_counts(sample, scale))


def _facet_counts(tokens: list[str], scale: float) -> dict[str, list[FacetValue]]:
    kinds: Counter = Counter()
    years: Counter = Counter()
    areas: Counter = Counter()
    for row in tokens:
        kind, year, codes = filters.facet_values(row)
        kinds[kind] += 1
        if year:
            years[year] += 1
        areas.update(codes)

    def values(counter: Counter) -> list[tuple[str, int]]:
        return [(v, n if scale == 1 else _significant(n * scale)) for v, n in counter.items()]

    return {
        "kind": [FacetValue(k, n) for k, n in sorted(values(kinds), key=lambda kv: (-kv[1], kv[0]))],
        "year": [FacetValue(y, n) for y, n in sorted(values(years), reverse=True)],
        "area": [FacetValue(c, n) for c, n in sorted(values(areas), key=lambda kv: (-kv[1], kv[0]))
                 ][:AREA_FACET_SIZE],
    }


def _candidate_ids(match: _Match, window: int, strong_only: bool = False) -> list[int]:
    """The newest strong matches (words in title, codes or places), then the newest of all matches."""
    head = match.newest(window, head=True)
    if strong_only:
        return head
    rest = match.newest(window - len(head) + MIN_BODY_CANDIDATES, head=False)
    return list(dict.fromkeys([*head, *rest]))


def _ranked_keys(match: _Match, analysed: analysis.AnalysedQuery, window: int,
                 prefix_last: bool = False) -> list[tuple[float, str]]:
    ids = _candidate_ids(match, window, strong_only=prefix_last)  # suggestions complete titles and codes
    if not ids:
        return []
    rows = (SearchEntry.objects.filter(id__in=ids)
            .values_list("key", "title_terms", "code_terms", "place_terms", "toned_terms", "text_terms", "year",
                         "date"))
    wanted = analysed.folded_terms
    candidates = [
        ranking.Candidate(key=key, title_terms=tuple(title.split()), code_terms=frozenset(codes.split()),
                          place_terms=tuple(place.split()), toned_terms=frozenset(toned.split()),
                          text_terms=_frequencies(text, wanted), year=year, date=_as_date(date))
        for key, title, codes, place, toned, text, year, date in rows
    ]
    return ranking.ranked(candidates, analysed, prefix_last)


def _frequencies(text_terms: str, wanted: set[str]) -> Counter:
    """How often each query term occurs in the text: all the ranking reads, without splitting the text."""
    padded = f" {text_terms} "
    return Counter({term: n for term in wanted if (n := padded.count(f" {term} "))})


def _as_date(value: datetime.date | str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if isinstance(value, str) else value  # SQLite gives text


HIT_FIELDS = ("key", "kind", "title", "url", "summary", "body", "address", "date", "areas", "section_key", "year",
              "number", "source_id")


def _snippet(entry: SearchEntry, analysed: analysis.AnalysedQuery) -> str:
    for text in (entry.summary, entry.body, entry.address):
        if text and analysis.mentions(text, analysed):
            return analysis.highlight(text, analysed)
    return analysis.highlight(entry.summary or entry.body, analysed)


def _hit(entry: SearchEntry, score: float, analysed: analysis.AnalysedQuery) -> SearchHit:
    return SearchHit(
        key=entry.key, kind=entry.kind, title=entry.title, url=entry.url, snippet=_snippet(entry, analysed),
        date=entry.date, areas=tuple(AreaRef(**a) for a in entry.areas), score=score,
        section_key=entry.section_key, year=entry.year, number=entry.number, source_id=entry.source_id,
    )


class DatabaseBackend:
    name = "database"

    def search(self, query: SearchQuery) -> SearchResults:
        analysed = analysis.analyse(query.text)
        interpreted = analysed.decoded if analysed.decoded != analysed.text else ""
        groups = [g.alternatives for g in analysed.groups]
        match = _match(groups, query)
        if match is None:
            return SearchResults(hits=[], total=0, backend=self.name, facets=_facet_counts([], 1.0))
        counts = _totals(match)
        if counts.total == 0:
            fixed = self._corrections(groups, query)
            if fixed != groups:
                match = _match(fixed, query)
                counts = _totals(match)
                if counts.total:
                    analysed = _with_alternatives(analysed, fixed)
                    interpreted = " ".join(alts[0] for alts in fixed)
            if counts.total == 0 and len(groups) > 1:
                match = _match(fixed, query, any_word=True)
                counts = _totals(match)
                analysed = _with_alternatives(analysed, fixed)
        total = counts.total
        results = SearchResults(hits=[], total=total, backend=self.name, facets=counts.facets,
                                interpreted_as=interpreted, total_exact=counts.exact)
        if total == 0 or query.offset >= MAX_RESULTS:
            return results
        window = min(MAX_RESULTS, max(MIN_CANDIDATES, query.offset + query.limit))
        ranked = _ranked_keys(match, analysed, window)[query.offset:query.offset + query.limit]
        entries = SearchEntry.objects.only(*HIT_FIELDS).in_bulk([key for _, key in ranked], field_name="key")
        results.hits = [_hit(entries[key], score, analysed) for score, key in ranked]
        return results

    def _corrections(self, groups: list[tuple[str, ...]], query: SearchQuery) -> list[tuple[str, ...]]:
        """Unknown words with their likely corrections, the one found in most documents first."""
        fixed = []
        for typed, alternatives in zip(groups, corrections(groups), strict=True):
            extra = [a for a in alternatives if a not in typed]
            if extra:
                counts = {a: _match([(a,)], query).count(CORRECTION_COUNT_LIMIT) for a in extra}
                extra = sorted((a for a in extra if counts[a]), key=lambda a: -counts[a])[:2]
            fixed.append(tuple([*extra, *typed]) if extra else typed)
        return fixed

    def suggest(self, text: str, root: str, now=None, limit: int = 8) -> list[Suggestion]:
        analysed = analysis.analyse(text)
        if not analysed:
            return []
        query = SearchQuery(text=text, root=root, now=now or timezone.now())
        match = _match([g.alternatives for g in analysed.groups], query, prefix_last=True)
        ranked = _ranked_keys(match, analysed, MIN_CANDIDATES, prefix_last=True)[:limit]
        entries = SearchEntry.objects.only("key", "title", "kind", "url").in_bulk([key for _, key in ranked],
                                                                                  field_name="key")
        return [Suggestion(text=entries[key].title, kind=entries[key].kind, url=entries[key].url, key=key)
                for _, key in ranked]

    def counts(self) -> dict[str, int]:
        from django.db.models import Count
        return dict(SearchEntry.objects.values_list("kind").annotate(n=Count("id")).order_by("kind"))


def _with_alternatives(analysed: analysis.AnalysedQuery, groups: list[tuple[str, ...]]) -> analysis.AnalysedQuery:
    return analysis.AnalysedQuery(
        text=analysed.text, decoded=analysed.decoded,
        groups=tuple(analysis.TermGroup(word=g.word, alternatives=alts, toned=g.toned)
                     for g, alts in zip(analysed.groups, groups, strict=True)),
    )
