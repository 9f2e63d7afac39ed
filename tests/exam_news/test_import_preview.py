"""Import previews: the per-row plan (new / updated old → new / unchanged / removed), the warnings on a
venue's name or address, the kept file confirmed in the admin, and the command's --dry-run listing."""

import datetime
import json
import re
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageLogEntry, Revision

from cms.models import AdministrativeUnit
from exam_news import models as m
from exam_news.importers.plan import Action, FieldChange, plan_lines
from exam_news.importers.previews import KEEP_FOR, PreviewExpired, confirm_import, preview_import
from exam_news.importers.schedule import import_schedule
from exam_news.importers.venues import import_venues
from tests.exam_news.test_import import GOOD_SCHEDULE, GOOD_VENUES, SCHEDULE_HEADER, VENUE_HEADER, csv_file, xlsx
from tests.fixtures import CHAU_DOC, LONG_XUYEN, make_user, unit

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "exam_news" / "importers" / "examples"
DEMO_VENUES = ROOT / "exam_news" / "demo" / "data" / "venues.json"
URL = "/admin/exam/import/"


def venues_row(code: str, **changes) -> list:
    row = dict(zip(VENUE_HEADER, next(r for r in GOOD_VENUES if r[0] == code), strict=True))
    row.update(changes)
    return [row[h] for h in VENUE_HEADER]


def load_demo_venues(section: m.ExamSectionPage) -> None:
    """The first venues of the demo data (exam_news/demo/data/venues.json), as ``load_demo`` writes them."""
    for v in json.loads(DEMO_VENUES.read_text())[:4]:
        m.ExamVenue.objects.create(
            section=section, code=v["code"], name=v["name"], address=v["address"],
            commune=unit(v["commune_code"]),
            legacy_district=AdministrativeUnit.objects.get(level="legacy_district", code=v["legacy_district_code"]),
            latitude=v["latitude"], longitude=v["longitude"], rooms=v["rooms"], candidates=v["candidates"],
            phone=v["phone"], access_notes=v["access_notes"])


def names() -> dict[str, str]:
    return dict(m.ExamVenue.objects.values_list("code", "name"))


# --- the plan -----------------------------------------------------------------------------------------

@pytest.mark.django_db
def test_venue_plan_lists_new_updated_and_unchanged_rows_with_old_and_new_values(section):
    import_venues(section, xlsx([VENUE_HEADER, *GOOD_VENUES]), "a.xlsx")
    before = {v.code: v.updated_at for v in m.ExamVenue.objects.all()}
    rows = [VENUE_HEADER,
            venues_row("001", **{"Số phòng thi": 25, "Số thí sinh": 600, "Xã/Phường": "Châu Đốc", "Vĩ độ": "10,4"}),
            venues_row("002"),
            ["003", "Trường THPT Châu Phú", "Quốc lộ 91", "30463", "", "", "", 18, 432, ""]]
    report = import_venues(section, xlsx(rows), "b.xlsx", dry_run=True)

    assert report.ok and (report.created, report.updated, report.unchanged, report.removed) == (1, 1, 1, 0)
    updated, unchanged, new = report.plan.rows
    assert (updated.action, updated.key, updated.row) == (Action.UPDATED, "001", 2)
    assert updated.changes == (
        FieldChange("Xã/Phường", unit(LONG_XUYEN).name, unit(CHAU_DOC).name),
        FieldChange("Vĩ độ", "10,3712", "10,4"),
        FieldChange("Số phòng thi", "24", "25"),
        FieldChange("Số thí sinh", "576", "600"),
    )
    assert updated.warnings == ()  # neither the name nor the address changes
    assert (unchanged.action, unchanged.key, unchanged.changes) == (Action.UNCHANGED, "002", ())
    assert (new.action, new.key, new.title, new.row) == (Action.NEW, "003", "Trường THPT Châu Phú", 4)
    # Nothing written by the dry run.
    assert {v.code: v.updated_at for v in m.ExamVenue.objects.all()} == before
    assert m.ExamVenue.objects.get(code="001").rooms == 24

    report = import_venues(section, xlsx(rows), "b.xlsx")
    assert (report.created, report.updated, report.unchanged) == (1, 1, 1)
    venues = {v.code: v for v in m.ExamVenue.objects.all()}
    assert (venues["001"].rooms, venues["001"].commune.code) == (25, CHAU_DOC)
    assert venues["002"].updated_at == before["002"]  # an unchanged venue is not written again
    assert venues["003"].section == section


