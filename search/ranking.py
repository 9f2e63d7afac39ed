"""The final ordering of search results: one pure scoring function for SQLite, PostgreSQL and the search engine.

The backends' own ranks (FTS5 bm25, ``ts_rank``, the engine's BM25) only choose the candidates; this function
orders them, from the folded terms ``terms_of`` makes of each document, so the same query gives the same top
results on all of them. It favours, in this order of weight: an exact
document number or venue code, query words in the title (all of them, as a phrase, in a short title),
in the address or area names (in a query of one word, typed with its diacritics, not a word spelt with other
ones: "toàn" is not "toán"), the year asked for, words typed with the right diacritics, and words in the
text (more when repeated, less and less, and more in a short text than in a long one: BM25's term-frequency
part). A question ranks the Q&A column's entries higher, one asking when the timetable's, and one asking
where the venues (they carry the address). Ties go to the newer item; copies of an item (same title, year and
kind) come after every distinct one, and the first page of a one-word query shows at most four items of one kind
(not eight sittings titled "Lịch thi …" and nothing else).

What the query contributes is worked out once per ranking (``_Scoring``); phrases are looked up as
substrings of the space-padded term lists, so one candidate costs a few set and string operations.
"""

import datetime
from dataclasses import dataclass

from search import analysis
from search.analysis import AnalysedQuery
from search.types import SearchDocument

QUESTION_ANSWER_BONUS = 3.0
DATED_KINDS = frozenset({"milestone", "session"})  # the timetable's entries: they answer "when"
PLACED_KINDS = frozenset({"venue"})  # the exam venues, with their addresses: they answer "where"
# In a query of one Vietnamese word (one or two syllables), the diacritics typed are all that tells "toán" from
# "toàn"; with more words, the others do, and a mark typed wrong is likelier than another word meant.
MARKS_TELL_WORDS = 2
# A one-word query's first page: at most this many items of one kind (sittings, venues), when others match.
VARIED_WORDS, SAME_KIND_ON_PAGE, PAGE = 1, 4, 10
# BM25's term-frequency part: repeats count less and less (K1), and a word in a short text counts more than in a
# long one (B), against a fixed usual length so every backend scores a document alike.
K1, B, USUAL_TEXT_TERMS = 1.2, 0.75, 200


def _saturated(frequency: int, length: int) -> float:
    return frequency * (K1 + 1) / (frequency + K1 * (1 - B + B * length / USUAL_TEXT_TERMS))


@dataclass(slots=True)  # not frozen: a frozen dataclass sets each field through object.__setattr__
class Candidate:
    """One candidate's folded terms. ``title`` and ``place`` (address and area names) are the terms in order,
    space-separated with a space at each end (" diem thi tan chau "), so words and phrases are substrings."""

    key: str
    title: str
    codes: frozenset[str]
    place: str
    toned: frozenset[str]
    text: dict[str, int]  # how often each query term occurs in the text (absent: not at all)
    year: int | None
    date: datetime.date | None
    kind: str = ""
    length: int = 0  # how many terms the text has (0: unknown, taken as the usual length)

    @classmethod
    def of(cls, key: str, title_terms: str, code_terms: str, place_terms: str, toned_terms: str, text: dict[str, int],
           year: int | None, date: datetime.date | None, kind: str = "", length: int = 0) -> "Candidate":
        """From the space-separated term lists the index stores."""
        return cls(key, f" {title_terms} ", frozenset(code_terms.split()), f" {place_terms} ",
                   frozenset(toned_terms.split()), text, year, date, kind, length)


