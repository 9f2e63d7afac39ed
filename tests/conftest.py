import datetime

import pytest
from wagtail.models import Page, Site

from cms.admin_units import load_admin_units
from cms.editorial import APPROVERS, AREA_EDITORS, PROVINCIAL_EDITORS, ensure_editorial_setup
from cms.models import AdministrativeUnit, ProvinceHomePage
from exam_news.sections import create_exam_section
from tests.fixtures import AN_GIANG, LANG_SON, LONG_XUYEN, make_user, unit


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Two provinces' units are loaded once for the whole session (tests roll back their own writes)."""
    with django_db_blocker.unblock():
        load_admin_units([AN_GIANG, LANG_SON])


@pytest.fixture(autouse=True)
def _forget_recent_api_responses():
    """Each process keeps the last API responses it served; a test starts without them."""
    from exam_news.api.caching import _recent
    from search import synonyms
    from search.database import frequencies

    _recent.clear()
    frequencies.reset()  # the words' document counts each process keeps for minutes
    synonyms.reset()  # the synonym sets each process keeps for a minute


@pytest.fixture
def home(db) -> ProvinceHomePage:
    if not AdministrativeUnit.objects.filter(code=AN_GIANG).exists():  # flushed by a transactional test
        load_admin_units([AN_GIANG, LANG_SON])
    root = Page.get_first_root_node()
    page = ProvinceHomePage(title="Cổng thông tin kỳ thi tỉnh An Giang", slug="an-giang",
                            province=unit(AN_GIANG, "province"))
    root.add_child(instance=page)
    page.save_revision().publish()
    Site.objects.update_or_create(is_default_site=True, defaults={
        "hostname": "localhost", "port": 80, "root_page": page, "site_name": page.title})
    ensure_editorial_setup(page)
    return page


@pytest.fixture
def section(home):
    return create_exam_section(
        home, "thpt", 2025, publish=True, exam_start=datetime.date(2025, 6, 26),
        exam_end=datetime.date(2025, 6, 27),
    )


@pytest.fixture
def provincial_editor(home, django_user_model):
    return make_user(django_user_model, "btv-tinh", PROVINCIAL_EDITORS)


@pytest.fixture
def approver(home, django_user_model):
    return make_user(django_user_model, "duyet-tin", APPROVERS)


@pytest.fixture
def area_editor(home, django_user_model):
    """A commune editor for Phường Long Xuyên."""
    return make_user(django_user_model, "btv-long-xuyen", AREA_EDITORS, [unit(LONG_XUYEN)])


@pytest.fixture
def superuser(db, django_user_model):
    return django_user_model.objects.create_superuser("quan-tri", password="mat-khau-Dai-123")
