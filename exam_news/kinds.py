"""The kinds of public exam content: one name, one Vietnamese label and (for pages) one model each.

Every channel speaks of kinds through this registry: the API's ``kind`` values, search facets, radio
bulletin items, change notifications, the article importer. It imports no model (models use the labels), so
the model of a kind is looked up in the app registry when asked.
"""

from dataclasses import dataclass
from functools import cache

from django.apps import apps
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Kind:
    name: str
    label: Promise
    model_name: str = ""  # "exam_news.NewsPage" for kinds that are pages of their own

    @property
    def model(self):
        return apps.get_model(self.model_name) if self.model_name else None


ARTICLES = (
    Kind("news", _("Tin tức"), "exam_news.NewsPage"),
    Kind("story", _("Gương điển hình"), "exam_news.StoryPage"),
    Kind("results", _("Kết quả thi"), "exam_news.ResultsPage"),
    Kind("directive", _("Văn bản chỉ đạo"), "exam_news.DirectivePage"),
    Kind("notice", _("Thông báo khẩn"), "exam_news.NoticePage"),
    Kind("rebuttal", _("Chống tin giả"), "exam_news.RebuttalPage"),
    Kind("faq", _("Hỏi - đáp"), "exam_news.QuestionPage"),
)
OTHERS = (
    Kind("section", _("Chuyên mục"), "exam_news.ExamSectionPage"),
    Kind("schedule", _("Lịch thi"), "exam_news.ScheduleIndexPage"),
    Kind("session", _("Buổi thi")),
    Kind("milestone", _("Mốc thời gian")),
    Kind("venue", _("Điểm thi")),
)
KINDS: dict[str, Kind] = {kind.name: kind for kind in (*ARTICLES, *OTHERS)}
ARTICLE_KINDS: tuple[str, ...] = tuple(kind.name for kind in ARTICLES)
# What search indexes: sections, the timetable's sessions and milestones, venues and every article.
SEARCH_KINDS: tuple[str, ...] = ("section", "session", "milestone", "venue", *ARTICLE_KINDS)


def label(name: str) -> Promise:
    return KINDS[name].label


def article_model(name: str):
    return KINDS[name].model


@cache
def _kind_of_model() -> dict[type, str]:
    return {kind.model: kind.name for kind in KINDS.values() if kind.model_name}


def kind_of(page_or_model) -> str | None:
    """The kind of a specific page (or page model), or None for pages that are not public content of their own."""
    model = page_or_model if isinstance(page_or_model, type) else type(page_or_model)
    return _kind_of_model().get(model)


def article_kind_of(page) -> str | None:
    kind = kind_of(page)
    return kind if kind in ARTICLE_KINDS else None