def terms_of(doc: SearchDocument) -> dict[str, str]:
    """The folded terms the ranking reads, space-separated, as both indexes store them: title, codes (a directive
    number or venue code, whole and compacted), place (address and area names), toned (title and summary with
    their diacritics) and text (summary, body, section and year)."""
    codes = analysis.terms(doc.number)
    if len(codes) > 1:
        codes.append(analysis.compact_code(doc.number))
    place = " ".join([doc.address, *(a.name for a in doc.areas)])
    text = " ".join([doc.summary, doc.body, doc.section_title, str(doc.year or "")])
    return {
        "title": " ".join(analysis.terms(doc.title)), "codes": " ".join(codes),
        "place": " ".join(analysis.terms(place)),
        "toned": " ".join(analysis.toned_terms(f"{doc.title} {doc.summary}")),
        "text": " ".join(analysis.terms(text)),
    }


def needles_of(query: AnalysedQuery) -> list[tuple[str, str]]:
    """Each folded query term and " term ", as ``frequencies`` looks them up; and each pair of consecutive
    words that matter, as "a b" and " a b " (a two-syllable word kept together: "phúc khảo", "điểm thi")."""
    return [(term, f" {term} ") for term in query.folded_terms] + [(p.strip(), p) for p in _pairs(query)]


def _pairs(query: AnalysedQuery) -> set[str]:
    """" a b " for each two consecutive words of the query that are not filler, in each of their spellings."""
    groups = query.groups
    return {_padded((a, b)) for one, two in zip(groups, groups[1:], strict=False) if not (one.filler or two.filler)
            for a in one.alternatives for b in two.alternatives}


def frequencies(text_terms: str, needles: list[tuple[str, str]]) -> dict[str, int]:
    """How often each query term occurs in the text: all the ranking reads, without splitting the text."""
    padded = f" {text_terms} "
    return {term: n for term, needle in needles if (n := padded.count(needle))}


def term_count(text_terms: str) -> int:
    return text_terms.count(" ") + 1 if text_terms else 0


def _padded(words: tuple[str, ...]) -> str:
    return f" {' '.join(words)} "


@dataclass(frozen=True)
class _Group:
    alternatives: frozenset[str]
    words: tuple[str, ...]  # " alternative " for each alternative, as found in a padded term list
    title_forms: tuple[str, ...]  # ``words``, or " alternative" for a last word completed as a prefix
    toned: str
    year: bool  # whether one alternative is a year-like number (compared with the candidate's year)
    only: str  # the alternative when there is one (most words), for the quicker lookups below; else ""
    weight: float  # rarer words count more, question and filler words little (``TermGroup.weight``)
    core: bool  # not a question or filler word
    marked: bool  # in a short query, typed with diacritics that some candidate's title or summary has: a title or
    # place word spelt with other diacritics is another word ("toàn" is not "toán", "Số" not "sơ")


class _Scoring:
    """The query's side of ``score``."""

    def __init__(self, query: AnalysedQuery, prefix_last: bool, known: frozenset[str] = frozenset()):
        last = len(query.groups) - 1
        self.groups = [
            _Group(alternatives=frozenset(g.alternatives), words=tuple(f" {a} " for a in g.alternatives),
                   title_forms=tuple(f" {a}" if prefix_last and i == last else f" {a} " for a in g.alternatives),
                   toned=g.toned, year=any(a.isdigit() for a in g.alternatives),
                   only=g.alternatives[0] if len(g.alternatives) == 1 else "", weight=g.weight,
                   core=not g.filler or len(query.core) == len(query.groups),
                   marked=g.toned in known and not (prefix_last and i == last))
            for i, g in enumerate(query.groups)]
        self.core_count = sum(g.core for g in self.groups)
        self.core_weight = sum(g.weight for g in self.groups if g.core) or 1.0
        first = tuple(g.alternatives[0] for g in query.groups)
        decoded = tuple(g.alternatives[-1] for g in query.groups)
        core_first = tuple(g.alternatives[0] for g in query.core)
        # A phrase is the whole query (or its words that matter) in the title; a single word is not a phrase.
        self.phrases = [_padded(p) for p in dict.fromkeys([first, decoded, core_first]) if len(p) > 1]
        # Two consecutive words kept together ("Châu Đốc", "phúc khảo"), counted once per distinct pair: in the
        # title or places (beyond the phrase, from three words on) and in the text.
        # Each pair of consecutive words that matter, as the group indexes and " a b " in each spelling.
        self.pairs = [(i, i + 1, tuple(_padded((a, b)) for a in one.alternatives for b in two.alternatives))
                      for i, (one, two) in enumerate(zip(query.groups, query.groups[1:], strict=False))
                      if not (one.filler or two.filler)]
        self.title_pairs = len(query.core) > 2  # with two words, the phrase bonus already counts the title
        self.question = query.question
        self.asks_when = query.asks_when
        self.asks_where = query.asks_where
        self.compact = "".join(first)


