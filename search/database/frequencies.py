"""How many of a site's entries hold each word: what makes a rare word count more than a common one in the
ranking (the inverse document frequency of BM25), and orders typo corrections by how common they are.

Counts stop at tables.CORRECTION_COUNT_LIMIT (a word in more entries than that is "common", whatever its
exact count) and are kept for five minutes per process: the figures move slowly, and a search then costs no
extra statement for the words seen in the last minutes.
"""

import dataclasses
import math

from django.utils import timezone

from search import filters
from search.analysis import AnalysedQuery
from search.database import tables
from search.database.engines import engine, match_for
from search.database.kept import Kept
from search.models import SearchEntry
from search.types import SearchQuery

KEEP_SECONDS = 300
_counts: Kept[tuple[str, str], int] = Kept(KEEP_SECONDS)  # (root, word) → how many of the site's entries hold it
_sizes: Kept[str, int] = Kept(KEEP_SECONDS)  # root → how many entries the site has


def reset() -> None:
    _counts.clear()
    _sizes.clear()


def entry_counts(words: list[str], query: SearchQuery) -> dict[str, int]:
    """How many entries matching the query's filters hold each word, up to tables.CORRECTION_COUNT_LIMIT. On
    PostgreSQL, a word whose matches in the first sample slot imply four times the limit is taken to reach it:
    counting would build a bitmap of its whole posting list ("thi" is in every item) to read a thousand rows."""
    limit = tables.CORRECTION_COUNT_LIMIT
    if not words:
        return {}
    common: set[str] = set()
    if engine().PROBE_FIRST:
        in_slot = match_for([tuple(words)], query).slot_counts(words)
        common = {w for w, n in zip(words, in_slot, strict=True) if n * filters.SAMPLE_SLOTS >= 4 * limit}
    return {w: limit if w in common else match_for([(w,)], query).count(limit) for w in words}


def site_counts(words: set[str], root: str) -> dict[str, int]:
    """``entry_counts`` over the whole site (no other filter), remembered for KEEP_SECONDS."""
    def count(keys: list[tuple[str, str]]) -> dict[tuple[str, str], int]:
        counted = entry_counts([w for _, w in keys], SearchQuery(text="", root=root, now=timezone.now()))
        return {(root, w): counted[w] for w in counted}

    return {w: n for (_, w), n in _counts.get([(root, w) for w in words], count).items()}


def site_size(root: str) -> int:
    """How many entries the site has (remembered for KEEP_SECONDS)."""
    return _sizes.get([root], lambda roots: {root: SearchEntry.objects.filter(root=root).count()})[root]


def rarity(count: int, size: int) -> float:
    """0 for a word in every entry, 1 for a word in one entry (or none): log(size / count) / log(size)."""
    if size <= 1:
        return 1.0
    return max(0.0, min(1.0, math.log(size / max(count, 1)) / math.log(size)))


FILLER_WEIGHT = 0.25


def weighted(analysed: AnalysedQuery, root: str) -> AnalysedQuery:
    """The query with each word's weight for the ranking: 0.5 for a word in every entry up to 1.5 for a word in
    one (all its spellings together); FILLER_WEIGHT for question and filler words."""
    if not analysed:
        return analysed
    words = {a for g in analysed.groups for a in g.alternatives}
    counts = site_counts(words, root)
    size = site_size(root)
    groups = tuple(dataclasses.replace(
        g, weight=FILLER_WEIGHT if g.filler and len(analysed.core) < len(analysed.groups) else
        round(0.5 + rarity(sum(counts.get(a, 0) for a in g.alternatives), size), 3))
        for g in analysed.groups)
    return dataclasses.replace(analysed, groups=groups)
