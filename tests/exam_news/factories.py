"""Small builders for content pages in tests."""

import datetime

from django.utils import timezone
from wagtail.models import Page

from exam_news import models as m
from exam_news.demo.images import demo_image


def index_of(section: m.ExamSectionPage, index_class: type[Page]) -> Page:
    return index_class.objects.child_of(section).get()


def add_page(section: m.ExamSectionPage, page: Page, *, publish: bool = True, areas=(), user=None) -> Page:
    index_class = next(cls for cls in (m.NewsIndexPage, m.StoryIndexPage, m.ResultsIndexPage,
                                       m.DirectiveIndexPage, m.NoticeIndexPage, m.RebuttalIndexPage,
                                       m.FAQIndexPage)
                       if type(page).__name__ in [t.split(".")[1] for t in cls.subpage_types])
    page.live = False
    index_of(section, index_class).add_child(instance=page)
    if areas:
        page.areas.set(areas)
    revision = page.save_revision(user=user)
    if publish:
        revision.publish(user=user)
    page.refresh_from_db()
    return page


def news(title: str = "Tỉnh kiểm tra công tác chuẩn bị thi", **fields) -> m.NewsPage:
    return m.NewsPage(title=title, summary="Đoàn kiểm tra làm việc tại các điểm thi.", **fields)


def story(title: str = "Em Lan vượt khó", **fields) -> m.StoryPage:
    return m.StoryPage(title=title, summary="Câu chuyện vượt khó.", **fields)


def notice(**fields) -> m.NoticePage:
    now = timezone.now()
    defaults = {"title": "Cảnh báo mưa dông", "notice_kind": "weather", "disaster_risk_level": 1,
                "valid_from": now, "valid_until": now + datetime.timedelta(days=1)}
    return m.NoticePage(**{**defaults, **fields})

def make_news(section, count: int, *, areas=(), topics=(), with_image=True, start=datetime.date(2025, 6, 1)):
    pages = []
    for i in range(count):
        page = news(f"Tin số {i + 1}", date=start + datetime.timedelta(days=i))
        if with_image:
            page.image = demo_image(i % 3, f"Ảnh {i % 3}", "Thí sinh trước điểm thi")
        page = add_page(section, page, areas=areas)
        if topics:
            page.topics.set(topics)
            page.save_revision().publish()
        pages.append(page)
    return pages
