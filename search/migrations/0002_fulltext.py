"""Full-text structures for the database search: FTS5 on SQLite, a weighted tsvector + GIN on PostgreSQL."""

from django.db import migrations

ENTRY = "mua_thi_search_searchentry"
FTS = "mua_thi_search_fts"
COLUMNS = "title_terms, code_terms, place_terms, toned_terms, text_terms"

SQLITE_FORWARD = [
    f"CREATE VIRTUAL TABLE {FTS} USING fts5({COLUMNS}, content='{ENTRY}', content_rowid='id', "
    "tokenize='unicode61 remove_diacritics 0', prefix='2 3')",
    f"CREATE TRIGGER {FTS}_ai AFTER INSERT ON {ENTRY} BEGIN "
    f"INSERT INTO {FTS}(rowid, {COLUMNS}) VALUES (new.id, new.title_terms, new.code_terms, new.place_terms, "
    "new.toned_terms, new.text_terms); END",
    f"CREATE TRIGGER {FTS}_ad AFTER DELETE ON {ENTRY} BEGIN "
    f"INSERT INTO {FTS}({FTS}, rowid, {COLUMNS}) VALUES ('delete', old.id, old.title_terms, old.code_terms, "
    "old.place_terms, old.toned_terms, old.text_terms); END",
    f"CREATE TRIGGER {FTS}_au AFTER UPDATE ON {ENTRY} BEGIN "
    f"INSERT INTO {FTS}({FTS}, rowid, {COLUMNS}) VALUES ('delete', old.id, old.title_terms, old.code_terms, "
    "old.place_terms, old.toned_terms, old.text_terms); "
    f"INSERT INTO {FTS}(rowid, {COLUMNS}) VALUES (new.id, new.title_terms, new.code_terms, new.place_terms, "
    "new.toned_terms, new.text_terms); END",
]
SQLITE_BACKWARD = [f"DROP TRIGGER {FTS}_ai", f"DROP TRIGGER {FTS}_ad", f"DROP TRIGGER {FTS}_au",
                   f"DROP TABLE {FTS}"]

# Weights: title and codes A, the toned (exact-diacritic) forms B, address and area names C, the rest D. Terms are ASCII words
# separated by spaces (search.analysis), so the parser cuts them exactly as FTS5 does.
POSTGRES_FORWARD = [
    f"ALTER TABLE {ENTRY} ADD COLUMN tsv tsvector GENERATED ALWAYS AS ("
    "setweight(to_tsvector('simple', title_terms), 'A') || setweight(to_tsvector('simple', code_terms), 'A') || "
    "setweight(to_tsvector('simple', place_terms), 'C') || setweight(to_tsvector('simple', toned_terms), 'B') || "
    "setweight(to_tsvector('simple', text_terms), 'D')"
    ") STORED",
    f"CREATE INDEX search_entry_tsv ON {ENTRY} USING gin (tsv)",
]
POSTGRES_BACKWARD = ["DROP INDEX search_entry_tsv", f"ALTER TABLE {ENTRY} DROP COLUMN tsv"]


def run(statements_by_vendor):
    def apply(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)
    return apply


class Migration(migrations.Migration):
    dependencies = [("mua_thi_search", "0001_search_index")]

    operations = [
        migrations.RunPython(
            run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
            run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}),
        ),
    ]
