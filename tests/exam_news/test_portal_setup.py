"""A province from scratch (README "Set up for your province"): setup_portal → an admin → new_exam_section →
imports → the API; idempotent; unknown provinces refused; nothing of the demo."""

import io
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from wagtail.images import get_image_model
from wagtail.models import (
    GroupPagePermission,
    Page,
    PageLogEntry,
    Revision,
    Site,
    Workflow,
    WorkflowContentType,
    WorkflowPage,
)

from cms.editorial import APPROVERS, AREA_EDITORS, PROVINCIAL_EDITORS, WORKFLOW_NAME
from cms.models import AdministrativeUnit, ProvinceHomePage, ProvinceSettings, RadioStation
from cms.provinces import UnknownProvince, find_province
from exam_news import models as m
from exam_news.models.radio import Bulletin
from exam_news.portal_setup import setup_portal
from tests.fixtures import AN_GIANG, make_user

pytestmark = pytest.mark.django_db

EXAMPLES = Path(m.__file__).parent.parent / "importers" / "examples"
HOST = "thi.angiang.gov.vn"
NAME = "Cổng thông tin điện tử tỉnh An Giang"


def run(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def state() -> dict[str, object]:
    """What a setup may write, to show that a second run writes nothing."""
    return {
        "pages": list(Page.objects.order_by("path").values_list("path", "title", "live", "latest_revision_id")),
        "revisions": Revision.objects.count(),
        "log": PageLogEntry.objects.count(),
        "sites": list(Site.objects.order_by("pk").values_list("hostname", "port", "root_page_id", "site_name",
                                                             "is_default_site")),
        "settings": list(ProvinceSettings.objects.values_list("site_id", "province_id", "portal_base_url")),
        "groups": sorted(Group.objects.values_list("name", "permissions__codename")),
        "page_permissions": GroupPagePermission.objects.count(),
        "workflows": list(WorkflowPage.objects.values_list("page_id", "workflow__name")),
        "units": AdministrativeUnit.objects.count(),
    }


@pytest.fixture
def api_hosts(settings):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, HOST, "thi.langson.gov.vn"]


