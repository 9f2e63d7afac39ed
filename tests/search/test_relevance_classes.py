"""Relevance per class of query on the judged set (tests/search/judged_queries.py, issue #22 point 6): MRR@10,
recall@10 and nDCG@10 of the database backend over the demo content (with the 2024 articles imported from the
old portal), each held above a floor.

The floors are the figures of the ranking (first at commit bb7a5cf, when the set was written; raised on
2026-12-04 after the loosening to half of the words, "when" questions and the year asked for, and again for the
one-word class's recall after its first page was varied), rounded down to 0.05, a step lower where the search
engine's figures are: raise them as the ranking improves. The same queries with one word mistyped
(``bench/search/relevance.py --typos``) are held above floors of their own. The same
figures beside a plain BM25 baseline, and the generated-corpus class, come from
``.venv/bin/python bench/search/relevance.py``.
Run on SQLite (the suite's default database)."""

import pytest
from django.db import transaction
from django.utils import timezone

from bench.search.relevance import (
    gains,
    ndcg,
    recall,
    reciprocal_rank,
    scores,
    scores_by_class,
    typo_sets,
    unmatched_fragments,
)
from search.database.backend import DatabaseBackend
from search.models import SearchEntry
from search.types import SearchQuery
from tests.search.judged_queries import GENERATED, JUDGED
from tests.search.relevance_corpus import load_demo_index
from tests.search.test_relevance import BACKENDS, engine_results

pytestmark = pytest.mark.django_db

# class → (MRR@10, recall@10, nDCG@10) floors
FLOORS: dict[str, tuple[float, float, float]] = {
    "keywords": (0.95, 0.95, 0.85),
    "unaccented": (0.95, 0.90, 0.90),
    "telex": (1.00, 0.95, 0.95),
    "misspelt": (1.00, 0.95, 0.95),
    "questions": (0.85, 0.85, 0.75),
    "codes": (1.00, 1.00, 0.95),
    "places": (0.95, 1.00, 0.95),
    "one_word": (0.90, 0.85, 0.75),
    "synonyms": (0.90, 0.95, 0.90),
    "overall": (0.95, 0.95, 0.85),
}
# The same queries with one word mistyped (bench/search/typos.py): over all of them, and the least any kind may have.
TYPO_FLOORS = (0.85, 0.90, 0.80)
TYPO_KIND_MRR_FLOOR = 0.75
SAME_FIRST_SHARE = 0.95  # of the judged queries whose first result is the same on the engine as on the database


@pytest.fixture(scope="module")
def all_rankings(django_db_setup, django_db_blocker) -> tuple[dict[str, dict[str, list[str]]], list[str]]:
    """Every judged query's first ten titles on the database backend (and on the engine when one is configured),
    the same queries with one word mistyped on the database ("mistyped"), and every indexed title, over the demo
    (rolled back afterwards)."""
    with django_db_blocker.unblock(), transaction.atomic():
        root = load_demo_index()
        now = timezone.now()
        queries = [SearchQuery(text=query, root=root, now=now, limit=10)
                   for judged in JUDGED.values() for query in judged]
        backend = DatabaseBackend()
        results = {"database": {q.text: backend.search(q) for q in queries}}
        mistyped = {text for judged in typo_sets(JUDGED)[1].values() for text in judged}
        results["mistyped"] = {text: backend.search(SearchQuery(text=text, root=root, now=now, limit=10))
                               for text in sorted(mistyped)}  # on the database
        if "engine" in BACKENDS:
            results["engine"] = engine_results(queries)
        titles = list(SearchEntry.objects.filter(root=root).values_list("title", flat=True))
        transaction.set_rollback(True)
    rankings = {name: {text: [hit.title for hit in result.hits] for text, result in found.items()}
                for name, found in results.items()}
    return rankings, titles


@pytest.fixture(params=BACKENDS)
def demo_rankings(request, all_rankings):
    rankings, titles = all_rankings
    return rankings[request.param], titles


# --- The set itself ----------------------------------------------------------------------------------------

def test_the_set_has_every_class_with_enough_queries():
    assert set(JUDGED) == {"keywords", "unaccented", "telex", "misspelt", "questions", "codes", "places",
                           "one_word", "synonyms"}
    assert {name: len(judged) for name, judged in JUDGED.items() if len(judged) < 15} == {}
    queries = [q for judged in JUDGED.values() for q in judged]
    assert len(queries) >= 170
    assert len(set(queries)) == len(queries), "a query judged in two classes"
    assert len(GENERATED) >= 20 and not set(GENERATED) & set(queries)


def test_every_query_has_graded_items_and_at_most_one_best():
    for judged in [*JUDGED.values(), GENERATED]:
        for query, judgement in judged.items():
            assert judgement and set(judgement.values()) <= {1, 2}, query
            assert list(judgement.values()).count(2) <= 1, query


