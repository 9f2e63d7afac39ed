"""Abbreviation and official-document-symbol expansion.

A ``Lexicon`` is an immutable compiled view of the abbreviation tables; the
default one is built at import, custom ones (with ``extra_abbreviations``) are
built on first use and kept in a small thread-safe LRU cache.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from types import MappingProxyType

from .abbreviations import DEFAULT_ABBREVIATIONS, DOCUMENT_CODES, spell_letters
from .notes import UNKNOWN_ABBREVIATION, note
from .numbers import Dialect, spell_int
from .text import capitalize_first, starts_sentence

# "1234/QĐ-UBND", "15/2020/TT-BGDĐT", "860/STTTT-BCVT&CNTT"
_DOCUMENT_SYMBOL_RE = re.compile(
    r"(?<![\w/])(?P<nums>\d+(?:/\d+)*)"
    r"/(?P<code>[A-ZĐ][A-Za-zĐđ]*(?:[-&.][A-ZĐ][A-Za-zĐđ]*)*)(?!\w)"
)
_CODE_PIECE_RE = re.compile(r"[-.]")
# "Q.1", "P. 5": district/ward before a number (never before a name, where
# "H.", "P." are usually a person's anonymised initial).
_WARD_RE = re.compile(r"(?<!\w)(?P<letter>[QP])\.\s?(?=\d)")
_WARD_WORDS = MappingProxyType({"Q": "quận", "P": "phường"})
_RECENT_WORDS_CHARS = 40
_BRACKETED_RE = re.compile(r"\(\s*(?P<key>[^()]{2,24}?)\s*\)")
_SENTENCE_END_RE = re.compile(r"\s*\Z")
_NEXT_CAPITAL_RE = re.compile(r"\s+[^\W\d_]")


@dataclass(frozen=True, slots=True)
class Lexicon:
    general: Mapping[str, str]
    codes: Mapping[str, str]
    pattern: re.Pattern[str]


def _key_pattern(key: str) -> str:
    pattern = re.escape(key)
    if key[0].isalnum():
        pattern = r"(?<!\w)" + pattern
    if key[-1].isalnum():
        pattern += r"(?!\w)"
    return pattern


def _build(extra: tuple[tuple[str, str], ...]) -> Lexicon:
    general = {**DEFAULT_ABBREVIATIONS, **dict(extra)}
    codes = {**DEFAULT_ABBREVIATIONS, **DOCUMENT_CODES, **dict(extra)}
    keys = sorted(general, key=len, reverse=True)
    alternatives = "|".join(_key_pattern(k) for k in keys)
    return Lexicon(
        general=MappingProxyType(general),
        codes=MappingProxyType(codes),
        pattern=re.compile(f"(?={_prefilter(keys)})(?:{alternatives})"),
    )


def _prefilter(keys: list[str]) -> str:
    """Cheap look-ahead on the first characters so most positions fail fast.

    Keys starting with a lower-case letter ("v.v.") are common word initials,
    so their first two characters are required instead.
    """
    capitals = {k[0] for k in keys if not k[0].islower()}
    pairs = sorted({re.escape(k[:2]) for k in keys if k[0].islower()})
    return "|".join([f"[{re.escape(''.join(sorted(capitals)))}]", *pairs])


_DEFAULT_LEXICON = _build(())


@lru_cache(maxsize=64)
def _cached(extra: tuple[tuple[str, str], ...]) -> Lexicon:
    return _build(extra)


def lexicon_for(extra: Mapping[str, str] | None) -> Lexicon:
    """The default lexicon, or one with ``extra`` merged over the defaults."""
    if not extra:
        return _DEFAULT_LEXICON
    items = tuple(sorted(extra.items()))
    for key, value in items:
        if not isinstance(key, str) or not key or not isinstance(value, str):
            raise ValueError(f"invalid abbreviation entry: {key!r} → {value!r}")
    return _cached(items)


def expand_abbreviations(text: str, lexicon: Lexicon) -> str:
    """Replace whole-token abbreviations, longest key first."""

    def replace(m: re.Match[str]) -> str:
        key = m.group()
        spoken = lexicon.general[key]
        if key.endswith(".") and _ends_sentence(m, key):
            spoken += "."
        if key[0].isupper() and starts_sentence(m.string, m.start()):
            spoken = capitalize_first(spoken)
        return f" {spoken} "

    if "." in text:
        text = _WARD_RE.sub(_ward, text)
    if "(" in text:
        text = _BRACKETED_RE.sub(lambda m: _repeated(m, lexicon), text)
    return lexicon.pattern.sub(replace, text)


def _repeated(m: re.Match[str], lexicon: Lexicon) -> str:
    """ "trung học phổ thông (THPT)": the abbreviation in brackets after its own words is not read twice."""
    spoken = lexicon.general.get(m["key"])
    before = m.string[max(0, m.start() - 80):m.start()].rstrip().lower()
    return "" if spoken and before.endswith(spoken.lower()) else m.group()


def _ward(m: re.Match[str]) -> str:
    spoken = _WARD_WORDS[m["letter"]]
    if starts_sentence(m.string, m.start()):
        spoken = capitalize_first(spoken)
    return f" {spoken} "


def _ends_sentence(m: re.Match[str], key: str) -> bool:
    """An abbreviation's own dot may also close the sentence."""
    if _SENTENCE_END_RE.match(m.string, m.end()):
        return True
    return key.startswith("v.v") and bool(_next_is_capital(m))


