"""Sample widths as tokens: entries in the first 2, 4 … 64 sample slots get one token per width ("zzqu2" …),
so a widened estimate reads one posting list instead of an OR of dozens (``search.filters.SAMPLE_WIDTHS``).

Rewrites ``filter_terms`` of every entry; the FTS5 triggers (SQLite) and the generated ``filter_tsv``
(PostgreSQL) follow. On SQLite the FTS5 tables are merged afterwards (an update of every row leaves them in
many segments); on PostgreSQL run ``VACUUM ANALYZE mua_thi_search_searchentry`` after migrating a large index
(VACUUM cannot run inside a migration), or ``manage.py search_index rebuild --backend database``.
"""

import importlib

from django.db import migrations

previous = importlib.import_module("search.migrations.0003_filter_tokens")
MERGE = {"sqlite": [f"INSERT INTO {table}({table}) VALUES ('optimize')" for table in (previous.FTS, previous.HEAD)]}


class Migration(migrations.Migration):
    dependencies = [("mua_thi_search", "0003_filter_tokens")]

    operations = [
        migrations.RunPython(previous.fill_filter_terms, migrations.RunPython.noop),
        migrations.RunPython(previous.run(MERGE), migrations.RunPython.noop),
    ]
