import pytest

from exam_news.radio.reading import count_syllables, estimate_seconds, format_duration


@pytest.mark.parametrize(("text", "syllables"), [
    ("", 0),
    ("Thí sinh có mặt lúc sáu giờ.", 7),
    ("  bảy   giờ  ba mươi phút ", 5),
    ("Sáng ngày hai mươi sáu, môn Ngữ văn - một trăm hai mươi phút.", 13),
    ("— … ,", 0),
])
def test_syllables_are_space_separated_words_with_letters(text, syllables):
    assert count_syllables(text) == syllables


@pytest.mark.parametrize(("syllables", "spm", "seconds"), [
    (0, 200, 0), (200, 200, 60), (100, 200, 30), (1, 200, 1), (201, 200, 61), (150, 180, 50), (7, 60, 7),
])
def test_seconds_round_up_at_the_given_pace(syllables, spm, seconds):
    assert estimate_seconds(" ".join(["tiếng"] * syllables), spm) == seconds


def test_pace_must_be_positive():
    with pytest.raises(ValueError):
        estimate_seconds("một hai", 0)


@pytest.mark.parametrize(("seconds", "text"), [(0, "0 giây"), (45, "45 giây"), (60, "1 phút 00 giây"),
                                               (249, "4 phút 09 giây")])
def test_duration_is_written_in_vietnamese(seconds, text):
    assert format_duration(seconds) == text
