"""The pure scoring function that orders database search candidates (``search.ranking``)."""

import datetime
from collections import Counter

from cms.text import fold
from search.analysis import analyse, terms, toned_terms
from search.ranking import Candidate, ranked, score


def candidate(key: str, title: str, place: str = "", codes: str = "", text: str = "", toned: str = "",
              date: datetime.date | None = None, year: int | None = None, kind: str = "") -> Candidate:
    words = Counter(terms(text))
    return Candidate.of(key, " ".join(terms(title)), codes, " ".join(terms(place)), toned, words, year, date,
                        kind=kind, length=len(terms(text)))


def keys(candidates: list[Candidate], query: str, prefix_last: bool = False) -> list[str]:
    return [key for _, key in ranked(candidates, analyse(query), prefix_last)]


def test_the_words_as_a_phrase_in_a_short_title_rank_first():
    found = keys([
        candidate("scattered", "Thi tốt nghiệp: điểm sàn và lịch phúc khảo"),
        candidate("text", "Tin tức", text="Điểm thi được công bố hôm nay. Điểm thi cao."),
        candidate("phrase", "Điểm thi năm nay"),
    ], "diem thi")
    assert found == ["phrase", "scattered", "text"]


def test_an_exact_document_number_outranks_words_in_a_title():
    found = keys([candidate("title", "Công văn về phúc khảo 860"),
                  candidate("number", "Hướng dẫn tổ chức thi", codes="860 stttt ttbcxb 860sttttttbcxb")],
                 "860/STTTT-TTBCXB")
    assert found[0] == "number"


def test_a_two_word_place_kept_together_counts_more_than_its_words_apart():
    query = analyse("lich thi chau doc")
    together = candidate("together", "Lịch thi", place="Phường Châu Đốc")
    apart = candidate("apart", "Lịch thi", place="Đốc Vàng, Châu Thành")
    assert score(together, query) > score(apart, query)


def test_words_typed_with_their_diacritics_favour_the_same_spelling():
    query = analyse("hòa")
    exact = candidate("exact", "Thí sinh Hòa An", toned="hoa1 an")
    other = candidate("other", "Thí sinh Hóa An", toned="hoa2 an")
    assert score(exact, query) > score(other, query)


def toned(text: str) -> str:
    return " ".join(toned_terms(text))


def test_a_title_word_spelt_with_other_diacritics_is_another_word():
    """"toàn" (whole) is not "toán" (maths), "muốn" (want) not "muộn" (late): typed with its diacritics, a word
    that a title holds only with other diacritics counts as a word of the text, not of the title."""
    for query, other_title, same_title in (
            ("toán", "Về nhà an toàn sau buổi thi", "Ngày thi đầu tiên"),
            ("muộn", "Muốn phúc khảo thì làm thế nào?", "Nếu đến trễ giờ thì sao?")):
        same_text = {"toán": "Thí sinh làm bài Toán buổi chiều.", "muộn": "Thí sinh đến muộn 10 phút."}[query]
        other = candidate("other", other_title, toned=toned(other_title))
        same = candidate("same", same_title, toned=toned(same_title), text=same_text)
        exact = candidate("exact", f"{same_title} ({query})", toned=toned(f"{same_title} {query}"))
        assert keys([other, same, exact], query) == ["exact", "same", "other"]
        # Typed without diacritics, the word may be either: the title counts again.
        assert keys([other, same], fold(query))[0] == "other"


def test_an_address_word_spelt_with_other_diacritics_is_another_word():
    query = "hồ sơ"
    venue = candidate("venue", "Điểm thi Trường THPT Nguyễn Hiền", place="Số 35 Hà Hoàng Hổ",
                      toned=toned("Điểm thi Trường THPT Nguyễn Hiền Số 35 Hà Hoàng Hổ"), text="Số 35 Hà Hoàng Hổ")
    answer = candidate("faq", "Quên căn cước thì sao?", toned=toned("Quên căn cước thì sao? Hồ sơ đăng ký"),
                       text="Hồ sơ đăng ký dự thi có ảnh của thí sinh.")
    assert keys([venue, answer], query) == ["faq", "venue"]


def test_diacritics_no_candidate_has_are_taken_for_a_typo_and_change_nothing():
    """"phúc khão": no title or summary spells "khão"; the titles with "khảo" keep their title match."""
    titles = ("Nộp đơn phúc khảo", "Tin tức mùa thi")
    texts = ("Thí sinh nộp đơn.", "Nhiều thí sinh nộp đơn phúc khảo bài thi năm nay.")
    candidates = [candidate(t, t, toned=toned(t), text=x) for t, x in zip(titles, texts, strict=True)]
    typo = ranked(candidates, analyse("phúc khão"))
    assert typo == ranked(candidates, analyse("phúc khao"))  # as if typed without its diacritics
    assert [key for _, key in typo] == list(titles)


def test_in_a_longer_query_a_title_word_with_other_diacritics_still_counts():
    """With more words than one Vietnamese word has, the others tell what is meant; a mark typed wrong ("giấy
    báo dư thi") is likelier than another word, so the title keeps its match."""
    title = "Giấy báo dự thi"
    notice = candidate("notice", title, toned=toned(title))
    other = candidate("other", "Dư luận", toned=toned("Dư luận"), text="giấy báo thi")
    query = analyse("giấy báo dư thi")
    assert score(notice, query, among=[notice, other]) == score(notice, query)
    assert keys([other, notice], "giấy báo dư thi")[0] == "notice"


