"""Slugs for Vietnamese titles: "Điểm thi Trường THPT Nguyễn Hữu Cảnh" → "diem-thi-truong-thpt-nguyen-huu-canh".

Wagtail's admin makes the slug from the title in the browser, and its transliteration table reads "đ" as
"dj" (Serbian) and drops letters that carry two marks ("ữ", "ặ"). Its slug input accepts formatters (regular
expressions applied before slugifying), so every accented Vietnamese letter is mapped to its base letter there,
in the same browser step; ``vietnamese_slug`` is the server's counterpart for pages saved without a slug
(``exam_news.models.base.GuardedPublishMixin``).
"""

import unicodedata

from django.utils.text import slugify
from wagtail.admin.widgets import SlugInput

from cms.text import fold

BASE_LETTERS = "aeiouyd"


def _accented(base: str) -> str:
    """Every letter (both cases) of the Vietnamese alphabet and tone marks whose base letter is ``base``."""
    if base == "d":
        return "đĐ"
    letters = set()
    for modifier in ("", "\u0306", "\u0302", "\u031b"):  # breve ă, circumflex â ê ô, horn ơ ư
        for tone in ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"):  # huyền sắc hỏi ngã nặng
            for letter in (base, base.upper()):
                composed = unicodedata.normalize("NFC", letter + modifier + tone)
                if len(composed) == 1 and composed not in (base, base.upper()):
                    letters.add(composed)
    return "".join(sorted(letters))


VIETNAMESE_SLUG_FORMATTERS = [(f"[{_accented(base)}]", base) for base in BASE_LETTERS]


class VietnameseSlugInput(SlugInput):
    def __init__(self, attrs=None, formatters=None, locale=None):
        super().__init__(attrs, formatters=VIETNAMESE_SLUG_FORMATTERS + list(formatters or []), locale=locale)


def vietnamese_slug(text: str, max_length: int = 255) -> str:
    return slugify(fold(text))[:max_length].strip("-")

