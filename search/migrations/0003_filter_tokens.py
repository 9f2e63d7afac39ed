"""Bounded database search: filters become tokens of the full-text index, the index drops positions and weights
(the Python ranking orders candidates), and a small title/code/place index finds the strongest matches first.

SQLite: two FTS5 tables linked to the entry table (detail=column): ``mua_thi_search_fts`` (every word column
and the filter tokens) and ``mua_thi_search_head`` (title, codes, places and filter tokens).
PostgreSQL: ``tsv`` (every word), ``head_tsv`` and ``filter_tsv``, all generated, stripped and GIN-indexed.
"""

from django.db import migrations, models

ENTRY = "mua_thi_search_searchentry"
FTS = "mua_thi_search_fts"
HEAD = "mua_thi_search_head"
OLD_COLUMNS = "title_terms, code_terms, place_terms, toned_terms, text_terms"
TABLES = {
    FTS: "title_terms, code_terms, place_terms, text_terms, filter_terms",
    HEAD: "title_terms, code_terms, place_terms, filter_terms",
}


def _fts5(table: str, columns: str) -> list[str]:
    new = ", ".join(f"new.{c.strip()}" for c in columns.split(","))
    old = ", ".join(f"old.{c.strip()}" for c in columns.split(","))
    return [
        f"CREATE VIRTUAL TABLE {table} USING fts5({columns}, content='{ENTRY}', content_rowid='id', "
        "tokenize='unicode61 remove_diacritics 0', prefix='2 3', detail=column)",
        f"CREATE TRIGGER {table}_ai AFTER INSERT ON {ENTRY} BEGIN "
        f"INSERT INTO {table}(rowid, {columns}) VALUES (new.id, {new}); END",
        f"CREATE TRIGGER {table}_ad AFTER DELETE ON {ENTRY} BEGIN "
        f"INSERT INTO {table}({table}, rowid, {columns}) VALUES ('delete', old.id, {old}); END",
        f"CREATE TRIGGER {table}_au AFTER UPDATE ON {ENTRY} BEGIN "
        f"INSERT INTO {table}({table}, rowid, {columns}) VALUES ('delete', old.id, {old}); "
        f"INSERT INTO {table}(rowid, {columns}) VALUES (new.id, {new}); END",
        f"INSERT INTO {table}({table}) VALUES ('rebuild')",
    ]


def _drop_fts5(table: str) -> list[str]:
    return [f"DROP TRIGGER IF EXISTS {table}_{t}" for t in ("ai", "ad", "au")] + [f"DROP TABLE IF EXISTS {table}"]


OLD_SQLITE = [
    f"CREATE VIRTUAL TABLE {FTS} USING fts5({OLD_COLUMNS}, content='{ENTRY}', content_rowid='id', "
    "tokenize='unicode61 remove_diacritics 0', prefix='2 3')",
    f"CREATE TRIGGER {FTS}_ai AFTER INSERT ON {ENTRY} BEGIN "
    f"INSERT INTO {FTS}(rowid, {OLD_COLUMNS}) VALUES (new.id, new.title_terms, new.code_terms, new.place_terms, "
    "new.toned_terms, new.text_terms); END",
    f"CREATE TRIGGER {FTS}_ad AFTER DELETE ON {ENTRY} BEGIN "
    f"INSERT INTO {FTS}({FTS}, rowid, {OLD_COLUMNS}) VALUES ('delete', old.id, old.title_terms, old.code_terms, "
    "old.place_terms, old.toned_terms, old.text_terms); END",
    f"CREATE TRIGGER {FTS}_au AFTER UPDATE ON {ENTRY} BEGIN "
    f"INSERT INTO {FTS}({FTS}, rowid, {OLD_COLUMNS}) VALUES ('delete', old.id, old.title_terms, old.code_terms, "
    "old.place_terms, old.toned_terms, old.text_terms); "
    f"INSERT INTO {FTS}(rowid, {OLD_COLUMNS}) VALUES (new.id, new.title_terms, new.code_terms, new.place_terms, "
    "new.toned_terms, new.text_terms); END",
    f"INSERT INTO {FTS}({FTS}) VALUES ('rebuild')",
]
OLD_POSTGRES = [
    f"ALTER TABLE {ENTRY} ADD COLUMN tsv tsvector GENERATED ALWAYS AS ("
    "setweight(to_tsvector('simple', title_terms), 'A') || setweight(to_tsvector('simple', code_terms), 'A') || "
    "setweight(to_tsvector('simple', place_terms), 'C') || setweight(to_tsvector('simple', toned_terms), 'B') || "
    "setweight(to_tsvector('simple', text_terms), 'D')) STORED",
    f"CREATE INDEX search_entry_tsv ON {ENTRY} USING gin (tsv)",
]

