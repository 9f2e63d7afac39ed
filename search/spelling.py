"""Typo correction for the database backend: words the index has never seen are matched to indexed words
within one edit (two for long words), transpositions included; the nearest ones only (a word one edit away is
likelier than one two edits away, however common). Used only when a query finds nothing; the backend orders
them by the words around them and how common they are."""

import threading
import time
from collections import defaultdict

from rapidfuzz import process
from rapidfuzz.distance import OSA

from search.models import SearchTerm

MAX_ALTERNATIVES = 16  # the nearest indexed words kept for the backend to order (alphabetical beyond)
RELOAD_SECONDS = 300

_lock = threading.Lock()
_cache: dict = {"loaded_at": 0.0, "count": -1, "words": frozenset(), "by_length": {}}


def _vocabulary() -> tuple[frozenset[str], dict[int, list[str]]]:
    with _lock:
        stale = time.monotonic() - _cache["loaded_at"] > RELOAD_SECONDS
        count = SearchTerm.objects.count() if stale or _cache["count"] < 0 else _cache["count"]
        if count != _cache["count"]:
            words = frozenset(SearchTerm.objects.values_list("term", flat=True))
            by_length: dict[int, list[str]] = defaultdict(list)
            for word in words:
                by_length[len(word)].append(word)
            _cache.update(words=words, by_length=dict(by_length), count=count)
        if stale:
            _cache["loaded_at"] = time.monotonic()
        return _cache["words"], _cache["by_length"]


def reset() -> None:
    with _lock:
        _cache.update(loaded_at=0.0, count=-1)


def suggestions(word: str, words: frozenset[str], by_length: dict[int, list[str]],
                known_too: bool = False) -> list[str]:
    """The indexed words nearest to ``word`` (none for a word of the index, unless ``known_too``)."""
    if (word in words and not known_too) or word.isdigit() or len(word) < (2 if known_too else 3):
        return []
    limit = 1 if len(word) < 7 else 2
    found = []
    for length in range(len(word) - limit, len(word) + limit + 1):
        found += [(distance, candidate) for candidate, distance, _ in process.extract(
            word, by_length.get(length, ()), scorer=OSA.distance, score_cutoff=limit, limit=None)
            if candidate != word]
    nearest = min((distance for distance, _ in found), default=0)
    return sorted(c for distance, c in found if distance == nearest)[:MAX_ALTERNATIVES]


def near_words(word: str) -> list[str]:
    """The indexed words nearest to a word of the index (a typo may make another word: "phú" for "phúc")."""
    return suggestions(word, *_vocabulary(), known_too=True)


def corrections(groups: list[tuple[str, ...]]) -> list[tuple[str, ...]]:
    """Each query word's alternatives, extended with indexed words close to the unknown ones."""
    words, by_length = _vocabulary()
    fixed = []
    for alternatives in groups:
        if any(a in words for a in alternatives):
            fixed.append(alternatives)
            continue
        extra = [s for a in alternatives for s in suggestions(a, words, by_length)]
        fixed.append(tuple(dict.fromkeys([*alternatives, *extra])))
    return fixed
