"""Is a run of letters one Vietnamese syllable, and how does a run of unaccented letters split into syllables?

Used to tell a word written in capitals ("THÔNG BÁO", "KHẨN") from an abbreviation ("PHHS", "TNTN"), and to read
the parts of e-mail and web addresses ("langson" → "lang son", "sgd" → letters).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_VOWEL_BASES = frozenset("aeiouy")


def _vowel_letters() -> str:
    letters = []
    for code in range(0x00C0, 0x1EFA):
        char = chr(code)
        if char.islower() and unicodedata.normalize("NFD", char)[0] in _VOWEL_BASES:
            letters.append(char)
    return "aeiouy" + "".join(letters)


_VOWELS = re.escape(_vowel_letters())
_ONSET = r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnprstvx])"
_CODA = r"(?:ch|ng|nh|[cmnpt])"
_SYLLABLE_RE = re.compile(rf"{_ONSET}?[{_VOWELS}]{{1,3}}{_CODA}?")
_MAX_SYLLABLE = 7  # "nghiêng"
_SPELT_COST = 3
_VOWEL_START_COST = 1


def is_syllable(word: str) -> bool:
    """True for one Vietnamese syllable in any case, with or without tone marks: "KHẨN", "Nghiệp", "lang"."""
    lowered = word.lower()
    return _SYLLABLE_RE.fullmatch(lowered) is not None and _spelling_allowed(lowered)


def _spelling_allowed(word: str) -> bool:
    """Vietnamese spelling: ngh/gh/k only before i, e, ê (k also y); ng, g, c never before them ("an giang",
    not "a ngiang")."""
    base = unicodedata.normalize("NFD", word)[:4].replace("\u0302", "^")
    for onset in ("ngh", "gh", "ng", "gi", "kh", "ch", "g", "k", "c"):
        if base.startswith(onset):
            rest = base[len(onset):]
            front = rest[:1] in ("i", "e") or (rest[:1] == "y" and onset == "k")
            if onset in ("ngh", "gh", "k"):
                return front
            if onset in ("gi", "kh", "ch"):
                return True
            return not front
    return True


@lru_cache(maxsize=4096)
def split_syllables(letters: str) -> tuple[str, ...]:
    """Split unaccented letters into syllables; a letter that fits no syllable is its own piece.

    "langson" → ("lang", "son"), "camau" → ("ca", "mau"), "sogd" → ("so", "g", "d"). Fewest costs win: a
    syllable costs 1 (+1 when it starts with a vowel and is not the first), a lone letter costs 3.
    """
    letters = letters.lower()
    size = len(letters)
    best: list[tuple[int, tuple[str, ...]] | None] = [None] * (size + 1)
    best[0] = (0, ())
    for start in range(size):
        current = best[start]
        if current is None:
            continue
        cost, pieces = current
        for end in range(start + 1, min(size, start + _MAX_SYLLABLE) + 1):
            piece = letters[start:end]
            if end - start == 1 and not is_syllable(piece):
                step = _SPELT_COST
            elif is_syllable(piece):
                step = 1 + (_VOWEL_START_COST if start and piece[0] in _VOWEL_BASES else 0)
            else:
                continue
            candidate = (cost + step, (*pieces, piece))
            known = best[end]
            if known is None or candidate[0] < known[0]:
                best[end] = candidate
    final = best[size]
    return final[1] if final else tuple(letters)
