"""Written Vietnamese → the words a northern (or southern) radio announcer says.

``read_aloud`` rewrites only digits, symbols, abbreviations and links; normal
words keep their letters and case, and sentence punctuation stays in place so
an SSML renderer can turn it into pauses. Whitespace is collapsed.

Pipeline (each step a precompiled regex, no shared mutable state, no I/O):
links → document symbols → abbreviations → Roman numerals → numbers → symbols.

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
  "a/b số ..." is a fraction (3/4 số → ba phần tư số); any other a/b that is
  not a valid date is read "a trên b" (35/40 → ba mươi lăm trên bốn mươi).
* Times: 7h30 → bảy giờ ba mươi phút, 14h → mười bốn giờ, 9:00 → chín giờ,
  7h05 → bảy giờ năm phút. A dash between numbers, times or dates is "đến",
  except between consecutive years (năm học 2025-2026 keeps a pause).
* Units after a number are spelt as syllables ("ki lô mét", "mi li mét",
  "héc ta", "độ c"); "đ" is "điểm" below 100 (a score) and "đồng" above.
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
* URLs are replaced by "trang thông tin điện tử" and e-mail addresses by
  "địa chỉ thư điện tử"; they are never spelt out.
* Roman numerals after khu vực, quý, khóa, kỳ, đợt, thế kỷ, đại hội, phần,
  chương, ... are read as numbers (Quý II → Quý hai).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping

from .lexicon import expand_abbreviations, expand_document_symbols, lexicon_for
from .numbers import DIALECTS, Dialect
from .numeric import read_numbers, read_roman_numerals

__all__ = ["read_aloud"]

URL_HINT = "trang thông tin điện tử"
EMAIL_HINT = "địa chỉ thư điện tử"

_EMAIL_RE = re.compile(r"[\w.+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+")
_URL_RE = re.compile(
    r"(?i:\b(?:https?://|www\.)[^\s<>\"']+"
    r"|(?<![\w.@])[a-z0-9][a-z0-9\-]*(?:\.[a-z0-9\-]+)*"
    r"\.(?:vn|com|net|org|edu|gov|info|io)\b(?:/[^\s<>\"']*)?)"
)
_LINK_HINT_RE = re.compile(r"\.(?i:vn|com|net|org|edu|gov|info|io)\b|://|www\.")
_LINK_TRAILER = ".,;:!?)]}\"'"
_DIGIT_RE = re.compile(r"\d")
_ABOUT_RE = re.compile(r"~\s*(?=[\d-])")
_DEGREE_C_RE = re.compile(r"(?<!\w)độ C(?!\w)")
_SYMBOLS = (
    ("&", " và "),
    ("≥", " lớn hơn hoặc bằng "),
    ("≤", " nhỏ hơn hoặc bằng "),
    ("℃", " độ c "),
    ("°C", " độ c "),
    ("%", " phần trăm "),
    ("•", " "),
    ("*", " "),
)
_SPACES_RE = re.compile(r"\s+")
_SPACE_BEFORE_PUNCT_RE = re.compile(r" (?=[.,:;?!)\]}…])")
_SPACE_AFTER_OPEN_RE = re.compile(r"(?<=[(\[{]) ")


def read_aloud(
    text: str,
    dialect: str = "north",
    extra_abbreviations: Mapping[str, str] | None = None,
) -> str:
    """Return ``text`` as a Vietnamese announcer reads it aloud.

    ``dialect`` is "north" (linh, nghìn, tư) or "south" (lẻ, ngàn, bốn);
    ``extra_abbreviations`` are merged over (and override) the defaults.
    """
    spoken_dialect = _dialect(dialect)
    lexicon = lexicon_for(extra_abbreviations)
    out = unicodedata.normalize("NFC", text)
    out = _replace_links(out)
    has_digits = _DIGIT_RE.search(out) is not None
    if has_digits:
        out = expand_document_symbols(out, lexicon, spoken_dialect)
    out = expand_abbreviations(out, lexicon)
    out = read_roman_numerals(out, spoken_dialect)
    if has_digits:
        out = _ABOUT_RE.sub("khoảng ", out)
        out = read_numbers(out, spoken_dialect)
    out = _read_symbols(out)
    return _tidy(out)


def _dialect(name: str) -> Dialect:
    try:
        return DIALECTS[name]
    except (KeyError, TypeError):
        raise ValueError(f"unknown dialect {name!r}; expected one of {sorted(DIALECTS)}") from None


def _replace_links(text: str) -> str:
    if "@" in text:
        text = _EMAIL_RE.sub(lambda m: _link_hint(m, EMAIL_HINT), text)
    if _LINK_HINT_RE.search(text):
        text = _URL_RE.sub(lambda m: _link_hint(m, URL_HINT), text)
    return text


def _link_hint(m: re.Match[str], hint: str) -> str:
    link = m.group()
    core = link.rstrip(_LINK_TRAILER)
    return f" {hint} {link[len(core) :]}"


def _read_symbols(text: str) -> str:
    if "độ C" in text:
        text = _DEGREE_C_RE.sub("độ c", text)
    for symbol, spoken in _SYMBOLS:
        if symbol in text:
            text = text.replace(symbol, spoken)
    return text


def _tidy(text: str) -> str:
    text = _SPACES_RE.sub(" ", text).strip()
    text = _SPACE_BEFORE_PUNCT_RE.sub("", text)
    return _SPACE_AFTER_OPEN_RE.sub("", text)