@pytest.mark.django_db
def test_a_changed_venue_name_or_address_is_flagged(section):
    import_venues(section, xlsx([VENUE_HEADER, *GOOD_VENUES]), "a.xlsx")
    rows = [VENUE_HEADER, venues_row("001", **{"Tên điểm thi": "Trường THPT chuyên Thoại Ngọc Hầu"}),
            venues_row("002", **{"Địa chỉ": "Số 7 Trưng Nữ Vương", "Điện thoại": "0296 1"})]
    report = import_venues(section, csv_file(rows), "b.csv", dry_run=True)
    renamed, moved = report.plan.rows
    assert renamed.warnings == ("Tên điểm thi sẽ đổi: Trường THPT Long Xuyên → Trường THPT chuyên Thoại Ngọc Hầu",)
    assert moved.warnings == ("Địa chỉ điểm thi sẽ đổi: Số 5 Trưng Nữ Vương → Số 7 Trưng Nữ Vương",)
    assert moved.changes == (FieldChange("Địa chỉ", "Số 5 Trưng Nữ Vương", "Số 7 Trưng Nữ Vương"),
                             FieldChange("Điện thoại", "(trống)", "0296 1"))
    assert report.plan.warnings == [*renamed.warnings, *moved.warnings]
    assert names()["001"] == "Trường THPT Long Xuyên"


@pytest.mark.django_db
def test_venues_the_file_leaves_out_are_counted_as_kept(section):
    import_venues(section, xlsx([VENUE_HEADER, *GOOD_VENUES]), "a.xlsx")
    report = import_venues(section, xlsx([VENUE_HEADER, venues_row("001")]), "b.xlsx", dry_run=True)
    assert (report.plan.untouched, report.removed) == (1, 0)
    import_venues(section, xlsx([VENUE_HEADER, venues_row("001")]), "b.xlsx")
    assert m.ExamVenue.objects.count() == 2  # the venue import never deletes


@pytest.mark.django_db
def test_schedule_plan_shows_changed_times_and_sessions_removed_from_the_schedule(section):
    import_schedule(section, xlsx([SCHEDULE_HEADER, *GOOD_SCHEDULE]), "lich.xlsx", publish=True)
    page = m.ScheduleIndexPage.objects.child_of(section).get()
    revisions = Revision.objects.for_instance(page).count()
    rows = [SCHEDULE_HEADER, ["26/6/2025", "Sáng", "Ngữ văn", "6h30", "7h30", "7h40", 120],
            ["27/6/2025", "Sáng", "Vật lí", "6h30", "7h30", "7h35", 50]]
    report = import_schedule(section, xlsx(rows), "lich.xlsx", dry_run=True)

    assert (report.created, report.updated, report.unchanged, report.removed) == (1, 1, 0, 1)
    literature, physics, maths = report.plan.rows
    assert (literature.action, literature.key, literature.row) == (Action.UPDATED, "26/06/2025 · Sáng · Ngữ văn", 2)
    assert literature.changes == (FieldChange("Giờ bắt đầu", "07:35", "07:40"),
                                  FieldChange("Giờ kết thúc", "09:35", "09:40"))
    assert (physics.action, physics.key) == (Action.NEW, "27/06/2025 · Sáng · Vật lí")
    assert (maths.action, maths.key, maths.title, maths.row) == (
        Action.REMOVED, "26/06/2025 · Chiều · Toán", "Toán", None)
    assert Revision.objects.for_instance(page).count() == revisions  # nothing written
    assert page.get_latest_revision_as_object().sessions.count() == 2

    lines = plan_lines(report.plan)
    assert "[Cập nhật] 26/06/2025 · Sáng · Ngữ văn – Ngữ văn (dòng 2)" in lines
    assert "    Giờ bắt đầu: 07:35 → 07:40" in lines
    assert "[Bỏ khỏi lịch] 26/06/2025 · Chiều · Toán – Toán (không có trong tệp)" in lines


