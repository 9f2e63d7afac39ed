"""What a slash means, from the words around it.

Between words (this module's ``read_word_slashes``):

* per unit, when a number comes before the first word — "20.000 đồng/tháng", "60 km/h", "3 bài/ngày",
  "500 người/km²": after money (đồng, đ, VNĐ, USD, %, triệu …) "một" (hai mươi nghìn đồng một tháng; "cho"
  when the unit is counted: "30.000đ/1 môn" → đồng cho một môn); when
  either side is a unit symbol (km, h, m², ha …) "trên" (ki lô mét trên giờ, người trên ki lô mét vuông);
  otherwise "mỗi" (ba bài mỗi ngày). A symbol on the right is read in words (h → giờ);
* otherwise either/or: "Sáng/Chiều" → Sáng hoặc Chiều, "nam/nữ" → nam hoặc nữ; three or more words are a list
  read with pauses ("Sử/Địa/GDCD" → Sử, Địa, giáo dục công dân);
* a counted word after a word that is neither a unit nor money ("1 bút/1 thước") is a list, not a rate: the
  slash is left unread and reported.

Between numbers the context words below are used by ``numeric`` (dates, street names, house numbers,
fractions, round-the-clock service).
"""

from __future__ import annotations

import re

from .units import UNIT_WORDS

# "đường 2/9", "phố 19/5", "Trường THPT 19/5": a street, square, bridge or school named after a date — read
# the date without "ngày".
NAME_WORDS = frozenset({"đường", "phố", "lộ", "cầu", "trường", "viên", "chợ", "bến", "bãi", "thông", "sở", "học",
                        "viện", "hóa", "hoá", "ty"})
# "số 12/5", "hẻm 34/7B", "ngõ 5/12": a house, lot or alley number — read "trên".
ADDRESS_WORDS = frozenset({"số", "hẻm", "ngõ", "ngách", "kiệt", "lô", "nhà", "căn", "thửa", "kios", "ki-ốt"})
HOUSE_SLASH = "trên"
# "45/12 đường Lê Lợi": numbers before a street or alley are a house number (unless a date word comes first).
STREET_AFTER_WORDS = frozenset({"đường", "phố", "hẻm", "ngõ", "ngách", "kiệt"})
# Words before a date: "Sáng 1/4", "từ 3/5", "hạn 30/6" are dates whatever follows.
DATE_CONTEXT_WORDS = frozenset({
    "ngày", "mồng", "mùng", "hôm", "sáng", "trưa", "chiều", "tối", "đêm", "từ", "đến", "tới", "trước", "sau",
    "hạn", "lúc", "vào", "kể", "khai", "dịp", "tết", "lễ", "nhật", "hai", "ba", "tư", "năm", "sáu",
    "bảy", "cuối", "đầu", "giữa",
})
# "trực 24/7", "vận hành 24/24 giờ": round the clock, read "trên" — unless a date word comes before ("ngày 24/7").
ROUND_THE_CLOCK = frozenset({(24, 7), (24, 24)})
# "1/4 diện tích", "3/5 số thí sinh", "2/3 thời gian": a fraction when a numerator below its denominator
# is followed by a word that names a quantity (always) or a group (unless a date word comes before).
AMOUNT_WORDS = frozenset({"số", "diện", "tổng", "dân", "quãng", "lượng", "khối", "ngân", "kinh", "quỹ", "dung",
                          "phần", "trong"})
GROUP_WORDS = frozenset({
    "thời", "chiều", "các", "những", "thí", "học", "người", "hộ", "trường", "phòng", "xã", "phường", "giáo",
    "cán", "đơn", "thành", "đại", "lớp", "em", "sinh", "công", "cử", "nhân", "gia", "cơ", "đội",
})
# Before a fraction: "chiếm 1/3", "gần 2/3", "hơn 1/2".
SHARE_WORDS = frozenset({"chiếm", "gần", "hơn", "khoảng", "còn", "bằng", "mất", "quá", "tới"})
MAX_DENOMINATOR = 10
# "đúng 35/40 câu", "7/10 bài": a score or a count out of a total, read "trên".
OUT_OF_WORDS = frozenset({"câu", "điểm", "bài", "môn", "phiếu", "ý", "lượt", "tiêu", "nội", "chỉ",
                          "mục", "tổ", "trận", "ván", "giờ", "ngày", "tuần", "tháng", "người"})
RATIO_WORDS = frozenset({"lệ", "tỉ", "tỷ", "đạt", "được", "đúng", "sai", "thắng", "thua"})