# Facet counting reads each match's expiry and filter tokens: a covering index keeps those reads narrow.
SQLITE_FACETS_INDEX = [f"CREATE INDEX search_entry_facets ON {ENTRY} (id, expires_at, filter_terms)"]
DROP_SQLITE_FACETS_INDEX = ["DROP INDEX IF EXISTS search_entry_facets"]

# Stripped (no positions, no weights) and kept in the row (STORAGE MAIN) while the long texts go out of line
# (EXTERNAL): a match is checked without fetching TOASTed data.
NEW_POSTGRES = [
    f"ALTER TABLE {ENTRY} ADD COLUMN tsv tsvector GENERATED ALWAYS AS (strip(to_tsvector('simple', "
    "title_terms || ' ' || code_terms || ' ' || place_terms || ' ' || text_terms))) STORED",
    f"ALTER TABLE {ENTRY} ADD COLUMN head_tsv tsvector GENERATED ALWAYS AS (strip(to_tsvector('simple', "
    "title_terms || ' ' || code_terms || ' ' || place_terms))) STORED",
    f"ALTER TABLE {ENTRY} ADD COLUMN filter_tsv tsvector GENERATED ALWAYS AS "
    "(strip(to_tsvector('simple', filter_terms))) STORED",
    f"ALTER TABLE {ENTRY} ALTER COLUMN tsv SET STORAGE MAIN, ALTER COLUMN body SET STORAGE EXTERNAL, "
    "ALTER COLUMN summary SET STORAGE EXTERNAL, ALTER COLUMN text_terms SET STORAGE EXTERNAL, "
    "ALTER COLUMN title SET STORAGE EXTERNAL, ALTER COLUMN areas SET STORAGE EXTERNAL",
    f"CREATE INDEX search_entry_tsv ON {ENTRY} USING gin (tsv)",
    f"CREATE INDEX search_entry_head_tsv ON {ENTRY} USING gin (head_tsv)",
    f"CREATE INDEX search_entry_filter_tsv ON {ENTRY} USING gin (filter_tsv)",
]
DROP_NEW_POSTGRES = [
    "DROP INDEX search_entry_tsv", "DROP INDEX search_entry_head_tsv", "DROP INDEX search_entry_filter_tsv",
    f"ALTER TABLE {ENTRY} DROP COLUMN tsv", f"ALTER TABLE {ENTRY} DROP COLUMN head_tsv",
    f"ALTER TABLE {ENTRY} DROP COLUMN filter_tsv",
]
DROP_OLD_POSTGRES = ["DROP INDEX search_entry_tsv", f"ALTER TABLE {ENTRY} DROP COLUMN tsv"]


def run(statements_by_vendor: dict[str, list[str]]):
    def apply(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)
    return apply


def fill_filter_terms(apps, schema_editor):
    from search.filters import document_tokens

    entry = apps.get_model("mua_thi_search", "SearchEntry")
    rows = entry.objects.only("id", "key", "root", "kind", "year", "section_key", "areas")
    changed = []
    for row in rows.iterator(chunk_size=2000):
        row.filter_terms = document_tokens(key=row.key, root=row.root, kind=row.kind, year=row.year,
                                           section_key=row.section_key,
                                           area_codes=[a["code"] for a in row.areas or []])
        changed.append(row)
        if len(changed) == 2000:
            entry.objects.bulk_update(changed, ["filter_terms"])
            changed = []
    entry.objects.bulk_update(changed, ["filter_terms"])


class Migration(migrations.Migration):
    dependencies = [("mua_thi_search", "0002_fulltext")]

    operations = [
        migrations.RunPython(run({"sqlite": _drop_fts5(FTS), "postgresql": DROP_OLD_POSTGRES}),
                             run({"sqlite": OLD_SQLITE, "postgresql": OLD_POSTGRES})),
        migrations.AddField("searchentry", "filter_terms", models.TextField(blank=True, default=""),
                            preserve_default=False),
        migrations.AddIndex("searchentry", models.Index(fields=["expires_at"], name="search_entry_expires_at")),
        migrations.RunPython(fill_filter_terms, migrations.RunPython.noop),
        migrations.RunPython(run({"sqlite": _fts5(FTS, TABLES[FTS]) + _fts5(HEAD, TABLES[HEAD]) + SQLITE_FACETS_INDEX,
                                  "postgresql": NEW_POSTGRES}),
                             run({"sqlite": _drop_fts5(FTS) + _drop_fts5(HEAD) + DROP_SQLITE_FACETS_INDEX,
                                  "postgresql": DROP_NEW_POSTGRES})),
    ]
