"""The area picker offers the province's own units (not the 4,114 of the whole country), an area editor's only."""

import pytest
from bs4 import BeautifulSoup

from cms.areas import area_unit_ids
from cms.models import AdministrativeUnit
from exam_news import models as m
from tests.exam_news.admin_forms import create_form, post_create
from tests.exam_news.factories import add_page, index_of, news
from tests.fixtures import AN_GIANG, LANG_SON, LONG_XUYEN, unit

pytestmark = pytest.mark.django_db


def offered(client, url: str) -> list[str]:
    soup = BeautifulSoup(client.get(url).content, "html.parser")
    return [option.get_text(strip=True) for option in soup.select("select[name=areas] option")]


def test_a_provincial_editor_is_offered_the_province_s_units_today_s_first(client, section, provincial_editor):
    client.force_login(provincial_editor)
    parent = index_of(section, m.NewsIndexPage)
    names = offered(client, f"/admin/pages/add/exam_news/newspage/{parent.pk}/")
    province = unit(AN_GIANG, "province")
    expected = AdministrativeUnit.objects.filter(pk__in=area_unit_ids(province) - {province.pk})
    assert len(names) == expected.count() < AdministrativeUnit.objects.count()
    assert str(unit(LONG_XUYEN)) in names
    lang_son_communes = AdministrativeUnit.objects.filter(parent=unit(LANG_SON, "province"))
    assert not {str(u) for u in lang_son_communes} & set(names)
    first_legacy = next(i for i, name in enumerate(names) if name.endswith("(cũ)"))
    assert all(not name.endswith("(cũ)") for name in names[:first_legacy])  # today's communes first


def test_an_area_editor_is_offered_their_own_area_only(client, section, area_editor):
    client.force_login(area_editor)
    page = add_page(section, news("Phường Long Xuyên chuẩn bị điểm thi"), areas=[unit(LONG_XUYEN)])
    assert offered(client, f"/admin/pages/{page.pk}/edit/") == [str(unit(LONG_XUYEN))]


def test_a_unit_of_another_province_is_refused(client, section, provincial_editor):
    client.force_login(provincial_editor)
    parent = index_of(section, m.NewsIndexPage)
    data = create_form(client, "exam_news/newspage", parent.pk)
    other = AdministrativeUnit.objects.filter(parent=unit(LANG_SON, "province")).first()
    data.update({"title": "Tin sai địa bàn", "slug": "tin-sai-dia-ban", "summary": "Thử.", "areas": [other.pk]})
    response = post_create(client, "exam_news/newspage", parent.pk, data)
    assert response.status_code == 200 and "areas" in response.context["form"].errors
