"""Which words the index holds spelt as typed, with their diacritics (``SearchSpelling``): in a short query, a
title word spelt otherwise is another word only when the typed spelling is a word of the index, not a typo
(``search.ranking``). Answers are kept for five minutes per process, as word counts are."""

import threading
import time
from collections.abc import Iterable

from django.db import connection

from search.analysis import AnalysedQuery
from search.database.tables import SPELLING, among, fetch
from search.ranking import MARKS_TELL_WORDS

KEEP_SECONDS = 300
_lock = threading.Lock()
_known: dict[tuple[str, str], tuple[float, bool]] = {}  # (database alias, toned term) → (when, indexed)


def reset() -> None:
    with _lock:
        _known.clear()


def typed_spellings(asked: Iterable[AnalysedQuery]) -> frozenset[str]:
    """The words of the short queries among ``asked`` typed with diacritics that the index holds so spelt."""
    return known({g.toned for q in asked if len(q.core) <= MARKS_TELL_WORDS for g in q.groups if g.toned})


def known(terms: set[str]) -> frozenset[str]:
    if not terms:
        return frozenset()
    now, alias = time.monotonic(), connection.alias
    found, missing = set(), []
    with _lock:
        for term in terms:
            kept = _known.get((alias, term))
            if kept and now - kept[0] < KEEP_SECONDS:
                if kept[1]:
                    found.add(term)
            else:
                missing.append(term)
    if missing:
        condition, params = among("term", sorted(missing))
        indexed = {row[0] for row in fetch(f"SELECT term FROM {SPELLING} WHERE {condition}", params)}
        with _lock:
            for term in missing:
                _known[(alias, term)] = (now, term in indexed)
        found |= indexed
    return frozenset(found)
