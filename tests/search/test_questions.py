"""Whole questions, misspelt words and synonyms on the database backend (SQLite and PostgreSQL): question and
filler words are not required, rarer words count more, entries with most of the words are found when few have all
of them, synonyms work both ways and are editable data, a wrong tone mark is read back ("Đã tìm: …"), and a search
that finds nothing good offers suggestions and the Q&A column."""

import datetime

import pytest

from search import analysis, question_words, ranking, synonyms
from search.database import frequencies, spellings, writing
from search.database.backend import loose_levels
from search.models import SearchSpelling, SearchSynonym
from search.tone_fixes import corrected, retoned
from search.types import SearchDocument
from tests.search.helpers import find, titles

pytestmark = pytest.mark.django_db
ROOT = "00010001"


def doc(key: str, title: str, kind: str = "news", year: int = 2025, **fields) -> SearchDocument:
    day = int(key.split(":")[1]) % 28 + 1
    defaults = {"root": ROOT, "summary": "", "body": "", "date": datetime.date(year, 6, day),
                "section_key": f"thpt:{year}", "url": f"https://angiang.gov.vn/{key}",
                "path": f"{ROOT}0001{key[-4:]:0>4}"}
    return SearchDocument(key=key, kind=kind, title=title, year=year, **{**defaults, **fields})


@pytest.fixture
def questions():
    writing.write([
        doc("page:1", "Thí sinh được mang những vật dụng gì vào phòng thi?", kind="faq",
            summary="Thí sinh được mang bút, thước, máy tính cầm tay không có chức năng soạn thảo văn bản."),
        doc("page:2", "Muốn phúc khảo bài thi thì làm thế nào?", kind="faq",
            summary="Nộp đơn phúc khảo tại trường trong mười ngày kể từ ngày công bố kết quả."),
        doc("page:3", "Thí sinh bị ốm trong ngày thi được thi đợt hai", kind="news",
            summary="Thí sinh ốm đau, tai nạn được xét dự thi đợt hai."),
        doc("page:4", "Phòng thi được bố trí quạt và nước uống", kind="news",
            summary="Các phòng thi có quạt, nước uống cho thí sinh."),
        doc("page:5", "Lịch thi tuyển sinh lớp 10 năm học 2025-2026", kind="news",
            summary="Kỳ thi tuyển sinh lớp 10 diễn ra hai ngày."),
        doc("page:6", "Kế hoạch tổ chức Kỳ thi tốt nghiệp trung học phổ thông", kind="directive",
            summary="Ủy ban nhân dân tỉnh ban hành kế hoạch."),
        doc("page:7", "Điều chỉnh nguyện vọng xét tuyển", kind="milestone",
            summary="Thí sinh điều chỉnh nguyện vọng trực tuyến."),
        doc("page:8", "Ngày hội thi thể thao của học sinh", kind="news", summary="Các em thi đấu sôi nổi."),
        doc("page:9", "Tiếp sức mùa thi tại điểm thi THPT Long Xuyên", kind="story",
            summary="Đoàn viên hướng dẫn thí sinh vào phòng thi."),
    ])


# --- Question and filler words --------------------------------------------------------------------------

@pytest.mark.parametrize("typed, kept", [
    ("cho em hỏi bao giờ thì được phúc khảo bài thi ạ", ["phúc", "khảo", "bài", "thi"]),
    ("có được mang máy tính cầm tay vào phòng thi không", ["mang", "máy", "tính", "cầm", "tay", "vào", "phòng", "thi"]),
    ("đi thi cần mang theo giấy tờ gì", ["thi", "mang", "theo", "giấy", "tờ"]),
    # "bao" alone is "báo", "thi" is never "thì", "the" may be "thẻ": kept when typed without marks
    ("giay bao du thi", ["giay", "bao", "du", "thi"]),
    ("the du thi o dau", ["the", "du", "thi"]),
    ("cô giáo chủ nhiệm", ["cô", "giáo", "chủ", "nhiệm"]),  # "cô" is not "có"
    # filler words that make a word that matters together: "có mặt" (be there), "chỗ ở" (lodging)
    ("mấy giờ phải có mặt ở điểm thi", ["có", "mặt", "điểm", "thi"]),
    ("thí sinh ở xa có chỗ ở không", ["thí", "sinh", "xa", "chỗ", "ở"]),
    ("co mat truoc may gio", ["co", "mat", "truoc"]),
])
def test_question_and_filler_words_are_told_from_the_words_that_matter(typed, kept):
    words = typed.split()
    flags = question_words.filler_flags(words)
    assert [w for w, filler in zip(words, flags, strict=True) if not filler] == kept


