
import pytest
from django.core.cache import cache

from cms.models import ProvinceSettings
from exam_news import models as m
from tests.fixtures import CHAU_DOC, LONG_XUYEN, unit


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



@pytest.fixture
def long_xuyen():
    return unit(LONG_XUYEN)


@pytest.fixture
def chau_doc():
    return unit(CHAU_DOC)
