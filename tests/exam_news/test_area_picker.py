"""The area picker ("Địa bàn") offers the province's own units (not the 4,114 of the whole country), an area
editor's only, as a searchable chooser: each option carries its name folded for the search, legacy units say
until when they existed. (The search and the chips themselves run in the browser: tests/browser.)"""

import datetime

import pytest
from bs4 import BeautifulSoup

from cms.area_chooser import area_label
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


def chooser(client, url: str):
    return BeautifulSoup(client.get(url).content, "html.parser").select_one("[data-area-chooser]")


def test_a_provincial_editor_is_offered_the_province_s_units_today_s_first(client, section, provincial_editor):
    client.force_login(provincial_editor)
    parent = index_of(section, m.NewsIndexPage)
    names = offered(client, f"/admin/pages/add/exam_news/newspage/{parent.pk}/")
    province = unit(AN_GIANG, "province")
    expected = AdministrativeUnit.objects.filter(pk__in=area_unit_ids(province) - {province.pk})
    assert len(names) == expected.count() < AdministrativeUnit.objects.count()
    assert area_label(unit(LONG_XUYEN)) in names
    lang_son_communes = AdministrativeUnit.objects.filter(parent=unit(LANG_SON, "province"))
    assert not {str(u) for u in lang_son_communes} & set(names)
    first_legacy = next(i for i, name in enumerate(names) if name.endswith("(trước 01/7/2025)"))
    assert all(not name.endswith(")") for name in names[:first_legacy])  # today's communes first
    assert all(name.endswith("(trước 01/7/2025)") for name in names[first_legacy:])


def test_an_area_editor_is_offered_their_own_area_only(client, section, area_editor):
    client.force_login(area_editor)
    page = add_page(section, news("Phường Long Xuyên chuẩn bị điểm thi"), areas=[unit(LONG_XUYEN)])
    assert offered(client, f"/admin/pages/{page.pk}/edit/") == [area_label(unit(LONG_XUYEN))]


def test_a_unit_of_another_province_is_refused(client, section, provincial_editor):
    client.force_login(provincial_editor)
    parent = index_of(section, m.NewsIndexPage)
    data = create_form(client, "exam_news/newspage", parent.pk)
    other = AdministrativeUnit.objects.filter(parent=unit(LANG_SON, "province")).first()
    data.update({"title": "Tin sai địa bàn", "slug": "tin-sai-dia-ban", "summary": "Thử.", "areas": [other.pk]})
    response = post_create(client, "exam_news/newspage", parent.pk, data)
    assert response.status_code == 200 and "areas" in response.context["form"].errors


def test_the_chooser_carries_folded_names_and_its_script(client, section, provincial_editor):
    client.force_login(provincial_editor)
    page = add_page(section, news("Thị xã cũ và phường mới"), areas=[unit(LONG_XUYEN)])
    url = f"/admin/pages/{page.pk}/edit/"
    widget = chooser(client, url)
    assert widget is not None and widget.select_one("[data-area-search]")["placeholder"].startswith("Gõ tên")
    options = {o.get_text(strip=True): o for o in widget.select("select[name=areas] option")}
    assert options[area_label(unit(LONG_XUYEN))].has_attr("selected")
    legacy = next(name for name in options if name.startswith("Thị xã Tân Châu"))
    assert legacy == "Thị xã Tân Châu (trước 01/7/2025)"
    assert options[legacy]["data-search"] == "thi xa tan chau (truoc 01/7/2025)"
    assert options["Phường Tân Châu"]["data-search"] == "phuong tan chau"
    assert b"cms/js/area-chooser.js" in client.get(url).content


def test_legacy_units_are_labelled_with_the_day_they_ended():
    district = AdministrativeUnit(level="legacy_district", name="Huyện Chợ Mới", valid_until=datetime.date(2025, 6, 30))
    assert area_label(district) == "Huyện Chợ Mới (trước 01/7/2025)"
    commune = AdministrativeUnit(level="commune", name="Xã Chợ Mới")
    assert area_label(commune) == "Xã Chợ Mới"