def test_a_province_from_scratch_to_the_api(client, api_hosts, django_user_model, monkeypatch):
    # A fresh database: Wagtail's "Welcome" page is the default site's root; no portal, so no section either.
    assert not ProvinceHomePage.objects.exists()
    with pytest.raises(CommandError, match="setup_portal --province"):
        run("new_exam_section", "--kind", "thpt", "--year", "2025")

    # 1. The portal.
    out, err = run("setup_portal", "--province", AN_GIANG, "--name", NAME, "--hostname", HOST,
                   "--portal-url", "https://angiang.gov.vn/")
    assert f"Đã thiết lập cổng “{NAME}”: Tỉnh An Giang (mã 91)" in out
    assert "Đã tạo trang chủ cổng" in out and "Đã tạo quy trình duyệt “Duyệt tin kỳ thi”" in out
    assert err == ""  # the host is allowed
    home = ProvinceHomePage.objects.get()
    assert (home.title, home.slug, home.province.code, home.live) == (NAME, "an-giang", AN_GIANG, True)
    site = Site.objects.get()  # Wagtail's default site taken over, its "Welcome" page gone
    assert (site.hostname, site.port, site.root_page_id, site.is_default_site) == (HOST, 80, home.pk, True)
    assert not Page.objects.filter(depth=2).exclude(pk=home.pk).exists()
    settings = ProvinceSettings.for_site(site)
    assert (settings.province.code, settings.portal_base_url) == (AN_GIANG, "https://angiang.gov.vn")
    assert {g.name for g in Group.objects.all()} >= {PROVINCIAL_EDITORS, AREA_EDITORS, APPROVERS}
    workflow = Workflow.objects.get(name=WORKFLOW_NAME)
    assert WorkflowPage.objects.get(page=home).workflow == workflow
    assert WorkflowContentType.objects.get(workflow=workflow).content_type.model_class() is Bulletin
    assert Group.objects.get(name=APPROVERS).permissions.filter(codename="publish_bulletin").exists()

    # 2. Admin users: the operator's account; an editor of the provincial group may work in the portal's tree.
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "mat-khau-Dai-123")
    run("createsuperuser", "--no-input", "--username", "quantri", "--email", "quantri@angiang.gov.vn")
    login = client.post("/admin/login/", {"username": "quantri", "password": "mat-khau-Dai-123"}, HTTP_HOST=HOST)
    assert login.status_code == 302
    assert client.get("/admin/", HTTP_HOST=HOST).status_code == 200
    editor = make_user(django_user_model, "btv-tinh", PROVINCIAL_EDITORS)
    client.force_login(editor)
    assert client.get(f"/admin/pages/{home.pk}/", HTTP_HOST=HOST).status_code == 200

    # 3. The year's section, 4. its venues and schedule from the department's files.
    out, _err = run("new_exam_section", "--kind", "thpt", "--year", "2025", "--publish")
    assert "Đã mở chuyên mục “Kỳ thi tốt nghiệp THPT năm 2025”" in out
    out, _err = run("import_venues", str(EXAMPLES / "diem-thi-mau.xlsx"), "--section", "thpt:2025")
    assert "Đã nhập: 3 dòng, 3 mới" in out
    out, _err = run("import_schedule", str(EXAMPLES / "lich-thi-mau.xlsx"), "--section", "thpt:2025", "--publish")
    assert "Đã nhập: 4 dòng, 4 mới" in out

    client.logout()
    sections = client.get("/api/v1/sections", HTTP_HOST=HOST)
    assert sections.status_code == 200
    listed = sections.json()
    assert [(s["kind"], s["year"], s["title"]) for s in listed] == [("thpt", 2025, "Kỳ thi tốt nghiệp THPT năm 2025")]
    assert listed[0]["url"] == "https://angiang.gov.vn/tot-nghiep-thpt-2025/"
    venues = client.get("/api/v1/venues?section=thpt:2025", HTTP_HOST=HOST).json()["results"]
    assert sorted(v["code"] for v in venues) == ["001", "002", "003"]
    assert {v["commune"]["name"] for v in venues} >= {"Phường Long Xuyên", "Phường Mỹ Thới"}
    schedule = client.get("/api/v1/schedule?section=thpt:2025", HTTP_HOST=HOST).json()
    assert [(s["date"], s["subject"]) for s in schedule["sessions"]][:2] == [
        ("2025-06-26", "Ngữ văn"), ("2025-06-26", "Toán")]
    assert len(schedule["sessions"]) == 4

    # Nothing from the demo.
    assert m.ExamSectionPage.objects.count() == 1
    assert not m.ExamContentPage.objects.exists()
    assert not m.Topic.objects.exists() and not get_image_model().objects.exists()
    assert not RadioStation.objects.exists() and not Bulletin.objects.exists()
    assert not settings.hotlines
    assert sorted(django_user_model.objects.values_list("username", flat=True)) == ["btv-tinh", "quantri"]


def test_a_second_run_changes_nothing_and_says_so(api_hosts):
    first = setup_portal(AN_GIANG, NAME, HOST, "https://angiang.gov.vn")
    assert first.changed and first.home_created
    before = state()
    again = setup_portal(AN_GIANG, f"  {NAME} ", HOST.upper())
    assert not again.changed and again.changes == [] and not again.home_created
    assert again.home == first.home and again.site == first.site
    assert state() == before

    out, _err = run("setup_portal", "--province", "An Giang", "--name", NAME, "--hostname", HOST,
                    "--portal-url", "https://angiang.gov.vn")
    assert "không có gì thay đổi" in out and "Đã tạo" not in out
    assert state() == before


def test_a_rerun_with_other_values_updates_the_portal(api_hosts):
    setup_portal(AN_GIANG, NAME, "localhost", None)
    result = setup_portal(AN_GIANG, "Cổng thông tin kỳ thi tỉnh An Giang", HOST, "https://angiang.gov.vn")
    assert result.changes == [
        f"Đã đổi tên trang chủ cổng từ “{NAME}” thành “Cổng thông tin kỳ thi tỉnh An Giang”.",
        f"Đã cập nhật tên miền của cổng: localhost → {HOST}.",
        "Đã đặt địa chỉ cổng công khai: https://angiang.gov.vn.",
    ]
    assert ProvinceHomePage.objects.get().title == "Cổng thông tin kỳ thi tỉnh An Giang"
    assert Site.objects.get().hostname == HOST


