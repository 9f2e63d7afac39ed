"""An impossible date stays as typed and is refused with a form error, not rolled over by the picker."""

import json
import re

import pytest

from exam_news import models as m
from tests.exam_news.admin_forms import create_form, post_create
from tests.exam_news.factories import index_of

pytestmark = pytest.mark.django_db


def picker_configs(page_html: str) -> dict[str, dict]:
    return {field: json.loads(config) for field, config in
            re.findall(r'initDate(?:Time)?Chooser\("id_(\w+)", (\{[^)]*\})', page_html)}


def test_date_pickers_leave_what_was_typed(client, section, provincial_editor):
    client.force_login(provincial_editor)
    parent = index_of(section, m.NewsIndexPage)
    page = client.get(f"/admin/pages/add/exam_news/newspage/{parent.pk}/").content.decode()
    configs = picker_configs(page)
    assert configs["date"]["validateOnBlur"] is False and configs["date"]["format"] == "d/m/Y"
    assert 'data-strict-date="date"' in page and "cms/js/strict-dates.js" in page
    assert "ví dụ 26/06/2025" in page  # the browser's message travels with the field


def test_the_thirty_first_of_february_is_a_form_error(client, section, provincial_editor):
    client.force_login(provincial_editor)
    parent = index_of(section, m.NewsIndexPage)
    data = create_form(client, "exam_news/newspage", parent.pk)
    data.update({"title": "Thông báo ngày sai", "slug": "thong-bao-ngay-sai", "date": "31/02/2025",
                 "summary": "Thử ngày không có thật."})
    response = post_create(client, "exam_news/newspage", parent.pk, data)
    assert response.status_code == 200  # the form again, with its errors
    assert response.context["form"].errors["date"] == [
        "Ngày không có thật hoặc sai dạng: hãy nhập ngày/tháng/năm, ví dụ 26/06/2025."]
    assert not m.NewsPage.objects.filter(slug="thong-bao-ngay-sai").exists()


@pytest.mark.parametrize("typed", ["05/06/25", "2025/06/05", "06-31-2025", "30/02/2024"])
def test_ambiguous_or_impossible_dates_are_refused(client, section, provincial_editor, typed):
    client.force_login(provincial_editor)
    parent = index_of(section, m.NewsIndexPage)
    data = create_form(client, "exam_news/newspage", parent.pk)
    data.update({"title": "Thông báo ngày mơ hồ", "slug": "thong-bao-ngay-mo-ho", "date": typed, "summary": "Thử."})
    response = post_create(client, "exam_news/newspage", parent.pk, data)
    assert response.status_code == 200 and "date" in response.context["form"].errors
    assert not m.NewsPage.objects.filter(slug="thong-bao-ngay-mo-ho").exists()
