"""The editor's main flows, clicked through in the admin as a Vietnamese editor would."""


import re
from pathlib import Path

from tests.browser.conftest import (
    BROWSER_TEST,
    ROOT,
    choose_areas,
    chosen_areas,
    confirm_import,
    login,
    run_import_dry_run,
)

pytestmark = BROWSER_TEST


def test_log_in_and_open_the_exam_section(demo, new_page, shot, console):
    page = new_page()
    login(page, demo.editor, shot)
    shot(page, "dashboard")
    assert page.locator("main").count() == 1 and "/login" not in page.url

    page.locator("nav").get_by_role("button", name="Trang", exact=True).click()  # the sidebar's page explorer
    explorer = page.locator("#wagtail-sidebar")
    explorer.get_by_text(demo.home.title).wait_for()
    shot(page, "page-explorer-menu")
    page.goto(f"/admin/pages/{demo.home.pk}/")
    page.locator(f"main a[href=\"/admin/pages/{demo.section.pk}/\"]").first.click()
    page.wait_for_url(re.compile(rf"/admin/pages/{demo.section.pk}/$"))
    shot(page, "exam-section")
    listing = page.locator("main table").inner_text()
    for child in ("Lịch thi", "Điểm thi", "Tin tức", "Văn bản chỉ đạo", "Thông báo khẩn", "Hỏi - đáp"):
        assert child in listing
    assert console.take() == []


def test_create_a_news_item_with_areas_and_submit_it_for_review(demo, new_page, shot, console):
    from cms.editorial import WORKFLOW_NAME
    from exam_news.models import NewsPage

    page = new_page()
    login(page, demo.editor)
    page.goto(f"/admin/pages/{demo.news_index.pk}/")
    shot(page, "news-index")
    page.goto(f"/admin/pages/{demo.news_index.pk}/add_subpage/")  # one allowed type: straight to its form
    page.wait_for_url(re.compile(rf"/admin/pages/add/exam_news/newspage/{demo.news_index.pk}/$"))
    title = "Điểm thi Trường THPT Nguyễn Hữu Cảnh"
    page.locator("#id_title").press_sequentially(title, delay=5)
    page.locator("#id_title").blur()
    choose_areas(page, ["Phường Long Xuyên", "Phường Châu Đốc"])
    page.locator("#id_summary").fill("Điểm thi đặt tại trường, 24 phòng thi, thí sinh có mặt lúc 6 giờ 30.")
    shot(page, "news-form-filled", full_page=True)
    # The slug is made in the browser (cms/slugs.py), in the "Promote" tab.
    assert page.locator("#id_slug").input_value() == "diem-thi-truong-thpt-nguyen-huu-canh"

    page.locator("footer button.action-save").click()
    page.wait_for_url(re.compile(r"/admin/pages/\d+/edit/$"))
    shot(page, "draft-saved")
    item = NewsPage.objects.get(title=title)
    assert item.slug == "diem-thi-truong-thpt-nguyen-huu-canh" and not item.live
    draft = item.get_latest_revision_as_object()
    assert sorted(a.name for a in draft.areas.all()) == ["Phường Châu Đốc", "Phường Long Xuyên"]
    assert sorted(chosen_areas(page)) == ["Phường Châu Đốc", "Phường Long Xuyên"]

    page.locator("footer .w-dropdown__toggle").click()
    shot(page, "action-menu")
    submit = page.locator("footer button[name=action-submit]")
    assert WORKFLOW_NAME in submit.inner_text()
    submit.click()
    page.wait_for_load_state()
    shot(page, "submitted")
    item.refresh_from_db()
    state = item.current_workflow_state
    assert state is not None and state.workflow.name == WORKFLOW_NAME and state.status == "in_progress"
    assert state.requested_by == demo.editor and not item.live
    assert console.take() == []


