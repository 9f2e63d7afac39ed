"""Matching on PostgreSQL: stripped tsvectors with GIN indexes, planned from what the planner's statistics
and a first sample slot say (see docs/DESIGN-NOTES.md)."""

import math
import time
from collections.abc import Callable

from django.db import connection

from search import filters
from search.database.counts import Probe
from search.database.matching import Match
from search.database.tables import ENTRY, T, fetch
from search.types import SearchQuery


class PostgresMatch(Match):
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
                 clauses: list[tuple[str, ...]], query: SearchQuery, required: int | None = None):
        super().__init__(groups, any_word, prefix_last, clauses, query, required)
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
        if prefix_last and groups and self.strict and all(len(a) <= 2 for a in groups[last]):
            self.short_prefix = self.OR.join(f"'{a}~'" for a in groups[last])
            self.head_rest = self.AND.join(self._any_of(g) for g in groups[:last])
        shares = lexeme_shares() if self.strict else {}
        whole = [i for i in range(len(groups)) if not (prefix_last and i == last)]  # not a prefix of many words
        if shares and whole:
            least = min(shares.values())
            self.rarest_share, rarest = min((min(1.0, sum(shares.get(a, least) for a in groups[i])), i)
                                            for i in whole)
            self.rarest = self._any_of(groups[rarest])
        if self.strict and len(groups) > 1:
            share = [max(shares.get(a, 0.0) for a in groups[i]) if i in whole else 0.0 for i in range(len(groups))]
            kept = [i for i, s in enumerate(share) if s <= self.COMMON_SHARE] or [share.index(min(share))]
            if len(kept) < len(groups):
                self.selective = self.AND.join(self._any_of(groups[i], prefix_last and i == last) for i in kept)

    def at_most(self) -> float | None:
        """About how many entries can match at most (those holding the rarest word), when the statistics tell."""
        return None if self.rarest_share is None else self.rarest_share * table_rows()

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
        scan = expected is not None and expected * expected > limit * table_rows()
        where, params = self._where(head, scan=scan)
        order = "e.id + 0" if head and self.short_prefix and not scan else "e.id"
        return [r[0] for r in fetch(f"SELECT e.id FROM {ENTRY} e {where} ORDER BY {order} DESC LIMIT %s",
                                     [*params, limit])]

    def probe(self) -> "Probe":
        """Every entry of the first sample slot that passes the filters, with whether it has the words and
        whether it has them in title, codes or places. When one word is rare, only the slot's matches: reading
        them through the index costs less than checking the whole slot row by row."""
        if self.rarest_share is not None and self.rarest_share <= self.RARE_SHARE:
            # Only the rarest word from the index: a short last word typed as a prefix stands for hundreds.
            where, params = self._where(False, filters.sample_tokens(1), words=False)
            rows = fetch(f"SELECT e.id, e.filter_terms, ts_match_vq(e.head_tsv, to_tsquery('simple', %s)) "
                          f"FROM {ENTRY} e {where} AND e.tsv @@ to_tsquery('simple', %s) "
                          "AND ts_match_vq(e.tsv, to_tsquery('simple', %s))",
                          [self.words, *params, self.rarest, self.words])
            return Probe([(i, terms) for i, terms, _ in rows], strong=sum(1 for row in rows if row[2]))
        where, params = self._where(False, filters.sample_tokens(1), words=False)
        rows = fetch(f"SELECT e.id, e.filter_terms, ts_match_vq(e.tsv, to_tsquery('simple', %s)), "
                           f"ts_match_vq(e.head_tsv, to_tsquery('simple', %s)) FROM {ENTRY} e {where}",
                           [self.words, self.words, *params])
        matches = [(i, terms) for i, terms, has_words, _ in rows if has_words]
        return Probe(matches, passing=len(rows), strong=sum(1 for row in rows if row[2] and row[3]))

    def slot_counts(self, words: list[str]) -> list[int]:
        """How many entries of the first sample slot that pass the filters hold each word (one statement)."""
        where, params = self._where(False, filters.sample_tokens(1), words=False)
        counts = ", ".join("COUNT(*) FILTER (WHERE ts_match_vq(e.tsv, to_tsquery('simple', %s)))" for _ in words)
        return list(fetch(f"SELECT {counts} FROM {ENTRY} e {where}", [*words, *params])[0])

    def count(self, limit: int) -> int:
        where, params = self._where(False)
        return fetch(f"SELECT COUNT(*) FROM (SELECT 1 FROM {ENTRY} e {where} LIMIT %s) m",
                           [*params, limit])[0][0]

    def matches(self, limit: int, slots: tuple[str, ...] = (), sampled: bool = False) -> list[tuple]:
        """``(id, filter tokens)`` of up to ``limit`` matches (of those in the sample slots given)."""
        where, params = self._where(False, slots, sampled)
        return fetch(f"SELECT e.id, e.filter_terms FROM {ENTRY} e {where} LIMIT %s", [*params, limit])

    _TALLY = Match._TALLY.format(
        least="LEAST", greatest="GREATEST", recency=", COUNT(*) FILTER (WHERE m.strong) OVER newest AS recency",
        strong=" OR (r.strong AND r.recency <= %s)", no_flag=", NULL")

    def _tally_rows(self, limit: int, window: int) -> list[tuple]:
        where, params = self._where(False)
        return fetch(
            "WITH m AS MATERIALIZED (SELECT e.id, e.filter_terms, e.head_tsv @@ to_tsquery('simple', %s) AS strong "
            f"FROM {ENTRY} e {where} LIMIT %s), {self._TALLY} SELECT NULL, NULL, w.id, w.filter_terms, w.strong "
            "FROM w", [self.words, *params, limit + 1, *self._tally_params(limit, window)])



_statistics: dict[tuple[str, str], tuple[float, object]] = {}  # (database alias, name) → (when read, value)


def statistic(name: str, read: Callable[[], T]) -> T:
    """A figure from PostgreSQL's statistics, read again after five minutes."""
    key = (connection.alias, name)
    read_at, value = _statistics.get(key, (-1e9, None))
    if time.monotonic() - read_at > 300:
        value = read()
        _statistics[key] = (time.monotonic(), value)
    return value


def lexeme_shares() -> dict[str, float]:
    """The share of entries holding each of the commonest words, from the statistics of ``tsv``; empty until
    ANALYZE has run, so every word is then read from the index."""
    def read() -> dict[str, float]:
        rows = fetch("SELECT most_common_elems::text::text[], most_common_elem_freqs FROM pg_stats "
                      "WHERE tablename = %s AND attname = 'tsv'", [ENTRY])
        return dict(zip(rows[0][0], rows[0][1], strict=False)) if rows and rows[0][0] else {}
    return statistic("lexeme shares", read)


def table_rows() -> float:
    """About how many entries the index holds; infinite while unknown, so no plan relies on it."""
    rows = statistic("rows", lambda: float(
        fetch("SELECT reltuples FROM pg_class WHERE oid = %s::regclass", [ENTRY])[0][0]))
    return rows if rows > 0 else math.inf
