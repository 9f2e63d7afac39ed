"""Suggestions for a last word of one or two letters ("lịch thi ng", "điểm thi t") read one posting list.

A prefix query ("ng:*", FTS5 "ng*") merges the posting lists of every indexed word that starts with it:
hundreds of words for one or two letters, and PostgreSQL's planner, unable to cost that, walks the newest rows
one by one instead (17–37 ms for "lịch thi ng" on the bench index).

PostgreSQL: ``head_tsv`` (title, codes, places) also holds, for each word, its first letter and its first two
letters marked with "~" ("ngu" → 'n~' 'ng~'), a lexeme no query word can spell (query words are letters and
digits). A short last word is looked up as that one lexeme, in the same GIN scan as the other words. Prefix
queries of any length ('ng:*') still match exactly the entries they matched: 'ng~' is there only when a word
starting with "ng" is. The column is recreated, which rewrites the table: 36 s on the bench index of
100,000 entries; run ``VACUUM ANALYZE mua_thi_search_searchentry`` afterwards.
SQLite: the title/code/place FTS5 table is rebuilt with a one-letter prefix index too (``prefix='1 2 3'``).
"""

import importlib

from django.db import migrations

previous = importlib.import_module("search.migrations.0003_filter_tokens")
ENTRY, HEAD, TABLES = previous.ENTRY, previous.HEAD, previous.TABLES
HEAD_TEXT = "title_terms || ' ' || code_terms || ' ' || place_terms"
SHORT_PREFIXES = (r"array_to_tsvector(array_remove(regexp_split_to_array("
                  rf"regexp_replace({HEAD_TEXT}, '(\S)(\S?)\S*', '\1~ \1\2~', 'g'), '\s+'), ''))")


def _head_tsv(expression: str) -> list[str]:
    return [
        "DROP INDEX search_entry_head_tsv",
        f"ALTER TABLE {ENTRY} DROP COLUMN head_tsv",
        # One statement: the rewrite that fills the column then keeps it in the row (as migration 0005 set it).
        f"ALTER TABLE {ENTRY} ADD COLUMN head_tsv tsvector GENERATED ALWAYS AS ({expression}) STORED, "
        "ALTER COLUMN head_tsv SET STORAGE MAIN",
        f"CREATE INDEX search_entry_head_tsv ON {ENTRY} USING gin (head_tsv)",
    ]


def _head_fts5(prefixes: str) -> list[str]:
    return previous._drop_fts5(HEAD) + [
        s.replace("prefix='2 3'", f"prefix='{prefixes}'") for s in previous._fts5(HEAD, TABLES[HEAD])]


FORWARD = {"sqlite": _head_fts5("1 2 3"),
           "postgresql": _head_tsv(f"strip(to_tsvector('simple', {HEAD_TEXT}) || {SHORT_PREFIXES})")}
BACKWARD = {"sqlite": _head_fts5("2 3"), "postgresql": _head_tsv(f"strip(to_tsvector('simple', {HEAD_TEXT}))")}


class Migration(migrations.Migration):
    dependencies = [("mua_thi_search", "0005_inline_match_columns")]

    operations = [migrations.RunPython(previous.run(FORWARD), previous.run(BACKWARD))]
