import datetime

import pytest
import time_machine
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from exam_news import models as m
from exam_news.releasing import schedule_bundle
from tests.exam_news.factories import add_page, index_of, make_news, news, notice, story
from tests.fixtures import unit

pytestmark = pytest.mark.django_db


def get(client, url, **headers):
    response = client.get(url, **headers)
    return response, (response.json() if response.get("Content-Type", "").startswith("application/json") else None)


def titles(body) -> list[str]:
    return [r["title"] for r in body["results"]]


def test_news_list_shape_and_iso_dates(client, portal, topic, long_xuyen):
    make_news(portal, 2, areas=[long_xuyen], topics=[topic])
    response, body = get(client, "/api/v1/news")
    assert response.status_code == 200
    assert body["count"] == 2 and body["pages"] == 1 and body["next"] is None
    first = body["results"][0]
    assert first["title"] == "Tin số 2"  # newest first
    assert first["kind"] == "news"
    assert first["url"].startswith("https://angiang.gov.vn/tot-nghiep-thpt-2025/tin-tuc/")
    assert first["section"] == {"id": portal.pk, "kind": "thpt", "year": 2025, "title": portal.title}
    assert first["areas"] == [{"code": "30307", "name": "Phường Long Xuyên", "level": "commune"}]
    assert first["topics"] == [{"slug": "lich-thi", "name": "Lịch thi"}]
    assert first["first_published_at"].endswith("+07:00")
    image = first["image"]
    assert image["alt"] == "Thí sinh trước điểm thi"
    formats = {(r["width"], r["format"]) for r in image["renditions"]}
    assert formats == {(w, f) for w in (320, 640, 1024) for f in ("webp", "jpeg")}
    assert all(r["height"] > 0 and r["url"].startswith("http") for r in image["renditions"])
    assert b", " not in response.content and b"\\u" not in response.content  # compact UTF-8 JSON


def test_list_endpoints_run_a_constant_number_of_queries(client, portal, topic, long_xuyen, chau_doc):
    make_news(portal, 50, areas=[long_xuyen, chau_doc], topics=[topic])
    client.get("/api/v1/news?page_size=50")  # renditions are generated once, on first use
    counts = {}
    for size in (1, 50):
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(f"/api/v1/news?page_size={size}&area=30307")
        assert response.status_code == 200 and len(response.json()["results"]) == size
        counts[size] = len(queries)
    assert counts[1] == counts[50], counts


@pytest.mark.parametrize("path", ["/api/v1/venues", "/api/v1/areas?level=commune&parent=91"])
def test_reference_lists_run_a_constant_number_of_queries(client, portal, path):
    for i in range(50):
        m.ExamVenue.objects.create(section=portal, code=f"{i:03d}", name=f"Trường {i}", address="Số 1",
                                   commune=unit("30307" if i % 2 else "30316"))
    counts = {}
    for size in (1, 50):
        cache.clear()
        separator = "&" if "?" in path else "?"
        with CaptureQueriesContext(connection) as queries:
            response = client.get(f"{path}{separator}page_size={size}")
        assert response.status_code == 200 and len(response.json()["results"]) == size
        counts[size] = len(queries)
    assert counts[1] == counts[50], counts


def test_detail_runs_a_bounded_number_of_queries(client, portal, long_xuyen):
    page = make_news(portal, 1, areas=[long_xuyen])[0]
    client.get(f"/api/v1/items/{page.pk}")
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/api/v1/items/{page.pk}")
    assert response.status_code == 200
    assert len(queries) <= 16


def test_area_filter_includes_province_wide_unless_excluded(client, portal, long_xuyen, chau_doc):
    add_page(portal, news("Tin Long Xuyên"), areas=[long_xuyen])
    add_page(portal, news("Tin Châu Đốc"), areas=[chau_doc])
    add_page(portal, news("Tin toàn tỉnh"))
    _, body = get(client, "/api/v1/news?area=30307")
    assert sorted(titles(body)) == ["Tin Long Xuyên", "Tin toàn tỉnh"]
    _, body = get(client, "/api/v1/news?area=30307&exclude_province_wide=true")
    assert titles(body) == ["Tin Long Xuyên"]


def test_legacy_district_matches_its_successor_communes_and_vice_versa(client, portal):
    tan_chau_district = unit("887", "legacy_district")
    tan_chau_ward = unit("30376")  # Phường Tân Châu, successor of Thị xã Tân Châu
    add_page(portal, news("Tin năm 2023 về thị xã Tân Châu"), areas=[tan_chau_district])
    add_page(portal, news("Tin phường Tân Châu"), areas=[tan_chau_ward])
    add_page(portal, news("Tin Long Xuyên"), areas=[unit("30307")])
    _, by_district = get(client, "/api/v1/news?area=887&exclude_province_wide=1")
    assert sorted(titles(by_district)) == ["Tin năm 2023 về thị xã Tân Châu", "Tin phường Tân Châu"]
    _, by_commune = get(client, "/api/v1/news?area=30376&exclude_province_wide=1")
    assert sorted(titles(by_commune)) == ["Tin năm 2023 về thị xã Tân Châu", "Tin phường Tân Châu"]
    _, by_province = get(client, "/api/v1/news?area=91&exclude_province_wide=1")
    assert by_province["count"] == 3