# "sáng/tối", "ngày/đêm": times of day are either/or even after a number ("2 lần sáng/tối").
TIMES_OF_DAY = frozenset({"sáng", "trưa", "chiều", "tối", "đêm", "ngày"})
MONEY_WORDS = frozenset({"đồng", "đ", "vnđ", "vnd", "usd", "đô", "euro", "%", "‰", "triệu", "tỷ", "tỉ", "nghìn",
                         "ngàn", "k", "xu", "hào"})
PER_TIME_UNITS = {"h": "giờ", "s": "giây", "ph": "phút", "p": "phút"}

_WORD = r"(?:[^\W\d_]+(?:[²³]|[23](?![\w]))?|%|‰)"
# The right-hand side may start with a number: "150 mm/24h" → mi li mét trên hai mươi tư giờ.
_WORD_SLASH_RE = re.compile(
    rf"(?P<first>{_WORD})(?P<rest>(?:[ \t]*/[ \t]*(?:\d+[ \t]?)?[^\W\d_]+(?:[²³]|[23](?!\w))?)+)(?!\w)"
)
_LEADING_DIGITS_RE = re.compile(r"^\d+[ \t]?")
_SLASH_SPLIT_RE = re.compile(r"[ \t]*/[ \t]*")
_NUMBER_BEFORE_RE = re.compile(
    r"(?<![\d/])\d[\d.,]*[ \t]*(?:(?:trăm|nghìn|ngàn|triệu|tỷ|tỉ|chục|vạn)[ \t]+)?\Z"
)
# A longer noun between the number and the slash ("2 cán bộ coi thi/phòng") still makes a rate when the word after
# the slash is one things are counted per.
_NUMBER_FURTHER_BEFORE_RE = re.compile(r"(?<![\d/])\d[\d.,]*[ \t]*(?:[^\W\d_]+[ \t]*){0,5}\Z")
PER_WORDS = frozenset({"ngày", "tuần", "tháng", "năm", "giờ", "phút", "giây", "người", "phòng", "lớp", "lượt", "ca",
                       "buổi", "em", "hộ", "xã", "trường", "điểm", "suất", "môn", "bài", "chuyến", "lần", "kỳ", "đợt",
                       "thí", "học", "hồ", "đơn", "cặp", "nhóm", "đội", "tổ", "xe", "chiếc", "bộ", "hộp", "bao"})


def read_word_slashes(text: str) -> str:
    """Read every slash between words: per unit after a number, otherwise either/or."""
    if "/" not in text:
        return text
    return _WORD_SLASH_RE.sub(_replace, text)


def _replace(m: re.Match[str]) -> str:
    words = [m["first"], *_SLASH_SPLIT_RE.split(m["rest"])[1:]]
    before = m.string[max(0, m.start() - 40):m.start()]
    per_unit = (_NUMBER_BEFORE_RE.search(before) is not None or m["first"] in ("%", "‰")
                or (words[1].lower() in PER_WORDS and _NUMBER_FURTHER_BEFORE_RE.search(before) is not None))
    if words[0].lower() in TIMES_OF_DAY and words[1].lower() in TIMES_OF_DAY - {"ngày"}:
        per_unit = False
    both_symbols = all(_is_symbol(w) for w in words)
    counted = any(w[:1].isdigit() for w in words[1:])
    if counted and not (per_unit and (_is_symbol(words[0]) or words[0].lower() in MONEY_WORDS)):
        return m.group()  # "1 bút/1 thước": a list, not a rate — left for the reading check
    if not per_unit and not both_symbols:
        if any(w.lower() == "hoặc" for w in words):
            return " ".join(words)
        if len(words) > 2:  # "Sử/Địa/GDCD": a list, read with pauses
            return ", ".join(words)
        return " hoặc ".join(words)
    out = [words[0] if per_unit else _unit_word(words[0])]
    for left, right in zip(words, words[1:], strict=False):
        out += [_joiner(left, right), _unit_word(right)]
    return " ".join(out)


def _is_symbol(word: str) -> bool:
    word = _LEADING_DIGITS_RE.sub("", word).strip()
    return word in UNIT_WORDS or word in PER_TIME_UNITS


def _unit_word(word: str) -> str:
    if word[:1].isdigit():  # "24h": the numbers step reads it
        return word
    if word in PER_TIME_UNITS:
        return PER_TIME_UNITS[word]
    if word in UNIT_WORDS and word not in ("đ",):
        return UNIT_WORDS[word]
    return word


def _joiner(left: str, right: str) -> str:
    if left.lower() in MONEY_WORDS:
        return "cho" if right[:1].isdigit() else "một"  # "30.000đ/1 môn": đồng cho một môn
    if _is_symbol(left) or _is_symbol(right):
        return "trên"
    return "mỗi"