@pytest.mark.parametrize("typed, when", [
    ("bao giờ có kết quả phúc khảo", True),
    ("thi tốt nghiệp năm nay thi ngày nào", True),
    ("mấy giờ phải có mặt ở điểm thi", True),
    ("khi nao co diem thi", True),  # without diacritics
    ("hạn chót đăng ký là hôm nào vậy", True),
    ("điểm thi ở đâu", False),
    ("lịch thi tốt nghiệp", False),
    ("giấy báo dự thi", False),  # "bao" alone is "báo"
])
def test_a_question_asking_when_is_told_from_the_others(typed, when):
    assert analysis.analyse(typed).asks_when is when


def test_a_question_asking_when_is_answered_by_the_timetable_first(questions):
    """A milestone and a newer news item with the same words: asked "when", the dated entry comes first;
    asked "where", the tie goes to the newer item."""
    same = {"title": "Nộp đơn đề nghị chấm lại bài thi", "summary": "Thí sinh nộp đơn tại trường."}
    writing.write([doc("milestone:10", kind="milestone", **same), doc("page:20", kind="news", **same)])
    assert [h.key for h in find("bao giờ nộp đơn chấm lại bài thi").hits][:2] == ["milestone:10", "page:20"]
    assert [h.key for h in find("nộp đơn chấm lại bài thi ở đâu").hits][:2] == ["page:20", "milestone:10"]


@pytest.mark.parametrize("typed, where", [
    ("điểm thi Long Xuyên ở đâu", True),
    ("diem thi o long xuyen o dau", True),  # without diacritics
    ("trường THPT Tân Châu ở chỗ nào vậy", True),
    ("bao giờ có kết quả", False),
    ("ở nhà đâu cũng được", False),  # the words apart
])
def test_a_question_asking_where_is_told_from_the_others(typed, where):
    assert analysis.analyse(typed).asks_where is where


def test_a_question_asking_where_is_answered_by_the_venues_first(questions):
    """A venue and a newer news item with the same words: asked "where", the venue (it has the address) comes
    first; asked without it, the newer item."""
    same = {"title": "Điểm thi Trường THPT Hòa Lạc", "summary": "Thí sinh xã Phú Hòa dự thi tại đây."}
    writing.write([doc("venue:30", kind="venue", year=2024, **same), doc("page:31", kind="news", **same)])
    assert [h.key for h in find("điểm thi Hòa Lạc ở đâu").hits][:2] == ["venue:30", "page:31"]
    assert [h.key for h in find("điểm thi Hòa Lạc").hits][:2] == ["page:31", "venue:30"]


def test_a_query_of_filler_words_only_keeps_them_all():
    analysed = analysis.analyse("có không")
    assert [g.word for g in analysed.core] == ["có", "không"]


def test_a_whole_question_finds_the_answer_first(questions):
    assert titles(find("có được mang máy tính cầm tay vào phòng thi không"))[0] == \
        "Thí sinh được mang những vật dụng gì vào phòng thi?"
    assert titles(find("cho em hỏi bao giờ thì được phúc khảo bài thi ạ"))[0] == \
        "Muốn phúc khảo bài thi thì làm thế nào?"


def test_an_extra_word_no_item_has_does_not_hide_the_answer(questions):
    """"sáng" and "bù" are in no item: the item with most of the words is found, marked partial."""
    results = find("con em bị ốm sáng ngày thi có được thi bù không")
    assert titles(results)[0] == "Thí sinh bị ốm trong ngày thi được thi đợt hai"
    assert results.partial


def test_an_item_with_half_of_the_words_that_matter_is_found_when_few_have_more(questions):
    """Six words that matter ("có", "hay", "không" are filler); page:4 holds three: "phòng", "thi", "quạt"."""
    results = find("phòng thi có máy lạnh hay quạt trần không")
    assert "Phòng thi được bố trí quạt và nước uống" in titles(results)
    assert results.partial


@pytest.mark.parametrize("words, levels", [(2, []), (3, [2]), (4, [3, 2]), (5, [4, 3]), (6, [5, 4, 3]),
                                           (7, [6, 5, 4])])
def test_loosening_stops_at_half_of_the_words(words, levels):
    assert loose_levels(words) == levels


