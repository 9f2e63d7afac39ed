"""E-mail and web addresses, read so that a listener can write them down.

Rule (README "Radio bulletins"):

* separators by name: "@" a còng, "." chấm, "-" gạch ngang, "_" gạch dưới, "/" gạch chéo, ":" hai chấm;
* the common parts in ``LINK_WORDS`` as Vietnamese announcers say them (vn → vê en, gov → gốp, edu → e đu,
  com → com, www → vê kép vê kép vê kép …);
* any other part split into unaccented Vietnamese syllables where it can be ("langson" → lang son,
  "hoidap" → hoi dap), the letters no syllable takes by their Vietnamese names ("sgd" → ét xì giê dê),
  digits one by one;
* "http://" and "https://" are not read (a browser adds them); everything else is.

The full form (default) reads the whole address; the short form (``style="short"``) reads a web address's host
without "www." and without the path. An e-mail address has no shorter form. An editor who prefers other
words puts the whole address in the abbreviation dictionary ("Từ điển viết tắt"), which wins over both.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from types import MappingProxyType

from .abbreviations import LETTER_NAMES
from .numbers import spell_digits
from .syllables import is_syllable, split_syllables

LINK_STYLES = ("full", "short")

LINK_WORDS = MappingProxyType({
    "www": "vê kép vê kép vê kép",
    "vn": "vê en",
    "com": "com",
    "net": "nét",
    "org": "o rờ gờ",
    "edu": "e đu",
    "gov": "gốp",
    "info": "in phô",
    "io": "i o",
    "gmail": "gờ meo",
    "mail": "meo",
    "email": "i meo",
    "yahoo": "da hu",
    "outlook": "ao lúc",
    "zalo": "da lô",
    "facebook": "phây búc",
    "youtube": "diu túp",
    "online": "on lai",
})
SEPARATOR_WORDS = MappingProxyType({
    "@": "a còng",
    ".": "chấm",
    "-": "gạch ngang",
    "_": "gạch dưới",
    "/": "gạch chéo",
    ":": "hai chấm",
    "?": "dấu hỏi",
    "=": "bằng",
    "&": "và",
    "+": "cộng",
    "#": "thăng",
    "%": "phần trăm",
    "~": "dấu ngã",
})

EMAIL_RE = re.compile(r"(?<![\w.+\-])[\w.+\-]*[^\W_]@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+")
URL_RE = re.compile(
    r"(?i:(?<![\w@])(?:https?://|www\.)[^\s<>\"']+"
    r"|(?<![\w.@/])[a-z0-9][a-z0-9\-]*(?:\.[a-z0-9\-]+)*"
    r"\.(?:vn|com|net|org|edu|gov|info|io)\b(?:/[^\s<>\"']*)?)"
)
LINK_HINT_RE = re.compile(r"\.(?i:vn|com|net|org|edu|gov|info|io)\b|://|www\.")
_TRAILER = ".,;:!?)]}\"'"
_SCHEME_RE = re.compile(r"(?i)^https?://")
_PIECE_RE = re.compile(r"[^\W\d_]+|\d+|[^\w\s]|_")


def read_link(link: str, style: str = "full") -> str:
    """The spoken form of one e-mail or web address (no trailing punctuation)."""
    if "@" in link and "/" not in link:
        return _read_parts(link)
    address = _SCHEME_RE.sub("", link)
    if style == "short":
        address = re.sub(r"(?i)^www\.", "", address).split("/", 1)[0].split("?", 1)[0]
    return _read_parts(address.rstrip("/"))


def replace_links(text: str, style: str = "full", overrides: Mapping[str, str] | None = None) -> str:
    """Every e-mail and web address in ``text`` replaced by its spoken form (dictionary entries first)."""
    if style not in LINK_STYLES:
        raise ValueError(f"unknown link style {style!r}; expected one of {LINK_STYLES}")
    if "@" in text:
        text = EMAIL_RE.sub(lambda m: _spoken(m, style, overrides), text)
    if LINK_HINT_RE.search(text):
        text = URL_RE.sub(lambda m: _spoken(m, style, overrides), text)
    return text


def _spoken(m: re.Match[str], style: str, overrides: Mapping[str, str] | None) -> str:
    link = m.group()
    core = link.rstrip(_TRAILER)
    trailer = link[len(core):]
    spoken = (overrides or {}).get(core) or read_link(core, style)
    return f" {spoken} {trailer}"


def _read_parts(address: str) -> str:
    words: list[str] = []
    for piece in _PIECE_RE.findall(address):
        if piece.isdigit():
            words.append(spell_digits(piece))
        elif piece[0].isalpha():
            words.append(_read_word(piece))
        else:
            words.append(SEPARATOR_WORDS.get(piece, piece))
    return " ".join(words)


def _read_word(word: str) -> str:
    lowered = word.lower()
    if lowered in LINK_WORDS:
        return LINK_WORDS[lowered]
    pieces = split_syllables(lowered)
    return " ".join(p if len(p) > 1 or is_syllable(p) else LETTER_NAMES.get(p, p) for p in pieces)
