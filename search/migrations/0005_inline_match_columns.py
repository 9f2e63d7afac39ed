"""PostgreSQL: keep in the row what matching, counting and ranking read for every match or candidate.

Migration 0003 kept ``tsv`` in the row (STORAGE MAIN) but left the small columns EXTENDED. Beside a 1 KB ``tsv``
a row is over PostgreSQL's 2 KB TOAST threshold, so ``head_tsv`` and the term lists often went out of line:
flagging 1,400 matches as strong read three more pages per row (17 ms instead of 8 ms on the bench index).

Sets STORAGE MAIN on ``head_tsv``, ``filter_tsv``, ``filter_terms``, ``key`` and the title, code, place and
toned term lists, and rewrites every row so values already out of line come back (the generated tsvectors are
computed again). On the bench index of 100,000 entries this took about a minute; run ``VACUUM ANALYZE
mua_thi_search_searchentry`` afterwards (VACUUM cannot run inside a migration). Nothing changes on SQLite.
"""

import importlib

from django.db import migrations

previous = importlib.import_module("search.migrations.0003_filter_tokens")
ENTRY = previous.ENTRY
INLINE = ("head_tsv", "filter_tsv", "filter_terms", "key", "title_terms", "code_terms", "place_terms", "toned_terms")
REWRITTEN = [c for c in INLINE if not c.endswith("_tsv")]  # the generated columns follow their sources

FORWARD = {"postgresql": [
    f"ALTER TABLE {ENTRY} " + ", ".join(f"ALTER COLUMN {c} SET STORAGE MAIN" for c in INLINE),
    f"UPDATE {ENTRY} SET " + ", ".join(f"{c} = {c} || ''" for c in REWRITTEN),
]}
BACKWARD = {"postgresql": [
    f"ALTER TABLE {ENTRY} " + ", ".join(f"ALTER COLUMN {c} SET STORAGE EXTENDED" for c in INLINE),
]}


class Migration(migrations.Migration):
    dependencies = [("mua_thi_search", "0004_sample_widths")]

    operations = [migrations.RunPython(previous.run(FORWARD), previous.run(BACKWARD))]
