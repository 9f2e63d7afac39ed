"""The exam-season panel on the admin home: content, permissions and a constant number of queries."""

import datetime
import re
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.log_actions import registry as log_actions

from exam_news import models as m
from exam_news.admin.dashboard import countdown_templates, countdown_text, exam_season
from exam_news.importers.schedule import import_schedule
from exam_news.importers.venues import import_venues
from exam_news.releasing import schedule_bundle
from exam_news.sections import create_exam_section
from tests.exam_news.factories import add_page, news, notice, story
from tests.fixtures import CHAU_DOC, LONG_XUYEN, unit

VN = ZoneInfo("Asia/Ho_Chi_Minh")
NOW = datetime.datetime(2025, 6, 20, 9, 0, tzinfo=VN)
RELEASE_AT = NOW + datetime.timedelta(days=2, hours=3, minutes=10)  # 22/06/2025 12:10
EXAMPLES = Path(__file__).resolve().parents[2] / "exam_news" / "importers" / "examples"


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def results_page(title: str = "Kết quả thi tốt nghiệp THPT năm 2025") -> m.ResultsPage:
    return m.ResultsPage(title=title, candidates_registered=100, candidates_sat=98, graduates=97)


def season(home, section, provincial_editor, approver):
    """Last year's section, and this year's with content of every status, a scheduled bundle and two imports."""
    old = create_exam_section(home, "thpt", 2024, publish=True)
    add_page(old, news("Tin của năm trước"))
    add_page(section, news("Tin Long Xuyên"), areas=[unit(LONG_XUYEN)])
    add_page(section, news("Tin toàn tỉnh"))
    created_in_admin(section, news("Nháp Châu Đốc"), [unit(CHAU_DOC)])
    reviewed = created_in_admin(section, story("Gương sáng Long Xuyên"), [unit(LONG_XUYEN)], provincial_editor)
    reviewed.get_workflow().start(reviewed, provincial_editor)
    add_page(section, notice(title="Cảnh báo mưa dông chiều 20/6", valid_from=NOW - datetime.timedelta(hours=1),
                             valid_until=NOW + datetime.timedelta(days=1)))
    add_page(section, notice(title="Cảnh báo đã hết hạn", valid_from=NOW - datetime.timedelta(days=3),
                             valid_until=NOW - datetime.timedelta(days=2)))
    held = add_page(section, results_page(), publish=False)
    bundle = m.ReleaseBundle.objects.create(name="Công bố điểm thi", section=section, release_at=RELEASE_AT)
    m.ReleaseBundleItem.objects.create(bundle=bundle, page=held)
    schedule_bundle(bundle, user=approver)
    with (EXAMPLES / "diem-thi-mau.csv").open("rb") as fh:
        assert import_venues(section, fh, "diem-thi-mau.csv", user=provincial_editor).ok
    with (EXAMPLES / "lich-thi-mau.csv").open("rb") as fh:
        assert import_schedule(section, fh, "lich-thi-mau.csv", user=provincial_editor).ok


def panel_of(page: str) -> str:
    start = page.index('id="exam-season-content"')
    end = page.find('<section class="w-panel', start)
    return page[start:end if end > 0 else None]


def created_in_admin(section, page, areas, user=None):
    """A new page as the admin's create view saves it: the areas with the page's row, then a draft revision."""
    page.areas.set(areas)
    return add_page(section, page, publish=False, user=user)


def counts(dashboard) -> dict[str, tuple[int, int, int, int]]:
    return {c.kind: (c.published, c.in_review, c.scheduled, c.drafts) for c in dashboard.counts
            if (c.published, c.in_review, c.scheduled, c.drafts) != (0, 0, 0, 0)}


def test_countdown_wording():
    assert countdown_text(2 * 86400 + 3 * 3600 + 600) == "còn 2 ngày 3 giờ"
    assert countdown_text(5 * 3600 + 12 * 60 + 7) == "còn 5 giờ 12 phút"
    assert countdown_text(4 * 60 + 9) == "còn 4 phút 09 giây"
    assert countdown_text(30) == "còn 30 giây"
    assert countdown_text(0) == "đã đến giờ phát hành"
    # The browser's script fills the same wordings.
    assert countdown_templates()["days"] == "còn {days} ngày {hours} giờ"
    assert countdown_templates()["minutes"] == "còn {minutes} phút {seconds} giây"


@pytest.mark.django_db
def test_the_panel_for_an_approver(frozen, home, section, provincial_editor, approver, monkeypatch):
    season(home, section, provincial_editor, approver)
    # As in a fresh server process, where nothing has logged yet: the actions' labels are collected on demand.
    monkeypatch.setattr(log_actions, "has_scanned_for_actions", False)
    monkeypatch.setattr(log_actions, "formatters", {})
    monkeypatch.setattr(log_actions, "choices", [])
    dashboard = exam_season(approver)

    assert [s.title for s in dashboard.sections] == [section.title]  # the newest year only
    assert [p.title for p in dashboard.sections[0].parts][:3] == ["Lịch thi", "Điểm thi", "Tin tức"]
    assert len(dashboard.sections[0].parts) == 9
    # (published, in review, scheduled, drafts) per kind, last year's news not counted
    assert counts(dashboard) == {"news": (2, 0, 0, 1), "story": (0, 1, 0, 0), "results": (0, 0, 1, 0),
                                 "notice": (2, 0, 0, 0)}
    assert not dashboard.area_only
    assert [r.title for r in dashboard.reviews] == ["Gương sáng Long Xuyên"] and dashboard.reviews_total == 1
    assert dashboard.reviews[0].requested_by == "btv-tinh"
    assert dashboard.reviews[0].url == f"/admin/pages/{m.StoryPage.objects.get().pk}/edit/"

    release = dashboard.next_release
    assert (release.name, release.item_count, release.moment, release.countdown) == (
        "Công bố điểm thi", 1, "22/06/2025 12:10", "còn 2 ngày 3 giờ")
    assert release.seconds_left == 2 * 86400 + 3 * 3600 + 600
    # In force now, and public (the expired one is not)
    assert [(n.title, n.until) for n in dashboard.notices] == [
        ("Cảnh báo mưa dông chiều 20/6", "đến 21/06/2025 09:00")]
    assert [(i.label, i.file, i.result, i.user, i.moment) for i in dashboard.imports] == [
        ("Nhập lịch thi", "lich-thi-mau.csv", "4 mới, 0 cập nhật, chờ duyệt", "btv-tinh", "20/06/2025 09:00"),
        ("Nhập điểm thi", "diem-thi-mau.csv", "3 mới, 0 cập nhật", "btv-tinh", "20/06/2025 09:00"),
    ]


