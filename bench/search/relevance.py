"""Relevance of the public search on the judged query set (tests/search/judged_queries.py), per class, beside a
plain BM25 baseline with accent folding.

    .venv/bin/python bench/search/relevance.py                      # throwaway SQLite database
    .venv/bin/python bench/search/relevance.py --database-url postgres://postgres@127.0.0.1:5432/muathi_relevance
    .venv/bin/python bench/search/relevance.py --generated 0        # without the generated corpus

Migrates the database (an empty one: the demo is loaded into it), loads the demo content with the 2024 articles
imported from the old portal and indexes it (tests/search/relevance_corpus.py, as the relevance tests do), asks
every judged query through ``DatabaseBackend().search`` and scores the first ten titles: MRR@10, recall@10 (of
the judged items) and nDCG@10 (grades 2/1) per class and overall. The baseline ranks the same entries with
rank_bm25's BM25Okapi over folded terms of title + summary + body (no Telex decoding, no typo correction, no
synonyms). Then it indexes ``--generated`` documents from bench/search/generate.py in the same database (their
own site root) and scores the ``generated`` class the same way. Prints markdown tables and the worst queries.

The metric functions at the top are pure: tests/search/test_relevance_classes.py uses them.
"""

import math
import random
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from bench.search.typos import typo_queries  # noqa: E402

K = 10

Judgement = dict[str, int]  # title fragment ("=" + whole title for an exact title) → grade (2 best, 1 relevant)


# --- Metrics (pure) ------------------------------------------------------------------------------------------

def matches(title: str, fragment: str) -> bool:
    return title == fragment[1:] if fragment.startswith("=") else fragment in title


def gains(titles: Sequence[str], judgement: Judgement, k: int = K) -> list[int]:
    """The grade each of the first ``k`` titles earns: the best grade among the judged items it is and that no
    earlier title already was (an item found twice counts once), else 0."""
    credited: set[str] = set()
    out = []
    for title in titles[:k]:
        new = [f for f in judgement if f not in credited and matches(title, f)]
        credited.update(new)
        out.append(max((judgement[f] for f in new), default=0))
    return out


def reciprocal_rank(titles: Sequence[str], judgement: Judgement, k: int = K) -> float:
    for rank, title in enumerate(titles[:k], 1):
        if any(matches(title, f) for f in judgement):
            return 1 / rank
    return 0.0


def recall(titles: Sequence[str], judgement: Judgement, k: int = K) -> float:
    """Share of the judged items found among the first ``k`` titles."""
    found = {f for f in judgement for title in titles[:k] if matches(title, f)}
    return len(found) / len(judgement)


def ndcg(titles: Sequence[str], judgement: Judgement, k: int = K) -> float:
    def dcg(grades: Iterable[int]) -> float:
        return sum((2 ** g - 1) / math.log2(i + 2) for i, g in enumerate(grades))

    ideal = dcg(sorted(judgement.values(), reverse=True)[:k])
    return dcg(gains(titles, judgement, k)) / ideal if ideal else 0.0


@dataclass(frozen=True)
class Scores:
    queries: int
    mrr: float
    recall: float
    ndcg: float


def scores(rankings: dict[str, Sequence[str]], judged: dict[str, Judgement], k: int = K) -> Scores:
    """Mean MRR@k, recall@k and nDCG@k over the judged queries, from each query's ranked titles."""
    per_query = [(reciprocal_rank(rankings[q], j, k), recall(rankings[q], j, k), ndcg(rankings[q], j, k))
                 for q, j in judged.items()]
    n = len(per_query)
    return Scores(n, *(sum(column) / n for column in zip(*per_query, strict=True))) if n else Scores(0, 0, 0, 0)


def scores_by_class(rankings: dict[str, Sequence[str]], classes: dict[str, dict[str, Judgement]],
                    k: int = K) -> dict[str, Scores]:
    """Scores per class and "overall" (every query of every class, each counted once)."""
    out = {name: scores(rankings, judged, k) for name, judged in classes.items()}
    out["overall"] = scores(rankings, {q: j for judged in classes.values() for q, j in judged.items()}, k)
    return out


def unmatched_fragments(titles: Iterable[str], classes: dict[str, dict[str, Judgement]]) -> list[str]:
    """Judged fragments that name none of ``titles`` (a typo in the judgements, or content that changed)."""
    titles = list(titles)
    return sorted({f for judged in classes.values() for j in judged.values() for f in j
                   if not any(matches(t, f) for t in titles)})


# --- The BM25 baseline ---------------------------------------------------------------------------------------

_TERM = re.compile(r"[a-z0-9]+")