def test_items_with_every_word_rank_above_those_missing_one(questions):
    # "phòng thi nước uống": page:4 has all three words that matter; page:1 and page:9 only "phòng thi"
    found = titles(find("phòng thi có nước uống không"))
    assert found[0] == "Phòng thi được bố trí quạt và nước uống"
    assert not find("phòng thi có nước uống không").partial


def test_rare_words_weigh_more_than_common_ones(questions):
    analysed = frequencies.weighted(analysis.analyse("thi nguyện vọng"), ROOT)
    weight = {g.word: g.weight for g in analysed.groups}
    assert weight["nguyện"] > weight["thi"] and weight["vọng"] > weight["thi"]
    filler = frequencies.weighted(analysis.analyse("nguyện vọng là gì"), ROOT)
    assert {g.word: g.weight for g in filler.groups}["gì"] == frequencies.FILLER_WEIGHT


def test_syllables_kept_together_rank_above_scattered_ones():
    query = analysis.analyse("phúc khảo")
    together = ranking.Candidate.of("a", "ket qua", "", "", "", {"phuc": 1, "khao": 1, "phuc khao": 1}, None, None)
    apart = ranking.Candidate.of("b", "ket qua", "", "", "", {"phuc": 1, "khao": 1}, None, None)
    assert ranking.score(together, query) > ranking.score(apart, query)


# --- Typos ----------------------------------------------------------------------------------------------

def test_a_wrong_tone_mark_is_read_back_from_the_results():
    assert retoned("nguyện vộng", ["Điều chỉnh nguyện vọng xét tuyển"]) == "nguyện vọng"
    assert retoned("Giấy báo dư thi", ["Giấy báo dự thi ghi sai"]) == "Giấy báo dự thi"
    assert retoned("tot nghiep", ["tốt nghiệp"]) == ""  # typed without marks: not a mistake
    assert retoned("diễm thi", ["Diễm thi đậu", "Điểm thi"]) == ""  # the word as typed is there
    assert retoned("thời khoá biểu", ["Thời khóa biểu lớp 12"]) == ""  # the old tone placement: the same spelling
    assert retoned("thi xong thì chiều thi gì", ["Lịch thi chiều"]) == ""  # "thì" is not what was searched for


def test_a_corrected_typo_is_read_back_as_the_results_hold_it():
    """The correction the results hold first, spelt as they spell it when the query has diacritics; the other
    words (question words included) as typed."""
    assert corrected("phc khảo", {"phc": ("pho", "phuc")}, ["Muốn phúc khảo bài thi", "Phố đi bộ"]) == "phúc khảo"
    assert corrected("cho em hỏi nămm 2025 ạ", {"namm": ("nam",)}, ["Năm 2025"]) == "cho em hỏi năm 2025 ạ"
    assert corrected("lich thj", {"thj": ("thi",)}, ["Lịch thi"]) == "lich thi"  # typed without marks: none added
    assert corrected("phc khao", {"phc": ("pho", "phuc")}, []) == "pho khao"  # nothing to read: the likeliest
    assert corrected("PHÚ KHẢO", {"phu": ("phuc",)}, ["Phúc khảo"]) == "PHÚC KHẢO"  # as it was typed
    assert corrected("Phú khảo", {"phu": ("phuc",)}, ["phúc khảo"]) == "Phúc khảo"


def test_a_word_typed_with_its_diacritics_is_told_from_address_and_title_words_spelt_otherwise():
    """"hồ sơ" (a file) is in no title here, only in a text; "Số 35 Hà Hoàng Hổ" and "Số điện thoại hỗ trợ …"
    hold the same letters with other marks. The index knows the spelling "hồ sơ" from the text it holds."""
    writing.write([
        doc("venue:1", "Điểm thi Trường THPT Nguyễn Hiền", kind="venue", address="Số 35 Hà Hoàng Hổ",
            summary="Số 35 Hà Hoàng Hổ", body="26 phòng thi. Hỗ trợ thí sinh khuyết tật."),
        doc("page:1", "Số điện thoại hỗ trợ thí sinh", kind="notice", body="Gọi số 0296 3857 341."),
        doc("page:2", "Quên căn cước vào ngày thi thì sao?", kind="faq",
            body="Điểm thi đối chiếu ảnh trong hồ sơ đăng ký dự thi để xác nhận thí sinh."),
    ])
    assert {"hoo1", "sow"} <= spellings.typed_spellings([analysis.analyse("hồ sơ")])
    assert titles(find("hồ sơ"))[0] == "Quên căn cước vào ngày thi thì sao?"