@pytest.mark.django_db
def test_the_panel_is_first_on_the_admin_home_with_a_live_countdown(frozen, client, home, section,
                                                                     provincial_editor, approver):
    season(home, section, provincial_editor, approver)
    client.force_login(approver)
    page = client.get("/admin/").content.decode()
    panel = panel_of(page)
    # First, before Wagtail's own panels
    assert re.search(r'<section class="w-panel[^"]*" id="([^"]+)"', page).group(1) == "exam-season-section"
    assert 'data-countdown data-seconds-left="184200"' in panel
    assert "còn 2 ngày 3 giờ" in panel and "công bố lúc 22/06/2025 12:10" in panel
    assert 'data-text-days="còn {days} ngày {hours} giờ"' in panel
    assert "/static/exam_news/js/countdown.js" in page
    assert "Gương sáng Long Xuyên" in panel and "Cảnh báo mưa dông chiều 20/6" in panel
    assert "Cảnh báo đã hết hạn" not in panel
    assert "lich-thi-mau.csv" in panel and "3 mới, 0 cập nhật" in panel
    assert '<tr data-kind="news"><td>Tin tức</td><td>2</td><td>0</td><td>0</td><td>1</td></tr>' in panel


@pytest.mark.django_db
def test_an_area_editor_sees_only_their_areas_pages(frozen, client, home, section, provincial_editor, approver,
                                                    area_editor):
    season(home, section, provincial_editor, approver)
    dashboard = exam_season(area_editor)
    assert dashboard.area_only
    # Their own news and story; not Châu Đốc's draft, nor province-wide items
    assert counts(dashboard) == {"news": (1, 0, 0, 0), "story": (0, 1, 0, 0)}
    assert dashboard.reviews == () and dashboard.next_release is None and dashboard.imports == ()
    assert not dashboard.show_release and not dashboard.show_imports

    client.force_login(area_editor)
    panel = panel_of(client.get("/admin/").content.decode())
    assert "Bài viết trong địa bàn của bạn" in panel
    assert "Nháp Châu Đốc" not in panel and "Gói phát hành" not in panel and "diem-thi-mau.csv" not in panel


@pytest.mark.django_db
def test_nothing_waits_for_an_editor_who_does_not_review(frozen, home, section, provincial_editor, approver):
    season(home, section, provincial_editor, approver)
    dashboard = exam_season(provincial_editor)
    assert dashboard.reviews == () and dashboard.reviews_total == 0
    assert counts(dashboard)["news"] == (2, 0, 0, 1)


@pytest.mark.django_db
def test_without_sections_the_panel_offers_to_open_one(client, home, superuser):
    client.force_login(superuser)
    panel = panel_of(client.get("/admin/").content.decode())
    assert "Chưa có chuyên mục kỳ thi nào." in panel and "/admin/exam/new-section/" in panel


def queries_for(django_user_model, username: str) -> int:
    for _warm in range(2):  # the memoised site context (the first call also creates the site's settings row)
        exam_season(django_user_model.objects.get(username=username))
    with CaptureQueriesContext(connection) as captured:
        exam_season(django_user_model.objects.get(username=username))
    return len(captured)


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["approver", "area_editor"])
def test_the_panel_reads_a_constant_number_of_queries(who, frozen, home, section, provincial_editor, approver,
                                                      area_editor, django_user_model):
    user = {"approver": approver, "area_editor": area_editor}[who]
    season(home, section, provincial_editor, approver)
    small = queries_for(django_user_model, user.username)
    for n in range(4):  # two more sections of the year, and more pages, reviews, notices, imports
        other = create_exam_section(home, ["lop10", "lop6"][n % 2], 2025, publish=True) if n < 2 else section
        add_page(other, news(f"Tin thêm {n}"), areas=[unit(LONG_XUYEN)])
        add_page(other, news(f"Nháp thêm {n}"), publish=False)
        page = created_in_admin(other, story(f"Gương thêm {n}"), [unit(LONG_XUYEN)], provincial_editor)
        page.get_workflow().start(page, provincial_editor)
        add_page(other, notice(title=f"Thông báo thêm {n}", valid_from=NOW - datetime.timedelta(hours=2)))
        with (EXAMPLES / "diem-thi-mau.csv").open("rb") as fh:
            import_venues(other, fh, f"them-{n}.csv", user=provincial_editor)
    large = queries_for(django_user_model, user.username)
    dashboard = exam_season(user)
    assert len(dashboard.sections) == 3
    if who == "approver":
        assert dashboard.reviews_total == 5 and len(dashboard.notices) == 5
    assert large == small
    assert large <= 20
