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
import json
import math
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TypeVar

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
TERM = "mua_thi_search_searchterm"
MIN_CANDIDATES = 100  # ranked per query: the newest strong matches, then the newest of the rest
MIN_BODY_CANDIDATES = 20  # matches by text alone considered even when the strong ones fill the window
MAX_RESULTS = 1000  # how deep results can be paged
EXACT_LIMIT = 1_000  # matches whose facets are counted exactly
TALLY_LIMIT = 5_000  # matches counted exactly (their facets from a sample beyond EXACT_LIMIT); beyond, estimated
SAMPLE_SIZE = 500  # about how many matches an estimate reads (at least; one slot of a very common word more)
CORRECTION_COUNT_LIMIT = 1_000  # typo corrections are ordered by their matches, counted up to this
AREA_FACET_SIZE = 30
T = TypeVar("T")
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


def purge_expired(now: datetime.datetime | None = None) -> int:
    """Removes the entries past their expiry, which searches exclude anyway (``publish_due``, every minute)."""
    expired = SearchEntry.objects.filter(expires_at__lte=now or timezone.now())
    return expired.delete()[1].get(SearchEntry._meta.label, 0)


# --- Matching ------------------------------------------------------------------------------------
#
# Every statement is bounded: none ranks, counts or looks up every match of a common word.
# - Candidates: the newest matches of the small title/code/place index first, then the newest matches of the
#   full index; ``search.ranking`` orders them.
# - Total and facets: one statement (the tally) counts up to TALLY_LIMIT matches and returns the facets of all
#   of them up to EXACT_LIMIT, else of a sample by id, with the newest matches for the candidates. Above
#   TALLY_LIMIT, the total and the facets are estimated from the matches in a few of the 128 sample slots
#   (``search.filters``), and ``SearchResults.total_exact`` is false. PostgreSQL probes the first slot before
#   the tally, so a common word is never tallied, unless its statistics show the rarest word too rare for it.
# Filters are tokens inside the full-text index (``search.filters``); expiry is checked against the entry table.