def test_section_kind_date_tag_and_updated_since_filters(client, portal, home, topic):
    from exam_news.sections import create_exam_section

    later = create_exam_section(home, "thpt", 2026, publish=True)
    make_news(portal, 3, topics=[topic])
    add_page(later, news("Tin 2026"))
    add_page(portal, story("Gương sáng"))
    assert get(client, "/api/v1/news?section=thpt:2026")[1]["count"] == 1
    assert get(client, f"/api/v1/news?section={portal.slug}")[1]["count"] == 4
    assert titles(get(client, "/api/v1/news?kind=story")[1]) == ["Gương sáng"]
    assert titles(get(client, "/api/v1/stories")[1]) == ["Gương sáng"]
    assert get(client, "/api/v1/news?tag=lich-thi")[1]["count"] == 3
    assert titles(get(client, "/api/v1/news?date_from=2025-06-02&date_to=2025-06-02")[1]) == ["Tin số 2"]
    assert get(client, "/api/v1/news?updated_since=2999-01-01T00:00:00%2B07:00")[1]["count"] == 0


@pytest.mark.parametrize(("query", "parameter"), [
    ("foo=1", "foo"), ("page_size=101", "page_size"), ("page=0", "page"), ("page=abc", "page"),
    ("area=abc", "area"), ("area=1234", "area"), ("section=", "section"), ("section=thpt 2025", "section"),
    ("date_from=2025-13-01", "date_from"), ("date_from=0", "date_from"), ("date_to=2025-06-01T00:00:00", "date_to"),
    ("updated_since=yesterday", "updated_since"), ("updated_since=0", "updated_since"),
    ("updated_since=2025-06-01T08:00:00", "updated_since"), ("kind=blog", "kind"), ("area=30307&area=30316", "area"),
])
def test_bad_parameters_get_422_naming_the_parameter(client, portal, query, parameter):
    """Malformed values, including those pydantic alone would read (0 as 1970-01-01, a time without its
    offset), and unknown or repeated parameters: what the OpenAPI document forbids."""
    response, body = get(client, f"/api/v1/news?{query}")
    assert response.status_code == 422, body
    assert [d["loc"] for d in body["detail"]] == [["query", parameter]]


@pytest.mark.parametrize(("query", "parameter"), [
    ("area=12", "area"), ("area=99999", "area"), ("area=000", "area"), ("section=thpt:1990", "section"),
    ("section=khong-co", "section"), ("page=9", "page"),
])
def test_well_formed_references_to_nothing_are_404_naming_the_parameter(client, portal, query, parameter):
    """The document allows them (a code of the right form, a page number in range), so they are not a 422:
    the area, section or page they name does not exist, as the document says for each."""
    response, body = get(client, f"/api/v1/news?{query}")
    assert response.status_code == 404, body
    assert body["detail"].startswith(f"{parameter}: ")


def test_empty_date_range_and_exclude_province_wide_without_area_are_accepted(client, portal):
    make_news(portal, 2)
    assert get(client, "/api/v1/news?date_from=2025-06-02&date_to=2025-06-01")[1]["count"] == 0
    assert get(client, "/api/v1/news?exclude_province_wide=true")[1]["count"] == 2


def test_unknown_item_and_venue_are_404_json(client, portal):
    for url in ("/api/v1/items/999999", "/api/v1/venues/999999", "/api/v1/sections/999999"):
        response, body = get(client, url)
        assert response.status_code == 404 and "detail" in body


def test_drafts_expired_future_and_unpublished_sections_never_appear(client, portal, home, approver):
    from django.utils import timezone

    from exam_news.sections import create_exam_section

    add_page(portal, news("Đã xuất bản"))
    draft = add_page(portal, news("Bản nháp"), publish=False)
    expired = add_page(portal, news("Đã hết hạn"))
    m.NewsPage.objects.filter(pk=expired.pk).update(expire_at=timezone.now() - datetime.timedelta(minutes=1))
    future = add_page(portal, news("Hẹn giờ"), publish=False)
    future.go_live_at = timezone.now() + datetime.timedelta(days=1)
    future.save_revision().publish()
    hidden_section = create_exam_section(home, "lop10", 2025)  # never published
    index = index_of(hidden_section, m.NewsIndexPage)
    index.save_revision().publish()
    add_page(hidden_section, news("Trong chuyên mục chưa xuất bản"))
    live_then_changed = add_page(portal, news("Tiêu đề cũ"))
    draft_change = live_then_changed.get_latest_revision_as_object()
    draft_change.title = "Tiêu đề nháp"
    draft_change.save_revision()

    _, body = get(client, "/api/v1/news")
    assert sorted(titles(body)) == ["Tiêu đề cũ", "Đã xuất bản"]
    for page in (draft, expired, future):
        assert client.get(f"/api/v1/items/{page.pk}").status_code == 404