def folded_terms(text: str) -> list[str]:
    from cms.text import fold  # accent folding: NFC/NFD, either tone placement, đ → d

    return _TERM.findall(fold(text))


class Bm25Baseline:
    """Plain BM25 (Okapi, rank_bm25's defaults) over folded title + summary + body."""

    def __init__(self, docs: Sequence[tuple[str, str]]):  # (title, searchable text)
        from rank_bm25 import BM25Okapi

        self.titles = [title for title, _ in docs]
        self.bm25 = BM25Okapi([folded_terms(text) or [""] for _, text in docs])

    def search(self, query: str, k: int = K) -> list[str]:
        scores = self.bm25.get_scores(folded_terms(query))
        order = sorted(range(len(scores)), key=lambda i: (-scores[i], i))[:k]
        return [self.titles[i] for i in order if scores[i] > 0]


# --- Report --------------------------------------------------------------------------------------------------

def table(ours: dict[str, Scores], baseline: dict[str, Scores]) -> str:
    lines = ["| class | queries | MRR@10 | recall@10 | nDCG@10 | BM25 MRR@10 | BM25 recall@10 | BM25 nDCG@10 |",
             "|---|---:|---:|---:|---:|---:|---:|---:|"]
    for name, s in ours.items():
        b = baseline[name]
        row = f"| {name} | {s.queries} | {s.mrr:.3f} | {s.recall:.3f} | {s.ndcg:.3f} | {b.mrr:.3f} | " \
              f"{b.recall:.3f} | {b.ndcg:.3f} |"
        lines.append(row.replace("| overall |", "| **overall** |"))
    return "\n".join(lines)


def worst(rankings: dict[str, Sequence[str]], classes: dict[str, dict[str, Judgement]], count: int) -> str:
    rows = []
    for name, judged in classes.items():
        for query, judgement in judged.items():
            titles = rankings[query]
            rows.append((ndcg(titles, judgement), reciprocal_rank(titles, judgement), recall(titles, judgement),
                         name, query, titles[:3]))
    rows.sort(key=lambda r: (r[0], r[1], r[2]))
    lines = ["| class | query | nDCG@10 | RR | recall@10 | first three titles |", "|---|---|---:|---:|---:|---|"]
    for nd, rr, rc, name, query, top in rows[:count]:
        shown = " · ".join(t[:60] for t in top) or "(nothing)"
        lines.append(f"| {name} | `{query}` | {nd:.2f} | {rr:.2f} | {rc:.2f} | {shown} |")
    return "\n".join(lines)


# --- Typos ------------------------------------------------------------------------------------------------

TYPO_CLASSES = ("keywords", "one_word", "places", "synonyms", "questions")  # typed with diacritics, no typo yet


def typo_sets(judged: dict[str, dict[str, Judgement]], seed: int = 7) -> tuple[dict[str, Judgement],
                                                                               dict[str, dict[str, Judgement]]]:
    """The queries of TYPO_CLASSES (as typed right), and their typos by kind, each with its query's judgement."""
    rnd = random.Random(seed)
    right: dict[str, Judgement] = {}
    by_kind: dict[str, dict[str, Judgement]] = {}
    for cls in TYPO_CLASSES:
        for query, judgement in judged[cls].items():
            right[query] = judgement
            for kind, typo in typo_queries(query, rnd):
                by_kind.setdefault(kind, {})[typo] = judgement
    return right, by_kind


def typo_table(ours: dict[str, Scores], baseline: dict[str, Scores], right: Scores) -> str:
    rows = ["| typo | queries | MRR@10 | recall@10 | nDCG@10 | BM25 MRR@10 | BM25 recall@10 |",
            "|---|---:|---:|---:|---:|---:|---:|",
            f"| none (typed right) | {right.queries} | {right.mrr:.3f} | {right.recall:.3f} | {right.ndcg:.3f} | | |"]
    for kind, s in ours.items():
        b = baseline[kind]
        name = f"**{kind}**" if kind == "overall" else kind
        rows.append(f"| {name} | {s.queries} | {s.mrr:.3f} | {s.recall:.3f} | {s.ndcg:.3f} | {b.mrr:.3f} | "
                    f"{b.recall:.3f} |")
    return "\n".join(rows)


# --- Command line --------------------------------------------------------------------------------------------