def test_a_last_word_being_typed_is_not_taken_for_another_word():
    """Suggestions: "đo" may yet become "Đoàn"; another item's "đo" (to measure) does not make it another word."""
    title = "Đoàn thanh niên tiếp sức mùa thi"
    youth = candidate("youth", title, toned=toned(title))
    measure = candidate("measure", "Tin tức", toned=toned("Tin tức: đo thân nhiệt"), text="Đo thân nhiệt thí sinh.")
    query = analyse("đo")
    alone = score(youth, query, prefix_last=True)
    assert score(youth, query, prefix_last=True, among=[youth, measure]) == alone > score(youth, query)


def test_the_last_word_completes_a_title_word_only_when_asked():
    query = analyse("lich th")
    title = candidate("title", "Lịch thi tuyển sinh")
    assert score(title, query, prefix_last=True) > score(title, query)


def test_ties_go_to_the_newer_item_then_to_the_title_in_word_order():
    day = datetime.date(2025, 6, 1)
    found = keys([candidate("old", "Điểm thi", date=day - datetime.timedelta(days=1)),
                  candidate("b", "Điểm thi", date=day), candidate("a", "Điểm thi", date=day)], "diem thi")
    assert found == ["a", "b", "old"]
    titles = (("ab c", "thi ab c"), ("a z", "thi a z"), ("a b", "thi a b"))
    # Equal scores for "thi" (three title words each): ordered as the word lists, "a" before "ab".
    assert keys([candidate(k, t, date=day) for k, t in titles], "thi") == ["a b", "a z", "ab c"]


def test_a_word_in_a_short_text_counts_more_than_in_a_long_one_and_repeats_count_less_and_less():
    """BM25's term-frequency part, against one usual length for every backend."""
    query = analyse("hồ sơ")
    filler = " ".join(["Thí sinh đến điểm thi đúng giờ, mang theo giấy báo và căn cước."] * 30)
    short = candidate("short", "Đăng ký dự thi", text="Nộp hồ sơ đăng ký dự thi tại trường.")
    long = candidate("long", "Công văn về thông tin liên lạc", text=f"Lưu hồ sơ. {filler}")
    assert keys([long, short], "hồ sơ") == ["short", "long"]
    once, twice, ten = (score(candidate(k, "Tin", text="hồ sơ " * n + "nộp tại trường"), query)
                        for k, n in (("1", 1), ("2", 2), ("10", 10)))
    assert once < twice < ten and ten - twice < 8 * (twice - once)  # eight more repeats gain less than 8× one


def test_the_year_asked_for_outweighs_a_word_in_the_title():
    """Another year's item with every other word in its title ranks below the asked year's with one of them only
    in its text: an item of another year rarely answers a query that names one."""
    found = keys([
        candidate("other year", "Lịch phúc khảo bài thi", text="Lịch phúc khảo bài thi", year=2024),
        candidate("asked year", "Phúc khảo bài thi", text="Lịch phúc khảo bài thi", year=2026),
    ], "lịch phúc khảo bài thi 2026")
    assert found == ["asked year", "other year"]


def test_a_school_year_in_the_title_counts_as_the_year_asked_for():
    """"năm học 2024–2025" is an item of the section 2024, but it is what "2025" asks for as much as an item of
    the section 2025 is."""
    query = analyse("điểm chuẩn lớp 10 2025")
    school_year = candidate("school year", "Điểm chuẩn lớp 10 năm học 2024–2025", year=2024)
    section_year = candidate("section year", "Điểm chuẩn lớp 10 năm học 2024–2025", year=2025)
    other_year = candidate("other year", "Điểm chuẩn lớp 10 năm học 2023–2024", year=2023)
    assert score(school_year, query) == score(section_year, query) > score(other_year, query)


def test_copies_of_an_item_come_after_every_distinct_one():
    """Same title, year and kind: the same notice posted again. Another year's item of that title is not a copy."""
    notice = {"title": "Thông báo lịch phúc khảo", "text": "phúc khảo phúc khảo"}
    found = keys([
        candidate("first", **notice, year=2025, date=datetime.date(2025, 7, 20)),
        candidate("copy", **notice, year=2025, date=datetime.date(2025, 7, 19)),
        candidate("last year", **notice, year=2024, date=datetime.date(2024, 7, 20)),
        candidate("other", "Phúc khảo: hướng dẫn", year=2025),
    ], "phúc khảo")
    assert found == ["first", "last year", "other", "copy"]


def test_the_first_page_of_a_one_word_query_shows_at_most_four_items_of_one_kind():
    """"lịch": every sitting is titled "Lịch thi …" and would fill the page; the timetable and the Q&A entry that
    mention the word come after four of them, the other sittings after those. Two words rank by score alone."""
    subjects = ["Ngữ văn", "Toán", "Lịch sử", "Địa lí", "Vật lí", "Hóa học", "Sinh học", "Tiếng Anh"]
    sittings = [candidate(f"sitting {i}", f"Lịch thi {subject}", kind="session", date=datetime.date(2025, 6, 26 - i))
                for i, subject in enumerate(subjects)]
    others = [candidate("timetable", "Các buổi thi chính thức", text="Lịch thi các buổi trong hai ngày.",
                        kind="milestone"),
              candidate("question", "Khi nào thi?", text="Xem lịch thi trên cổng thông tin.", kind="faq")]
    by_score = keys(sittings, "lịch")  # one kind only: nothing to vary
    found = keys(sittings + others, "lịch")
    assert found[:4] == by_score[:4] and set(found[4:6]) == {"timetable", "question"} and found[6:] == by_score[4:]
    assert set(keys(sittings + others, "lịch thi")[:8]) == set(by_score)
    assert set(keys(sittings[:3] + others, "lịch")[3:]) == {"timetable", "question"}  # three: in score order