def test_a_spelling_no_indexed_text_holds_is_a_typo_and_keeps_the_title_matches():
    writing.write([doc("page:1", "Điều chỉnh nguyện vọng xét tuyển", kind="milestone"),
                   doc("page:2", "Tin tuyển sinh", body="Nhiều thí sinh hỏi về nguyện vọng xét tuyển.")])
    assert spellings.typed_spellings([analysis.analyse("nguyện vộng")]) == {"nguyeen5"}
    assert titles(find("nguyện vộng"))[0] == "Điều chỉnh nguyện vọng xét tuyển"


def test_the_spellings_of_the_entries_indexed_before_are_added_by_the_migration():
    from importlib import import_module

    from django.apps import apps

    writing.write([doc("page:1", "Đến muộn", body="Thí sinh đến muộn mười lăm phút.")])
    SearchSpelling.objects.all().delete()
    import_module("search.migrations.0008_spellings").spellings_of_indexed_entries(apps, None)
    spelt = set(SearchSpelling.objects.values_list("term", flat=True))
    assert spelt == {analysis.toned_term(w) for w in ["đến", "muộn", "thí", "sinh", "mười", "lăm", "phút"]}


def test_the_api_says_what_was_searched(client, portal_with_questions):
    body = client.get("/api/v1/search", {"q": "nguyện vộng"}).json()
    assert body["results"][0]["title"] == "Điều chỉnh nguyện vọng xét tuyển"
    assert body["interpreted_as"] == "nguyện vọng" and body["message"] == "Đã tìm: nguyện vọng"
    body = client.get("/api/v1/search", {"q": "lich thj"}).json()  # a letter off: corrected from the vocabulary
    assert body["message"] == "Đã tìm: lich thi" and body["total"] >= 1
    body = client.get("/api/v1/search", {"q": "muốn phc khảo"}).json()  # typed with marks: spelt as found
    assert body["results"][0]["title"] == "Muốn phúc khảo bài thi thì làm thế nào?"
    assert body["message"] == "Đã tìm: muốn phúc khảo"


# --- Synonyms -------------------------------------------------------------------------------------------

SETS = [[(e, " ".join(analysis.terms(e))) for e in SearchSynonym(expressions=text).expression_list()]
        for text, _ in synonyms.BUILT_IN]


@pytest.mark.parametrize("typed, expected", [
    ("điểm thi THPT", "điểm thi trung học phổ thông"),
    ("tot nghiep trung hoc pho thong", "tot nghiep THPT"),
    ("thi vào 10", "tuyển sinh lớp 10"),
    ("Sở GD&ĐT", "Sở Giáo dục và Đào tạo"),
    ("chấm phúc khảo", "phúc khảo"),
    ("một ngàn thí sinh", "một nghìn thí sinh"),
    ("quên SBD", "quên số báo danh"),
    ("qui chế thi", "quy chế thi"),
    ("trường PTTH Châu Đốc", "trường THPT Châu Đốc"),
    ("điểm thi TP Long Xuyên", "điểm thi thành phố Long Xuyên"),
    ("Bộ GD&ĐT hệ thống tra cứu điểm", "Bộ Giáo dục và Đào tạo hệ thống tra cứu điểm"),  # each set gets a turn
])
def test_synonyms_give_the_query_in_other_words(typed, expected):
    assert expected in synonyms.variants(typed, SETS)


def test_no_synonym_no_variant():
    assert synonyms.variants("lịch thi ngữ văn", SETS) == []


def test_synonyms_find_items_both_ways(questions):
    assert "Kế hoạch tổ chức Kỳ thi tốt nghiệp trung học phổ thông" in titles(find("kế hoạch thi THPT"))
    assert titles(find("thi vao 10"))[0] == "Lịch thi tuyển sinh lớp 10 năm học 2025-2026"
    assert titles(find("UBND tỉnh ban hành kế hoạch"))[0] == "Kế hoạch tổ chức Kỳ thi tốt nghiệp trung học phổ thông"


def test_synonyms_are_editable_data_that_apply_at_once(questions):
    assert find("nước giải khát").partial  # only items with "nước" alone
    SearchSynonym.objects.create(expressions="nước giải khát | nước uống")
    found = find("nước giải khát")
    assert titles(found)[0] == "Phòng thi được bố trí quạt và nước uống" and not found.partial
    SearchSynonym.objects.filter(expressions__startswith="nước giải khát").update(active=False)
    synonyms.reset()  # an update() sends no signal; other processes see edits within KEEP_SECONDS
    assert find("nước giải khát").partial