class _Match:
    """The SQL that finds the entries matching the query's words and filters, for either database."""

    AND = OR = PREFIX = QUOTE = ""  # the query syntax of the database's full-text engine
    FLAGS_STRONG = False  # whether ``matches(head=True)`` says which matches are strong
    ROOT_AS_TOKEN = True  # whether the site is matched as a filter token (else as a column)
    PROBE_FIRST = False  # whether counting starts with one sample slot, to skip the exact count of common words
    WIDTH_TOKENS = False  # whether wider samples are rounded to a sample width (one token, not an OR of slots)

    def __init__(self, groups: list[tuple[str, ...]], any_word: bool, prefix_last: bool,
                 clauses: list[tuple[str, ...]], query: SearchQuery):
        last = len(groups) - 1
        self.words = (self.OR if any_word else self.AND).join(
            self._any_of(alternatives, prefix_last and i == last) for i, alternatives in enumerate(groups))
        self.clauses = clauses
        self.root = query.root
        self.now = query.now

    def _any_of(self, terms: tuple[str, ...], prefix: bool = False) -> str:
        star = self.PREFIX if prefix else ""
        return "(" + self.OR.join(f"{self.QUOTE}{t}{self.QUOTE}{star}" for t in terms) + ")"

    def _filter_tokens(self, extra: tuple[str, ...] = ()) -> str:
        """The filter clauses (and the sample slots, if any) as an AND of ORs."""
        return self.AND.join(self._any_of(clause) for clause in (*self.clauses, extra) if clause)

    @staticmethod
    def for_connection() -> type["_Match"]:
        return _PostgresMatch if connection.vendor == "postgresql" else _SqliteMatch

    @classmethod
    def sample_slots(cls, needed: int) -> int:
        """How many slots a sample that needs ``needed`` of them reads."""
        return filters.sample_width(needed) if cls.WIDTH_TOKENS else min(needed, filters.SAMPLE_SLOTS)

    def at_most(self) -> float | None:
        """About how many entries can match at most, when the database can tell without counting."""
        return None

    def probe(self) -> "_Probe":
        """The matches among the entries of the first sample slot."""
        return _Probe(self.matches(8 * SAMPLE_SIZE, filters.sample_tokens(1), sampled=True))

    def tally(self, limit: int, window: int) -> "_Counts | None":
        """Every match counted in one statement, when there are at most ``limit``: the total, and the matches
        the facets and the candidates need (all of them up to EXACT_LIMIT; beyond, a sample by id and the
        newest ``window`` strong and ``window + MIN_BODY_CANDIDATES`` of all). ``None`` when there are more."""
        rows = self._tally_rows(limit, window)
        total, width = next(row[:2] for row in rows if row[2] is None)
        if total > limit:
            return None
        width = min(width, filters.SAMPLE_SLOTS)
        matches = [row[2:] for row in rows if row[2] is not None]
        if total <= EXACT_LIMIT:
            return _Counts(total, True, _facet_counts([m[1] for m in matches], 1.0), matches)
        sample = [m[1] for m in matches if m[0] % filters.SAMPLE_SLOTS < width]
        return _Counts(total, True, _facet_counts(sample, filters.SAMPLE_SLOTS / width), matches)

    def _tally_rows(self, limit: int, window: int) -> list[tuple]:
        """``(total, sample width, id, filter tokens[, strong])``: one row (its id null) carries the total and the
        width; the others are the matches wanted. The sample is the ids in the first ``width`` of the
        SAMPLE_SLOTS residues, enough to read about SAMPLE_SIZE matches."""
        raise NotImplementedError

    # The part both tallies share, after a CTE ``m`` of at most limit + 1 matches (``id``, ``strong`` when the
    # database flags strong matches): ``n`` the total and the sample width; ``r`` the matches numbered newest
    # first, only when there are at most ``limit`` (a common word is not sorted); ``w`` the matches wanted. It
    # ends with the row of the total and the width; each statement adds the rows of ``w`` to it.
    _TALLY = (
        "n AS (SELECT COUNT(*) AS total, {least}(%s, (%s + COUNT(*) - 1) / {greatest}(COUNT(*), 1)) AS width FROM m), "
        "r AS (SELECT m.*, ROW_NUMBER() OVER newest AS overall{recency} FROM m "
        "WHERE (SELECT total FROM n) <= %s WINDOW newest AS (ORDER BY m.id DESC)), "
        "w AS (SELECT r.* FROM r, n WHERE n.total <= %s OR r.id %% %s < n.width{strong} OR r.overall <= %s) "
        "SELECT total, width, NULL, NULL{no_flag} FROM n UNION ALL")

    def _tally_params(self, limit: int, window: int) -> list:
        return [filters.SAMPLE_SLOTS, filters.SAMPLE_SLOTS * SAMPLE_SIZE, limit, EXACT_LIMIT, filters.SAMPLE_SLOTS,
                *([window] if self.FLAGS_STRONG else []), window + MIN_BODY_CANDIDATES]


