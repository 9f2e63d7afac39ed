"""Which words the index holds spelt as typed, with their diacritics (``SearchSpelling``): in a short query, a
title word spelt otherwise is another word only when the typed spelling is a word of the index, not a typo
(``search.ranking``). Answers are kept for five minutes per process, as word counts are."""

from collections.abc import Iterable

from search.analysis import AnalysedQuery
from search.database.kept import Kept
from search.database.tables import SPELLING, among, fetch
from search.ranking import marks_that_tell

_indexed: Kept[str, bool] = Kept(300)  # toned term → whether the index holds it


def reset() -> None:
    _indexed.clear()


def typed_spellings(asked: Iterable[AnalysedQuery]) -> frozenset[str]:
    """The words of the short queries among ``asked`` typed with diacritics that the index holds so spelt."""
    terms = {t for q in asked for t in marks_that_tell(q)}
    if not terms:
        return frozenset()
    return frozenset(t for t, held in _indexed.get(terms, _look_up).items() if held)


def _look_up(terms: list[str]) -> dict[str, bool]:
    condition, params = among("term", terms)
    held = {row[0] for row in fetch(f"SELECT term FROM {SPELLING} WHERE {condition}", params)}
    return {t: t in held for t in terms}
