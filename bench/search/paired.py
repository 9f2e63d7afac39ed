"""Compare two checkouts of the database search backend query by query, on one bench index.

    git worktree add /tmp/before HEAD~1
    .venv/bin/python bench/search/paired.py --database-url postgres://postgres@127.0.0.1:5432/muathi_bench_search \\
        /tmp/before .

This machine's speed drifts by up to ±50 % within minutes, so two bench runs one after the other compare badly.
Here one worker process per checkout answers the same query in turn (which goes first alternates), over the
seeded 400-query mix of ``run.py``, after the same warm-up; both meet the same machine and the same caches.
Prints p50/p95 per checkout, overall and per class; the query texts whose hits differ (keys, scores, snippets
and fields, in order) and those whose total or facets differ; the slowest query texts and those slowed most.
Needs an index built by ``run.py``; both checkouts run with this checkout's virtualenv.
"""

import argparse
import datetime
import hashlib
import json
import os
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

from bench.search.percentiles import pct  # noqa: E402

NOW = datetime.datetime(2026, 7, 1, 5, 0, tzinfo=datetime.UTC)
ROOT = "00010001"


def worker(checkout: str, database_url: str) -> None:
    """Reads a JSON query per line, answers with the milliseconds and a digest of the results."""
    sys.path.insert(0, checkout)
    os.chdir(checkout)
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("SECRET_KEY", "bench-only-not-secret")  # DEBUG is off: the settings need a key
    import django

    django.setup()
    from search.database.backend import DatabaseBackend
    from search.types import SearchQuery

    backend = DatabaseBackend()
    print("ready", flush=True)
    for line in sys.stdin:
        cls, text, filters = json.loads(line)
        if "area_codes" in filters:
            filters["area_codes"] = frozenset(filters["area_codes"])
        if "kinds" in filters:
            filters["kinds"] = tuple(filters["kinds"])
        started = time.perf_counter()
        if cls == "suggest":
            hits, counts = [s.key for s in backend.suggest(text, ROOT, NOW, 8)], []
        else:
            r = backend.search(SearchQuery(text=text, root=ROOT, now=NOW, **filters))
            hits = [(h.key, h.score, h.snippet, h.title, h.url, h.date, h.areas) for h in r.hits]
            counts = [r.total, r.total_exact,
                      {k: [(v.value, v.count) for v in values] for k, values in r.facets.items()}]
        ms = (time.perf_counter() - started) * 1000
        print(json.dumps([ms, _digest(hits), _digest(counts)]), flush=True)


def _digest(value: object) -> str:
    return hashlib.sha1(json.dumps(value, ensure_ascii=False, default=str).encode()).hexdigest()[:12]


def query_mix(database_url: str, n: int, seed: int) -> list:
    """``run.py``'s mix (it reads document numbers from the index, so it is built against the database)."""
    code = (f"import json, sys; sys.argv = ['run.py', '--database-url', {database_url!r}]; "
            "sys.path.insert(0, 'bench/search'); import run; "
            f"print(json.dumps([(c, t, {{k: sorted(v) if isinstance(v, frozenset) else v for k, v in f.items()}}) "
            f"for c, t, f in run.query_mix({n}, {seed})], ensure_ascii=False))")
    out = subprocess.run([sys.executable, "-c", code], cwd=HERE.parents[1], capture_output=True, text=True,
                         check=True, env={**os.environ, "MUA_THI_VAR_DIR": "/tmp/muathi-bench"})
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--database-url", required=True)
    p.add_argument("--queries", type=int, default=400)
    p.add_argument("--seed", type=int, default=2026)
    p.add_argument("--rounds", type=int, default=2, help="times through the mix")
    p.add_argument("--show", type=int, default=12, help="query texts listed as slowest and as slowed most")
    p.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    p.add_argument("before", help="the checkout to compare against (a git worktree)")
    p.add_argument("after", help="the checkout under test")
    args = p.parse_args()
    if args.worker:
        worker(args.before, args.database_url)
        return
    names = {"before": str(Path(args.before).resolve()), "after": str(Path(args.after).resolve())}
    mix = query_mix(args.database_url, args.queries, args.seed)
    workers = {name: subprocess.Popen([sys.executable, __file__, "--worker", "--database-url", args.database_url,
                                       path, path], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
               for name, path in names.items()}
    for w in workers.values():
        if w.stdout.readline().strip() != "ready":
            sys.exit("a worker did not start")

    def ask(name: str, query: list) -> tuple[float, str, str]:
        workers[name].stdin.write(json.dumps(query, ensure_ascii=False) + "\n")
        workers[name].stdin.flush()
        ms, hits, counts = json.loads(workers[name].stdout.readline())
        return ms, hits, counts

    for query in mix[::7]:  # warm-up: the same for both
        for name in workers:
            ask(name, query)
    times: dict[str, dict[str, list[float]]] = {name: defaultdict(list) for name in workers}
    per_text: dict[str, dict[str, list[float]]] = {name: defaultdict(list) for name in workers}
    hits_differ, counts_differ = {}, {}
    for r in range(args.rounds):
        for i, query in enumerate(mix):
            order = ["before", "after"] if (i + r) % 2 == 0 else ["after", "before"]
            answers = {name: ask(name, query) for name in order}
            text = json.dumps(query, ensure_ascii=False)
            for name, (ms, _, _) in answers.items():
                times[name][query[0]].append(ms)
                per_text[name][text].append(ms)
            if answers["before"][1] != answers["after"][1]:
                hits_differ[text] = query
            if answers["before"][2] != answers["after"][2]:
                counts_differ[text] = query
    for w in workers.values():
        w.stdin.close()
        w.wait()

    print(f"{len(mix)} queries × {args.rounds} rounds, {args.database_url}")
    for name, path in names.items():
        every = [ms for values in times[name].values() for ms in values]
        searches = [ms for cls, values in times[name].items() if cls != "suggest" for ms in values]
        print(f"{name:7} {path}: searches p50 {pct(searches, .5):.1f} p95 {pct(searches, .95):.1f} | overall p50 "
              f"{pct(every, .5):.1f} p95 {pct(every, .95):.1f} mean {statistics.fmean(every):.1f} ms")
    for cls in sorted(times["before"]):
        b, a = times["before"][cls], times["after"][cls]
        print(f"  {cls:15} before mean {statistics.fmean(b):5.1f} p95 {pct(b, .95):5.1f} | "
              f"after mean {statistics.fmean(a):5.1f} p95 {pct(a, .95):5.1f}")
    print(f"query texts whose hits differ (keys, scores, snippets, fields, in order): {len(hits_differ)}")
    for text in list(hits_differ)[:20]:
        print("  ", text)
    print(f"query texts whose total or facets differ: {len(counts_differ)}")
    for text in list(counts_differ)[:20]:
        print("  ", text)
    medians = {text: (statistics.median(per_text["before"][text]), statistics.median(per_text["after"][text]))
               for text in per_text["after"]}
    print(f"the {args.show} slowest query texts after (median ms, before → after):")
    for text, (b, a) in sorted(medians.items(), key=lambda kv: -kv[1][1])[:args.show]:
        print(f"  {b:6.1f} → {a:6.1f}  {text}")
    print(f"the {args.show} query texts slowed most (median ms, before → after):")
    for text, (b, a) in sorted(medians.items(), key=lambda kv: kv[1][0] - kv[1][1])[:args.show]:
        print(f"  {b:6.1f} → {a:6.1f}  {text}")


if __name__ == "__main__":
    main()