class _SqliteMatch(_Match):
    _TALLY = _Match._TALLY.format(least="MIN", greatest="MAX", recency="", strong="", no_flag="")
    WORDS = "{title_terms code_terms place_terms text_terms}"
    HEAD_WORDS = "{title_terms code_terms place_terms}"
    AND, OR, PREFIX, QUOTE = " AND ", " OR ", "*", '"'

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Expired entries are purged every minute (``purge_expired``); between purges the few left are excluded
        # by id. Checking that list costs about a microsecond per match enumerated, so it is left out when empty.
        self.expired = SearchEntry.objects.filter(expires_at__lte=self.now).exists()

    def _matching(self, table: str, columns: str, slots: tuple[str, ...] = ()) -> tuple[str, list]:
        """The condition and parameters for the live entries of ``table`` that match."""
        if not self.expired:
            return f"{table} MATCH %s", [self._expression(columns, slots)]
        return (f"{table} MATCH %s AND rowid NOT IN (SELECT id FROM {ENTRY} WHERE expires_at <= %s)",
                [self._expression(columns, slots), self.now])

    def _expression(self, columns: str, extra: tuple[str, ...] = ()) -> str:
        return f"{columns}: ({self.words}) AND {{filter_terms}}: ({self._filter_tokens(extra)})"

    def newest(self, limit: int, head: bool, expected: float | None = None) -> list[int]:
        table, columns = (HEAD, self.HEAD_WORDS) if head else (FTS, self.WORDS)
        condition, params = self._matching(table, columns)
        return [r[0] for r in _fetch(f"SELECT rowid FROM {table} WHERE {condition} ORDER BY rowid DESC LIMIT %s",
                                          [*params, limit])]

    def count(self, limit: int) -> int:
        condition, params = self._matching(FTS, self.WORDS)
        return _fetch(f"SELECT COUNT(*) FROM (SELECT rowid FROM {FTS} WHERE {condition} LIMIT %s)",
                           [*params, limit])[0][0]

    def _tally_rows(self, limit: int, window: int) -> list[tuple]:
        condition, params = self._matching(FTS, self.WORDS)
        return _fetch(
            f"WITH m AS MATERIALIZED (SELECT rowid AS id FROM {FTS} WHERE {condition} LIMIT %s), "
            f"{self._TALLY} "
            f"SELECT NULL, NULL, e.id, e.filter_terms FROM w JOIN {ENTRY} e INDEXED BY search_entry_facets "
            "ON e.id = w.id",
            [*params, limit + 1, *self._tally_params(limit, window)])

    def matches(self, limit: int, slots: tuple[str, ...] = (), sampled: bool = False) -> list[tuple]:
        """``(id, filter tokens)`` of up to ``limit`` matches (of those in the sample slots given)."""
        condition, params = self._matching(FTS, self.WORDS, slots)
        return _fetch(
            f"SELECT m.id, e.filter_terms FROM (SELECT rowid AS id FROM {FTS} WHERE {condition} LIMIT %s) m "
            f"JOIN {ENTRY} e INDEXED BY search_entry_facets ON e.id = m.id", [*params, limit])