def main() -> None:
    import argparse
    import datetime
    import itertools
    import os
    import secrets
    import tempfile

    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--database-url", default="", help="an empty database (default: a throwaway SQLite file)")
    p.add_argument("--generated", type=int, default=20_000,
                   help="documents of the generated corpus for the 'generated' class (0: skip it)")
    p.add_argument("--worst", type=int, default=15, help="how many of the worst queries to list")
    p.add_argument("--typos", action="store_true",
                   help="also score the judged queries with one word mistyped (bench/search/typos.py), per kind")
    args = p.parse_args()

    scratch = None
    if not args.database_url:
        scratch = tempfile.TemporaryDirectory(prefix="muathi-relevance-")
        args.database_url = f"sqlite:///{scratch.name}/relevance.sqlite3"
    os.environ["DATABASE_URL"] = args.database_url
    os.environ["REDIS_URL"] = ""  # a process-local cache: nothing shared with a running site
    os.environ["SEARCH_URL"] = os.environ["ELASTICSEARCH_URL"] = ""  # the database backend
    os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))  # a one-off process: nothing is signed
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

    import django

    django.setup()

    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from bench.search import generate
    from search.database import writing
    from search.database.backend import DatabaseBackend
    from search.models import SearchEntry
    from search.types import SearchQuery
    from tests.search.judged_queries import GENERATED, GENERATED_MIN_DOCUMENTS, JUDGED
    from tests.search.relevance_corpus import load_demo_index

    def log(*a) -> None:
        print(*a, file=sys.stderr, flush=True)

    def searchable(entries) -> list[tuple[str, str]]:
        return [(e.title, f"{e.title}\n{e.summary}\n{e.body}") for e in entries]

    def run(classes, root: str, now: datetime.datetime) -> tuple[dict, dict, list[str]]:
        backend = DatabaseBackend()
        queries = [q for judged in classes.values() for q in judged]
        ours = {q: [h.title for h in backend.search(SearchQuery(text=q, root=root, now=now, limit=K)).hits]
                for q in queries}
        visible = SearchEntry.objects.filter(root=root).exclude(expires_at__lte=now).order_by("pk")
        baseline = Bm25Baseline(searchable(visible.only("title", "summary", "body")))
        bm25 = {q: baseline.search(q) for q in queries}
        return ours, bm25, unmatched_fragments(visible.values_list("title", flat=True), classes)

    log(f"Migrating {connection.vendor} database …")
    call_command("migrate", verbosity=0)
    log("Loading and indexing the demo content …")
    root = load_demo_index()
    now = timezone.now()
    ours, bm25, unmatched = run(JUDGED, root, now)
    print(f"## Judged set over the demo content ({connection.vendor}, {sum(map(len, JUDGED.values()))} queries)\n")
    print(table(scores_by_class(ours, JUDGED), scores_by_class(bm25, JUDGED)))
    print(f"\n### The {args.worst} worst queries (ours)\n")
    print(worst(ours, JUDGED, args.worst))
    if unmatched:
        print(f"\nJudged fragments naming no indexed title: {unmatched}")

    if args.typos:
        typed_right, mistyped = typo_sets(JUDGED)
        print(f"\n## One word mistyped ({sum(map(len, mistyped.values()))} queries from the judged set's classes "
              f"{', '.join(TYPO_CLASSES)})\n")
        rankings, bm25_typos, _ = run(mistyped, root, now)
        right = scores_by_class({q: ours[q] for q in typed_right}, {"right": typed_right})["right"]
        print(typo_table(scores_by_class(rankings, mistyped), scores_by_class(bm25_typos, mistyped), right))

    if args.generated:
        if args.generated < GENERATED_MIN_DOCUMENTS:
            log(f"note: the generated judgements assume at least {GENERATED_MIN_DOCUMENTS:,} documents")
        log(f"Indexing {args.generated:,} generated documents …")
        docs = generate.documents(args.generated)
        while batch := list(itertools.islice(docs, 1000)):
            writing.write(batch)
        gen_now = datetime.datetime(2026, 7, 1, 5, 0, tzinfo=datetime.UTC)  # bench/search/run.py's "now"
        classes = {"generated": GENERATED}
        ours, bm25, unmatched = run(classes, generate.ROOT, gen_now)
        print(f"\n## Generated corpus ({args.generated:,} documents, {len(GENERATED)} queries)\n")
        ours_scores, bm25_scores = scores_by_class(ours, classes), scores_by_class(bm25, classes)
        ours_scores.pop("overall"), bm25_scores.pop("overall")
        print(table(ours_scores, bm25_scores))
        print("\n### Its worst queries (ours)\n")
        print(worst(ours, classes, 5))
        if unmatched:
            print(f"\nJudged fragments naming no indexed title: {unmatched}")
    if scratch:
        connection.close()
        scratch.cleanup()


if __name__ == "__main__":
    main()
