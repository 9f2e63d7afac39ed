"""How text is cut into search terms, shared by the index and the query side of every backend.

- ``terms(text)``: folded word tokens (``cms.text.fold``: NFC/NFD, either tone-mark placement, đ→d), what
  matching uses everywhere: "Điểm thi Tân Châu" → ["diem", "thi", "tan", "chau"].
- ``toned_terms(text)``: words keeping their letters (â, ơ, đ …, spelled in ASCII the Telex way) with the
  tone moved to a trailing digit, so both placements agree ("hoà"/"hòa" → "hoa1", "thuỷ"/"thủy" → "thuy3",
  "điểm" → "ddieem3"): ranks exact-diacritic matches higher. ASCII so every tokenizer (FTS5, PostgreSQL's
  parser under any locale, Elasticsearch) cuts them the same way.
- ``analyse(query)``: the query's term groups, with raw Telex keystrokes understood ("ddieemr" → "điểm").
- ``highlight(text, query)``: a snippet of the original text with the matched words in <mark>.
"""

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from html import escape  # what django.utils.html.escape calls, without its lazy-string wrapper per call

from cms.text import fold
from search.question_words import asks_when, asks_where, filler_flags, is_question
from search.telex import decode_telex

_WORD = re.compile(r"[^\W_]+")
_TERM = re.compile(r"[a-z0-9]{1,60}")
_LETTERS = str.maketrans({"đ": "dd", "â": "aa", "ă": "aw", "ê": "ee", "ô": "oo", "ơ": "ow", "ư": "uw"})
# Tone marks as combining characters, and the digit each becomes in a toned term.
TONES = {"\u0300": "1", "\u0301": "2", "\u0309": "3", "\u0303": "4", "\u0323": "5"}
TONES_DIGITS = frozenset(TONES.values())
_LETTER_PAIRS = re.compile("dd|aa|aw|ee|oo|ow|uw")  # _LETTERS's spellings, each folded to its first letter
MAX_QUERY_TERMS = 12


def terms(text: str) -> list[str]:
    return _TERM.findall(fold(text))


@lru_cache(maxsize=65536)
def toned_term(word: str) -> str:
    decomposed = unicodedata.normalize("NFD", word.lower())
    tone = ""
    kept = []
    for ch in decomposed:
        if ch in TONES:
            tone = TONES[ch]
        else:
            kept.append(ch)
    return unicodedata.normalize("NFC", "".join(kept)).translate(_LETTERS) + tone


@lru_cache(maxsize=65536)
def folded_toned(term: str) -> str:
    """A toned term folded as ``terms`` folds its word: "ddieem3" → "diem" (a syllable's tone digit follows
    letters only; "b12" stays)."""
    if term[-1:] in TONES_DIGITS and term[:-1].isalpha():
        term = term[:-1]
    return _LETTER_PAIRS.sub(lambda m: m.group()[0], term)


def spelt_otherwise(toned: Iterable[str], folded: Iterable[str]) -> bool:
    """Whether one of the ``toned`` terms is one of the ``folded`` words spelt with diacritics."""
    words = set(folded)
    return any(folded_toned(t) in words for t in toned)


def spellings(text: str) -> set[str]:
    """The distinct words of ``text`` as spelt with their diacritics (``toned_term``), numbers aside."""
    words = set(_WORD.findall(unicodedata.normalize("NFC", text).lower()))
    return {t for t in map(_kept_toned, words) if t and not t.isdigit()}


def toned_terms(text: str) -> list[str]:
    return [t for t in map(_kept_toned, _WORD.findall(unicodedata.normalize("NFC", text))) if t]


@lru_cache(maxsize=65536)
def _kept_toned(word: str) -> str:
    """The word's toned term, or "" when it is not one the index keeps (other scripts, over 60 characters)."""
    toned = toned_term(word)
    return toned if _TERM.fullmatch(toned) else ""


def compact_code(text: str) -> str:
    """A document number or venue code as one token: "860/STTTT-TTBCXB" → "860sttttttbcxb"."""
    return "".join(terms(text))


@dataclass(frozen=True)
class TermGroup:
    """One word of the query and the folded forms that may match it."""

    word: str  # as typed (NFC, lower case)
    alternatives: tuple[str, ...]  # folded; the first is the word itself, then its Telex reading
    toned: str = ""  # the toned term when the user typed diacritics (or Telex), for the exact-form bonus
    filler: bool = False  # a question or filler word (``search.question_words``): not required, counts little
    weight: float = 1.0  # how much the word counts in the ranking (rarer words more; ``search.weights``)


@dataclass(frozen=True)
class AnalysedQuery:
    text: str  # as typed, NFC, spaces collapsed
    decoded: str  # Telex words replaced by what they spell; equal to ``text`` when nothing was decoded
    groups: tuple[TermGroup, ...]
    question: bool = False  # asked as a question ("… ở đâu", "bao giờ …", "…?"): Q&A entries answer those
    asks_when: bool = False  # asks when ("bao giờ …", "… ngày nào"): the timetable's entries answer those too
    asks_where: bool = False  # asks where ("… ở đâu"): the venues, with their addresses, answer those too

    @property
    def variants(self) -> tuple[str, ...]:
        return (self.text,) if self.decoded == self.text else (self.text, self.decoded)

    @property
    def loosenable(self) -> bool:
        """Whether items with only most of the words may be found: not for one string typed without spaces (a
        document number or code, "2635/KH-SGDĐT", whose parts would match thousands of other numbers)."""
        return len(self.core) > 1 and len(self.text.split()) > 1

    @property
    def core(self) -> tuple[TermGroup, ...]:
        """The words that matter: all but the question and filler words (all of them if nothing else is left)."""
        return tuple(g for g in self.groups if not g.filler) or self.groups

    @property
    def folded_terms(self) -> set[str]:
        return {alt for g in self.groups for alt in g.alternatives}

    def __bool__(self) -> bool:
        return bool(self.groups)


