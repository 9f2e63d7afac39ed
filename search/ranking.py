"""The final ordering of database search results: one pure scoring function for SQLite and PostgreSQL.

The databases' own ranks (FTS5 bm25, ``ts_rank``) only choose the candidates; this function orders them, so
the same query gives the same top results on both. It favours, in this order of weight: an exact
document number or venue code, query words in the title (all of them, as a phrase, in a short title),
in the address or area names, words typed with the right diacritics, the year asked for, and words in the
text (a little more when
repeated). Ties go to the newer item.
"""

import datetime
from collections import Counter
from dataclasses import dataclass

from search.analysis import AnalysedQuery


@dataclass(frozen=True)
class Candidate:
    key: str
    title_terms: tuple[str, ...]
    code_terms: frozenset[str]
    place_terms: tuple[str, ...]  # address and area names
    toned_terms: frozenset[str]
    text_terms: Counter
    year: int | None
    date: datetime.date | None


def _contains(haystack: tuple[str, ...], needle: tuple[str, ...]) -> bool:
    n = len(needle)
    return n > 1 and any(haystack[i:i + n] == needle for i in range(len(haystack) - n + 1))


def _phrases(query: AnalysedQuery) -> list[tuple[str, ...]]:
    first = tuple(g.alternatives[0] for g in query.groups)
    decoded = tuple(g.alternatives[-1] for g in query.groups)
    return [first] if first == decoded else [first, decoded]


def _two_word_phrases(query: AnalysedQuery) -> set[tuple[str, ...]]:
    groups = query.groups
    return {(a, b) for first, second in zip(groups, groups[1:], strict=False) for a in first.alternatives
            for b in second.alternatives} if len(groups) > 2 else set()


def score(candidate: Candidate, query: AnalysedQuery, prefix_last: bool = False) -> float:
    title = set(candidate.title_terms)
    place = set(candidate.place_terms)
    total = 0.0
    matched = in_title = 0
    last = len(query.groups) - 1
    for i, group in enumerate(query.groups):
        alternatives = set(group.alternatives)
        if prefix_last and i == last:
            hit_title = any(t.startswith(a) for t in title for a in alternatives)
        else:
            hit_title = bool(alternatives & title)
        hit_code = bool(alternatives & candidate.code_terms)
        hit_place = bool(alternatives & place)
        frequency = sum(candidate.text_terms.get(a, 0) for a in alternatives)
        in_text = 1.0 + 0.25 * min(frequency, 6) if frequency else 0.0
        best = max(3.0 * hit_title, 5.0 * hit_code, 3.0 * hit_place, in_text)  # where the word counts most
        total += best + (0.5 if frequency and best > in_text else 0.0)
        if group.toned and group.toned in candidate.toned_terms:
            total += 1.5
        if candidate.year and str(candidate.year) in alternatives:
            total += 2.0
        in_title += hit_title
        matched += hit_title or hit_code or hit_place or frequency > 0
    total += 2.0 * matched
    if query.groups and in_title == len(query.groups):
        total += 3.0 + 2.0 * in_title / max(len(candidate.title_terms), 1)
    for phrase in _phrases(query):
        if _contains(candidate.title_terms, phrase):
            total += 4.0
            break
    for words in _two_word_phrases(query):  # a place name ("Châu Đốc") or a term ("phúc khảo") kept together
        if _contains(candidate.title_terms, words) or _contains(candidate.place_terms, words):
            total += 2.0
    compact = "".join(g.alternatives[0] for g in query.groups)
    codes = {c for c in candidate.code_terms if len(c) >= 4}
    if compact in codes:
        total += 10.0
    elif len(compact) >= 4 and any(c.startswith(compact) for c in codes):
        total += 6.0
    return round(total, 3)


def ranked(candidates: list[Candidate], query: AnalysedQuery, prefix_last: bool = False) -> list[tuple[float, str]]:
    scored = [(score(c, query, prefix_last), c) for c in candidates]
    # Ties: newer first, then by title (not by key: ids differ between databases, titles do not).
    scored.sort(key=lambda sc: (-sc[0], -(sc[1].date.toordinal() if sc[1].date else 0), sc[1].title_terms,
                                sc[1].key))
    return [(s, c.key) for s, c in scored]
