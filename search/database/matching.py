"""Finding the entries that match a query's words and filters: the SQL both databases share.

Every statement is bounded: none ranks, counts or looks up every match of a common word.
- Candidates: the newest matches of the small title/code/place index first, then the newest matches of the
  full index; ``search.ranking`` orders them.
- Total and facets: one statement (the tally) counts up to TALLY_LIMIT matches and returns the facets of all
  of them up to EXACT_LIMIT, else of a sample by id, with the newest matches for the candidates. Above
  TALLY_LIMIT, the total and the facets are estimated from the matches in a few of the 128 sample slots
  (``search.filters``), and ``SearchResults.total_exact`` is false. PostgreSQL probes the first slot before
  the tally, so a common word is never tallied, unless its statistics show the rarest word too rare for it.
Filters are tokens inside the full-text index (``search.filters``); expiry is checked against the entry table.
"""

from itertools import combinations

from search import filters
from search.database import tables
from search.database.counts import Counts, Probe, facet_counts
from search.types import SearchQuery


class Match:
    """The SQL that finds the entries matching the query's words and filters, for either database."""

    AND = OR = PREFIX = QUOTE = ""  # the query syntax of the database's full-text engine
    FLAGS_STRONG = False  # whether ``matches(head=True)`` says which matches are strong
    ROOT_AS_TOKEN = True  # whether the site is matched as a filter token (else as a column)
    PROBE_FIRST = False  # whether counting starts with one sample slot, to skip the exact count of common words
    WIDTH_TOKENS = False  # whether wider samples are rounded to a sample width (one token, not an OR of slots)

    def __init__(self, groups: list[tuple[str, ...]], any_word: bool, prefix_last: bool,
                 clauses: list[tuple[str, ...]], query: SearchQuery, required: int | None = None):
        """``required``: how many of the words an entry must have (all when None; one with ``any_word``)."""
        last = len(groups) - 1
        terms = [self._any_of(alternatives, prefix_last and i == last) for i, alternatives in enumerate(groups)]
        self.required = 1 if any_word else min(required or len(groups), len(groups))
        self.strict = self.required >= len(groups)  # every word required
        if self.strict:
            self.words = self.AND.join(terms)
        elif self.required == 1:
            self.words = self.OR.join(terms)
        else:  # at least ``required`` of them: an OR of every combination (few: see search.relaxing)
            self.words = self.OR.join("(" + self.AND.join(c) + ")" for c in combinations(terms, self.required))
        self.clauses = clauses
        self.root = query.root
        self.now = query.now

    def _any_of(self, terms: tuple[str, ...], prefix: bool = False) -> str:
        star = self.PREFIX if prefix else ""
        return "(" + self.OR.join(f"{self.QUOTE}{t}{self.QUOTE}{star}" for t in terms) + ")"

    def _filter_tokens(self, extra: tuple[str, ...] = ()) -> str:
        """The filter clauses (and the sample slots, if any) as an AND of ORs."""
        return self.AND.join(self._any_of(clause) for clause in (*self.clauses, extra) if clause)

    @classmethod
    def sample_slots(cls, needed: int) -> int:
        """How many slots a sample that needs ``needed`` of them reads."""
        return filters.sample_width(needed) if cls.WIDTH_TOKENS else min(needed, filters.SAMPLE_SLOTS)

    def at_most(self) -> float | None:
        """About how many entries can match at most, when the database can tell without counting."""
        return None

    def probe(self) -> "Probe":
        """The matches among the entries of the first sample slot."""
        return Probe(self.matches(8 * tables.SAMPLE_SIZE, filters.sample_tokens(1), sampled=True))

    def tally(self, limit: int, window: int) -> "Counts | None":
        """Every match counted in one statement, when there are at most ``limit``: the total, and the matches
        the facets and the candidates need (all of them up to tables.EXACT_LIMIT; beyond, a sample by id and the
        newest ``window`` strong and ``window + tables.MIN_BODY_CANDIDATES`` of all). ``None`` when there are more."""
        rows = self._tally_rows(limit, window)
        total, width = next(row[:2] for row in rows if row[2] is None)
        if total > limit:
            return None
        width = min(width, filters.SAMPLE_SLOTS)
        matches = [row[2:] for row in rows if row[2] is not None]
        if total <= tables.EXACT_LIMIT:
            return Counts(total, True, facet_counts([m[1] for m in matches], 1.0), matches)
        sample = [m[1] for m in matches if m[0] % filters.SAMPLE_SLOTS < width]
        return Counts(total, True, facet_counts(sample, filters.SAMPLE_SLOTS / width), matches)

    def _tally_rows(self, limit: int, window: int) -> list[tuple]:
        """``(total, sample width, id, filter tokens[, strong])``: one row (its id null) carries the total and the
        width; the others are the matches wanted. The sample is the ids in the first ``width`` of the
        SAMPLE_SLOTS residues, enough to read about tables.SAMPLE_SIZE matches."""
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
        return [filters.SAMPLE_SLOTS, filters.SAMPLE_SLOTS * tables.SAMPLE_SIZE, limit, tables.EXACT_LIMIT,
                filters.SAMPLE_SLOTS, *([window] if self.FLAGS_STRONG else []), window + tables.MIN_BODY_CANDIDATES]