def analyse(query: str) -> AnalysedQuery:
    text = " ".join(unicodedata.normalize("NFC", query).split())
    groups: list[TermGroup] = []
    words = _WORD.findall(text.lower())
    for word, filler in zip(words, filler_flags(words), strict=True):
        decoded = decode_telex(word) if word.isascii() else None
        folded = "".join(terms(word))
        if not folded:
            continue
        alternatives = [folded]
        if decoded and fold(decoded) != folded:
            alternatives.append(fold(decoded))
        toned = toned_term(word) if not word.isascii() else toned_term(decoded) if decoded else ""
        if not _TERM.fullmatch(toned):
            toned = ""
        groups.append(TermGroup(word=word, alternatives=tuple(alternatives), toned=toned, filler=filler))
        if len(groups) == MAX_QUERY_TERMS:
            break
    decoded_text = _WORD.sub(_decoded_word, text) if any(g.alternatives[1:] for g in groups) else text
    return AnalysedQuery(text=text, decoded=decoded_text, groups=tuple(groups),
                         question=text.rstrip().endswith("?") or is_question(words), asks_when=asks_when(words),
                         asks_where=asks_where(words))


def core_text(text: str) -> str:
    """The text without its question and filler words (as typed; unchanged when it has none, or only those)."""
    words = _WORD.findall(text)
    flags = filler_flags(words)
    if not any(flags) or all(flags):
        return text
    return " ".join(w for w, filler in zip(words, flags, strict=True) if not filler)


def merged(asked: list[AnalysedQuery]) -> AnalysedQuery:
    """One query holding the words of several (for snippets that mark the words of each)."""
    if len(asked) == 1:
        return asked[0]
    return AnalysedQuery(text=asked[0].text, decoded=asked[0].decoded,
                         groups=tuple(g for query in asked for g in query.groups))


def _decoded_word(match: re.Match) -> str:
    word = match.group()
    return (decode_telex(word.lower()) if word.isascii() else None) or word


def _folding_classes() -> dict[str, str]:
    """For each ASCII letter and digit, a regex class of every character that ``fold`` turns into it alone
    (a → [aAàÀáÁ…ăắ…âấ…], d → [dDđĐ]), read off ``fold`` itself over the Latin blocks."""
    found: dict[str, list[str]] = {}
    for code in [*range(0x30, 0x7B), *range(0xC0, 0x250), *range(0x1E00, 0x1F00)]:
        folded = fold(chr(code))
        if len(folded) == 1 and folded.isascii() and folded.isalnum():
            found.setdefault(folded, []).append(chr(code))
    return {letter: "[" + re.escape("".join(chars)) + "]" for letter, chars in found.items()}


_CLASSES = _folding_classes()


@lru_cache(maxsize=4096)
def _matcher(words: frozenset[str], prefixes: tuple[str, ...]) -> re.Pattern:
    """Whole words of NFC text that fold to one of ``words``, or that start with one of ``prefixes``: what
    folding every word and comparing would find, in one scan of the text."""
    def spelled(term: str) -> str:
        return "".join(_CLASSES.get(ch, re.escape(ch)) for ch in term)

    options = []
    if words:
        options.append(f"(?:{'|'.join(spelled(w) for w in sorted(words))})(?![^\\W_])")
    if prefixes:
        options.append(f"(?:{'|'.join(spelled(p) for p in prefixes)})[^\\W_]*")
    return re.compile(f"(?<![^\\W_])(?:{'|'.join(options) or '(?!)'})")


def highlight(text: str, query: AnalysedQuery, max_chars: int = 220, prefix: bool = False,
              found_only: bool = False) -> str:
    """An HTML snippet of ``text`` around the first matched word, matches wrapped in <mark>; the start of the
    text when no word matches, or "" with ``found_only``."""
    text = " ".join(unicodedata.normalize("NFC", text).split())
    last = query.groups[-1].alternatives if (prefix and query.groups) else ()
    spans = []
    for match in _matcher(frozenset(query.folded_terms), last).finditer(text):
        if spans and match.start() > spans[0][0] + max_chars:
            break  # past any snippet that starts near the first match
        spans.append(match.span())
    if found_only and not spans:
        return ""
    start = 0
    if spans and spans[0][0] > max_chars // 3:
        start = text.rfind(" ", 0, spans[0][0] - max_chars // 4) + 1
    end = len(text) if len(text) - start <= max_chars else text.rfind(" ", start, start + max_chars)
    if end <= start:
        end = min(len(text), start + max_chars)
    parts = ["…"] if start > 0 else []
    cursor = start
    for s, e in spans:
        if s < start:
            continue
        if e > end:
            break
        parts += [escape(text[cursor:s]), "<mark>", escape(text[s:e]), "</mark>"]
        cursor = e
    parts.append(escape(text[cursor:end]))
    if end < len(text):
        parts.append("…")
    return "".join(parts).strip()
