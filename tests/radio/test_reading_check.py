"""check_reading: what the reader could not handle, with positions in the text (issue #21, point 5)."""

from __future__ import annotations

import json
import threading

from exam_news.radio import read_aloud
from exam_news.radio.check import check_reading, reading_problems
from exam_news.radio.notes import AMBIGUOUS_NUMBER, AMBIGUOUS_SLASH, SKIPPED_SYMBOL, UNKNOWN_ABBREVIATION


def _kinds(text: str, **kwargs) -> list[tuple[str, str]]:
    return [(p.kind, p.token) for p in check_reading(text, **kwargs).problems]


def test_clean_text_has_no_problems() -> None:
    reading = check_reading("Sáng 26/6, PHHS đưa con đến điểm thi số 12/5 đường 2/9 trước 6h30.")
    assert reading.problems == ()


def test_unknown_abbreviation_is_reported_where_it_is() -> None:
    text = "Họp BQLDA và PHHS lúc 8h."
    reading = check_reading(text)
    assert [(p.kind, p.token) for p in reading.problems] == [(UNKNOWN_ABBREVIATION, "BQLDA")]
    problem = reading.problems[0]
    assert text[problem.start:problem.end] == "BQLDA"
    assert problem.reading == "bê quy e lờ dê a"
    assert "bê quy e lờ dê a" in reading.spoken


def test_each_occurrence_is_reported_at_its_own_place() -> None:
    text = "TS đến sớm; TS mang bút."
    starts = [p.start for p in check_reading(text).problems]
    assert starts == [0, 12]


def test_unknown_code_in_a_document_symbol_is_reported() -> None:
    text = "Công văn số 401/TTCS-UBND"
    problems = check_reading(text).problems
    assert [(p.kind, p.token) for p in problems] == [(UNKNOWN_ABBREVIATION, "TTCS")]
    assert text[problems[0].start:problems[0].end] == "TTCS"


def test_a_dictionary_entry_settles_the_problem() -> None:
    assert _kinds("Họp BQLDA", extra_abbreviations={"BQLDA": "ban quản lý dự án"}) == []


def test_slash_without_a_deciding_word_is_ambiguous() -> None:
    assert _kinds("mã 45/3/1 đã khóa") == [(AMBIGUOUS_SLASH, "45/3/1")]
    assert _kinds("tỷ số 35/31") == []  # "số" before: a number read with "trên"
    assert _kinds("kết quả 35/31") == [(AMBIGUOUS_SLASH, "35/31")]


def test_dotted_number_without_a_section_word_is_ambiguous() -> None:
    assert _kinds("tăng 2.5 lần") == [(AMBIGUOUS_NUMBER, "2.5")]
    assert _kinds("mục 2.5") == []


def test_symbols_that_are_not_read_are_reported_and_left_out() -> None:
    text = "Xem § 3 và ^ ghi chú"
    reading = check_reading(text)
    assert [(p.kind, p.token, p.start) for p in reading.problems] == [
        (SKIPPED_SYMBOL, "§", 4), (SKIPPED_SYMBOL, "^", 11)]
    assert "§" not in reading.spoken and "^" not in reading.spoken


def test_problems_come_in_the_order_of_the_text() -> None:
    text = "§ đầu, rồi BQLDA, rồi 45/3/1, rồi XYZW"
    starts = [p.start for p in check_reading(text).problems]
    assert starts == sorted(starts) and len(starts) == 4


def test_spoken_text_is_read_aloud_output() -> None:
    text = "Gửi hoidap@sgd.edu.vn trước 17h ngày 20/6; BQLDA trả lời."
    assert check_reading(text).spoken == read_aloud(text)


def test_reading_problems_is_the_list_of_problems() -> None:
    assert [p.token for p in reading_problems("Họp XYZW")] == ["XYZW"]


def test_as_dict_is_json() -> None:
    data = json.loads(json.dumps(check_reading("Họp XYZW").as_dict(), ensure_ascii=False))
    assert data == {"text": "Họp XYZW", "spoken": "Họp ích xì i dài dét vê kép", "problems": [
        {"kind": "unknown_abbreviation", "token": "XYZW", "start": 4, "end": 8, "reading": "ích xì i dài dét vê kép"}]}


def test_plain_reading_collects_nothing_and_threads_keep_their_own_notes() -> None:
    read_aloud("XYZW")  # outside a check: no collection, no error
    results: dict[int, list[str]] = {}

    def worker(index: int) -> None:
        token = ["ABCD", "XYZW", "QWRT", "BQLDA"][index % 4]
        for _ in range(50):
            found = [p.token for p in check_reading(f"Họp {token} lúc 8h").problems]
            if found != [token]:
                results[index] = found
                return

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == {}


def test_a_list_written_with_a_slash_is_reported_not_read_as_a_rate() -> None:
    reading = check_reading("mang 1 bút/1 thước")
    assert [(p.kind, p.token, p.start) for p in reading.problems] == [(SKIPPED_SYMBOL, "/", 10)]
    assert reading.spoken == "mang một bút một thước"


def test_digits_no_rule_takes_are_read_one_by_one_and_reported() -> None:
    reading = check_reading("ô số x4 và m5")
    assert reading.spoken == "ô số x bốn và m năm"
    assert [(p.kind, p.token, p.start) for p in reading.problems] == [
        (AMBIGUOUS_NUMBER, "x4", 5), (AMBIGUOUS_NUMBER, "m5", 11)]


# Pieces of bulletin text, glued together at random: whatever comes out, every digit and symbol is either read
# (no digit or symbol is left in the spoken text) or reported where it stands.
PIECES = ["12/5", "34/7B", "/", "1/", "/2", "km/h", "đồng/", "/tháng", "00/00", "99/99/9999", "1,5/", "5A/", "A/5",
          "@", "a@b.vn", "www.", "http://", "1m", "m5", "1m65", "45'", "°C", "~", "±", "≥", "x", "3x", "x4",
          "PHHS", "ĐĐ", "II", "(PHHS)", "đường", "số", "hẻm", "ngày", "24/7", "1/4", "diện", "-", "1.5", "1.000",
          "0,5", "%", "‰", "$5", "5$", "đ", "k", "+", "#", "§", "ĐT:", "0912345678", "Đ/c", "./.", "•", "\n"]


def test_odd_input_never_raises_and_nothing_is_left_unread() -> None:
    import random
    import re

    rng = random.Random(21)
    for _ in range(3000):
        text = " ".join(rng.choice(PIECES) for _ in range(rng.randint(1, 8)))
        if rng.random() < 0.3:
            text = text.replace(" ", "")
        reading = check_reading(text)
        assert not re.search(r"[\d/@%‰$~±≥≤°§#]", reading.spoken), (text, reading.spoken)
        for problem in reading.problems:
            if problem.start is not None:
                assert text[problem.start:problem.end] == problem.token