def test_release_bundle_items_are_invisible_until_the_moment(client, portal, approver):
    from zoneinfo import ZoneInfo

    from exam_news.releasing import release_due_bundles

    moment = datetime.datetime(2025, 7, 16, 8, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
    with time_machine.travel(moment - datetime.timedelta(hours=2), tick=False):
        page = add_page(portal, news("Kết quả thi 2025"), publish=False)
        bundle = m.ReleaseBundle.objects.create(name="Kết quả", section=portal, release_at=moment)
        m.ReleaseBundleItem.objects.create(bundle=bundle, page=page)
        schedule_bundle(bundle, user=approver)
    with time_machine.travel(moment - datetime.timedelta(minutes=1), tick=False):
        response, body = get(client, "/api/v1/news")
        assert body["count"] == 0
        max_age = int(response["Cache-Control"].split("max-age=")[1].split(",")[0])
        s_maxage = int(response["Cache-Control"].split("s-maxage=")[1].split(",")[0])
        assert max_age <= 60 and s_maxage <= 60  # no cache may outlive 08:00
    with time_machine.travel(moment + datetime.timedelta(seconds=5), tick=False):
        release_due_bundles()
        _, body = get(client, "/api/v1/news")
        assert titles(body) == ["Kết quả thi 2025"]


def test_active_notices_view(client, portal):
    from django.utils import timezone

    now = timezone.now()
    add_page(portal, notice(title="Đang hiệu lực"))
    add_page(portal, notice(title="Đã hết hiệu lực", valid_from=now - datetime.timedelta(days=3),
                            valid_until=now - datetime.timedelta(days=2)))
    add_page(portal, notice(title="Sắp có hiệu lực", valid_from=now + datetime.timedelta(days=1),
                            valid_until=now + datetime.timedelta(days=2)))
    _, body = get(client, "/api/v1/notices/active")
    assert titles(body) == ["Đang hiệu lực"]
    assert get(client, "/api/v1/notices")[1]["count"] == 3


def test_item_detail_has_clean_html_plain_text_and_json_ld(client, portal, long_xuyen):
    from wagtail.rich_text import RichText

    target = add_page(portal, news("Lịch thi chính thức"))
    page = news("Hướng dẫn thí sinh", body=[
        ("heading", "Trước ngày thi"),
        ("paragraph", RichText(f'<p>Xem <a linktype="page" id="{target.pk}">lịch thi</a> &amp; chuẩn bị.</p>')),
    ])
    page = add_page(portal, page, areas=[long_xuyen])
    response, body = get(client, f"/api/v1/items/{page.pk}")
    assert response.status_code == 200
    assert body["body_html"] == ('<h2>Trước ngày thi</h2><p>Xem <a href="https://angiang.gov.vn/tot-nghiep-thpt-2025'
                                 '/tin-tuc/lich-thi-chinh-thuc/">lịch thi</a> &amp; chuẩn bị.</p>')
    assert body["body_text"] == "Trước ngày thi\n\nXem lịch thi & chuẩn bị."
    assert body["json_ld"]["@type"] == "NewsArticle" and body["json_ld"]["inLanguage"] == "vi"


def test_rebuttal_detail_is_a_claim_review(client, portal):
    page = add_page(portal, m.RebuttalPage(title="Không có chuyện lộ đề", claim="Đề thi Toán bị lộ trước giờ thi",
                                           verdict="false", official_source_title="Bộ GD&ĐT"))
    body = get(client, f"/api/v1/items/{page.pk}")[1]
    assert body["json_ld"]["@type"] == "ClaimReview"
    assert body["json_ld"]["reviewRating"]["alternateName"] == "Sai sự thật"
    assert body["rebuttal"]["claim"] == "Đề thi Toán bị lộ trước giờ thi"


def test_radio_bulletin_list_rejects_unknown_and_oversized_parameters(client, portal):
    assert client.get("/api/v1/radio/bulletins?foo=1").status_code == 422
    assert client.get(f"/api/v1/radio/bulletins?station={2**70}").status_code == 422
    assert client.get(f"/api/v1/radio/bulletins/{2**70}").status_code == 404


@pytest.mark.parametrize(("value", "count"), [("2025-07-16T08:00:00%2B21:01", 1), ("9999-12-31T23:59:59-14:00", 0),
                                              ("0001-01-01T00:00:00%2B14:00", 1)])
def test_updated_since_with_unusual_offsets_never_breaks_the_database(client, portal, value, count):
    """Offsets that carry the moment past year 9999 or before year 1 in UTC: after or before everything."""
    make_news(portal, 1)
    response = client.get(f"/api/v1/news?updated_since={value}")
    assert response.status_code == 200 and response.json()["count"] == count
