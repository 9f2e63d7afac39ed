"""Where one database search spends its time: every SQL statement the backend sends, timed, and the rest.

    .venv/bin/python bench/search/profile.py --database-url postgres://postgres@127.0.0.1:5432/muathi_bench_search \\
        "điểm thi" "phuc khao 2025" --explain

Runs against an index built by bench/search/run.py. For each query text, ``DatabaseBackend().search`` runs
--repeat times; each statement it sends is timed (median over the runs) and the time outside SQL is shown as
"python". With --explain, each statement is also run under EXPLAIN (ANALYZE, BUFFERS) on PostgreSQL or
EXPLAIN QUERY PLAN on SQLite.
"""

import argparse
import datetime
import os
import statistics
import sys
import time
from collections import defaultdict
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

from search.database.backend import DatabaseBackend  # noqa: E402
from search.types import SearchQuery  # noqa: E402

NOW = datetime.datetime(2026, 7, 1, 5, 0, tzinfo=datetime.UTC)
ROOT = "00010001"


class Recorder:
    def __init__(self):
        self.statements: list[tuple[str, tuple, float]] = []

    def __call__(self, execute, sql, params, many, context):
        t0 = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.statements.append((sql, tuple(params or ()), time.perf_counter() - t0))


def explain(sql: str, params: tuple) -> str:
    prefix = "EXPLAIN (ANALYZE, BUFFERS) " if connection.vendor == "postgresql" else "EXPLAIN QUERY PLAN "
    with connection.cursor() as cursor:
        cursor.execute(prefix + sql, params)
        return "\n".join("    " + " ".join(str(c) for c in row) for row in cursor.fetchall())


def profile(text: str) -> None:
    backend = DatabaseBackend()
    query = SearchQuery(text=text, root=ROOT, now=NOW)
    per_statement: dict[int, list[float]] = defaultdict(list)
    totals, python = [], []
    last: list = []
    for _ in range(args.repeat):
        recorder = Recorder()
        t0 = time.perf_counter()
        with connection.execute_wrapper(recorder):
            results = backend.search(query)
        elapsed = time.perf_counter() - t0
        totals.append(elapsed)
        python.append(elapsed - sum(s[2] for s in recorder.statements))
        for i, (_, _, seconds) in enumerate(recorder.statements):
            per_statement[i].append(seconds)
        last = recorder.statements
    print(f"\n{text!r}: total {results.total:,} ({'exact' if results.total_exact else 'estimated'}), "
          f"median {statistics.median(totals) * 1000:.1f} ms, python {statistics.median(python) * 1000:.1f} ms")
    for i, (sql, params, _) in enumerate(last):
        print(f"  {statistics.median(per_statement[i]) * 1000:7.1f} ms  {' '.join(sql.split())[:150]}")
        if args.explain:
            print(explain(sql, params))


for text in args.texts:
    profile(text)