def test_approve_and_publish_a_submitted_item_then_the_api_lists_it(demo, new_page, shot, console):
    from exam_news.models import NewsPage
    from tests.exam_news.factories import add_page, news
    from tests.fixtures import LONG_XUYEN, unit

    title = "Điểm thi Trường THPT Nguyễn Hữu Cảnh sẵn sàng đón thí sinh"
    item = add_page(demo.section, news(title), publish=False, areas=[unit(LONG_XUYEN)], user=demo.editor)
    item.get_workflow().start(item, demo.editor)

    page = new_page()
    login(page, demo.approver)
    shot(page, "dashboard-awaiting-review")
    assert title in page.locator("main").inner_text()  # the dashboard's "awaiting your review" panel
    page.goto(f"/admin/pages/{item.pk}/edit/")
    shot(page, "edit-in-review")
    page.locator("footer .w-dropdown__toggle").click()
    shot(page, "action-menu")
    approve = page.locator("footer button[data-workflow-action-name=approve]:not([data-workflow-action-modal-url])")
    approve.click()
    page.wait_for_url(re.compile(r"/admin/pages/\d+/$"))  # back to the explorer
    shot(page, "approved-and-published")
    item = NewsPage.objects.get(pk=item.pk)
    assert item.live and not item.has_unpublished_changes
    assert item.current_workflow_state is None and item.workflow_states.get().status == "approved"

    response = page.request.get("/api/v1/news", params={"section": "thpt:2026", "area": LONG_XUYEN})
    assert response.ok
    listed = {entry["id"]: entry for entry in response.json()["results"]}
    assert listed[item.pk]["title"] == title and listed[item.pk]["kind"] == "news"
    detail = page.request.get(f"/api/v1/items/{item.pk}")
    assert detail.ok and detail.json()["title"] == title
    assert console.take() == []


def test_import_venues_with_a_dry_run_then_for_real(demo, new_page, shot, console):
    from exam_news.models import ExamVenue

    example = ROOT / "exam_news" / "importers" / "examples" / "diem-thi-mau.xlsx"
    assert not ExamVenue.objects.filter(section=demo.section).exists()
    page = new_page()
    login(page, demo.editor)
    page.locator("#wagtail-sidebar").get_by_role("link", name="Nhập dữ liệu bảng tính").click()
    page.wait_for_url("**/admin/exam/import/")
    shot(page, "import-form")

    report = run_import_dry_run(page, example, demo.section.title, "Danh sách điểm thi")
    shot(page, "dry-run-report", full_page=True)
    assert "Kiểm tra xong, không có lỗi" in report and "3 dòng: 3 mới" in report, report
    for code, name in (("001", "Trường THPT Long Xuyên"), ("002", "Trường THPT Thoại Ngọc Hầu"),
                       ("003", "Trường THPT Châu Phú")):
        assert re.search(rf"{code}\s+{name}", report), (code, report)  # one row of the change table each
    assert not ExamVenue.objects.filter(section=demo.section).exists()  # a dry run writes nothing

    message = confirm_import(page)
    shot(page, "imported", full_page=True)
    assert "Đã nhập" in message and "3 mới" in message, message
    venues = ExamVenue.objects.filter(section=demo.section).order_by("code")
    assert [(v.code, v.name, v.commune.name) for v in venues] == [
        ("001", "Trường THPT Long Xuyên", "Phường Long Xuyên"),
        ("002", "Trường THPT Thoại Ngọc Hầu", "Phường Mỹ Thới"),
        ("003", "Trường THPT Châu Phú", "Xã Châu Phú"),
    ]
    assert console.take() == []


def choose_page(page, chooser, title: str) -> None:
    """Picks a page by title in Wagtail's page chooser modal (searching for it)."""
    chooser.locator("button[data-chooser-action-choose]").click()
    modal = page.locator(".modal.in")
    modal.locator("input[name=q]").fill(title)
    modal.locator(f"a.choose-page[data-title='{title}']").first.click()
    modal.wait_for(state="hidden")
    chooser.locator("[data-chooser-title]", has_text=title).wait_for()


