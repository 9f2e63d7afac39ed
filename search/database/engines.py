"""The matcher of the database in use."""


from django.db import connection

from search import filters
from search.database.matching import Match
from search.database.postgres import PostgresMatch
from search.database.sqlite import SqliteMatch
from search.types import SearchQuery


def match_for(groups: list[tuple[str, ...]], query: SearchQuery, any_word: bool = False,
              prefix_last: bool = False, required: int | None = None) -> Match | None:
    kind = engine()
    clauses = filters.query_clauses(query, site=kind.ROOT_AS_TOKEN)
    return None if clauses is None else kind(groups, any_word, prefix_last, clauses, query, required)


def engine() -> type[Match]:
    return PostgresMatch if connection.vendor == "postgresql" else SqliteMatch