@pytest.mark.django_db
def test_schedule_plan_shows_a_changed_date_field_as_dd_mm_yyyy(section):
    """A subject written differently is the same session (same day, slot, folded subject)."""
    import_schedule(section, xlsx([SCHEDULE_HEADER, *GOOD_SCHEDULE]), "lich.xlsx")
    rows = [SCHEDULE_HEADER, ["26/6/2025", "Sáng", "NGỮ VĂN", "6h30", "7h30", "7h35", 120], GOOD_SCHEDULE[1]]
    report = import_schedule(section, xlsx(rows), "lich.xlsx", dry_run=True)
    assert report.plan.rows[0].changes == (FieldChange("Môn thi", "Ngữ văn", "NGỮ VĂN"),)
    assert report.plan.rows[1].action == Action.UNCHANGED


@pytest.mark.django_db
def test_building_the_plan_does_not_query_once_per_row(section):
    communes = ["Long Xuyên", "Châu Đốc", "Mỹ Thới", "30463"]

    def rows(n: int) -> list[list]:
        return [[f"{i:03}", f"Trường {i}", f"Số {i}", communes[i % 4], "Long Xuyên", "", "", 10, 200, ""]
                for i in range(1, n + 1)]

    import_venues(section, xlsx([VENUE_HEADER, *rows(40)]), "a.xlsx")
    counted = []
    for n in (10, 40):
        changed = [[*r[:2], r[2] + " mới", *r[3:]] for r in rows(n)]
        with CaptureQueriesContext(connection) as queries:
            report = import_venues(section, xlsx([VENUE_HEADER, *changed]), "b.xlsx", dry_run=True)
        assert report.updated == n
        counted.append(len(queries))
    assert counted[0] == counted[1]


@pytest.mark.django_db
def test_a_real_run_whose_plan_changed_since_the_preview_writes_nothing(section):
    import_venues(section, xlsx([VENUE_HEADER, *GOOD_VENUES]), "a.xlsx")
    file = [VENUE_HEADER, venues_row("001", **{"Số phòng thi": 30})]
    previewed = import_venues(section, xlsx(file), "b.xlsx", dry_run=True).plan.digest()
    m.ExamVenue.objects.filter(code="001").update(rooms=28)  # someone edits the venue meanwhile

    report = import_venues(section, xlsx(file), "b.xlsx", expected_plan=previewed)
    assert report.stale and report.ok
    assert report.plan.rows[0].changes == (FieldChange("Số phòng thi", "28", "30"),)
    assert m.ExamVenue.objects.get(code="001").rooms == 28
    assert not PageLogEntry.objects.filter(action="exam_news.import_venues", data__file="b.xlsx").exists()

    report = import_venues(section, xlsx(file), "b.xlsx", expected_plan=report.plan.digest())
    assert not report.stale and m.ExamVenue.objects.get(code="001").rooms == 30


# --- preview and confirmation --------------------------------------------------------------------------

@pytest.mark.django_db
def test_the_kept_file_is_applied_on_confirmation_once_and_only_for_its_editor(section, superuser, django_user_model):
    content = xlsx([VENUE_HEADER, *GOOD_VENUES]).getvalue()
    preview = preview_import(user=superuser, section=section, kind="venues", filename="a.xlsx", content=content)
    assert preview.token and not preview.applied and not m.ExamVenue.objects.exists()
    assert m.KeptImportFile.objects.get().token_hash != preview.token  # only a hash is stored

    other = make_user(django_user_model, "nguoi-khac")
    with pytest.raises(PreviewExpired):
        confirm_import(user=other, token=preview.token)
    with pytest.raises(PreviewExpired):
        confirm_import(user=superuser, token=preview.token[:-1] + "x")

    done = confirm_import(user=superuser, token=preview.token)
    assert done.applied and done.report.created == 2 and m.ExamVenue.objects.count() == 2
    assert not m.KeptImportFile.objects.exists()
    with pytest.raises(PreviewExpired):
        confirm_import(user=superuser, token=preview.token)