class _PostgresMatch(_Match):
    """Every site's entries share the table; in the usual one-province install the site token would be in every
    posting list, so the site is a column here and the GIN indexes read only the selective filters.

    Counting starts from one sample slot: a word in most documents is estimated from it without first reading
    1,000 of its matches through a bitmap of all of them."""

    AND, OR, PREFIX = " & ", " | ", ":*"
    COMMON_SHARE = 0.5  # words in more entries than this are checked row by row, not read from the index
    RARE_SHARE = 0.08  # a probe reads the first slot's matches of rarer words through the index
    FLAGS_STRONG = True
    ROOT_AS_TOKEN = False
    PROBE_FIRST = True
    WIDTH_TOKENS = True  # GIN reads an OR of dozens of tokens slowly; FTS5 reads it faster than a longer list

    def __init__(self, groups: list[tuple[str, ...]], any_word: bool, prefix_last: bool,
                 clauses: list[tuple[str, ...]], query: SearchQuery):
        super().__init__(groups, any_word, prefix_last, clauses, query)
        # The words the full index is asked for: not those in most entries ("thi", "diem" on an exam portal),
        # whose posting lists cost more to intersect than checking the rows the other words leave.
        self.selective = self.words
        # About which share of the entries hold the rarest word (so at most that share matches), from the
        # statistics: a word they do not list is rarer than the rarest one they do. None when unknown.
        self.rarest_share: float | None = None
        self.rarest = ""  # that word (its alternatives), as a query
        # A last word of one or two letters typed as a prefix: the title index looks it up as one lexeme
        # ('ng~', migration 0006) beside the other words; "ng:*" would merge hundreds of posting lists.
        self.short_prefix = ""  # that lexeme (or an OR of them), as a tsquery
        self.head_rest = ""  # the other words, as a query for to_tsquery ("" when there are none)
        last = len(groups) - 1
        if prefix_last and groups and not any_word and all(len(a) <= 2 for a in groups[last]):
            self.short_prefix = self.OR.join(f"'{a}~'" for a in groups[last])
            self.head_rest = self.AND.join(self._any_of(g) for g in groups[:last])
        shares = _lexeme_shares() if not any_word else {}
        whole = [i for i in range(len(groups)) if not (prefix_last and i == last)]  # not a prefix of many words
        if shares and whole:
            least = min(shares.values())
            self.rarest_share, rarest = min((min(1.0, sum(shares.get(a, least) for a in groups[i])), i)
                                            for i in whole)
            self.rarest = self._any_of(groups[rarest])
        if not any_word and len(groups) > 1:
            share = [max(shares.get(a, 0.0) for a in groups[i]) if i in whole else 0.0 for i in range(len(groups))]
            kept = [i for i, s in enumerate(share) if s <= self.COMMON_SHARE] or [share.index(min(share))]
            if len(kept) < len(groups):
                self.selective = self.AND.join(self._any_of(groups[i], prefix_last and i == last) for i in kept)

    def at_most(self) -> float | None:
        """About how many entries can match at most (those holding the rarest word), when the statistics tell."""
        return None if self.rarest_share is None else self.rarest_share * _table_rows()

    def _where(self, head: bool, slots: tuple[str, ...] = (), sampled: bool = False, scan: bool = False,
               words: bool = True) -> tuple[str, list]:
        """The conditions. ``sampled``: the filters and the sample slot are the selective part. ``scan``: no
        index at all (the newest rows are read one by one, for a query that most rows match)."""
        column = "head_tsv" if head else "tsv"
        # ts_match_vq (what @@ calls) keeps the planner from using an index for that condition: the rows found
        # through the selective part are checked one by one instead of intersecting long posting lists. A wider
        # sample is one more posting list (a sample-width token) for the bitmaps to intersect.
        index_words = not (sampled or scan)
        conditions, params = [], []
        if words and index_words and head and self.short_prefix:
            if self.head_rest:
                conditions.append("e.head_tsv @@ (to_tsquery('simple', %s) && %s::tsquery)")
                params += [self.head_rest, self.short_prefix]
            else:
                conditions.append("e.head_tsv @@ %s::tsquery")
                params.append(self.short_prefix)
            conditions.append("ts_match_vq(e.head_tsv, to_tsquery('simple', %s))")  # what "ng:*" matches
            params.append(self.words)
        elif words and index_words and not head and self.selective != self.words:
            conditions.append("e.tsv @@ to_tsquery('simple', %s) AND ts_match_vq(e.tsv, to_tsquery('simple', %s))")
            params += [self.selective, self.words]
        elif words:
            conditions.append(f"e.{column} @@ to_tsquery('simple', %s)" if index_words else
                              f"ts_match_vq(e.{column}, to_tsquery('simple', %s))")
            params.append(self.words)
        tokens = self._filter_tokens(slots)
        if tokens:
            conditions.append("ts_match_vq(e.filter_tsv, to_tsquery('simple', %s))" if scan else
                              "e.filter_tsv @@ to_tsquery('simple', %s)")
            params.append(tokens)
        conditions += ["e.root = %s", "(e.expires_at IS NULL OR e.expires_at > %s)"]
        params += [self.root, self.now]
        return "WHERE " + " AND ".join(conditions), params

    def newest(self, limit: int, head: bool, expected: float | None = None) -> list[int]:
        """The newest ``limit`` matches. With ``expected`` (about how many there are) so many that reading the
        newest rows one by one finds them sooner than intersecting posting lists, that is what is done: the
        planner cannot know, as it takes ANDed words for independent ones. A short last word's lexeme
        (migration 0006) is read through the index and sorted (ordering by ``e.id + 0``): the planner, which
        cannot tell its matches are few, would walk the primary key instead (17 ms against 3–7 ms for
        "lịch thi ng" on the bench index)."""
        scan = expected is not None and expected * expected > limit * _table_rows()
        where, params = self._where(head, scan=scan)
        order = "e.id + 0" if head and self.short_prefix and not scan else "e.id"
        return [r[0] for r in _fetch(f"SELECT e.id FROM {ENTRY} e {where} ORDER BY {order} DESC LIMIT %s",
                                     [*params, limit])]

    def probe(self) -> "_Probe":
        """Every entry of the first sample slot that passes the filters, with whether it has the words and
        whether it has them in title, codes or places. When one word is rare, only the slot's matches: reading
        them through the index costs less than checking the whole slot row by row."""
        if self.rarest_share is not None and self.rarest_share <= self.RARE_SHARE:
            # Only the rarest word from the index: a short last word typed as a prefix stands for hundreds.
            where, params = self._where(False, filters.sample_tokens(1), words=False)
            rows = _fetch(f"SELECT e.id, e.filter_terms, ts_match_vq(e.head_tsv, to_tsquery('simple', %s)) "
                          f"FROM {ENTRY} e {where} AND e.tsv @@ to_tsquery('simple', %s) "
                          "AND ts_match_vq(e.tsv, to_tsquery('simple', %s))",
                          [self.words, *params, self.rarest, self.words])
            return _Probe([(i, terms) for i, terms, _ in rows], strong=sum(1 for row in rows if row[2]))
        where, params = self._where(False, filters.sample_tokens(1), words=False)
        rows = _fetch(f"SELECT e.id, e.filter_terms, ts_match_vq(e.tsv, to_tsquery('simple', %s)), "
                           f"ts_match_vq(e.head_tsv, to_tsquery('simple', %s)) FROM {ENTRY} e {where}",
                           [self.words, self.words, *params])
        matches = [(i, terms) for i, terms, has_words, _ in rows if has_words]
        return _Probe(matches, passing=len(rows), strong=sum(1 for row in rows if row[2] and row[3]))

    def slot_counts(self, words: list[str]) -> list[int]:
        """How many entries of the first sample slot that pass the filters hold each word (one statement)."""
        where, params = self._where(False, filters.sample_tokens(1), words=False)
        counts = ", ".join("COUNT(*) FILTER (WHERE ts_match_vq(e.tsv, to_tsquery('simple', %s)))" for _ in words)
        return list(_fetch(f"SELECT {counts} FROM {ENTRY} e {where}", [*words, *params])[0])

    def count(self, limit: int) -> int:
        where, params = self._where(False)
        return _fetch(f"SELECT COUNT(*) FROM (SELECT 1 FROM {ENTRY} e {where} LIMIT %s) m",
                           [*params, limit])[0][0]

    def matches(self, limit: int, slots: tuple[str, ...] = (), sampled: bool = False) -> list[tuple]:
        """``(id, filter tokens)`` of up to ``limit`` matches (of those in the sample slots given)."""
        where, params = self._where(False, slots, sampled)
        return _fetch(f"SELECT e.id, e.filter_terms FROM {ENTRY} e {where} LIMIT %s", [*params, limit])

    _TALLY = _Match._TALLY.format(
        least="LEAST", greatest="GREATEST", recency=", COUNT(*) FILTER (WHERE m.strong) OVER newest AS recency",
        strong=" OR (r.strong AND r.recency <= %s)", no_flag=", NULL")

    def _tally_rows(self, limit: int, window: int) -> list[tuple]:
        where, params = self._where(False)
        return _fetch(
            "WITH m AS MATERIALIZED (SELECT e.id, e.filter_terms, e.head_tsv @@ to_tsquery('simple', %s) AS strong "
            f"FROM {ENTRY} e {where} LIMIT %s), {self._TALLY} SELECT NULL, NULL, w.id, w.filter_terms, w.strong "
            "FROM w", [self.words, *params, limit + 1, *self._tally_params(limit, window)])


