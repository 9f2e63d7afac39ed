import datetime

import pytest
from django.core.cache import cache

from cms.models import ProvinceSettings
from exam_news import models as m
from exam_news.demo.images import demo_image
from tests.conftest import CHAU_DOC, LONG_XUYEN, unit
from tests.exam_news.factories import add_page, news


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def portal(home, section):
    """The An Giang portal with a live 2025 section, its public base URL set."""
    from wagtail.models import Site

    settings = ProvinceSettings.for_site(Site.objects.get(is_default_site=True))
    settings.portal_base_url = "https://angiang.gov.vn"
    settings.save()
    return section


@pytest.fixture
def topic(db):
    return m.Topic.objects.create(name="Lịch thi", slug="lich-thi")


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


@pytest.fixture
def long_xuyen():
    return unit(LONG_XUYEN)


@pytest.fixture
def chau_doc():
    return unit(CHAU_DOC)