@pytest.mark.django_db
def test_an_expired_preview_cannot_be_confirmed_and_is_forgotten(section, superuser):
    content = csv_file([VENUE_HEADER, *GOOD_VENUES]).getvalue()
    old = preview_import(user=superuser, section=section, kind="venues", filename="a.csv", content=content)
    m.KeptImportFile.objects.update(created_at=datetime.datetime.now(datetime.UTC) - KEEP_FOR
                                    - datetime.timedelta(minutes=1))
    with pytest.raises(PreviewExpired):
        confirm_import(user=superuser, token=old.token)
    preview_import(user=superuser, section=section, kind="venues", filename="a.csv", content=content)
    assert m.KeptImportFile.objects.count() == 1  # the expired one is deleted when another is kept
    assert not m.ExamVenue.objects.exists()


@pytest.mark.django_db
def test_a_file_with_a_bad_row_is_not_kept_and_nothing_is_written(section, superuser):
    content = xlsx([VENUE_HEADER, *GOOD_VENUES, ["009", "A", "B", "Nowhere", "", "", "", 1, 1, ""]]).getvalue()
    preview = preview_import(user=superuser, section=section, kind="venues", filename="a.xlsx", content=content)
    assert preview.token is None and [e.row for e in preview.report.errors] == [4]
    assert not m.KeptImportFile.objects.exists() and not m.ExamVenue.objects.exists()


# --- the admin screen ----------------------------------------------------------------------------------

def upload(client, section, path: Path, kind: str = "venues", **extra):
    with path.open("rb") as fh:
        return client.post(URL, {"section": section.pk, "kind": kind, "file": fh, **extra})


def token_in(html: str) -> str:
    return re.search(r'name="token" value="([^"]+)"', html).group(1)


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["diem-thi-mau.xlsx", "diem-thi-mau.csv"])
def test_admin_preview_of_the_example_file_against_the_demo_venues_then_confirm(section, superuser, client, name):
    load_demo_venues(section)
    demo = names()
    client.force_login(superuser)

    response = upload(client, section, EXAMPLES / name)
    html = response.content.decode()
    assert response.status_code == 200
    assert "3 dòng: 0 mới, 3 cập nhật, 0 bỏ khỏi lịch, 0 không đổi." in html
    assert "Tên điểm thi sẽ đổi: Trường THPT chuyên Thoại Ngọc Hầu → Trường THPT Long Xuyên" in html
    assert "Tên điểm thi sẽ đổi: Trường THPT Long Xuyên → Trường THPT Thoại Ngọc Hầu" in html
    assert "Địa chỉ điểm thi sẽ đổi: Số 02 Lê Lợi → Số 02 Tôn Đức Thắng" in html
    assert "<del>Trường THPT Nguyễn Hiền</del> → <ins>Trường THPT Châu Phú</ins>" in html
    assert "<del>20</del> → <ins>24</ins>" in html  # rooms of 001
    assert "1 điểm thi đã có nhưng không có trong tệp" in html
    assert "Nhập thật" in html
    assert names() == demo  # nothing written yet

    response = client.post(URL, {"token": token_in(html)})
    assert (response.status_code, response.url) == (302, URL)
    assert names() == {**demo, "001": "Trường THPT Long Xuyên", "002": "Trường THPT Thoại Ngọc Hầu",
                       "003": "Trường THPT Châu Phú"}
    assert f"Đã nhập “{name}”: 0 mới, 3 cập nhật" in client.get(URL).content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("token", ["", "khong-phai-ma-that", "x" * 500])
def test_admin_confirm_with_a_tampered_token_is_a_form_error(section, superuser, client, token):
    client.force_login(superuser)
    response = client.post(URL, {"token": token})
    assert response.status_code == 200
    assert response.context["confirm_form"].errors
    assert not m.ExamVenue.objects.exists()


@pytest.mark.django_db
def test_admin_confirm_of_an_applied_or_expired_preview_says_so(section, superuser, client):
    client.force_login(superuser)
    token = token_in(upload(client, section, EXAMPLES / "diem-thi-mau.csv").content.decode())
    m.KeptImportFile.objects.update(created_at=datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC))
    response = client.post(URL, {"token": token})
    assert response.status_code == 200
    assert "Bản xem trước đã hết hạn hoặc không hợp lệ" in response.content.decode()
    assert not m.ExamVenue.objects.exists()


