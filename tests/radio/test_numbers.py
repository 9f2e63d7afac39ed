"""Spelling helpers, checked directly (expected values written by hand)."""

from __future__ import annotations

import pytest

from exam_news.radio.numbers import (
    NORTH,
    SOUTH,
    month_name,
    ordinal,
    rank,
    spell_decimal,
    spell_digits,
    spell_fraction,
    spell_int,
)
from exam_news.radio.numeric import roman_value


@pytest.mark.parametrize(
    ("value", "north", "south"),
    [
        (0, "không", "không"),
        (4, "bốn", "bốn"),
        (10, "mười", "mười"),
        (14, "mười bốn", "mười bốn"),
        (24, "hai mươi tư", "hai mươi bốn"),
        (105, "một trăm linh năm", "một trăm lẻ năm"),
        (2024, "hai nghìn không trăm hai mươi tư", "hai ngàn không trăm hai mươi bốn"),
        (1_000_005, "một triệu không trăm linh năm", "một triệu không trăm lẻ năm"),
        (10_010, "mười nghìn không trăm mười", "mười ngàn không trăm mười"),
        (700_000, "bảy trăm nghìn", "bảy trăm ngàn"),
        (5_000_000_000_000_000, "năm triệu tỷ", "năm triệu tỷ"),
        (1_002_000_000_000, "một nghìn không trăm linh hai tỷ", "một ngàn không trăm lẻ hai tỷ"),
        (-7, "âm bảy", "âm bảy"),
    ],
)
def test_spell_int(value: int, north: str, south: str) -> None:
    assert spell_int(value, NORTH) == north
    assert spell_int(value, SOUTH) == south


@pytest.mark.parametrize(
    ("digits", "spoken"),
    [("0", "không"), ("05", "không năm"), ("75", "bảy mươi lăm"), ("5", "năm"), ("125", "một hai năm")],
)
def test_spell_fraction(digits: str, spoken: str) -> None:
    assert spell_fraction(digits) == spoken


def test_spell_helpers() -> None:
    assert spell_digits("0912") == "không chín một hai"
    assert spell_decimal(9, "75") == "chín phẩy bảy mươi lăm"
    assert spell_decimal(9, None) == "chín"
    assert month_name(4) == "tư"
    assert month_name(11) == "mười một"
    assert ordinal(1) == "nhất"
    assert ordinal(4) == "tư"
    assert ordinal(7) == "bảy"
    assert rank(2) == "nhì"


@pytest.mark.parametrize(
    ("numeral", "value"),
    [("I", 1), ("IV", 4), ("IX", 9), ("XIII", 13), ("XXI", 21), ("XL", 40), ("IIII", None), ("VX", None)],
)
def test_roman_value(numeral: str, value: int | None) -> None:
    assert roman_value(numeral) == value