def _match(groups: list[tuple[str, ...]], query: SearchQuery, any_word: bool = False,
           prefix_last: bool = False) -> _Match | None:
    kind = _Match.for_connection()
    clauses = filters.query_clauses(query, site=kind.ROOT_AS_TOKEN)
    return None if clauses is None else kind(groups, any_word, prefix_last, clauses, query)


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
    matches: list[tuple] | None = None  # every match, when they were few enough to count exactly
    strong_share: float | None = None  # about which share of the matches is strong, when estimated


@dataclass
class _Probe:
    """The first sample slot (1/128 of the entries): its matches, and what the database could tell besides."""

    matches: list[tuple]  # (id, filter tokens)
    passing: int | None = None  # how many of its entries pass the filters, with or without the words
    strong: int | None = None  # how many of its matches have the words in title, codes or places

    @property
    def strong_share(self) -> float | None:
        """About which share of the matches is strong, when the database said."""
        return self.strong / len(self.matches) if self.strong is not None and self.matches else None

    def estimate(self) -> "_Counts":
        """About how many matches there are (no facets), and which share is strong: all a plan needs."""
        return _Counts(len(self.matches) * filters.SAMPLE_SLOTS, False, {}, strong_share=self.strong_share)

    def checks_fewer_rows(self, slots: int) -> bool:
        """Whether a sample of ``slots`` slots is best read through the filters' and slots' posting lists alone,
        checking the words row by row (few rows pass them), rather than intersecting with the words' lists."""
        return self.passing is not None and slots * self.passing <= 8 * SAMPLE_SIZE


