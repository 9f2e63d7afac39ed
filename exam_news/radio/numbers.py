"""Spelling of integers, digits and decimal fractions in Vietnamese.

Pure functions over immutable data; safe to call from any thread.
"""

from __future__ import annotations

from dataclasses import dataclass

DIGITS: tuple[str, ...] = (
    "không",
    "một",
    "hai",
    "ba",
    "bốn",
    "năm",
    "sáu",
    "bảy",
    "tám",
    "chín",
)
_BILLION = 1_000_000_000


@dataclass(frozen=True, slots=True)
class Dialect:
    """Words that differ between northern and southern announcers."""

    name: str
    thousand: str  # nghìn / ngàn
    zero_tens: str  # linh / lẻ (105 → một trăm linh năm)
    four_after_tens: str  # tư / bốn (24 → hai mươi tư)


NORTH = Dialect("north", "nghìn", "linh", "tư")
SOUTH = Dialect("south", "ngàn", "lẻ", "bốn")
DIALECTS: dict[str, Dialect] = {"north": NORTH, "south": SOUTH}


def spell_int(value: int, dialect: Dialect = NORTH) -> str:
    """Cardinal reading: 2024 → "hai nghìn không trăm hai mươi tư"."""
    if value < 0:
        return "âm " + spell_int(-value, dialect)
    if value == 0:
        return DIGITS[0]
    return " ".join(_spell_positive(value, dialect, full=False))


def spell_digits(digits: str) -> str:
    """Digit by digit: "012" → "không một hai"."""
    return " ".join(DIGITS[int(c)] for c in digits if c.isdigit())


def spell_fraction(digits: str, dialect: Dialect = NORTH) -> str:
    """Digits after "phẩy"/"chấm".

    One or two digits without a leading zero are read as a number
    ("75" → bảy mươi lăm); a leading zero or three and more digits are read
    digit by digit ("05" → không năm, "125" → một hai năm).
    """
    if digits.startswith("0") or len(digits) > 2:
        return spell_digits(digits)
    return spell_int(int(digits), dialect)


def spell_decimal(integer: int, fraction: str | None, dialect: Dialect = NORTH) -> str:
    """A number with an optional decimal part: (9, "75") → chín phẩy bảy mươi lăm."""
    words = spell_int(integer, dialect)
    if fraction:
        words += " phẩy " + spell_fraction(fraction, dialect)
    return words


def month_name(month: int, dialect: Dialect = NORTH) -> str:
    """Month numbers read after "tháng": 4 is always "tư"."""
    return "tư" if month == 4 else spell_int(month, dialect)


def ordinal(value: int, dialect: Dialect = NORTH) -> str:
    """Reading after "thứ": 1 → nhất, 4 → tư, otherwise the cardinal."""
    return {1: "nhất", 4: "tư"}.get(value) or spell_int(value, dialect)


def rank(value: int, dialect: Dialect = NORTH) -> str:
    """Reading after "giải"/"hạng": nhất, nhì, ba, tư, then cardinals."""
    return {1: "nhất", 2: "nhì", 4: "tư"}.get(value) or spell_int(value, dialect)


def _spell_positive(value: int, dialect: Dialect, full: bool) -> list[str]:
    # Above a billion the head is read on its own and followed by "tỷ", which
    # gives "một nghìn tỷ" for 10^12 and "một triệu tỷ" for 10^15.
    if value >= _BILLION:
        head, tail = divmod(value, _BILLION)
        words = [*_spell_positive(head, dialect, full), "tỷ"]
        if tail:
            words += _spell_positive(tail, dialect, full=True)
        return words
    groups = (
        (value // 1_000_000, "triệu"),
        (value // 1000 % 1000, dialect.thousand),
        (value % 1000, ""),
    )
    words: list[str] = []
    for group, scale in groups:
        if not group:
            continue  # 1.000.005 → một triệu không trăm linh năm (no "không nghìn")
        words += _spell_triple(group, dialect, full)
        if scale:
            words.append(scale)
        full = True
    return words


def _spell_triple(value: int, dialect: Dialect, full: bool) -> list[str]:
    """0 < value < 1000; ``full`` adds "không trăm" inside a larger number."""
    hundreds, rest = divmod(value, 100)
    tens, units = divmod(rest, 10)
    words: list[str] = []
    if hundreds or full:
        words += [DIGITS[hundreds], "trăm"]
    if tens == 0:
        if units and words:
            words.append(dialect.zero_tens)
        if units:
            words.append(DIGITS[units])
    elif tens == 1:
        words.append("mười")
        if units:
            words.append("lăm" if units == 5 else DIGITS[units])
    else:
        words += [DIGITS[tens], "mươi"]
        if units:
            words.append(_after_tens(units, dialect))
    return words


def _after_tens(units: int, dialect: Dialect) -> str:
    if units == 1:
        return "mốt"
    if units == 4:
        return dialect.four_after_tens
    if units == 5:
        return "lăm"
    return DIGITS[units]