def test_schedule_a_release_bundle_of_pages(demo, new_page, shot, console):
    import datetime

    from django.utils import timezone

    from exam_news.models import ReleaseBundle
    from tests.exam_news.factories import add_page, news

    titles = ["Công bố điểm thi năm 2026", "Phổ điểm các môn thi năm 2026"]
    pages = [add_page(demo.section, news(title), publish=False, user=demo.editor) for title in titles]
    release_at = timezone.localtime().replace(second=0, microsecond=0) + datetime.timedelta(days=2)

    page = new_page()
    login(page, demo.approver)
    page.goto("/admin/snippets/exam_news/releasebundle/")
    shot(page, "bundles")
    page.goto("/admin/snippets/exam_news/releasebundle/add/")
    page.locator("#id_name").fill("Kết quả thi năm 2026 – 8 giờ")
    choose_page(page, page.locator("#id_section-chooser"), demo.section.title)
    page.locator("#id_release_at").fill(release_at.strftime("%d/%m/%Y %H:%M"))
    page.locator("#id_release_at").press("Escape")
    for number, title in enumerate(titles):
        if number:
            page.locator("#id_items-ADD").click()
        choose_page(page, page.locator(f"#id_items-{number}-page-chooser"), title)
    shot(page, "bundle-form", full_page=True)
    page.locator("footer button.action-save").click()
    page.wait_for_url("**/admin/snippets/exam_news/releasebundle/")
    shot(page, "bundle-saved")
    bundle = ReleaseBundle.objects.get()
    assert bundle.status == ReleaseBundle.Status.DRAFT and bundle.release_at == release_at
    assert sorted(i.page_id for i in bundle.items.all()) == sorted(p.pk for p in pages)

    page.locator(f"a[href$='/admin/exam/bundles/{bundle.pk}/schedule/']").first.click(force=True)
    page.wait_for_url(f"**/admin/exam/bundles/{bundle.pk}/schedule/")
    shot(page, "schedule-confirm")
    assert all(title in page.locator("main").inner_text() for title in titles)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/admin/snippets/exam_news/releasebundle/")
    shot(page, "scheduled")
    bundle.refresh_from_db()
    assert bundle.status == ReleaseBundle.Status.SCHEDULED and bundle.scheduled_by == demo.approver
    for item in pages:
        item.refresh_from_db()
        assert not item.live and item.revisions.filter(approved_go_live_at=release_at).exists()
    assert console.take() == []


def test_export_a_radio_bulletin(demo, new_page, shot, console):
    import io
    import zipfile

    from exam_news.models import Bulletin
    from exam_news.radio.demo import DEMO_STATION

    bulletin = Bulletin.objects.get()
    page = new_page()
    login(page, demo.admin)
    page.goto("/admin/snippets/exam_news/bulletin/")
    shot(page, "bulletins")
    page.goto(f"/admin/snippets/exam_news/bulletin/edit/{bulletin.pk}/")
    shot(page, "bulletin-edit", full_page=True)
    downloads = {}
    for fmt in ("txt", "docx"):
        with page.expect_download() as info:
            page.locator(f"main a[href$='/admin/radio/bulletins/{bulletin.pk}/export/{fmt}/']").first.click()
        downloads[fmt] = Path(info.value.path()).read_bytes()
    text = downloads["txt"].decode("utf-8")
    assert text.startswith(f"{bulletin.title}\nĐài: {DEMO_STATION}\nNgày phát: 25/06/2025"), text[:200]
    assert "Tổng thời lượng:" in text and "THPT" not in text  # spoken form
    with zipfile.ZipFile(io.BytesIO(downloads["docx"])) as docx:
        assert DEMO_STATION in docx.read("word/document.xml").decode("utf-8")
    shot(page, "exported")
    assert console.take() == []