def test_every_judged_fragment_names_an_indexed_item(demo_rankings):
    _, titles = demo_rankings
    assert unmatched_fragments(titles, JUDGED) == []


# --- The metrics -------------------------------------------------------------------------------------------

JUDGEMENT = {"Phúc khảo": 2, "=Đăng ký dự thi": 1}


def test_the_metrics_on_a_known_ranking():
    titles = ["Lịch thi", "Đăng ký dự thi (dự kiến)", "Đăng ký dự thi", "Muốn phúc khảo?", "Phúc khảo bài thi"]
    # "=…" is the whole title only; the graded-2 item comes fifth
    assert gains(titles, JUDGEMENT) == [0, 0, 1, 0, 2]
    assert reciprocal_rank(titles, JUDGEMENT) == pytest.approx(1 / 3)
    assert recall(titles, JUDGEMENT) == 1.0
    assert recall(titles[:4], JUDGEMENT) == 0.5
    ideal = 3 + 1 / 1.5849625
    assert ndcg(titles, JUDGEMENT) == pytest.approx((1 / 2 + 3 / 2.5849625) / ideal)
    assert ndcg(["Phúc khảo bài thi", "Đăng ký dự thi"], JUDGEMENT) == pytest.approx(1.0)
    # an item found twice earns once; nothing relevant in the first ten is zero everywhere
    assert gains(["Phúc khảo 1", "Phúc khảo 2"], JUDGEMENT) == [2, 0]
    assert (reciprocal_rank([], JUDGEMENT), recall([], JUDGEMENT), ndcg([], JUDGEMENT)) == (0.0, 0.0, 0.0)
    assert reciprocal_rank(["x"] * 10 + ["Phúc khảo"], JUDGEMENT) == 0.0


def test_scores_average_per_query_and_overall_counts_each_query_once():
    classes = {"a": {"q1": {"A": 2}}, "b": {"q2": {"B": 2}, "q3": {"C": 2}}}
    rankings = {"q1": ["A"], "q2": ["x", "B"], "q3": []}
    by_class = scores_by_class(rankings, classes)
    assert by_class["a"].mrr == 1.0 and by_class["b"].mrr == pytest.approx(0.25)
    assert by_class["overall"].queries == 3 and by_class["overall"].mrr == pytest.approx(1.5 / 3)
    assert by_class["overall"].recall == pytest.approx(2 / 3)
    assert scores(rankings, {}).queries == 0


# --- The floors --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", list(FLOORS))
def test_each_class_stays_above_its_floor(demo_rankings, name):
    rankings, _ = demo_rankings
    got = scores_by_class(rankings, JUDGED)[name]
    print(f"{name}: MRR@10 {got.mrr:.3f}, recall@10 {got.recall:.3f}, nDCG@10 {got.ndcg:.3f}")
    judged = JUDGED.get(name) or {q: j for c in JUDGED.values() for q, j in c.items()}
    misses = {q: rankings[q][:3] for q, j in judged.items() if reciprocal_rank(rankings[q], j) < 1}
    mrr_floor, recall_floor, ndcg_floor = (floor - 1e-9 for floor in FLOORS[name])  # means of fractions
    assert got.mrr >= mrr_floor, misses
    assert got.recall >= recall_floor, misses
    assert got.ndcg >= ndcg_floor, misses


def test_one_word_mistyped_costs_little(all_rankings):
    """The judged queries typed with diacritics, one word mistyped (a wrong, missing or extra tone mark, vowels
    swapped, a letter dropped or doubled, a Southern/Northern initial), on the database backend."""
    rankings = all_rankings[0]["mistyped"]
    by_kind = scores_by_class(rankings, typo_sets(JUDGED)[1])
    for kind, got in by_kind.items():
        print(f"{kind}: MRR@10 {got.mrr:.3f}, recall@10 {got.recall:.3f}, nDCG@10 {got.ndcg:.3f}")
    overall = by_kind.pop("overall")
    assert all(got >= floor - 1e-9 for got, floor in zip((overall.mrr, overall.recall, overall.ndcg), TYPO_FLOORS,
                                                          strict=True)), overall
    assert all(got.mrr >= TYPO_KIND_MRR_FLOOR for got in by_kind.values()), by_kind


@pytest.mark.skipif("engine" not in BACKENDS, reason="no search engine configured (TEST_SEARCH_URL); CI sets one")
def test_the_engine_puts_the_same_item_first_as_the_database(all_rankings):
    """Issue #22 point 5: the same ranking on every backend."""
    rankings, _ = all_rankings
    database, engine = rankings["database"], rankings["engine"]
    differing = {q: (database[q][:1], engine[q][:1]) for q in database if database[q][:1] != engine[q][:1]}
    print(f"same first result on the engine: {len(database) - len(differing)} of {len(database)}")
    assert 1 - len(differing) / len(database) >= SAME_FIRST_SHARE, differing
