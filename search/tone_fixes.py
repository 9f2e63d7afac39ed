"""What was searched, read back from what was found.

A wrong tone mark: "nguyện vộng" finds "nguyện vọng" (matching ignores diacritics), and the answer says "Đã tìm:
nguyện vọng". A word typed with diacritics that the results never spell that way is replaced by the spelling the
results use most for the same letters (the old and new tone placements, "khoá" and "khóa", are one spelling).
Words typed without diacritics are left alone: leaving the marks out is not a mistake; so are question and
filler words ("thì", "có"), which are not what was searched for.

A typo corrected from the indexed words ("phc khảo" → "phuc", "pho", …): the correction the results hold first,
spelt as they spell it when the query was typed with diacritics, in place of the word typed.
"""

import re
import unicodedata
from collections import Counter

from cms.text import fold
from search.analysis import toned_term
from search.question_words import filler_flags

_WORD = re.compile(r"[^\W_]+")


def _spellings(found_texts: list[str]) -> dict[str, Counter]:
    """Each folded word of the texts → how often each of its spellings occurs."""
    spellings: dict[str, Counter] = {}
    for found in found_texts:
        for word in _WORD.findall(unicodedata.normalize("NFC", found).lower()):
            spellings.setdefault(fold(word), Counter())[word] += 1
    return spellings


def retoned(text: str, found_texts: list[str]) -> str:
    """``text`` with its mistyped diacritics corrected from ``found_texts`` (titles and snippets of the results),
    or "" when nothing is to correct."""
    spellings = _spellings(found_texts)
    text = unicodedata.normalize("NFC", text)
    fillers = iter(filler_flags(_WORD.findall(text)))
    changed = False

    def fix(match: re.Match) -> str:
        nonlocal changed
        word = match.group()
        lower = word.lower()
        if next(fillers) or lower.isascii():  # "thì", "có": not searched for, whatever the results spell
            return word
        seen = spellings.get(fold(lower))
        if not seen or any(toned_term(spelt) == toned_term(lower) for spelt in seen):
            return word
        changed = True
        return _cased_as(word, seen.most_common(1)[0][0])

    fixed = _WORD.sub(fix, text)
    return " ".join(fixed.split()) if changed else ""


def corrected(text: str, corrections: dict[str, tuple[str, ...]], found_texts: list[str]) -> str:
    """``text`` with each corrected word (``corrections``: the word folded → its corrections, folded, likeliest
    first) replaced by the correction found first in ``found_texts`` (the results, best first)."""
    spellings = _spellings(found_texts)
    first_seen: dict[str, int] = {}
    for found in found_texts:
        for word in _WORD.findall(fold(found)):
            first_seen.setdefault(word, len(first_seen))
    text = unicodedata.normalize("NFC", text)
    marked = not text.isascii()

    def fix(match: re.Match) -> str:
        alternatives = corrections.get(fold(match.group()))
        if not alternatives:
            return match.group()
        best = min(alternatives, key=lambda a: (first_seen.get(a, len(first_seen)), alternatives.index(a)))
        best = spellings[best].most_common(1)[0][0] if marked and best in spellings else best
        return _cased_as(match.group(), best)

    return " ".join(_WORD.sub(fix, text).split())


def _cased_as(typed: str, word: str) -> str:
    """``word`` in the case ``typed`` was written in ("PHÚ" → "PHÚC", "Phú" → "Phúc")."""
    if typed.isupper() and len(typed) > 1:
        return word.upper()
    return word.capitalize() if typed[:1].isupper() else word