def _next_is_capital(m: re.Match[str]) -> bool:
    found = _NEXT_CAPITAL_RE.match(m.string, m.end())
    return bool(found) and found.group()[-1].isupper()


def expand_document_symbols(text: str, lexicon: Lexicon, dialect: Dialect) -> str:
    """ "1234/QĐ-UBND" → "một nghìn hai trăm ba mươi tư quyết định ủy ban nhân dân"."""

    def replace(m: re.Match[str]) -> str:
        recent = m.string[max(0, m.start() - _RECENT_WORDS_CHARS) : m.start()]
        code = _read_code(m["code"], lexicon, recent.lower())
        return f" {_read_numbers(m['nums'], dialect)} {code} "

    return _DOCUMENT_SYMBOL_RE.sub(replace, text)


def _read_numbers(nums: str, dialect: Dialect) -> str:
    first, *rest = nums.split("/")
    words = [spell_int(int(first), dialect)]
    for part in rest:
        year = len(part) == 4 and 1900 <= int(part) <= 2100
        words.append(("năm " if year else "") + spell_int(int(part), dialect))
    return " ".join(words)


def _read_code(code: str, lexicon: Lexicon, recent: str) -> str:
    table = lexicon.codes
    if code in table:
        return table[code]
    words = [_read_code_piece(p, table) for p in _CODE_PIECE_RE.split(code)]
    if len(words) > 1 and _said_just_before(words[0], recent):
        words = words[1:]  # "Kế hoạch 55/KH-SGDĐT": do not say "kế hoạch" twice
    return " ".join(words)


def _said_just_before(words: str, recent: str) -> bool:
    """``words`` ends the recent text, possibly followed by "số"."""
    tail = recent.rstrip(" :")
    tail = tail.removesuffix("số").rstrip(" :")
    return tail.endswith(words)


def _read_code_piece(piece: str, table: Mapping[str, str]) -> str:
    if piece in table:
        return table[piece]
    return " và ".join(table.get(p) or _unknown_code(p) for p in piece.split("&"))


def _unknown_code(piece: str) -> str:
    """A code the dictionaries do not know is spelt, and noted for the reading check."""
    spoken = spell_letters(piece)
    note(UNKNOWN_ABBREVIATION, piece, spoken)
    return spoken
