"""Written Vietnamese → the words a northern (or southern) radio announcer says.

``read_aloud`` rewrites only digits, symbols, abbreviations and links; normal
words keep their letters and case, and sentence punctuation stays in place so
an SSML renderer can turn it into pauses. Whitespace is collapsed.

Pipeline (each step a precompiled regex, no shared mutable state, no I/O):
links → document symbols → abbreviations → slashes between words → Roman numerals → numbers →
unknown capitals → symbols. What a step cannot settle is noted (``notes``) for the reading check
(``check.check_reading``); README "Radio bulletins" has the rule of every class with an example.

Decisions (what a district loudspeaker announcer reads):

* Numbers: ``.`` groups thousands, ``,`` is the decimal mark ("9,75" → chín
  phẩy bảy mươi lăm; "2,05" → hai phẩy không năm; 3+ decimals digit by digit).
  "1,160,000" (two or more comma groups of three) is English grouping.
  A single dot followed by exactly three digits is a thousands group
  ("1.500" → một nghìn năm trăm). Any other dotted number ("1.5", "mục 2.3.1")
  is read with "chấm" (một chấm năm), because in bulletins it is nearly always
  a section or version number; only when a unit or % follows ("98.7%") is it
  taken as an English decimal point and read "phẩy".
* Zero groups are skipped, the next non-zero group is read in full:
  1.000.005 → một triệu không trăm linh năm (never "không nghìn");
  2024 → hai nghìn không trăm hai mươi tư; 10^12 → một nghìn tỷ.
* mốt/tư/lăm after tens ≥ 2 (north: "tư", south: "bốn"); "linh" (north) /
  "lẻ" (south) for a zero tens digit; "nghìn" / "ngàn".
* Zero-padded integers ("phòng 05", "số 012") and ungrouped integers of 8+
  digits (candidate/ID numbers) are read digit by digit, except zero padding
  in dates and times ("ngày 05", "7 giờ 05").
* Phone numbers (leading 0 and 9-11 digits, "(0296) 3852 224", "1900 1234",
  "+84 ...", or any digits after điện thoại/ĐT/hotline/đường dây nóng/SBD/...)
  are read digit by digit, 0 → không, "+" → cộng, with a comma (pause)
  between the written groups.
* Dates d/m[/y], d.m.yyyy, d-m-yyyy (day ≤ 31, month ≤ 12) get "ngày" unless
  already preceded by ngày/mồng/mùng/hôm; month 4 is "tư". "27-28/6" →
  ngày hai mươi bảy đến ngày hai mươi tám tháng sáu. "m/yyyy" → tháng m năm y.
  Other meanings of a slash between numbers come from the words around it
  (``slashes``): street names (đường 2/9, no "ngày"), house numbers (hẻm 34/7B,
  "trên"), fractions (1/4 diện tích → một phần tư), scores (38/40 câu, "trên"),
  round the clock (24/7); what stays undecided is read "trên" and noted.
* Times: 7h30 → bảy giờ ba mươi phút, 14h → mười bốn giờ, 9:00 → chín giờ,
  7h05 → bảy giờ năm phút. A dash between numbers, times or dates is "đến",
  except between consecutive years (năm học 2025-2026 keeps a pause).
* Units after a number are spelt as syllables ("ki lô mét", "mi li mét",
  "héc ta", "độ c", ``units``); "đ" is "điểm" below 100 (a score) and "đồng"
  above; primes are minutes and seconds; "1m65" is metres and centimetres.
* Ordinals: "thứ 1/4" → thứ nhất/thứ tư; "giải/hạng 1, 2, 4" → nhất/nhì/tư.
* Exam-block and similar codes (A00, D01, C03, A1): letter names then digits
  one by one (a không không, dê không một). Single letters ("khối A") stay.
* Official document symbols "số 860/STTTT-BCVT&CNTT": the number is read as a
  cardinal, the "/" is silent, a 4-digit year part is read "năm …", and the
  issuing code is expanded piece by piece where the dictionary knows it
  (QĐ-UBND → quyết định ủy ban nhân dân), otherwise spelt with Vietnamese
  letter names (ét xì, tê, ...); "&" → và, "-" is silent. The leading type
  piece is dropped when the text just said it ("Kế hoạch 55/KH-SGDĐT" →
  kế hoạch năm mươi lăm sở giáo dục và đào tạo, not "kế hoạch" twice).
* E-mail and web addresses are spelt so a listener can write them down
  (``links``: a còng, chấm, gạch ngang, gạch dưới; vn → vê en, gov → gốp …).
* Capital letters the dictionaries do not know are spelt with Vietnamese
  letter names and noted, never guessed (``acronyms``).
* Roman numerals after khu vực, quý, khóa, kỳ, đợt, thế kỷ, đại hội, phần,
  chương, ... are read as numbers (Quý II → Quý hai).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping

from .acronyms import read_letter_sequences
from .lexicon import expand_abbreviations, expand_document_symbols, lexicon_for
from .links import LINK_STYLES, replace_links
from .notes import AMBIGUOUS_NUMBER, SKIPPED_SYMBOL, note
from .numbers import DIALECTS, Dialect, spell_digits
from .numeric import read_numbers, read_roman_numerals
from .slashes import read_word_slashes
from .units import DEGREES_C

__all__ = ["read_aloud"]

_DIGIT_RE = re.compile(r"\d")
_ABOUT_RE = re.compile(r"~\s*(?=[\d-])")
_DOLLAR_RE = re.compile(r"(?<![\w$])\$\s?(\d[\d.,]*)")
# "3x4", "60 x 80 m", "2 m x 3 m": the "x" between dimensions becomes "×", read "nhân".
_TIMES_RE = re.compile(r"(?:(?<=\d)|(?<=\d )|(?<=\d[^\W\d_²³])|(?<=[^\W\d_²³] ))[xX×] ?(?=\d)")
_MEASURE_BEFORE_RE = re.compile(r"\d[\d.,]*\s?(?:[^\W\d_]{1,3}[²³23]?)?\s?\Z")
_DEGREE_C_RE = re.compile(r"(?<!\w)độ C(?!\w)")
# "+ Tuyên truyền …": a "+", "•" or "*" opening a line is a list bullet (layout, not a word); "./." closes an
# official document and is read as the full stop it is.
_BULLET_RE = re.compile(r"(?m)^[ \t]*[+•*][ \t]+")
_SYMBOLS = (
    ("./.", "."),
    ("&", " và "),
    ("≥", " lớn hơn hoặc bằng "),
    ("≤", " nhỏ hơn hoặc bằng "),
    ("≈", " xấp xỉ "),
    ("±", " cộng trừ "),
    ("℃", f" {DEGREES_C} "),
    ("°C", f" {DEGREES_C} "),
    ("%", " phần trăm "),
    ("‰", " phần nghìn "),
    ("~", " khoảng "),
    ("×", " nhân "),
    ("→", " đến "),
    ("@", " a còng "),
    (" > ", " lớn hơn "),
    (" < ", " nhỏ hơn "),
    (" = ", " bằng "),
    (" + ", " cộng "),
    ("•", " "),  # list bullets are layout, not words
    ("*", " "),
)
# What is left that is neither a letter, a digit, a space nor sentence punctuation was not read: it is noted
# (for the reading check) and left out of the spoken text.
_UNREAD_RE = re.compile(r"[^\w\s.,;:!?()\[\]{}\"'“”‘’…\-–—]")
# Digits no rule took ("m5", "x4", glued to letters) are read one by one and noted.
_LEFTOVER_DIGITS_RE = re.compile(r"[^\W\d_]*\d[^\W_]*")
_SPACES_RE = re.compile(r"\s+")
_SPACE_BEFORE_PUNCT_RE = re.compile(r" (?=[.,:;?!)\]}…])")
_SPACE_AFTER_OPEN_RE = re.compile(r"(?<=[(\[{]) ")


def read_aloud(
    text: str,
    dialect: str = "north",
    extra_abbreviations: Mapping[str, str] | None = None,
    link_style: str = "full",
) -> str:
    """Return ``text`` as a Vietnamese announcer reads it aloud.

    ``dialect`` is "north" (linh, nghìn, tư) or "south" (lẻ, ngàn, bốn);
    ``extra_abbreviations`` are merged over (and override) the defaults;
    ``link_style`` "full" spells e-mail and web addresses whole, "short" reads only a web address's host.
    """
    spoken_dialect = _dialect(dialect)
    if link_style not in LINK_STYLES:
        raise ValueError(f"unknown link style {link_style!r}; expected one of {LINK_STYLES}")
    lexicon = lexicon_for(extra_abbreviations)
    out = unicodedata.normalize("NFC", text)
    if "+" in out or "•" in out or "*" in out:
        out = _BULLET_RE.sub("", out)
    out = replace_links(out, link_style, extra_abbreviations)
    has_digits = _DIGIT_RE.search(out) is not None
    if has_digits:
        out = expand_document_symbols(out, lexicon, spoken_dialect)
    out = expand_abbreviations(out, lexicon)
    out = read_word_slashes(out)
    out = read_roman_numerals(out, spoken_dialect)
    if has_digits:
        out = _ABOUT_RE.sub("khoảng ", out)
        if "$" in out:
            out = _DOLLAR_RE.sub(r"\1$", out)
        out = _TIMES_RE.sub(_times, out)
        out = read_numbers(out, spoken_dialect)
        if _DIGIT_RE.search(out):
            out = _LEFTOVER_DIGITS_RE.sub(_leftover_digits, out)
    out = read_letter_sequences(out, spoken_dialect)
    out = _read_symbols(out, spoken_dialect)
    return _tidy(out)


def _dialect(name: str) -> Dialect:
    try:
        return DIALECTS[name]
    except (KeyError, TypeError):
        raise ValueError(f"unknown dialect {name!r}; expected one of {sorted(DIALECTS)}") from None


def _read_symbols(text: str, dialect: Dialect) -> str:
    if "độ C" in text:
        text = _DEGREE_C_RE.sub(DEGREES_C, text)
    for symbol, spoken in _SYMBOLS:
        if symbol in text:
            text = text.replace(symbol, spoken.replace("nghìn", dialect.thousand))
    if _UNREAD_RE.search(text):
        text = _UNREAD_RE.sub(_unread, text)
    return text


def _times(m: re.Match[str]) -> str:
    """ "x" between two measures ("6 m x 8 m", "3x4"); not after a plain word ("ô số x4")."""
    before = m.string[max(0, m.start() - 16):m.start()]
    return " × " if _MEASURE_BEFORE_RE.search(before) else m.group()


def _leftover_digits(m: re.Match[str]) -> str:
    token = m.group()
    spoken = re.sub(r"\d+", lambda d: f" {spell_digits(d.group())} ", token).strip()
    note(AMBIGUOUS_NUMBER, token, spoken)
    return f" {spoken} "


def _unread(m: re.Match[str]) -> str:
    note(SKIPPED_SYMBOL, m.group())
    return " "


def _tidy(text: str) -> str:
    text = _SPACES_RE.sub(" ", text).strip()
    text = _SPACE_BEFORE_PUNCT_RE.sub("", text)
    return _SPACE_AFTER_OPEN_RE.sub("", text)
