"""Vietnamese slugs: the admin's browser-side slug and the server's agree, with "đ" → "d" and every accent
dropped, never the letter."""

import html
import json
import re
import unicodedata

import pytest

from cms.slugs import VIETNAMESE_SLUG_FORMATTERS, vietnamese_slug
from exam_news import models as m
from tests.exam_news.factories import index_of

TITLES = {
    "Thí điểm: thông báo thử nghiệm": "thi-diem-thong-bao-thu-nghiem",
    "Điểm thi Trường THPT Nguyễn Hữu Cảnh": "diem-thi-truong-thpt-nguyen-huu-canh",
    "Hướng dẫn phúc khảo bài thi năm 2025": "huong-dan-phuc-khao-bai-thi-nam-2025",
    "Gương sáng vượt khó: em Lữ Thị Ngọc Ánh": "guong-sang-vuot-kho-em-lu-thi-ngoc-anh",
    "Đoàn thanh niên tiếp sức mùa thi ở xã Mỹ Hoà Hưng": "doan-thanh-nien-tiep-suc-mua-thi-o-xa-my-hoa-hung",
    "THÔNG BÁO KHẨN: DỜI GIỜ THI MÔN NGỮ VĂN": "thong-bao-khan-doi-gio-thi-mon-ngu-van",
}


def browser_slug(title: str, formatters: list[list]) -> str:
    """What the admin's slug input does with the title (Wagtail's w-slug controller, without its
    transliteration table): the formatters, then ASCII letters, digits and dashes only."""
    text = title
    for (pattern, _flags), replacement in formatters:
        text = re.sub(pattern, replacement, text)
    text = re.sub(r"[^-\w\s]", "", text, flags=re.ASCII)
    return re.sub(r"[-\s]+", "-", text.strip()).lower()


def rendered_formatters(page_html: str) -> list[list]:
    match = re.search(r'data-w-slug-formatters-value="([^"]*)"', page_html)
    assert match, "the slug input has no formatters"
    return json.loads(html.unescape(match.group(1)))


def test_every_accented_vietnamese_letter_has_a_base_letter():
    letters = {ch for ch in "aăâeêioôơuưy" for ch in (ch, ch.upper())}
    vietnamese = set()
    for letter in letters:
        for tone in ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"):
            vietnamese.add(unicodedata.normalize("NFC", letter + tone))
    vietnamese |= {"đ", "Đ"}
    covered = "".join(pattern for pattern, _ in VIETNAMESE_SLUG_FORMATTERS)
    missing = sorted(ch for ch in vietnamese if not ch.isascii() and ch not in covered)
    assert missing == []


@pytest.mark.parametrize(("title", "slug"), TITLES.items())
def test_the_server_slug_reads_vietnamese(title, slug):
    assert vietnamese_slug(title) == slug


@pytest.mark.django_db
def test_the_admin_slug_input_carries_the_vietnamese_letters(client, section, provincial_editor):
    client.force_login(provincial_editor)
    parent = index_of(section, m.NewsIndexPage)
    page = client.get(f"/admin/pages/add/exam_news/newspage/{parent.pk}/").content.decode()
    formatters = rendered_formatters(page)
    for title, slug in TITLES.items():
        assert browser_slug(title, formatters) == slug


@pytest.mark.django_db
@pytest.mark.parametrize(("title", "slug"), list(TITLES.items())[:2])
def test_a_page_created_in_code_without_a_slug_gets_the_vietnamese_one(section, title, slug):
    from tests.exam_news.factories import add_page, news

    first = add_page(section, news(title))
    second = add_page(section, news(title), publish=False)
    assert (first.slug, second.slug) == (slug, f"{slug}-2")
