"""A wrong tone mark, read back from what was found: "nguyện vộng" finds "nguyện vọng" (matching ignores
diacritics), and the answer says "Đã tìm: nguyện vọng". A word typed with diacritics that the results never
spell that way is replaced by the spelling the results use most for the same letters. Words typed without
diacritics are left alone: leaving the marks out is not a mistake."""

import re
import unicodedata
from collections import Counter

from cms.text import fold

_WORD = re.compile(r"[^\W_]+")


def retoned(text: str, found_texts: list[str]) -> str:
    """``text`` with its mistyped diacritics corrected from ``found_texts`` (titles and snippets of the results),
    or "" when nothing is to correct."""
    spellings: dict[str, Counter] = {}
    for found in found_texts:
        for word in _WORD.findall(unicodedata.normalize("NFC", found).lower()):
            spellings.setdefault(fold(word), Counter())[word] += 1
    changed = False

    def fix(match: re.Match) -> str:
        nonlocal changed
        word = match.group()
        lower = word.lower()
        if lower.isascii():
            return word
        seen = spellings.get(fold(lower))
        if not seen or lower in seen:
            return word
        best = seen.most_common(1)[0][0]
        changed = True
        return best.capitalize() if word[:1].isupper() else best

    fixed = _WORD.sub(fix, unicodedata.normalize("NFC", text))
    return " ".join(fixed.split()) if changed else ""
