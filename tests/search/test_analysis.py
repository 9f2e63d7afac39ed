import unicodedata

import pytest

from search.analysis import analyse, compact_code, folded_toned, highlight, terms, toned_term, toned_terms
from search.telex import decode_telex


@pytest.mark.parametrize(("typed", "word"), [
    ("ddieemr", "điểm"), ("truwowngf", "trường"), ("nguwowif", "người"), ("muaf", "mùa"), ("hoaf", "hòa"),
    ("tieengs", "tiếng"), ("gif", "gì"), ("phucs", "phúc"), ("khaor", "khảo"), ("lichj", "lịch"),
    ("tuyeenr", "tuyển"), ("lowps", "lớp"), ("ddoongf", "đồng"), ("ddawng", "đăng"), ("tanaf", "tần"),
    ("chaau", "châu"), ("hocj", "học"), ("vawn", "văn"),
])
def test_telex_keystrokes_are_read_as_vietnamese(typed, word):
    assert decode_telex(typed) == word


@pytest.mark.parametrize("plain", ["thi", "thpt", "cross", "sinh", "toan", "2025", "banana", "xyz"])
def test_words_without_telex_keys_or_not_a_syllable_are_left_alone(plain):
    assert decode_telex(plain) is None


def test_terms_fold_vietnamese_including_d_with_stroke():
    assert terms("Điểm thi Tân Châu, ĐỒNG ĐĂNG") == ["diem", "thi", "tan", "chau", "dong", "dang"]


def test_toned_terms_ignore_tone_mark_placement_and_stay_ascii():
    assert toned_term("hoà") == toned_term("hòa") == "hoa1"
    assert toned_term("thuỷ") == toned_term("thủy") == "thuy3"
    assert toned_term("điểm") == "ddieem3"
    assert toned_term("hoa") == "hoa"  # no tone: a different term from hòa
    assert toned_terms("Trường 北京") == ["truwowng1"]  # non-Latin words are not indexed as toned terms


def test_nfd_input_is_the_same_as_nfc():
    import unicodedata
    decomposed = unicodedata.normalize("NFD", "Phúc khảo")
    assert terms(decomposed) == ["phuc", "khao"]
    assert toned_terms(decomposed) == toned_terms("Phúc khảo")


def test_analyse_keeps_the_typed_word_and_its_telex_reading():
    query = analyse("ddieemr  thi Tân Châu")
    assert query.text == "ddieemr thi Tân Châu"
    assert query.decoded == "điểm thi Tân Châu"
    assert query.groups[0].alternatives == ("ddieemr", "diem")
    assert query.groups[0].toned == "ddieem3"
    assert query.groups[2].alternatives == ("tan",) and query.groups[2].toned == "taan"
    assert query.groups[1].toned == ""  # plain ASCII: no exact-form bonus asked for
    assert query.variants == ("ddieemr thi Tân Châu", "điểm thi Tân Châu")


def test_analyse_of_punctuation_only_is_empty():
    assert not analyse(" ?!… / - ")


def test_compact_code_joins_a_document_symbol():
    assert compact_code("860/STTTT-TTBCXB") == "860sttttttbcxb"


def test_highlight_marks_folded_matches_in_the_original_text_and_escapes_html():
    text = "Danh sách <b>điểm thi</b> tại phường Tân Châu & thị xã cũ."
    snippet = highlight(text, analyse("diem thi tan chau"))
    assert "<mark>điểm</mark> <mark>thi</mark>" in snippet
    assert "<mark>Tân</mark> <mark>Châu</mark>" in snippet
    assert "&lt;b&gt;" in snippet and "<b>" not in snippet and "&amp;" in snippet


def test_highlight_windows_long_text_around_the_first_match():
    text = "mở đầu " * 100 + "phúc khảo bài thi " + "kết thúc " * 100
    snippet = highlight(text, analyse("phuc khao"), max_chars=120)
    assert snippet.startswith("…") and snippet.endswith("…")
    assert "<mark>phúc</mark> <mark>khảo</mark>" in snippet
    assert len(snippet.replace("<mark>", "").replace("</mark>", "")) <= 125


def mentions(text: str, query: str) -> bool:
    return highlight(text, analyse(query), found_only=True) != ""


def test_found_only_highlights_compare_folded_words():
    assert mentions("Thí sinh xem ĐIỂM THI tại trường", "diem")
    assert mentions("Thí sinh xem điểm thi", "ddieemr")  # Telex reading
    assert not mentions("Thí sinh xem lịch thi", "diem")
    assert not mentions("điểmthi viết liền", "diem")  # whole words only
    assert highlight("Thí sinh xem lịch thi", analyse("diem")) == "Thí sinh xem lịch thi"  # else the start


def test_highlight_finds_every_spelling_of_a_folded_word():
    decomposed = unicodedata.normalize("NFD", "Thông báo ĐIỂM THI của trường Hoà Bình và Hòa An")
    snippet = highlight(decomposed, analyse("diem hoa"))
    assert "<mark>ĐIỂM</mark>" in snippet  # the snippet is the NFC text
    assert "<mark>Hoà</mark>" in snippet and "<mark>Hòa</mark>" in snippet
    assert "<mark>THI</mark>" not in snippet


def test_highlight_completes_the_last_word_only_as_a_prefix():
    query = analyse("lich thi ng")
    assert highlight("Lịch thi môn Ngữ văn", query, prefix=True) == (
        "<mark>Lịch</mark> <mark>thi</mark> môn <mark>Ngữ</mark> văn")
    assert highlight("Lịch thi môn Ngữ văn", query) == "<mark>Lịch</mark> <mark>thi</mark> môn Ngữ văn"
    assert highlight("Nhịch thi", analyse("ich")) == "Nhịch thi"  # whole words, not parts


def test_highlight_keeps_its_place_past_characters_that_do_not_fold_to_one():
    # "ß" folds to two letters and a combining mark after a space to none: the marks stay on the right words.
    text = "Đường Hauptstraße \u0301 gần điểm thi Tân Châu"
    assert highlight(text, analyse("diem thi")) == (
        "Đường Hauptstraße \u0301 gần <mark>điểm</mark> <mark>thi</mark> Tân Châu")
    assert highlight("Straße Tân Châu", analyse("stra"), found_only=True) == ""  # "ß" is still a letter


def test_highlight_finds_a_match_beyond_the_start_of_a_long_text():
    filler = "Thông báo của nhà trường về công tác chuẩn bị. " * 40
    snippet = highlight(filler + "Lịch phúc khảo được công bố sau.", analyse("phuc khao"), max_chars=120)
    assert "<mark>phúc</mark> <mark>khảo</mark>" in snippet and snippet.startswith("…")


def test_a_toned_term_folds_as_its_word_does():
    text = "Trường THPT Nguyễn Hiền, số 35 Hà Hoàng Hổ: ươm mầm, đường đời, khuya, quý, 2025, B12"
    assert [folded_toned(t) for t in toned_terms(text)] == terms(text)
