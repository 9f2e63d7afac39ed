"""The English detector of the admin walk (tests/browser/english.py); no browser needed."""

from tests.browser.english import english_strings, english_words


def test_english_ui_words_are_found_and_vietnamese_is_not():
    assert english_words("Sign in - Wagtail") == ["Sign"]
    assert english_words("Đã gửi tới Duyệt nội dung 11 seconds ago") == ["seconds", "ago"]
    assert english_words("Lõi Wagtail | trang | Lock/unlock pages you've locked") == [
        "Lock", "unlock", "pages", "you've", "locked"]
    # Vietnamese written with or without marks, place names and the loanwords the glossary keeps.
    for text in ("Lưu bản nháp", "Thi tốt nghiệp THPT tại Long Xuyên, An Phú, Tri Tôn", "diem thi tan chau",
                 "Họ tên và email", "Sắp xếp thứ tự trong menu", "Dùng cho menu trang web"):
        assert english_words(text) == [], text


def test_names_addresses_files_and_code_values_are_allowed():
    assert english_words("Wagtail 8.0.1, JSON, CSV, URL, RSS, Atom, API, ID, SEO, HTML, OTP") == []
    assert english_words("quan-tri@example.vn http://127.0.0.1:8000/admin/pages/ /admin/users/edit/2/") == []
    assert english_words("Tải diem-thi-mau.xlsx, help-guide.pdf") == []
    assert english_words("Các loại (news, story, results, schedule); để trống: mọi loại.") == []
    assert english_words("Dùng cho menu trang we…") == []  # a word cut short by the layout


def test_strings_are_reported_once_with_their_words():
    assert english_strings(["Save draft\nLưu bản nháp\nSave draft", "More actions"]) == [
        "Save draft  [save, draft]", "More actions  [more, actions]"]
