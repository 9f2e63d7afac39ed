"""Benchmark the database search backend (search.database) on generated documents: indexing and query latency.

    .venv/bin/python bench/search/run.py --database-url sqlite:////tmp/muathi-bench/search.sqlite3
    .venv/bin/python bench/search/run.py --database-url postgres://postgres@127.0.0.1:5432/muathi_bench_search

Migrates the bench database, clears the search index, indexes N documents from bench/search/generate.py with
``search.writing.write`` (timed per chunk; generation is not timed), runs ANALYZE (VACUUM ANALYZE on
PostgreSQL, FTS5 'optimize' on SQLite), then a warm-up and a fixed seeded mix of queries through
``DatabaseBackend().search`` / ``.suggest``, each timed with perf_counter. Prints a table and writes
bench/search/results-<vendor>.json (p50/p95/p99/max per query class and overall, where the time went per
class, indexing docs/s, database size). ``--reuse`` skips indexing when an index is there. Before measuring,
entries past their expiry (at the bench's "now") are purged, as ``publish_due`` does every minute on a site.
"""

import argparse
import datetime
import itertools
import json
import os
import platform
import random
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

NOW = datetime.datetime(2026, 7, 1, 5, 0, tzinfo=datetime.UTC)
ROOT = "00010001"
TARGET_P95_MS = 50.0


def parse_args() -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--database-url", required=True)
    p.add_argument("--documents", type=int, default=100_000)
    p.add_argument("--queries", type=int, default=400, help="measured queries (the mix is seeded)")
    p.add_argument("--warmup", type=int, default=60, help="unmeasured queries first")
    p.add_argument("--seed", type=int, default=2026)
    p.add_argument("--chunk", type=int, default=1000, help="documents per write() call")
    p.add_argument("--reuse", action="store_true", help="skip indexing when already indexed")
    p.add_argument("--out", default="", help="JSON path (default bench/search/results-<vendor>.json)")
    p.add_argument("--engine-url", default="", help="also index into and measure this search engine (same mix)")
    p.add_argument("--engine", default="opensearch", choices=["opensearch", "elasticsearch"])
    return p.parse_args()


args = parse_args()
os.environ["DATABASE_URL"] = args.database_url
os.environ["SEARCH_URL"] = args.engine_url
os.environ["SEARCH_ENGINE"] = args.engine
os.environ.setdefault("ELASTICSEARCH_INDEX_PREFIX", "muathi-bench")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("SECRET_KEY", "bench-only-not-secret")  # DEBUG is off: the settings need a key
if args.database_url.startswith("sqlite:"):
    Path(args.database_url.split("sqlite://", 1)[1]).parent.mkdir(parents=True, exist_ok=True)

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from bench.search.generate import documents  # noqa: E402
from bench.search.percentiles import pct  # noqa: E402
from search.database import backend as backend_module  # noqa: E402
from search.database import hits, tables, writing  # noqa: E402
from search.models import SearchEntry  # noqa: E402
from search.types import SearchQuery  # noqa: E402

VENDOR = connection.vendor
TABLES = [tables.ENTRY, tables.AREA, "mua_thi_search_searchterm"]


def log(*a) -> None:
    print(*a, flush=True)


# --- Indexing --------------------------------------------------------------------------------------

def clear_index() -> None:
    with connection.cursor() as c:
        if VENDOR == "postgresql":
            c.execute(f"TRUNCATE {', '.join(TABLES)} RESTART IDENTITY")
        else:  # the FTS5 triggers keep the full-text table in step
            for table in (tables.AREA, "mua_thi_search_searchterm", tables.ENTRY):
                c.execute(f"DELETE FROM {table}")
            for fts in (tables.FTS, tables.HEAD):
                c.execute(f"INSERT INTO {fts}({fts}) VALUES('rebuild')")


