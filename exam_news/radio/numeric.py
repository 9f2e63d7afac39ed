"""Reading of everything that contains digits: dates, times, phone numbers,
quantities with units, ranges, ordinals, exam-block codes and Roman numerals.

One precompiled alternation is scanned left to right; the first alternative
that matches at a position wins, so the order of ``_RULES`` is the priority.
Handlers only read their match and the text around it (no shared state).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from . import slashes
from .abbreviations import spell_letters
from .notes import AMBIGUOUS_NUMBER, AMBIGUOUS_SLASH, note
from .numbers import (
    Dialect,
    month_name,
    ordinal,
    rank,
    spell_decimal,
    spell_digits,
    spell_fraction,
    spell_int,
)
from .text import capitalize_first, starts_sentence
from .units import UNIT_WORDS

_DAY = r"(?:0?[1-9]|[12]\d|3[01])"
_MONTH = r"(?:0?[1-9]|1[0-2])"
_NOT_AFTER_NUMBER = r"(?<![\d/.,])"

_UNITS = "|".join(re.escape(u) for u in sorted(UNIT_WORDS, key=len, reverse=True))
_UNIT_TAIL = r"(?![^\W\d_]|[²³'′])"
_NO_WORD_AFTER = r"(?![\w/])"

# Words after which digits are read one by one (phones, candidate and ID numbers).
_DIAL_HINTS = (
    "điện thoại",
    "đt",
    "hotline",
    "đường dây nóng",
    "số máy",
    "fax",
    "di động",
    "zalo",
    "tổng đài",
    "số báo danh",
    "sbd",
    "cccd",
    "cmnd",
    "căn cước",
    "số tài khoản",
    "stk",
    "mã số",
)
_DIAL_RE = re.compile(
    r"(?P<lead>(?<!\w)(?i:số điện thoại|điện thoại|sđt|đt|hotline|đường dây nóng"
    r"|số máy(?: lẻ)?|fax|di động|zalo|tổng đài|số báo danh|sbd|cccd|cmnd"
    r"|căn cước(?: công dân)?|số tài khoản|stk|mã số(?: thuế| sinh viên)?)"
    r"(?:\s+(?:số|là))?\s*:?)\s*"
    r"(?P<digits>(?:\+\d+|\(\d+\)|\d{3,})(?:[ .\-]\(?\d+\)?|\(\d+\))*)"
)
_PHONE = (
    r"(?<![\w.,/+])(?:"
    r"\+(?=(?:[ .()\-]*\d){8})\d+(?:[ .\-]\(?\d+\)?|\(\d+\))*"
    r"|\(0\d{1,4}\)[ .\-]?\d+(?:[ .\-]\d+)*"
    # leading 0 and 9-11 digits in all, single separators between groups
    r"|0(?=(?:[ .\-]?\d){8,10}(?![ .\-]?\d))\d*(?:[ .\-]\d+)*"
    r"|1[89]00[ .\-]?\d{3,4}(?:[ .\-]\d{2,4}){0,2}(?!\d)"
    r")"
)
_YEARS = r"(?<![\w.,])(?P<yr_a>(?:19|20)\d\d)\s*[-–]\s*(?P<yr_b>(?:19|20)\d\d)(?![\d/])"
_DATE_RANGE = (
    rf"{_NOT_AFTER_NUMBER}(?P<dr_a>{_DAY})\s*[-–]\s*(?P<dr_b>{_DAY})"
    rf"/(?P<dr_m>{_MONTH})(?:/(?P<dr_y>\d{{4}}))?{_NO_WORD_AFTER}"
)
_DATE = (
    rf"{_NOT_AFTER_NUMBER}(?P<dt_d>{_DAY})/(?P<dt_m>{_MONTH})"
    rf"(?:/(?P<dt_y>\d{{4}}|\d{{2}}))?{_NO_WORD_AFTER}"
)
_DATE_WITH_YEAR = (
    rf"{_NOT_AFTER_NUMBER}(?P<dy_d>{_DAY})(?P<dy_s>[.\-])(?P<dy_m>{_MONTH})"
    r"(?P=dy_s)(?P<dy_y>\d{4})(?![\d.\-]\d)(?!\d)"
)
_AMOUNT = "|".join(sorted(slashes.AMOUNT_WORDS))
_SHARE = rf"{_NOT_AFTER_NUMBER}(?P<sh_a>\d{{1,3}})/(?P<sh_b>\d{{1,3}})(?=\s+(?i:{_AMOUNT})(?!\w))"
_MONTH_YEAR = rf"{_NOT_AFTER_NUMBER}(?P<my_m>{_MONTH})/(?P<my_y>(?:19|20)\d\d){_NO_WORD_AFTER}"
# "35/40", "34/7B", "12/5/3": numbers (a house number may end in a letter) joined by slashes.
_SLASHED_PART = r"(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d+)?[A-Za-z]?"
_RATIO = rf"{_NOT_AFTER_NUMBER}(?P<ra>{_SLASHED_PART}(?:/{_SLASHED_PART})+){_NO_WORD_AFTER}"
# "1m65", "1m5": a height or length in metres and centimetres ("60m2", "5m3" are areas and volumes).
_METRES = r"(?<![\w.,])(?P<me_m>\d{1,2})m(?P<me_c>\d\d|[014-9])(?!\w)"

_TIME = (
    r"(?<![\w.,:])(?P<tm_h>[01]?\d|2[0-4])"
    r"(?:[hH](?P<tm_m>[0-5]\d)?|g(?P<tm_g>[0-5]\d)|:(?P<tm_c>[0-5]\d)(?!:?\d))['′]?(?!\w)"
)
_NUMBER = (
    r"(?<![\w.,])(?P<nu_neg>[-−](?=\d))?"
    r"(?P<nu_int>\d{1,3}(?:\.\d{3})+|\d{1,3}(?:,\d{3}){2,}|\d+)(?!\d|\.\d)"
    r"(?:,(?P<nu_frac>\d+)(?!,\d))?"
    rf"(?:\s?(?P<nu_unit>{_UNITS}){_UNIT_TAIL})?"
)
_DOTTED = (
    rf"(?<![\w.,])(?P<do_num>\d+(?:\.\d+)+)(?!\d)"
    rf"(?:\s?(?P<do_unit>{_UNITS}){_UNIT_TAIL})?"
)
_CODE = r"(?<![^\W\d_])(?P<co_l>[A-ZĐ]{1,2})(?P<co_d>\d{1,3})(?!\w)"
_DASH = (
    r"(?:(?<=\d)|(?<=\d )|(?<=\d[hH])|(?<=\d[hH] )|(?<=%)|(?<=% )|(?<=°C)|(?<=°C ))"
    r"[-–—]\s*(?=\d)"
)
_GLUE = r"(?<=[^\W\d_])-(?=\d)"

_PREV_WORD_RE = re.compile(r"([^\W\d_]+)\W*\Z")
_NEXT_WORD_RE = re.compile(r"\s*([^\W\d_]+)")
_PHONE_GROUP_RE = re.compile(r"\+?\d+")

_DATE_WORDS = frozenset({"ngày", "mồng", "mùng", "hôm"})
_LEADING_ZERO_CARDINAL_BEFORE = frozenset({"ngày", "mồng", "mùng", "tháng", "giờ", "phút", "lúc"})
_LEADING_ZERO_CARDINAL_AFTER = frozenset({"giờ", "phút", "giây"})
_MAX_CARDINAL_DIGITS = 7  # ungrouped 8+ digit strings are IDs: read digit by digit
# "mục 1.5", "Điều 2.3": words before a section number, so "chấm" is not in doubt.
_SECTION_WORDS = frozenset({"mục", "điều", "khoản", "chương", "phần", "tiểu", "bài", "câu", "phiên", "bản",
                            "hình", "bảng", "lục", "tiêu", "điểm", "version"})


def _prev_word(m: re.Match[str]) -> str:
    start = m.start()
    found = _PREV_WORD_RE.search(m.string, max(0, start - 32), start)
    return found.group(1).lower() if found else ""


def _next_word(m: re.Match[str]) -> str:
    found = _NEXT_WORD_RE.match(m.string, m.end())
    return found.group(1).lower() if found else ""


def _read_phone(body: str) -> str:
    groups = _PHONE_GROUP_RE.findall(body)
    if len(groups) == 1 and groups[0].startswith("0") and len(groups[0]) >= 10:
        digits = groups[0]  # unseparated mobile/landline: pause as 4-3-3(4)
        groups = [digits[:4], digits[4:7], digits[7:]]
    return ", ".join(_read_phone_group(g) for g in groups)


def _read_phone_group(group: str) -> str:
    if group.startswith("+"):
        return "cộng " + spell_digits(group[1:])
    return spell_digits(group)


def _date_words(day: str, month: str, year: str | None, d: Dialect) -> str:
    words = f"{spell_int(int(day), d)} tháng {month_name(int(month), d)}"
    if year:
        words += " năm " + spell_int(int(year), d)
    return words


def _ngay(m: re.Match[str]) -> str:
    """ "ngày " unless the text already says ngày/mồng/mùng/hôm."""
    return "" if _prev_word(m) in _DATE_WORDS else "ngày "


def _phone(m: re.Match[str], d: Dialect) -> str:
    return _read_phone(m.group())


def _years(m: re.Match[str], d: Dialect) -> str:
    first, second = int(m["yr_a"]), int(m["yr_b"])
    # School years ("năm học 2025-2026") keep the dash as a pause.
    joiner = " - " if second == first + 1 else " đến "
    return spell_int(first, d) + joiner + spell_int(second, d)


def _date_range(m: re.Match[str], d: Dialect) -> str:
    first = spell_int(int(m["dr_a"]), d)
    last = _date_words(m["dr_b"], m["dr_m"], m["dr_y"], d)
    return f"{_ngay(m)}{first} đến ngày {last}"


def _date(m: re.Match[str], d: Dialect) -> str:
    return _read_slash(m, [m["dt_d"], m["dt_m"]], m["dt_y"], d)


def _date_with_year(m: re.Match[str], d: Dialect) -> str:
    return _ngay(m) + _date_words(m["dy_d"], m["dy_m"], m["dy_y"], d)


def _share(m: re.Match[str], d: Dialect) -> str:
    return _read_slash(m, [m["sh_a"], m["sh_b"]], None, d)


def _fraction(numerator: int, denominator: int, d: Dialect) -> str:
    below = "tư" if denominator == 4 else spell_int(denominator, d)
    return f"{spell_int(numerator, d)} phần {below}"


def _decimal(part: str, d: Dialect) -> str:
    digits = part.rstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
    integer, _, fraction = digits.partition(",")
    words = spell_decimal(int(integer.replace(".", "")), fraction or None, d)
    letter = part[len(digits):]
    return f"{words} {spell_letters(letter)}" if letter else words


def _out_of(parts: list[str], d: Dialect) -> str:
    return " trên ".join(spell_int(int(p), d) for p in parts)


def _house_number(parts: list[str], d: Dialect) -> str:
    """ "34/7B" → ba mươi tư trên bảy bê (house, lot and alley numbers)."""
    words = []
    for part in parts:
        digits = part.rstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
        letter = part[len(digits):]
        words.append(spell_int(int(digits), d) + (" " + spell_letters(letter) if letter else ""))
    return f" {slashes.HOUSE_SLASH} ".join(words)


def _read_slash(m: re.Match[str], parts: list[str], year: str | None, d: Dialect) -> str:
    """Numbers joined by a slash, read by the words around them (the rules are in ``slashes``)."""
    prev, following = _prev_word(m), _next_word(m)
    if any("," in p or "." in p for p in parts):  # "9,5/10", "1/50.000": a score, a scale
        return " trên ".join(_decimal(p, d) for p in parts)
    plain = len(parts) == 2 and all(p.isdigit() for p in parts)
    if prev == "lớp" and plain and not year:  # "lớp 12/1" is a class ("lớp 10/2": mười trên hai, not "mười hai")
        joiner = f" {slashes.HOUSE_SLASH} " if int(parts[0]) % 10 == 0 else " "
        return f"{spell_int(int(parts[0]), d)}{joiner}{spell_int(int(parts[1]), d)}"
    if prev in slashes.ADDRESS_WORDS or not plain:
        spoken = _house_number(parts, d)
        if not plain and prev not in slashes.ADDRESS_WORDS:
            note(AMBIGUOUS_SLASH, m.group(), spoken)
        return spoken
    a, b = int(parts[0]), int(parts[1])
    is_date = 1 <= a <= 31 and 1 <= b <= 12
    if (a, b) in slashes.ROUND_THE_CLOCK and not year and prev not in slashes.DATE_CONTEXT_WORDS:
        return _out_of(parts, d)  # "trực 24/7", "hoạt động 24/24"
    if is_date and prev in slashes.NAME_WORDS:  # "đường 2/9": a name, no "ngày"
        return _date_words(parts[0], parts[1], year, d)
    if is_date and year:
        return _ngay(m) + _date_words(parts[0], parts[1], year, d)
    fraction = 0 < a < b <= slashes.MAX_DENOMINATOR
    if fraction and following in slashes.AMOUNT_WORDS:
        return _fraction(a, b, d)
    if is_date and prev in slashes.DATE_CONTEXT_WORDS:
        return _ngay(m) + _date_words(parts[0], parts[1], None, d)
    if following in slashes.STREET_AFTER_WORDS:  # "địa chỉ 45/12 đường 2/9": a house number
        return _house_number(parts, d)
    if fraction and (following in slashes.GROUP_WORDS or prev in slashes.SHARE_WORDS):
        return _fraction(a, b, d)
    if following in slashes.OUT_OF_WORDS or prev in slashes.RATIO_WORDS:
        return _out_of(parts, d)
    if is_date:
        return _ngay(m) + _date_words(parts[0], parts[1], None, d)
    spoken = _out_of(parts, d)
    note(AMBIGUOUS_SLASH, m.group(), spoken)
    return spoken


def _month_year(m: re.Match[str], d: Dialect) -> str:
    lead = "" if _prev_word(m) == "tháng" else "tháng "
    month = month_name(int(m["my_m"]), d)
    return f"{lead}{month} năm {spell_int(int(m['my_y']), d)}"


def _ratio(m: re.Match[str], d: Dialect) -> str:
    return _read_slash(m, m["ra"].split("/"), None, d)


def _metres(m: re.Match[str], d: Dialect) -> str:
    """ "1m65" → một mét sáu mươi lăm, "1m05" → một mét không năm."""
    return f"{spell_int(int(m['me_m']), d)} mét {spell_fraction(m['me_c'], d)}"


def _time(m: re.Match[str], d: Dialect) -> str:
    words = spell_int(int(m["tm_h"]), d) + " giờ"
    minutes = int(m["tm_m"] or m["tm_g"] or m["tm_c"] or 0)
    if minutes:
        words += f" {spell_int(minutes, d)} phút"
    return words


def _number(m: re.Match[str], d: Dialect) -> str:
    raw, fraction, unit = m["nu_int"], m["nu_frac"], m["nu_unit"]
    if fraction is None and raw.isdigit():
        words = _plain_integer(m, raw, d)
    else:
        value = int(raw.replace(".", "").replace(",", ""))
        words = spell_decimal(value, fraction, d)
    if m["nu_neg"]:
        words = "âm " + words
    if unit:
        words += " " + _unit_word(unit, raw, d)
    return words


def _plain_integer(m: re.Match[str], raw: str, d: Dialect) -> str:
    prev = _prev_word(m)
    if raw.startswith("0") and len(raw) > 1 and not _zero_padded_cardinal(m, prev):
        return spell_digits(raw)  # phòng 05, số 012
    if len(raw) > _MAX_CARDINAL_DIGITS:
        return spell_digits(raw)
    value = int(raw)
    if prev == "thứ":
        return ordinal(value, d)
    if prev in ("giải", "hạng"):
        return rank(value, d)
    if prev == "tháng" and 1 <= value <= 12:
        return month_name(value, d)
    return spell_int(value, d)


def _zero_padded_cardinal(m: re.Match[str], prev: str) -> bool:
    """ "ngày 05", "7 giờ 05", "08 giờ": zero padding of a date or a time."""
    if prev in _LEADING_ZERO_CARDINAL_BEFORE:
        return True
    return _next_word(m) in _LEADING_ZERO_CARDINAL_AFTER


def _unit_word(unit: str, raw: str, d: Dialect) -> str:
    if unit == "đ":  # "8,5đ" is a score, "50.000đ" an amount of money
        value = int(raw.replace(".", "").replace(",", ""))
        return "điểm" if value < 100 else "đồng"
    return UNIT_WORDS[unit].replace("nghìn", d.thousand)


def _dotted(m: re.Match[str], d: Dialect) -> str:
    head, *tail = m["do_num"].split(".")
    unit = m["do_unit"]
    if unit and len(tail) == 1:  # "98.7%": an English-style decimal point
        words = spell_decimal(int(head), tail[0], d)
    else:  # "mục 1.5", "2.3.4": read "chấm"
        parts = [spell_int(int(head), d)] + [spell_fraction(p, d) for p in tail]
        words = " chấm ".join(parts)
        if len(tail) == 1 and len(tail[0]) < 3 and _prev_word(m) not in _SECTION_WORDS:
            note(AMBIGUOUS_NUMBER, m["do_num"], words)  # "1.5": a section number or an English decimal?
    return f"{words} {_unit_word(unit, head, d)}" if unit else words


def _code(m: re.Match[str], d: Dialect) -> str:
    return f"{spell_letters(m['co_l'])} {spell_digits(m['co_d'])}"


def _dash(m: re.Match[str], d: Dialect) -> str:
    return " đến "


def _glue(m: re.Match[str], d: Dialect) -> str:
    return " "


_Handler = Callable[[re.Match[str], Dialect], str]
_RULES: tuple[tuple[str, str, _Handler], ...] = (
    ("phone", _PHONE, _phone),
    ("years", _YEARS, _years),
    ("date_range", _DATE_RANGE, _date_range),
    ("share", _SHARE, _share),
    ("date", _DATE, _date),
    ("date_with_year", _DATE_WITH_YEAR, _date_with_year),
    ("month_year", _MONTH_YEAR, _month_year),
    ("ratio", _RATIO, _ratio),
    ("metres", _METRES, _metres),
    ("time", _TIME, _time),
    ("number", _NUMBER, _number),
    ("dotted", _DOTTED, _dotted),
    ("code", _CODE, _code),
    ("dash", _DASH, _dash),
    ("glue", _GLUE, _glue),
)
# The leading look-ahead lets the regex engine skip quickly to candidate chars.
_NUMERIC_RE = re.compile(
    r"(?=[\d+(\-−–—A-ZĐ])(?:" + "|".join(f"(?P<{name}>{pattern})" for name, pattern, _ in _RULES) + ")"
)
_HANDLERS: dict[str, _Handler] = {name: handler for name, _, handler in _RULES}


def read_dialled_numbers(text: str) -> str:
    """Digits after "điện thoại", "SBD", "hotline", ... are read one by one."""
    lowered = text.lower()
    if not any(hint in lowered for hint in _DIAL_HINTS):
        return text
    return _DIAL_RE.sub(lambda m: f"{m['lead']} {_read_phone(m['digits'])} ", text)


def read_numbers(text: str, dialect: Dialect) -> str:
    """Replace every numeric expression with its spoken words."""
    text = read_dialled_numbers(text)

    def replace(m: re.Match[str]) -> str:
        name = m.lastgroup
        assert name is not None
        spoken = _HANDLERS[name](m, dialect)
        if name in ("dash", "glue"):
            return spoken
        if starts_sentence(m.string, m.start()):
            spoken = capitalize_first(spoken)
        return f" {spoken} "

    return _NUMERIC_RE.sub(replace, text)


# Roman numerals after words that number periods, areas and prizes.
_ROMAN_RE = re.compile(
    r"(?<!\w)(?P<word>(?i:khu vực|quý|khóa|khoá|học kỳ|học kì|kỳ|kì|đợt|thế kỷ"
    r"|thế kỉ|đại hội|phần|chương|giai đoạn|cụm|vùng|loại|hạng|giải|lần thứ|thứ))"
    r"\s+(?P<roman>[IVXL]+)(?!\w)(?:/(?P<year>\d{4})(?!\d))?"
)
_ROMAN_HINT_RE = re.compile(r"[IVXL]+(?![^\W\d_])")
_ROMAN_DIGITS = {"I": 1, "V": 5, "X": 10, "L": 50}
_ROMAN_TABLE = ((50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))


def roman_value(numeral: str) -> int | None:
    """Value of a canonical Roman numeral below 90, else None."""
    values = [_ROMAN_DIGITS[c] for c in numeral]
    total = sum(-v if v < nxt else v for v, nxt in zip(values, [*values[1:], 0], strict=True))
    return total if total > 0 and _to_roman(total) == numeral else None


def _to_roman(value: int) -> str:
    out = []
    for amount, symbol in _ROMAN_TABLE:
        count, value = divmod(value, amount)
        out.append(symbol * count)
    return "".join(out)


def read_roman_numerals(text: str, dialect: Dialect) -> str:
    """ "Khu vực II" → "Khu vực hai", "Quý I/2026" → "Quý một năm …"."""
    if not _ROMAN_HINT_RE.search(text):
        return text

    def replace(m: re.Match[str]) -> str:
        value = roman_value(m["roman"])
        if value is None:
            return m.group()
        word = m["word"].lower()
        if word.endswith("thứ"):
            spoken = ordinal(value, dialect)
        elif word in ("hạng", "giải"):
            spoken = rank(value, dialect)
        else:
            spoken = spell_int(value, dialect)
        if m["year"]:
            spoken += " năm " + spell_int(int(m["year"]), dialect)
        return f"{m['word']} {spoken}"

    return _ROMAN_RE.sub(replace, text)