@pytest.mark.django_db
def test_admin_confirm_after_the_data_changed_shows_the_new_preview(section, superuser, client):
    load_demo_venues(section)
    client.force_login(superuser)
    token = token_in(upload(client, section, EXAMPLES / "diem-thi-mau.xlsx").content.decode())
    m.ExamVenue.objects.filter(code="003").update(name="Trường THPT Nguyễn Hiền (cơ sở 2)")

    response = client.post(URL, {"token": token})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Dữ liệu trong hệ thống đã thay đổi từ lúc xem trước" in html
    assert "Tên điểm thi sẽ đổi: Trường THPT Nguyễn Hiền (cơ sở 2) → Trường THPT Châu Phú" in html
    assert names()["001"] == "Trường THPT chuyên Thoại Ngọc Hầu"  # nothing applied

    response = client.post(URL, {"token": token_in(html)})
    assert response.status_code == 302 and names()["003"] == "Trường THPT Châu Phú"


@pytest.mark.django_db
def test_admin_schedule_preview_lists_removed_sessions_and_confirm_publishes(section, superuser, client):
    import_schedule(section, xlsx([SCHEDULE_HEADER, *GOOD_SCHEDULE,
                                   ["28/6/2025", "Sáng", "Môn đã bỏ", "6h30", "7h30", "7h35", 50]]),
                    "cu.xlsx", publish=True)
    client.force_login(superuser)
    response = upload(client, section, EXAMPLES / "lich-thi-mau.csv", kind="schedule", publish="on")
    html = response.content.decode()
    assert "4 dòng: 2 mới, 2 cập nhật, 1 bỏ khỏi lịch, 0 không đổi." in html
    assert "28/06/2025 · Sáng · Môn đã bỏ" in html and "Bỏ khỏi lịch" in html
    assert "<del>(trống)</del> → <ins>Bài thi tự luận</ins>" in html  # Ngữ văn gets its note
    assert "Lịch thi sẽ được xuất bản ngay" in html

    assert client.post(URL, {"token": token_in(html)}).status_code == 302
    page = m.ScheduleIndexPage.objects.child_of(section).get()
    assert sorted(page.sessions.values_list("subject", flat=True)) == [
        "Môn tự chọn thứ hai", "Môn tự chọn thứ nhất", "Ngữ văn", "Toán"]


@pytest.mark.django_db
def test_admin_preview_of_a_file_with_a_bad_row_offers_no_confirmation(section, superuser, client, tmp_path):
    client.force_login(superuser)
    bad = tmp_path / "loi.xlsx"
    bad.write_bytes(xlsx([VENUE_HEADER, *GOOD_VENUES, ["009", "A", "B", "Nowhere", "", "", "", 1, 1, ""]]).getvalue())
    html = upload(client, section, bad).content.decode()
    assert "1 lỗi; chưa ghi dữ liệu nào." in html and 'name="token"' not in html
    assert not m.ExamVenue.objects.exists() and not m.KeptImportFile.objects.exists()


# --- the commands ---------------------------------------------------------------------------------------

@pytest.mark.django_db
def test_command_dry_run_prints_the_plan(section, tmp_path, capsys):
    load_demo_venues(section)
    call_command("import_venues", str(EXAMPLES / "diem-thi-mau.csv"), "--section", "thpt:2025", "--dry-run")
    out = capsys.readouterr().out
    assert "[Cập nhật] 001 – Trường THPT Long Xuyên (dòng 2)" in out
    assert "    Tên điểm thi: Trường THPT chuyên Thoại Ngọc Hầu → Trường THPT Long Xuyên" in out
    assert "    ⚠ Tên điểm thi sẽ đổi: Trường THPT chuyên Thoại Ngọc Hầu → Trường THPT Long Xuyên" in out
    assert "1 bản ghi đã có nhưng không có trong tệp: giữ nguyên." in out
    assert "Kiểm tra xong (chưa ghi): 3 dòng, 0 mới, 3 cập nhật." in out
    assert names()["001"] == "Trường THPT chuyên Thoại Ngọc Hầu"

    call_command("import_venues", str(EXAMPLES / "diem-thi-mau.csv"), "--section", "thpt:2025")
    call_command("import_venues", str(EXAMPLES / "diem-thi-mau.csv"), "--section", "thpt:2025", "--dry-run",
                 "--all-rows")
    out = capsys.readouterr().out
    assert "[Không đổi] 002 – Trường THPT Thoại Ngọc Hầu (dòng 3)" in out