@pytest.mark.parametrize(("code", "message"), [
    ("99", "Không có tỉnh, thành phố nào mang mã “99”."),
    ("89", "Mã 89 là mã của Tỉnh An Giang trước ngày 01/7/2025; nay thuộc Tỉnh An Giang (mã 91)."),
    ("Kiên Giang", "Tỉnh Kiên Giang không còn là đơn vị hành chính từ ngày 01/7/2025; nay thuộc Tỉnh An Giang"),
    ("An Gian", "Không có tỉnh, thành phố nào tên “An Gian”. Có phải: Tỉnh An Giang (mã 91)"),
])
def test_an_unknown_province_is_refused_clearly_and_nothing_is_written(code, message):
    before = state()
    with pytest.raises(CommandError) as refused:
        run("setup_portal", "--province", code, "--name", NAME, "--hostname", HOST)
    assert message in str(refused.value)
    assert "manage.py setup_portal --list-provinces" in str(refused.value)
    assert state() == before


def test_the_province_list_names_the_34_codes():
    out, _err = run("setup_portal", "--list-provinces")
    lines = out.splitlines()
    assert len(lines) == 34 and "91  Tỉnh An Giang" in lines and "79  Thành phố Hồ Chí Minh" in lines


def test_provinces_by_code_or_name():
    assert find_province("91").name == find_province(" tỉnh an giang ").name == "Tỉnh An Giang"
    assert find_province("1").code == "01"
    assert find_province("TP Hồ Chí Minh").code == find_province("ho chi minh").code == "79"
    with pytest.raises(UnknownProvince) as merged:
        find_province("Quảng Nam")
    assert [p.code for p in merged.value.suggestions] == ["48"]


@pytest.mark.parametrize(("args", "message"), [
    (["--hostname", "https://thi.angiang.gov.vn/"], "không kèm https://"),
    (["--hostname", HOST, "--portal-url", "angiang.gov.vn"], "Địa chỉ cổng công khai “angiang.gov.vn” không hợp lệ"),
    (["--hostname", HOST, "--name", "  "], "Hãy nhập tên cổng, ví dụ “Cổng thông tin điện tử tỉnh An Giang”"),
])
def test_bad_arguments_are_refused(args, message):
    before = state()
    with pytest.raises(CommandError, match=message):
        run("setup_portal", "--province", AN_GIANG, "--name", NAME, *args)
    assert state() == before


def test_administrative_units_are_loaded_when_missing():
    cao_bang = "04"
    assert not AdministrativeUnit.objects.filter(parent__code=cao_bang, level="commune").exists()
    result = setup_portal("Cao Bằng", "Cổng thông tin điện tử tỉnh Cao Bằng", "thi.caobang.gov.vn")
    assert result.changes[0].startswith("Đã nạp đơn vị hành chính của Tỉnh Cao Bằng")
    assert result.province.code == cao_bang and result.home.slug == "cao-bang"
    assert AdministrativeUnit.objects.filter(parent=result.province, level="commune").count() > 50


def test_a_second_province_gets_a_site_of_its_own_and_a_host_is_not_shared(client, api_hosts):
    setup_portal(AN_GIANG, NAME, HOST)
    with pytest.raises(ValidationError, match=f"Tên miền {HOST} đã dùng cho trang “{NAME}”"):
        setup_portal("20", "Cổng thông tin điện tử tỉnh Lạng Sơn", HOST)
    assert ProvinceHomePage.objects.count() == 1

    lang_son = setup_portal("20", "Cổng thông tin điện tử tỉnh Lạng Sơn", "thi.langson.gov.vn")
    assert (lang_son.site.hostname, lang_son.site.is_default_site) == ("thi.langson.gov.vn", False)
    run("new_exam_section", "--kind", "lop10", "--year", "2026", "--publish", "--home", str(lang_son.home.pk))
    served = client.get("/api/v1/sections", HTTP_HOST="thi.langson.gov.vn").json()
    assert [(s["kind"], s["year"]) for s in served] == [("lop10", 2026)]
    assert client.get("/api/v1/sections", HTTP_HOST=HOST).json() == []


def test_the_demo_builds_on_the_portal_setup(api_hosts):
    setup_portal(AN_GIANG, "Cổng thông tin kỳ thi tỉnh An Giang", HOST, "https://angiang.gov.vn")
    run("load_demo")
    assert ProvinceHomePage.objects.count() == 1
    site = Site.objects.get()
    assert site.hostname == HOST  # the demo keeps the portal's host name
    assert ProvinceSettings.for_site(site).hotlines and RadioStation.objects.filter(site=site).exists()
    assert m.ExamSectionPage.objects.count() == 3
