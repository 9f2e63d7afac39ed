"""Capital-letter tokens left after the dictionary: words in capitals, Roman numerals, and unknown abbreviations.

* A token that is one Vietnamese syllable ("KHẨN", "THÔNG BÁO") or a name read as a word (COVID, ASEAN …)
  is a word written in capitals: kept.
* A Roman numeral of two or more letters ("cấp II", "Đợt III") is read as a number.
* Any other run of two or more capitals is an abbreviation the dictionary does not know. It is never
  guessed: it is spelt with Vietnamese letter names ("PHHS" → pê hát hát ét xì), so the announcer has
  something to say, and noted for the reading check, which asks the editor for a dictionary entry.
"""

from __future__ import annotations

import re

from .abbreviations import spell_letters
from .notes import UNKNOWN_ABBREVIATION, note
from .numbers import Dialect, spell_int
from .numeric import roman_value
from .syllables import is_syllable

# Upper-case names Vietnamese announcers read as words, not letter by letter.
READ_AS_WORDS = frozenset({
    "COVID", "ASEAN", "UNESCO", "UNICEF", "NATO", "FIFA", "OPEC", "APEC", "WIFI", "ZALO", "GAMES", "SEA",
    "OK", "IELTS", "TOEIC", "TOEFL", "SAT", "STEM", "PISA", "OLYMPIC", "INTERNET", "ONLINE", "VIETTEL",
    "MOBIFONE", "VINAPHONE", "VNEID", "EMAIL", "HOTLINE", "WEBSITE", "FACEBOOK", "YOUTUBE", "TIKTOK", "GOOGLE",
    "ZOOM",
})
_CAPITALS_HINT_RE = re.compile(r"[A-ZĐ][^\W\d_]*[A-ZĐ]")
_ROMAN_LETTERS = frozenset("IVXL")
_TOKEN_RE = re.compile(r"(?<!\w)[^\W\d_]{2,}(?!\w)")


def read_letter_sequences(text: str, dialect: Dialect) -> str:
    """Spell unknown abbreviations (and note them), read Roman numerals; leave words in capitals."""
    if not _CAPITALS_HINT_RE.search(text):
        return text

    def replace(m: re.Match[str]) -> str:
        token = m.group()
        if not token.isupper() or token in READ_AS_WORDS:
            return token
        value = roman_value(token) if set(token) <= _ROMAN_LETTERS else None
        if value is not None:
            return spell_int(value, dialect)
        if is_syllable(token):
            return token
        spoken = spell_letters(token)
        note(UNKNOWN_ABBREVIATION, token, spoken)
        return spoken

    return _TOKEN_RE.sub(replace, text)
