"""Matching on SQLite: two FTS5 tables (every word; title, codes and places), kept by triggers."""



from search.database.matching import Match
from search.database.tables import ENTRY, FTS, HEAD, fetch
from search.models import SearchEntry


class SqliteMatch(Match):
    _TALLY = Match._TALLY.format(least="MIN", greatest="MAX", recency="", strong="", no_flag="")
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
        return [r[0] for r in fetch(f"SELECT rowid FROM {table} WHERE {condition} ORDER BY rowid DESC LIMIT %s",
                                          [*params, limit])]

    def count(self, limit: int) -> int:
        condition, params = self._matching(FTS, self.WORDS)
        return fetch(f"SELECT COUNT(*) FROM (SELECT rowid FROM {FTS} WHERE {condition} LIMIT %s)",
                           [*params, limit])[0][0]

    def _tally_rows(self, limit: int, window: int) -> list[tuple]:
        condition, params = self._matching(FTS, self.WORDS)
        return fetch(
            f"WITH m AS MATERIALIZED (SELECT rowid AS id FROM {FTS} WHERE {condition} LIMIT %s), "
            f"{self._TALLY} "
            f"SELECT NULL, NULL, e.id, e.filter_terms FROM w JOIN {ENTRY} e INDEXED BY search_entry_facets "
            "ON e.id = w.id",
            [*params, limit + 1, *self._tally_params(limit, window)])

    def matches(self, limit: int, slots: tuple[str, ...] = (), sampled: bool = False) -> list[tuple]:
        """``(id, filter tokens)`` of up to ``limit`` matches (of those in the sample slots given)."""
        condition, params = self._matching(FTS, self.WORDS, slots)
        return fetch(
            f"SELECT m.id, e.filter_terms FROM (SELECT rowid AS id FROM {FTS} WHERE {condition} LIMIT %s) m "
            f"JOIN {ENTRY} e INDEXED BY search_entry_facets ON e.id = m.id", [*params, limit])
