"""Where one database search spends its time: the backend's own SQL, timed and (PostgreSQL) EXPLAINed.

    .venv/bin/python bench/search/profile.py --database-url postgres://postgres@127.0.0.1:5432/muathi_bench_search \\
        "điểm thi" "phuc khao 2025" --explain

Runs against an index built by bench/search/run.py. For each query text: the facet queries (kind×year
counts, area counts), the candidate query (ORDER BY the native rank, LIMIT 200) and its variants without
the ORDER BY and without the term columns, the Python re-ranking, the hit fetch and the snippets, each the
median of --repeat runs. SQL is built with the backend's own helpers, so it is what search() sends.
"""

import argparse
import datetime
import os
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

p = argparse.ArgumentParser()
p.add_argument("--database-url", required=True)
p.add_argument("--repeat", type=int, default=5)
p.add_argument("--explain", action="store_true", help="EXPLAIN (ANALYZE, BUFFERS) on PostgreSQL, QUERY PLAN on SQLite")
p.add_argument("texts", nargs="+")
args = p.parse_args()
os.environ["DATABASE_URL"] = args.database_url
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()
from django.db import connection  # noqa: E402

from search import analysis, database, ranking  # noqa: E402
from search.models import SearchEntry  # noqa: E402
from search.types import SearchQuery  # noqa: E402

NOW = datetime.datetime(2026, 7, 1, 5, 0, tzinfo=datetime.UTC)
PG = connection.vendor == "postgresql"
TERM_COLUMNS = "e.key, e.title_terms, e.code_terms, e.place_terms, e.toned_terms, e.text_terms, e.year, e.date"


def timed(fn, repeat=args.repeat):
    times, result = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times), result


def sql_run(sql, params):
    with connection.cursor() as c:
        c.execute(sql, params)
        return c.fetchall()


def explain(label, sql, params):
    prefix = "EXPLAIN (ANALYZE, BUFFERS) " if PG else "EXPLAIN QUERY PLAN "
    rows = sql_run(prefix + sql, params)
    print(f"    --- {label}")
    for row in rows:
        print("      " + (row[0] if PG else " | ".join(str(x) for x in row)))


for text in args.texts:
    query = SearchQuery(text=text, root="00010001", now=NOW)
    analysed = analysis.analyse(text)
    groups = [g.alternatives for g in analysed.groups]
    expression = database._match_expression(groups, any_word=False, prefix_last=False)
    where, where_params = database._matched_from(expression)
    filters, filter_params = database._filters(query)
    params = [*where_params, *filter_params]
    joined, _ = database._matched_from(expression, f"JOIN {database.AREA} a ON a.entry_id = e.id")
    order_params = [expression] if PG else []
    # The native rank as search/database.py (HEAD 0336a82) orders candidates; written out here because that
    # module is being tuned and its helper names change.
    native = ("ts_rank('{0.1, 0.4, 0, 1}', e.tsv, to_tsquery('simple', %s)) DESC, e.id" if PG
              else f"bm25({database.FTS}, 10.0, 10.0, 4.0, 0.0, 1.0), e.id")
    cand_where = where if PG else (f"FROM {database.FTS} f JOIN {database.ENTRY} e ON e.id = f.rowid "
                                   f"WHERE {database.FTS} MATCH %s")
    facet1 = f"SELECT e.kind, e.year, COUNT(*) {where} AND {filters} GROUP BY e.kind, e.year"
    facet2 = (f"SELECT a.code, COUNT(*) {joined} AND {filters} GROUP BY a.code "
              f"ORDER BY COUNT(*) DESC, a.code LIMIT {database.AREA_FACET_SIZE}")
    cand = f"SELECT {TERM_COLUMNS} {cand_where} AND {filters} ORDER BY {native} LIMIT %s"
    cand_ids = f"SELECT e.id {cand_where} AND {filters} ORDER BY {native} LIMIT %s"
    cand_noorder = f"SELECT {TERM_COLUMNS} {cand_where} AND {filters} LIMIT %s"
    count_only = f"SELECT COUNT(*) {where} AND {filters}"

    print(f"\n=== {text!r} → {expression}")
    total_ms, results = timed(lambda: database.DatabaseBackend().search(query))
    print(f"  {'search() total (current search/database.py)':48} {total_ms:8.1f} ms   (total={results.total})")
    ms, _ = timed(lambda: database._facets(expression, query))
    print(f"  {'database._facets (2 grouped queries)':48} {ms:8.1f} ms")
    for label, sql, ps in [
        ("COUNT(*) of matches", count_only, params),
        ("facet: kind×year counts", facet1, params),
        ("facet: area counts (join)", facet2, params),
        ("candidates: ids, ORDER BY rank LIMIT 200", cand_ids, [*params, *order_params, 200]),
        ("candidates: term columns, ORDER BY rank LIMIT 200", cand, [*params, *order_params, 200]),
        ("candidates: term columns, no ORDER BY, LIMIT 200", cand_noorder, [*params, 200]),
    ]:
        ms, rows = timed(lambda: sql_run(sql, ps))
        print(f"  {label:48} {ms:8.1f} ms   ({len(rows)} rows)")
    rows = sql_run(cand, [*params, *order_params, 200])

    def build():
        return [ranking.Candidate(key=k, title_terms=tuple(t.split()), code_terms=frozenset(c.split()),
                                  place_terms=tuple(pl.split()), toned_terms=frozenset(to.split()),
                                  text_terms=Counter(tx.split()), year=y, date=database._as_date(d))
                for k, t, c, pl, to, tx, y, d in rows]
    ms, candidates = timed(build)
    print(f"  {'python: build 200 Candidate (split/Counter)':48} {ms:8.1f} ms")
    ms, ranked = timed(lambda: ranking.ranked(candidates, analysed))
    print(f"  {'python: ranking.ranked':48} {ms:8.1f} ms")
    keys = [k for _, k in ranked[:20]]
    ms, entries = timed(lambda: SearchEntry.objects.in_bulk(keys, field_name="key"))
    print(f"  {'fetch 20 hits (in_bulk, all columns)':48} {ms:8.1f} ms")
    ms, _ = timed(lambda: [database._hit(entries[k], s, analysed) for s, k in ranked[:20]])
    print(f"  {'python: 20 hits with snippets (_hit)':48} {ms:8.1f} ms")
    if args.explain:
        explain("facet: kind×year", facet1, params)
        explain("facet: area", facet2, params)
        explain("candidates", cand, [*params, *order_params, 200])