def test_the_synonym_snippet_refuses_a_set_of_one(admin_client):
    response = admin_client.post("/admin/snippets/mua_thi_search/searchsynonym/add/",
                                 {"expressions": "THPT | ", "note": "", "active": "on"})
    assert response.status_code == 200
    assert "Cần ít nhất hai cách viết" in response.content.decode()
    assert not SearchSynonym.objects.filter(expressions="THPT | ").exists()
    response = admin_client.post("/admin/snippets/mua_thi_search/searchsynonym/add/",
                                 {"expressions": "trường chuyên | THPT chuyên", "note": "", "active": "on"})
    assert response.status_code == 302
    assert SearchSynonym.objects.filter(expressions__startswith="trường chuyên").exists()


def test_the_built_in_synonyms_are_installed_by_the_migration():
    have = set(SearchSynonym.objects.values_list("expressions", flat=True))
    assert {text for text, _ in synonyms.BUILT_IN} <= have or synonyms.install_built_in() == len(synonyms.BUILT_IN)


def test_the_sets_added_later_reach_databases_migrated_before_but_not_a_set_an_editor_deleted():
    from importlib import import_module

    from django.apps import apps

    synonyms.install_built_in()
    added = {text for text, _ in synonyms.ADDED_IN_0009}
    SearchSynonym.objects.filter(expressions__in=added | {"UBND | ủy ban nhân dân"}).delete()
    import_module("search.migrations.0009_more_synonyms").add_sets(apps, None)
    have = set(SearchSynonym.objects.values_list("expressions", flat=True))
    assert added <= have and "UBND | ủy ban nhân dân" not in have


# --- Nothing good found ---------------------------------------------------------------------------------

@pytest.fixture
def portal_with_questions(section, synced):
    from exam_news import models as m
    from tests.exam_news.factories import add_page

    for title in ("Thí sinh cần mang theo những gì khi đi thi?", "Muốn phúc khảo bài thi thì làm thế nào?"):
        synced(add_page, section, m.QuestionPage(title=title, summary="Trả lời ngắn."))
    synced(add_page, section, m.NewsPage(title="Điều chỉnh nguyện vọng xét tuyển", summary="Hướng dẫn."))
    synced(add_page, section, m.NewsPage(title="Lịch thi các môn", summary="Lịch thi chính thức."))
    return section


def test_nothing_found_offers_suggestions_and_the_questions(client, portal_with_questions):
    body = client.get("/api/v1/search", {"q": "xqzw vwkj"}).json()
    assert body["total"] == 0 and body["results"] == []
    assert body["message"].startswith("Không tìm thấy kết quả")
    assert [q["text"] for q in body["faq"]][:2] == ["Thí sinh cần mang theo những gì khi đi thi?",
                                                     "Muốn phúc khảo bài thi thì làm thế nào?"]
    assert all(q["kind"] == "faq" and q["url"] for q in body["faq"])


def test_a_partial_match_offers_did_you_mean(client, portal_with_questions):
    body = client.get("/api/v1/search", {"q": "lịch thi xqzw"}).json()
    assert body["partial"] and body["total"] >= 1
    assert body["message"].startswith("Không có mục nào khớp đủ")
    assert "Lịch thi các môn" in [s["text"] for s in body["did_you_mean"]] and body["faq"]


def test_a_good_match_offers_nothing_extra(client, portal_with_questions):
    body = client.get("/api/v1/search", {"q": "lịch thi"}).json()
    assert body["total"] >= 1 and not body["partial"]
    assert body["did_you_mean"] == [] and body["faq"] == [] and body["message"] is None


def test_a_number_typed_whole_is_not_loosened(questions):
    """A directive number is one string: its parts ("kh", "sgddt") are in thousands of other numbers."""
    writing.write([
        doc("page:20", "Kế hoạch số 2635/KH-SGDĐT về coi thi", kind="directive", number="2635/KH-SGDĐT"),
        doc("page:21", "Kế hoạch số 118/KH-SGDĐT về chấm thi", kind="directive", number="118/KH-SGDĐT"),
        doc("page:22", "Kế hoạch số 52/KH-UBND", kind="directive", number="52/KH-UBND"),
    ])
    assert titles(find("2635/KH-SGDĐT")) == ["Kế hoạch số 2635/KH-SGDĐT về coi thi"]
    # typed as words, most of them may do
    assert set(titles(find("kế hoạch coi thi 2635 SGDĐT"))) >= {"Kế hoạch số 2635/KH-SGDĐT về coi thi",
                                                              "Kế hoạch số 118/KH-SGDĐT về chấm thi"}