def score(candidate: Candidate, query: AnalysedQuery, prefix_last: bool = False,
          among: list[Candidate] | None = None, spelt: frozenset[str] = frozenset()) -> float:
    """``candidate``'s score among ``among`` (by default alone), as ``ranked`` scores it."""
    return _score(candidate, _Scoring(query, prefix_last, typed_forms_found(query, among or [candidate], spelt)))


def typed_forms_found(query: AnalysedQuery, candidates: list[Candidate],
                      spelt: frozenset[str] = frozenset()) -> frozenset[str]:
    """In a short query, the words typed with diacritics that the index holds so spelt (``spelt``: the backends
    look them up in ``SearchSpelling``) or some candidate's title or summary has. A spelling the index does not
    hold is more likely a typo ("nguyện vộng") than another word, and tells nothing about the titles that differ."""
    return frozenset(t for t in marks_that_tell(query) if t in spelt or any(t in c.toned for c in candidates))


def marks_that_tell(query: AnalysedQuery) -> set[str]:
    """The words of a short query typed with diacritics (their toned terms); none for a longer query."""
    return {g.toned for g in query.groups if g.toned} if len(query.core) <= MARKS_TELL_WORDS else set()


def _score(candidate: Candidate, scoring: _Scoring) -> float:
    title = candidate.title
    place = candidate.place
    text = candidate.text
    year = str(candidate.year) if candidate.year else ""
    length = candidate.length or USUAL_TEXT_TERMS
    total = 0.0
    matched = 0.0  # the weight of the words that matter found anywhere
    in_title = 0
    found = []
    for group in scoring.groups:
        alternatives = group.alternatives
        if group.only:
            hit_title = group.title_forms[0] in title
            hit_code = group.only in candidate.codes
            hit_place = group.words[0] in place
            frequency = text.get(group.only, 0)
        else:
            hit_title = any(form in title for form in group.title_forms)
            hit_code = not alternatives.isdisjoint(candidate.codes)
            hit_place = any(word in place for word in group.words)
            frequency = sum(text.get(a, 0) for a in alternatives)
        if group.marked and group.toned not in candidate.toned and (hit_title or hit_place):
            hit_title = False  # the title holds every title word as spelt: this one is spelt otherwise
            hit_place = hit_place and not analysis.spelt_otherwise(candidate.toned, alternatives)
        in_text = 1.0 + 0.5 * _saturated(frequency, length) if frequency else 0.0
        best = max(3.0 * hit_title, 5.0 * hit_code, 3.0 * hit_place, in_text)  # where the word counts most
        total += group.weight * (best + (0.5 if frequency and best > in_text else 0.0))
        if group.toned and group.toned in candidate.toned:
            total += 1.5 if group.core else 1.5 * group.weight  # typed with the right diacritics
        if group.year and (year in alternatives or hit_title):  # the item's year, or in its title ("2024–2025")
            total += 6.0  # an item of another year rarely answers a query that names one
        found.append(hit_title or hit_code or hit_place or frequency > 0)
        if group.core:
            in_title += hit_title
            if found[-1]:
                matched += group.weight
    total += 2.0 * matched + 4.0 * matched / scoring.core_weight  # how much of what matters is found
    if scoring.core_count and in_title == scoring.core_count:
        total += 3.0 + 2.0 * in_title / max(title.count(" ") - 1, 1)  # a short title counts more
    if any(phrase in title for phrase in scoring.phrases):
        total += 4.0
    for i, j, forms in scoring.pairs:  # a two-syllable word kept together, not its syllables scattered
        if any(p in title or p in place for p in forms):
            total += 2.0 if scoring.title_pairs else 0.0  # two words: the phrase bonus counted it
        elif any(text.get(p[1:-1]) for p in forms):
            total += 1.0
        elif found[i] and found[j]:
            total -= 1.0
    kind = candidate.kind
    if matched and ((scoring.question and kind == "faq") or (scoring.asks_when and kind in DATED_KINDS)
                    or (scoring.asks_where and kind in PLACED_KINDS)):
        total += QUESTION_ANSWER_BONUS * matched / scoring.core_weight  # Q&A answers; asked when, the timetable
    compact = scoring.compact
    if len(compact) >= 4:  # a code of four characters or more, typed whole or as its start
        if compact in candidate.codes:
            total += 10.0
        elif any(c.startswith(compact) for c in candidate.codes):
            total += 6.0
    return round(total, 3)


