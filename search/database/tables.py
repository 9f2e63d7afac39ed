"""The tables of the database search backend and the bounds every statement keeps."""

from typing import TypeVar

from django.db import connection

ENTRY = "mua_thi_search_searchentry"
AREA = "mua_thi_search_searchentryarea"
FTS = "mua_thi_search_fts"
HEAD = "mua_thi_search_head"
TERM = "mua_thi_search_searchterm"
SPELLING = "mua_thi_search_searchspelling"
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

def among(column: str, values: list) -> tuple[str, list]:
    """``column IN (…)``; on PostgreSQL one array parameter, so the statement's text (which psycopg parses and
    caches) is the same whatever the number of values."""
    if connection.vendor == "postgresql":
        return f"{column} = ANY(%s)", [values]
    return f"{column} IN ({', '.join(['%s'] * len(values))})", values


def fetch(sql: str, params: list) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()