def _totals(match: _Match, window: int = MIN_CANDIDATES) -> _Counts:
    """The total and the facets: counted in one statement up to TALLY_LIMIT matches, else estimated from the
    matches in enough sample slots to read about SAMPLE_SIZE of them."""
    # No probe when so few entries hold the rarest word that the tally cannot pass its limit.
    at_most = match.at_most()
    probe = match.probe() if match.PROBE_FIRST and (at_most is None or at_most > TALLY_LIMIT) else None
    # Half the limit in one slot's proportion: more than TALLY_LIMIT matches in all is then beyond chance (and
    # fewer than EXACT_LIMIT far beyond it).
    at_least = EXACT_LIMIT
    if probe is None or len(probe.matches) * filters.SAMPLE_SLOTS < TALLY_LIMIT // 2:
        counts = match.tally(TALLY_LIMIT, window)
        if counts is not None:
            return counts
        at_least = TALLY_LIMIT
    probe = probe or match.probe()
    sample, slots = probe.matches, 1
    if len(sample) < SAMPLE_SIZE // 2:  # too few matches for one slot to estimate well: read more slots
        estimate = max(len(sample) * filters.SAMPLE_SLOTS, EXACT_LIMIT + 1)
        slots = match.sample_slots(-(-filters.SAMPLE_SLOTS * SAMPLE_SIZE // estimate))
        sample = match.matches(8 * SAMPLE_SIZE, filters.sample_tokens(slots),
                               sampled=probe.checks_fewer_rows(slots))
    scale = filters.SAMPLE_SLOTS / slots
    total = max(_significant(len(sample) * scale), at_least)
    return _Counts(total, False, _facet_counts([r[1] for r in sample], scale), strong_share=probe.strong_share)


_statistics: dict[tuple[str, str], tuple[float, object]] = {}  # (database alias, name) → (when read, value)


def _statistic(name: str, read: Callable[[], T]) -> T:
    """A figure from PostgreSQL's statistics, read again after five minutes."""
    key = (connection.alias, name)
    read_at, value = _statistics.get(key, (-1e9, None))
    if time.monotonic() - read_at > 300:
        value = read()
        _statistics[key] = (time.monotonic(), value)
    return value


def _lexeme_shares() -> dict[str, float]:
    """The share of entries holding each of the commonest words, from the statistics of ``tsv``; empty until
    ANALYZE has run, so every word is then read from the index."""
    def read() -> dict[str, float]:
        rows = _fetch("SELECT most_common_elems::text::text[], most_common_elem_freqs FROM pg_stats "
                      "WHERE tablename = %s AND attname = 'tsv'", [ENTRY])
        return dict(zip(rows[0][0], rows[0][1], strict=False)) if rows and rows[0][0] else {}
    return _statistic("lexeme shares", read)


def _table_rows() -> float:
    """About how many entries the index holds; infinite while unknown, so no plan relies on it."""
    rows = _statistic("rows", lambda: float(
        _fetch("SELECT reltuples FROM pg_class WHERE oid = %s::regclass", [ENTRY])[0][0]))
    return rows if rows > 0 else math.inf


def _facet_counts(tokens: list[str], scale: float) -> dict[str, list[FacetValue]]:
    kinds, years, areas = filters.facet_counts(tokens)

    def values(counter: Counter) -> list[tuple[str, int]]:
        return [(v, n if scale == 1 else _significant(n * scale)) for v, n in counter.items()]

    return {
        "kind": [FacetValue(k, n) for k, n in sorted(values(kinds), key=lambda kv: (-kv[1], kv[0]))],
        "year": [FacetValue(y, n) for y, n in sorted(values(years), reverse=True)],
        "area": [FacetValue(c, n) for c, n in sorted(values(areas), key=lambda kv: (-kv[1], kv[0]))
                 ][:AREA_FACET_SIZE],
    }


def _candidate_ids(match: _Match, window: int, strong_only: bool = False,
                   counts: _Counts | None = None) -> list[int]:
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
    wanted = window - len(head) + MIN_BODY_CANDIDATES
    rest = sorted((row[0] for row in matches), reverse=True)[:wanted] if matches is not None else \
        match.newest(wanted, head=False, expected=counts.total if counts else None)
    return list(dict.fromkeys([*head, *rest]))


def _ranked_keys(match: _Match, analysed: analysis.AnalysedQuery, window: int, prefix_last: bool = False,
                 counts: _Counts | None = None) -> list[tuple[float, str]]:
    ids = _candidate_ids(match, window, prefix_last, counts)  # suggestions complete titles and codes
    if not ids:
        return []
    among, params = _among("id", ids)
    rows = _fetch(f"SELECT key, title_terms, code_terms, place_terms, toned_terms, text_terms, year, date FROM {ENTRY} "
                  f"WHERE {among}", params)  # a hundred rows: no ORM in the way
    needles = [(term, f" {term} ") for term in analysed.folded_terms]
    candidates = [ranking.Candidate.of(key, title, codes, place, toned, _frequencies(text, needles), year,
                                       _as_date(date))
                  for key, title, codes, place, toned, text, year, date in rows]
    return ranking.ranked(candidates, analysed, prefix_last)


def _among(column: str, values: list) -> tuple[str, list]:
    """``column IN (…)``; on PostgreSQL one array parameter, so the statement's text (which psycopg parses and
    caches) is the same whatever the number of values."""
    if connection.vendor == "postgresql":
        return f"{column} = ANY(%s)", [values]
    return f"{column} IN ({', '.join(['%s'] * len(values))})", values


def _fetch(sql: str, params: list) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _frequencies(text_terms: str, needles: list[tuple[str, str]]) -> dict[str, int]:
    """How often each query term occurs in the text (``needles``: each term and " term "): all the ranking
    reads, without splitting the text."""
    padded = f" {text_terms} "
    return {term: n for term, needle in needles if (n := padded.count(needle))}


def _as_date(value: datetime.date | str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if isinstance(value, str) else value  # SQLite gives text


HIT_FIELDS = ("key", "kind", "title", "url", "summary", "body", "address", "date", "areas", "section_key", "year",
              "number", "source_id")
SUGGESTION_FIELDS = ("key", "title", "kind", "url")


def _hit_rows(keys: list[str], fields: tuple[str, ...]) -> dict[str, dict]:
    """The rows of the entries with these keys, as field → value, by key: twenty rows without the ORM's
    model instances in the way."""
    if not keys:
        return {}
    among, params = _among("key", keys)
    rows = _fetch(f"SELECT {', '.join(fields)} FROM {ENTRY} WHERE {among}", params)
    return {row[0]: dict(zip(fields, row, strict=True)) for row in rows}


def _snippet(entry: dict, analysed: analysis.AnalysedQuery) -> str:
    for text in (entry["summary"], entry["body"], entry["address"]):
        snippet = analysis.highlight(text, analysed, found_only=True) if text else ""
        if snippet:
            return snippet
    return analysis.highlight(entry["summary"] or entry["body"], analysed)


def _hit(entry: dict, score: float, analysed: analysis.AnalysedQuery) -> SearchHit:
    return SearchHit(
        key=entry["key"], kind=entry["kind"], title=entry["title"], url=entry["url"],
        snippet=_snippet(entry, analysed), date=_as_date(entry["date"]),
        areas=tuple(AreaRef(**a) for a in json.loads(entry["areas"])), score=score,  # JSON text on both databases
        section_key=entry["section_key"], year=entry["year"], number=entry["number"], source_id=entry["source_id"],
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
        window = min(MAX_RESULTS, max(MIN_CANDIDATES, query.offset + query.limit))
        counts = _totals(match, window) if _all_indexed(groups) else _Counts(0, True, _facet_counts([], 1.0))
        if counts.total == 0:
            fixed = self._corrections(groups, query)
            if fixed != groups:
                match = _match(fixed, query)
                counts = _totals(match, window)
                if counts.total:
                    analysed = _with_alternatives(analysed, fixed)
                    interpreted = " ".join(alts[0] for alts in fixed)
            if counts.total == 0 and len(groups) > 1:
                match = _match(fixed, query, any_word=True)
                counts = _totals(match, window)
                analysed = _with_alternatives(analysed, fixed)
        total = counts.total
        results = SearchResults(hits=[], total=total, backend=self.name, facets=counts.facets,
                                interpreted_as=interpreted, total_exact=counts.exact)
        if total == 0 or query.offset >= MAX_RESULTS:
            return results
        ranked = _ranked_keys(match, analysed, window, counts=counts)[query.offset:query.offset + query.limit]
        entries = _hit_rows([key for _, key in ranked], HIT_FIELDS)
        results.hits = [_hit(entries[key], score, analysed) for score, key in ranked]
        return results

    def _corrections(self, groups: list[tuple[str, ...]], query: SearchQuery) -> list[tuple[str, ...]]:
        """Unknown words with their likely corrections, the one found in most documents first."""
        fixed = []
        for typed, alternatives in zip(groups, corrections(groups), strict=True):
            extra = [a for a in alternatives if a not in typed]
            if extra:
                counts = _correction_counts(extra, query)
                extra = sorted((a for a in extra if counts[a]), key=lambda a: -counts[a])[:2]
            fixed.append(tuple([*extra, *typed]) if extra else typed)
        return fixed

    def suggest(self, text: str, root: str, now=None, limit: int = 8) -> list[Suggestion]:
        analysed = analysis.analyse(text)
        if not analysed:
            return []
        query = SearchQuery(text=text, root=root, now=now or timezone.now())
        match = _match([g.alternatives for g in analysed.groups], query, prefix_last=True)
        # PostgreSQL: a short last word stands for hundreds of words; the probe tells whether the newest titles
        # are found sooner row by row than through the index.
        estimate = match.probe().estimate() if match.PROBE_FIRST else None
        ranked = _ranked_keys(match, analysed, MIN_CANDIDATES, prefix_last=True, counts=estimate)[:limit]
        entries = _hit_rows([key for _, key in ranked], SUGGESTION_FIELDS)
        return [Suggestion(text=entries[key]["title"], kind=entries[key]["kind"], url=entries[key]["url"], key=key)
                for _, key in ranked]

    def counts(self) -> dict[str, int]:
        from django.db.models import Count
        return dict(SearchEntry.objects.values_list("kind").annotate(n=Count("id")).order_by("kind"))


def _correction_counts(words: list[str], query: SearchQuery) -> dict[str, int]:
    """How many items each word matches, up to CORRECTION_COUNT_LIMIT. On PostgreSQL, a word whose matches in
    the first sample slot imply four times the limit is taken to reach it: counting would build a bitmap of
    its whole posting list ("thi" is in every item) to read a thousand rows."""
    limit = CORRECTION_COUNT_LIMIT
    common: set[str] = set()
    if _Match.for_connection().PROBE_FIRST:
        in_slot = _match([tuple(words)], query).slot_counts(words)
        common = {w for w, n in zip(words, in_slot, strict=True) if n * filters.SAMPLE_SLOTS >= 4 * limit}
    return {w: limit if w in common else _match([(w,)], query).count(limit) for w in words}


def _all_indexed(groups: list[tuple[str, ...]]) -> bool:
    """Whether every word, in one of its spellings, is in the indexed vocabulary (numbers are not kept there):
    if one is not, nothing matches all the words, and counting is skipped (typos, mostly)."""
    words = sorted({a for alternatives in groups for a in alternatives if not a.isdigit()})
    among, params = _among("term", words)
    known = {row[0] for row in _fetch(f"SELECT term FROM {TERM} WHERE {among}", params)} if words else set()
    return all(any(a.isdigit() or a in known for a in alternatives) for alternatives in groups)


def _with_alternatives(analysed: analysis.AnalysedQuery, groups: list[tuple[str, ...]]) -> analysis.AnalysedQuery:
    return analysis.AnalysedQuery(
        text=analysed.text, decoded=analysed.decoded,
        groups=tuple(analysis.TermGroup(word=g.word, alternatives=alts, toned=g.toned)
                     for g, alts in zip(analysed.groups, groups, strict=True)),
    )