def ranked(candidates: list[Candidate], query: AnalysedQuery | list[AnalysedQuery],
           prefix_last: bool = False, spelt: frozenset[str] = frozenset()) -> list[tuple[float, str]]:
    """The candidates best first. With several queries (one question in other words: synonyms), each candidate
    scores its best over them. ``spelt``: the words typed with diacritics that the index holds so spelt."""
    asked = [query] if isinstance(query, AnalysedQuery) else query
    scorings = [_Scoring(q, prefix_last, typed_forms_found(q, candidates, spelt)) for q in asked]
    if len(scorings) == 1:
        scored = [(_score(c, scorings[0]), c) for c in candidates]
    else:
        # A query in more words scores more: the others' scores are scaled down to the typed one's words.
        scale = [min(1.0, scorings[0].core_weight / s.core_weight) for s in scorings]
        scored = [(max(round(_score(c, s) * f, 3) for s, f in zip(scorings, scale, strict=True)), c)
                  for c in candidates]
    # Ties: newer first, then by title (not by key: ids differ between databases, titles do not).
    # Padded titles sort as their word lists would: the space sorts before every letter and digit.
    scored.sort(key=lambda sc: (-sc[0], -(sc[1].date.toordinal() if sc[1].date else 0), sc[1].title, sc[1].key))
    scored = _repeats_last(scored)
    if len(asked[0].core) <= VARIED_WORDS:
        scored = _varied(scored)
    return [(s, c.key) for s, c in scored]


def _varied(scored: list[tuple[float, Candidate]]) -> list[tuple[float, Candidate]]:
    """The first page of a one-word query shows at most SAME_KIND_ON_PAGE items of one kind: "lịch" is every
    sitting's "Lịch thi …" and "điểm" thirty venues' "Điểm thi …", and the timetable, the results and the Q&A
    entries that mention the word would otherwise be on the second page. The others follow, in their order."""
    page, rest = [], []
    shown: dict[str, int] = {}
    for item in scored:
        kind = item[1].kind
        if len(page) < PAGE and shown.get(kind, 0) < SAME_KIND_ON_PAGE:
            page.append(item)
            shown[kind] = shown.get(kind, 0) + 1
        else:
            rest.append(item)
    return page + rest


def _repeats_last(scored: list[tuple[float, Candidate]]) -> list[tuple[float, Candidate]]:
    """Items with the title, year and kind of one ranked above them (the same notice posted again, or by each
    district) after every distinct one, in their order: ten copies of one answer would fill the first page."""
    seen: set[tuple[str, int | None, str]] = set()
    distinct, repeats = [], []
    for item in scored:
        candidate = item[1]
        same = (candidate.title, candidate.year, candidate.kind)
        (repeats if same in seen else distinct).append(item)
        seen.add(same)
    return distinct + repeats
