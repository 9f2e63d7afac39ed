"""Slugs mangled by Wagtail's browser table before the Vietnamese formatters are repaired by a data migration,
with permanent redirects from the old addresses; slugs chosen by hand are left alone."""

import pytest
from django.contrib.contenttypes.models import ContentType
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page, Revision, Site

from cms.slug_repair import repair_mangled_slugs, repaired_slug, wagtail_mangled_slug
from exam_news import models as m
from tests.exam_news.factories import add_page, index_of, news

# What the admin produced for these titles (the report), and what they should have been.
MANGLED = {
    "Thí điểm: thông báo thử nghiệm": ("thi-djim-thong-bao-th-nghim", "thi-diem-thong-bao-thu-nghiem"),
    "Điểm thi Trường THPT Nguyễn Hữu Cảnh": ("djim-thi-trng-thpt-nguyn-hu-cnh", "diem-thi-truong-thpt-nguyen-huu-canh"),
}


@pytest.mark.parametrize(("title", "slugs"), MANGLED.items())
def test_the_mangled_form_is_what_the_admin_made(title, slugs):
    assert wagtail_mangled_slug(title) == slugs[0]
    assert repaired_slug(slugs[0], title) == slugs[1]
    assert repaired_slug(slugs[0] + "-2", title) == slugs[1] + "-2"


@pytest.mark.parametrize("slug", ["diem-thi-nguyen-huu-canh", "thong-bao", "djim-thi", "thi-djim-thong-bao-th-nghim-x"])
def test_a_slug_chosen_by_hand_is_left_alone(slug):
    assert repaired_slug(slug, "Điểm thi Trường THPT Nguyễn Hữu Cảnh") is None
    assert repaired_slug(slug, "Thí điểm: thông báo thử nghiệm") is None


def test_a_title_without_dropped_letters_needs_no_repair():
    assert repaired_slug("lich-thi-ngay-26-6", "Lịch thi ngày 26/6") is None  # ị was dropped: not this one
    assert repaired_slug("thong-bao-moi", "Thông báo mới") is None


def repair():
    return repair_mangled_slugs(Page, Site, Redirect, Revision, ContentType)


@pytest.mark.django_db
def test_the_repair_fixes_the_page_its_descendants_and_keeps_redirects(client, section):
    parent = index_of(section, m.NewsIndexPage)
    title = "Điểm thi Trường THPT Nguyễn Hữu Cảnh"
    page = add_page(section, news(title, slug="djim-thi-trng-thpt-nguyn-hu-cnh"))
    hand_made = add_page(section, news("Thông báo đổi giờ thi", slug="doi-gio-thi"))
    old_url = page.url_path
    old_path = page.get_url_parts()[2]
    assert client.get(old_path)["Location"] == f"/api/v1/items/{page.pk}"  # headless: the page's JSON

    repairs = repair()

    assert [(r.old_slug, r.new_slug) for r in repairs] == [("djim-thi-trng-thpt-nguyn-hu-cnh",
                                                           "diem-thi-truong-thpt-nguyen-huu-canh")]
    page.refresh_from_db()
    assert page.slug == "diem-thi-truong-thpt-nguyen-huu-canh"
    assert page.url_path == parent.url_path + "diem-thi-truong-thpt-nguyen-huu-canh/"
    assert old_url != page.url_path
    hand_made.refresh_from_db()
    assert hand_made.slug == "doi-gio-thi"
    # The latest revision carries the new slug, so publishing a draft does not bring the old one back.
    assert page.latest_revision.content["slug"] == "diem-thi-truong-thpt-nguyen-huu-canh"
    redirect = Redirect.objects.get(old_path=old_path.rstrip("/"))
    assert redirect.is_permanent and redirect.redirect_page_id == page.pk
    answer = client.get(old_path)
    assert answer.status_code == 301
    assert answer["Location"].rstrip("/").endswith("/diem-thi-truong-thpt-nguyen-huu-canh")
    assert client.get(page.get_url_parts()[2])["Location"] == f"/api/v1/items/{page.pk}"
    assert repair() == []  # a second run finds nothing left


@pytest.mark.django_db
def test_descendants_follow_their_repaired_parent(section):
    parent = index_of(section, m.NewsIndexPage)
    folder = m.NewsIndexPage(title="Tin phường Mỹ Thới", slug="tin-phng-m-thi")
    parent.add_child(instance=folder)
    child = m.NewsPage(title="Lịch trực thi", slug="lich-truc-thi-2", summary="Lịch trực.")
    folder.add_child(instance=child)

    repair()

    folder.refresh_from_db()
    child.refresh_from_db()
    assert folder.slug == "tin-phuong-my-thoi"
    assert child.url_path == folder.url_path + "lich-truc-thi-2/"
    assert Redirect.objects.filter(redirect_page=child).exists()


@pytest.mark.django_db
def test_a_taken_slug_gets_the_next_free_number(section):
    add_page(section, news("Điểm thi Trường THPT Nguyễn Hữu Cảnh"))  # already diem-thi-truong-…
    mangled = add_page(section, news("Điểm thi Trường THPT Nguyễn Hữu Cảnh", slug="djim-thi-trng-thpt-nguyn-hu-cnh"))

    repair()

    mangled.refresh_from_db()
    assert mangled.slug == "diem-thi-truong-thpt-nguyen-huu-canh-2"