def index(n: int, chunk: int) -> dict:
    clear_index()
    docs = documents(n, seed=args.seed)
    spent = generated = 0.0
    done = 0
    chunk_times = []
    while True:
        t0 = time.perf_counter()
        batch = list(itertools.islice(docs, chunk))
        generated += time.perf_counter() - t0
        if not batch:
            break
        t0 = time.perf_counter()
        writing.write(batch)
        took = time.perf_counter() - t0
        spent += took
        chunk_times.append(took)
        done += len(batch)
        if done % 10_000 < chunk:
            log(f"  indexed {done:,} documents, {done / spent:,.0f} docs/s so far")
    t0 = time.perf_counter()
    maintenance()
    maintain = time.perf_counter() - t0
    return {"documents": done, "seconds": round(spent, 2), "docs_per_s": round(done / spent, 1),
            "chunk": chunk, "chunk_s_p50": round(statistics.median(chunk_times), 3),
            "chunk_s_max": round(max(chunk_times), 3),
            "first_10pct_docs_per_s": round(_rate(chunk_times[: max(1, len(chunk_times) // 10)], chunk), 1),
            "last_10pct_docs_per_s": round(_rate(chunk_times[-max(1, len(chunk_times) // 10):], chunk), 1),
            "generation_s": round(generated, 2), "maintenance_s": round(maintain, 2)}


def _rate(times: list[float], chunk: int) -> float:
    return len(times) * chunk / sum(times)


def maintenance() -> None:
    # What a running site's publish_due does every minute: entries past their expiry leave the index.
    purged = writing.purge_expired(NOW)
    if purged:
        log(f"  purged {purged:,} expired entries (as publish_due does)")
    with connection.cursor() as c:
        if VENDOR == "postgresql":
            for table in TABLES:
                c.execute(f"VACUUM ANALYZE {table}")
        else:
            for fts in (tables.FTS, tables.HEAD):
                c.execute(f"INSERT INTO {fts}({fts}) VALUES('optimize')")
            c.execute("ANALYZE")
            c.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def database_info() -> dict:
    info: dict = {"vendor": VENDOR}
    with connection.cursor() as c:
        if VENDOR == "postgresql":
            c.execute("SHOW server_version")
            info["version"] = c.fetchone()[0]
            c.execute("SELECT pg_database_size(current_database())")
            info["size_bytes"] = c.fetchone()[0]
            sizes = {}
            for t in TABLES:
                c.execute("SELECT pg_total_relation_size(%s), pg_relation_size(%s)", [t, t])
                total, heap = c.fetchone()
                sizes[t] = {"total_bytes": total, "heap_bytes": heap}
            for gin in ("search_entry_tsv", "search_entry_head_tsv", "search_entry_filter_tsv"):
                c.execute("SELECT pg_relation_size(%s)", [gin])
                sizes[f"{gin} (GIN)"] = {"total_bytes": c.fetchone()[0]}
            info["tables"] = sizes
            for setting in ("shared_buffers", "work_mem", "effective_cache_size", "jit",
                            "max_parallel_workers_per_gather"):
                c.execute(f"SHOW {setting}")
                info[setting] = c.fetchone()[0]
        else:
            import sqlite3
            info["version"] = sqlite3.sqlite_version
            path = Path(connection.settings_dict["NAME"])
            info["size_bytes"] = sum(p.stat().st_size for p in path.parent.glob(path.name + "*"))
            try:
                c.execute("SELECT name, SUM(pgsize) FROM dbstat GROUP BY name ORDER BY 2 DESC LIMIT 12")
                info["tables"] = {name: {"total_bytes": size} for name, size in c.fetchall()}
            except Exception:  # dbstat not compiled in
                pass
        c.execute(f"SELECT COUNT(*) FROM {tables.ENTRY}")
        info["entries"] = c.fetchone()[0]
        c.execute("SELECT COUNT(*) FROM mua_thi_search_searchterm")
        info["vocabulary_terms"] = c.fetchone()[0]
    return info


# --- The query mix --------------------------------------------------------------------------------

COMMON = ["điểm thi", "lịch thi", "thí sinh", "phúc khảo", "tuyển sinh", "tốt nghiệp", "điểm chuẩn", "đề thi",
          "Ngữ văn", "tiếp sức"]
UNACCENTED = ["diem thi", "lich thi", "thi sinh", "phuc khao", "tuyen sinh", "diem chuan", "ngu van",
              "tot nghiep", "de thi", "tiep suc"]
RARE_TERMS = ["diem thi", "phuc khao", "lịch thi", "điểm chuẩn lớp 10", "tiếp sức mùa thi", "mưa lớn",
              "thủ khoa", "xe buýt", "de thi", "trieu cuong", "tuyen sinh lop 10", "ket qua phuc khao"]
RARE_PLACES = ["tan chau", "Châu Đốc", "Long Xuyên", "Rạch Giá", "phu quoc", "Chợ Mới", "Hà Tiên", "Tri Tôn",
               "2025", "2024", "2019", "Toán", "tieng anh"]
TELEX = ["ddieemr thi", "lichj thi", "phucs khaor", "tuyeenr sinh", "ddieemr chuaanr", "this sinh",
         "tieeps suwcs", "truwowngf thpt", "ddeef thi toans", "lichj thi lowps 10"]
TYPO_FIXED = ["diemm thi", "lich thii", "phucc khao", "tuyen sinhh", "thi sinnh", "diem chuaan lop 10",
              "phuc khao bia thi", "tieo suc mua thi", "ngu vann", "chau doc lich thj"]
TYPO_NOTHING = ["qwxz zzyq", "kzxvb", "blorpt fnargle", "xqzw 2025", "vvkkq thi zzxx"]
SUGGEST = ["điểm th", "phuc kh", "lịch thi ng", "tan ch", "tuyển sinh l", "tiếp sức m", "diem chu", "thu kho",
           "chau d", "rach g", "AG-0", "ddieemr t"]
# Whole questions as the public types them (issue #22): question and filler words, misspellings, synonyms.
QUESTIONS = ["cho em hỏi khi nào có kết quả phúc khảo ạ", "điểm chuẩn lớp 10 Tân Châu năm nay là bao nhiêu",
             "thí sinh bị ốm có được thi lại không", "lịch thi tốt nghiệp THPT 2025 như thế nào",
             "đi thi cần mang theo những gì", "tiếp sức mùa thi ở Châu Đốc có xe miễn phí không",
             "phuc khao bai thi nop don o dau", "bao gio co diem thi tot nghiep", "nguyện vộng xét tuyển khi nào",
             "thi vào 10 Long Xuyên bao giờ có điểm", "có được mang máy tính cầm tay vào phòng thi không",
             "trường THPT Tri Tôn điểm thi ở đâu ạ"]
KIND_FILTERS = [("news",), ("faq",), ("directive", "notice"), ("venue",), ("story",)]
AREAS = ["30337", "30316", "30280", "30430", "30442", "30367"]

CLASS_WEIGHTS = {
    "common_2w": 14, "unaccented_2w": 10, "rare_3_4w": 14, "telex": 8, "number": 8, "typo_corrected": 8,
    "typo_nothing": 4, "filtered": 18, "suggest": 16, "question": 10,
}


def numbers(rng: random.Random) -> list[str]:
    directive = list(SearchEntry.objects.filter(kind="directive").order_by("id")
                     .values_list("number", flat=True)[:5000])
    venue = list(SearchEntry.objects.filter(kind="venue").order_by("id").values_list("number", flat=True)[:2000])
    out = []
    for number in rng.sample(directive, 12):
        out += [number, number.replace("Đ", "D"), number.split("/")[0] + "/" + number.split("/")[1].split("-")[0]]
    out += rng.sample(venue, 6)
    return out


def query_mix(n: int, seed: int) -> list[tuple[str, str, dict]]:
    """(class, text, filters) triples; the same seed gives the same mix."""
    rng = random.Random(seed)
    nums = numbers(random.Random(seed + 1))
    classes, weights = zip(*CLASS_WEIGHTS.items(), strict=True)
    out = []
    for _ in range(n):
        cls = rng.choices(classes, weights)[0]
        filters: dict = {}
        if cls == "common_2w":
            text = rng.choice(COMMON)
        elif cls == "unaccented_2w":
            text = rng.choice(UNACCENTED)
        elif cls == "rare_3_4w":
            text = f"{rng.choice(RARE_TERMS)} {rng.choice(RARE_PLACES)}"
        elif cls == "telex":
            text = rng.choice(TELEX)
        elif cls == "number":
            text = rng.choice(nums)
        elif cls == "typo_corrected":
            text = rng.choice(TYPO_FIXED)
        elif cls == "typo_nothing":
            text = rng.choice(TYPO_NOTHING)
        elif cls == "question":
            text = rng.choice(QUESTIONS)
        elif cls == "filtered":
            text = rng.choice([*COMMON[:6], *UNACCENTED[:4], "diem thi tan chau", "phuc khao 2025"])
            which = rng.choice(["kind", "year", "area", "area_only", "kind+year+area"])
            if "kind" in which:
                filters["kinds"] = rng.choice(KIND_FILTERS)
            if "year" in which:
                filters["year"] = rng.choice([2025, 2024, 2026, 2020])
            if "area" in which:
                filters["area_codes"] = frozenset(rng.sample(AREAS, rng.choice([1, 1, 2])))
                filters["include_province_wide"] = which != "area_only"
        else:
            text = rng.choice(SUGGEST)
        out.append((cls, text, filters))
    return out


# --- Timing breakdown: wrap the backend's helpers (looked up by name: search/database/ may change) ---

class Breakdown:
    def __init__(self):
        self.current: dict[str, float] = defaultdict(float)
        self.sql = 0

    def wrap(self, owner, name: str, label: str) -> None:
        original = getattr(owner, name, None)
        if original is None:
            log(f"  (breakdown: {name} not found, not timed)")
            return

        def timed(*a, **kw):
            t0 = time.perf_counter()
            try:
                return original(*a, **kw)
            finally:
                self.current[label] += time.perf_counter() - t0
        setattr(owner, name, timed)

    def count_sql(self, execute, sql, params, many, context):
        self.sql += 1
        return execute(sql, params, many, context)

    def take(self) -> tuple[dict[str, float], int]:
        out, sql = dict(self.current), self.sql
        self.current.clear()
        self.sql = 0
        return out, sql


breakdown = Breakdown()
# Each helper is wrapped where its caller looks it up (search/database/backend.py and hits.py).
breakdown.wrap(backend_module, "totals", "total+facets")
breakdown.wrap(hits, "candidate_ids", "candidates_sql")
breakdown.wrap(backend_module, "ranked_keys", "candidates+rank")
breakdown.wrap(hits.ranking, "ranked", "rank_python")
breakdown.wrap(backend_module, "corrections", "spelling_python")
breakdown.wrap(backend_module, "hit", "hits_snippets")
breakdown.wrap(backend_module, "hit_rows", "fetch_hits_sql")


def index_engine(n: int) -> dict:
    """The same documents into the engine, through the backend's own rebuild (bulk load, then the alias swap)."""
    from search.elastic.backend import ElasticsearchBackend

    t0 = time.perf_counter()
    summary = ElasticsearchBackend().rebuild(lambda: documents(n, seed=args.seed), lambda since: ([], []),
                                             lambda message: None)
    seconds = time.perf_counter() - t0  # generation included: it is a small part (see the database's figures)
    return {"documents": summary["documents"], "seconds": round(seconds, 2),
            "docs_per_s": round(summary["documents"] / seconds, 1), "index": summary["index"]}


def run_one(backend, cls: str, text: str, filters: dict) -> tuple[float, int]:
    t0 = time.perf_counter()
    if cls == "suggest":
        found = len(backend.suggest(text, ROOT, NOW, 8))
    else:
        found = backend.search(SearchQuery(text=text, root=ROOT, now=NOW, **filters)).total
    return (time.perf_counter() - t0) * 1000, found


def summary(ms: list[float]) -> dict:
    return {"n": len(ms), "p50_ms": round(pct(ms, 0.5), 2), "p95_ms": round(pct(ms, 0.95), 2),
            "p99_ms": round(pct(ms, 0.99), 2), "max_ms": round(max(ms), 2), "mean_ms": round(statistics.fmean(ms), 2)}


def measure(mix: list[tuple[str, str, dict]], warmup: list[tuple[str, str, dict]], backend=None) -> dict:
    backend = backend or backend_module.DatabaseBackend()
    for cls, text, filters in warmup:
        run_one(backend, cls, text, filters)
    breakdown.take()
    by_class: dict[str, list[float]] = defaultdict(list)
    parts: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    sql_counts: dict[str, list[int]] = defaultdict(list)
    per_text: dict[tuple, dict] = {}
    everything = []
    with connection.execute_wrapper(breakdown.count_sql):
        for cls, text, filters in mix:
            ms, found = run_one(backend, cls, text, filters)
            split, sql = breakdown.take()
            by_class[cls].append(ms)
            everything.append(ms)
            sql_counts[cls].append(sql)
            for label, seconds in split.items():
                parts[cls][label] += seconds * 1000
            key = (cls, text, json.dumps({k: sorted(v) if isinstance(v, frozenset) else v
                                          for k, v in filters.items()}, ensure_ascii=False, sort_keys=True))
            entry = per_text.setdefault(key, {"class": cls, "text": text, "filters": key[2], "ms": [],
                                              "found": found, "sql_queries": sql})
            entry["ms"].append(ms)
    classes = {}
    for cls, ms in by_class.items():
        row = summary(ms)
        row["target_met"] = row["p95_ms"] <= TARGET_P95_MS
        row["sql_queries_per_call"] = round(statistics.fmean(sql_counts[cls]), 1)
        row["mean_ms_by_part"] = {label: round(total / len(ms), 2) for label, total in sorted(parts[cls].items())}
        classes[cls] = row
    texts = sorted(({**{k: v for k, v in e.items() if k != "ms"}, "n": len(e["ms"]),
                     "median_ms": round(statistics.median(e["ms"]), 2), "max_ms": round(max(e["ms"]), 2)}
                    for e in per_text.values()), key=lambda e: -e["median_ms"])
    overall = summary(everything)
    overall["target_met"] = overall["p95_ms"] <= TARGET_P95_MS
    searches = [ms for cls, v in by_class.items() if cls != "suggest" for ms in v]
    return {"overall": overall, "search_only": summary(searches), "suggest": summary(by_class["suggest"]),
            "classes": dict(sorted(classes.items())), "queries": texts}


def code_version() -> dict:
    """search/database/ changes while it is tuned: record exactly which version answered."""
    import hashlib
    import subprocess
    repo = HERE.parents[1]
    head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=repo, capture_output=True,
                          text=True).stdout.strip()
    names = [*(f"database/{p.name}" for p in sorted((repo / "search" / "database").glob("*.py"))),
             "ranking.py", "analysis.py", "spelling.py"]
    files = {name: hashlib.sha256((repo / "search" / name).read_bytes()).hexdigest()[:12] for name in names}
    dirty = subprocess.run(["git", "status", "--porcelain", "search/"], cwd=repo, capture_output=True,
                           text=True).stdout.split()
    return {"head": head, "sha256_12": files, "search_modified": [f for f in dirty if f.endswith(".py")]}


def main() -> None:
    started = datetime.datetime.now(datetime.UTC)
    log(f"{VENDOR}: migrating {args.database_url}")
    t0 = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    log(f"  migrated in {time.perf_counter() - t0:.1f} s")
    indexing = None
    existing = SearchEntry.objects.count()
    if args.reuse and existing:
        log(f"  reusing the index ({existing:,} documents)")
    else:
        log(f"indexing {args.documents:,} documents in chunks of {args.chunk}")
        indexing = index(args.documents, args.chunk)
        log(f"  {indexing['docs_per_s']:,} docs/s ({indexing['seconds']} s; generation {indexing['generation_s']} s "
            f"untimed; maintenance {indexing['maintenance_s']} s)")
    if indexing is None:
        maintenance()
    info = database_info()
    log(f"  database {info['size_bytes'] / 2**20:,.0f} MiB, {info['entries']:,} entries, "
        f"{info['vocabulary_terms']:,} vocabulary terms")
    warm = query_mix(args.warmup, args.seed + 7)
    mix = query_mix(args.queries, args.seed)
    log(f"measuring {len(mix)} queries after {len(warm)} warm-up queries")
    t0 = time.perf_counter()
    results = measure(mix, warm)
    log(f"  done in {time.perf_counter() - t0:.1f} s")
    engine = None
    if args.engine_url:
        from search.elastic.backend import ElasticsearchBackend

        log(f"{args.engine}: indexing {args.documents:,} documents at {args.engine_url}")
        engine_indexing = index_engine(args.documents)
        log(f"  {engine_indexing['docs_per_s']:,} docs/s ({engine_indexing['seconds']} s)")
        log(f"{args.engine}: measuring the same {len(mix)} queries")
        engine = {"engine": args.engine, "indexing": engine_indexing,
                  **measure(mix, warm, ElasticsearchBackend())}

    out = {
        "date": started.strftime("%Y-%m-%d %H:%M UTC"),
        "machine": f"{platform.node()} {os.cpu_count()} cores, Python {platform.python_version()}",
        "command": " ".join([".venv/bin/python", "bench/search/run.py", *sys.argv[1:]]),
        "code": code_version(), "target_p95_ms": TARGET_P95_MS, "documents": args.documents, "indexing": indexing,
        "database": info,
        **results,
        "search_engine": engine,
    }
    path = Path(args.out) if args.out else HERE / f"results-{VENDOR}.json"
    path.write_text(json.dumps(out, ensure_ascii=False, indent=1, default=str) + "\n")

    log(f"\n{VENDOR} — {info['entries']:,} documents, {info['size_bytes'] / 2**20:,.0f} MiB")
    if indexing:
        log(f"indexing: {indexing['docs_per_s']:,} docs/s")
    log(f"{'class':16} {'n':>4} {'p50':>8} {'p95':>8} {'p99':>8} {'max':>8}  sql  where the time goes (mean ms)")
    rows = [*results["classes"].items(), ("search (all)", results["search_only"]), ("overall", results["overall"])]
    for cls, r in rows:
        where = ", ".join(f"{k} {v}" for k, v in r.get("mean_ms_by_part", {}).items())
        log(f"{cls:16} {r['n']:>4} {r['p50_ms']:>8.1f} {r['p95_ms']:>8.1f} {r['p99_ms']:>8.1f} {r['max_ms']:>8.1f}"
            f"  {r.get('sql_queries_per_call', ''):>4}  {where}")
    log("slowest query texts (median ms):")
    for q in results["queries"][:12]:
        log(f"  {q['median_ms']:>8.1f}  {q['class']:15} {q['text']!r} {q['filters']} found={q['found']}")
    if engine:
        log(f"\n{args.engine} — indexing {engine['indexing']['docs_per_s']:,} docs/s; same queries:")
        for name in ("search_only", "suggest", "overall"):
            r = engine[name]
            log(f"{name:16} {r['n']:>4} {r['p50_ms']:>8.1f} {r['p95_ms']:>8.1f} {r['p99_ms']:>8.1f} "
                f"{r['max_ms']:>8.1f}")
    log(f"wrote {path}")


if __name__ == "__main__":
    main()
