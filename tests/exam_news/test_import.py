import csv
import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook
from wagtail.models import PageLogEntry

from exam_news import models as m
from exam_news.importers.schedule import import_schedule
from exam_news.importers.tables import ImportFileError
from exam_news.importers.venues import import_venues

EXAMPLES = Path(__file__).resolve().parents[2] / "exam_news" / "importers" / "examples"
VENUE_HEADER = ["Mã điểm thi", "Tên điểm thi", "Địa chỉ", "Xã/Phường", "Huyện cũ", "Vĩ độ", "Kinh độ",
                "Số phòng thi", "Số thí sinh", "Điện thoại"]
GOOD_VENUES = [
    ["001", "Trường THPT Long Xuyên", "Số 02 Tôn Đức Thắng", "Phường Long Xuyên", "Thành phố Long Xuyên",
     "10,3712", "105,4321", 24, 576, "0296 3841 000"],
    ["002", "Trường THPT Châu Đốc", "Số 5 Trưng Nữ Vương", "chau doc", "", 10.70, 105.12, 20, 480, ""],
]


def xlsx(rows: list[list]) -> io.BytesIO:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    return buffer


def csv_file(rows: list[list], delimiter: str = ",") -> io.BytesIO:
    text = io.StringIO()
    csv.writer(text, delimiter=delimiter).writerows(rows)
    return io.BytesIO(text.getvalue().encode("utf-8-sig"))


@pytest.mark.django_db
def test_good_xlsx_imports_every_venue(section):
    report = import_venues(section, xlsx([VENUE_HEADER, *GOOD_VENUES]), "diem-thi.xlsx")
    assert report.ok and (report.created, report.updated) == (2, 0)
    venue = m.ExamVenue.objects.get(section=section, code="001")
    assert venue.commune.name == "Phường Long Xuyên"
    assert venue.legacy_district.code == "883"
    assert (venue.latitude, venue.longitude) == (10.3712, 105.4321)
    assert m.ExamVenue.objects.get(code="002").commune.code == "30316"
    assert PageLogEntry.objects.filter(page=section, action="exam_news.import_venues").exists()


@pytest.mark.django_db
def test_semicolon_csv_from_excel_imports(section):
    report = import_venues(section, csv_file([VENUE_HEADER, *GOOD_VENUES], ";"), "diem-thi.csv")
    assert report.ok and report.created == 2


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["diem-thi-mau.xlsx", "diem-thi-mau.csv"])
def test_shipped_example_files_import_cleanly(section, name):
    with (EXAMPLES / name).open("rb") as fh:
        report = import_venues(section, fh, name)
    assert report.ok, report.errors
    assert m.ExamVenue.objects.filter(section=section).count() == 3


@pytest.mark.django_db
def test_bad_rows_are_all_reported_and_nothing_is_written(section):
    rows = [VENUE_HEADER, GOOD_VENUES[0],
            ["003", "Trường A", "Số 1", "Xã Không Có", "", "10,1", "105,1", 10, 200, ""],
            ["004", "Trường B", "Số 2", "Long Xuyên", "", "105,43", "10,37", 10, 200, ""],
            ["001", "Trường C", "Số 3", "Long Xuyên", "", "", "", "mười", 200, ""],
            ["", "Trường D", "Số 4", "Long Xuyên", "", "", "", 5, 100, ""]]
    report = import_venues(section, xlsx(rows), "loi.xlsx")
    found = {(e.row, e.column) for e in report.errors}
    assert found == {(3, "Xã/Phường"), (4, "Vĩ độ"), (5, "Số phòng thi"), (6, "Mã điểm thi")}
    assert any("Không Có" in e.message for e in report.errors)
    assert not m.ExamVenue.objects.filter(section=section).exists()


@pytest.mark.django_db
def test_duplicate_code_in_the_file_is_an_error(section):
    report = import_venues(section, xlsx([VENUE_HEADER, GOOD_VENUES[0], GOOD_VENUES[0]]), "trung.xlsx")
    assert [(e.row, e.column) for e in report.errors] == [(3, "Mã điểm thi")]
    assert not m.ExamVenue.objects.exists()


@pytest.mark.django_db
def test_dry_run_validates_without_writing(section):
    report = import_venues(section, xlsx([VENUE_HEADER, *GOOD_VENUES]), "diem-thi.xlsx", dry_run=True)
    assert report.ok and report.created == 2
    assert not m.ExamVenue.objects.exists()


@pytest.mark.django_db
def test_reimport_updates_existing_venues_by_code(section):
    import_venues(section, xlsx([VENUE_HEADER, *GOOD_VENUES]), "a.xlsx")
    changed = [GOOD_VENUES[0][:2] + ["Số 99 Hà Hoàng Hổ"] + GOOD_VENUES[0][3:]]
    report = import_venues(section, xlsx([VENUE_HEADER, *changed]), "b.xlsx")
    assert (report.created, report.updated) == (0, 1)
    assert m.ExamVenue.objects.filter(section=section).count() == 2
    assert m.ExamVenue.objects.get(code="001").address == "Số 99 Hà Hoàng Hổ"


@pytest.mark.django_db
def test_missing_required_columns_are_named(section):
    with pytest.raises(ImportFileError, match="Thiếu cột bắt buộc: Địa chỉ, Xã/Phường"):
        import_venues(section, xlsx([["Mã điểm thi", "Tên điểm thi"], ["001", "Trường A"]]), "thieu.xlsx")


@pytest.mark.django_db
@pytest.mark.parametrize(("content", "name", "message"), [
    (b"%PDF-1.4 not a sheet", "a.pdf", "Chỉ nhận tệp .xlsx hoặc .csv"),
    (b"PK\x03\x04garbage", "a.xlsx", "Không đọc được tệp Excel"),
    ("Mã điểm thi,Tên điểm thi,Địa chỉ,Xã/Phường\n".encode(), "a.csv", "không có dòng dữ liệu"),
])
def test_unreadable_files_get_a_clear_error(section, content, name, message):
    with pytest.raises(ImportFileError, match=message):
        import_venues(section, io.BytesIO(content), name)


SCHEDULE_HEADER = ["Ngày thi", "Buổi", "Môn thi", "Giờ có mặt", "Giờ phát đề", "Giờ bắt đầu",
                   "Thời gian làm bài (phút)"]
GOOD_SCHEDULE = [["26/6/2025", "Sáng", "Ngữ văn", "6h30", "7h30", "7h35", 120],
                 ["26/6/2025", "Chiều", "Toán", "13h30", "14h15", "14h20", 90]]


@pytest.mark.django_db
def test_schedule_import_makes_a_draft_revision_for_review(section):
    report = import_schedule(section, xlsx([SCHEDULE_HEADER, *GOOD_SCHEDULE]), "lich.xlsx")
    assert report.ok and report.created == 2
    page = m.ScheduleIndexPage.objects.child_of(section).get()
    assert not page.sessions.exists()  # the live page is unchanged until review
    draft = page.get_latest_revision_as_object()
    subjects = [(s.subject, s.start_time.strftime("%H:%M"), s.end_time.strftime("%H:%M")) for s in draft.sessions.all()]
    assert subjects == [("Ngữ văn", "07:35", "09:35"), ("Toán", "14:20", "15:50")]
    assert page.has_unpublished_changes


@pytest.mark.django_db
def test_schedule_import_with_publish_goes_live_and_reimport_replaces(section):
    import_schedule(section, xlsx([SCHEDULE_HEADER, *GOOD_SCHEDULE]), "lich.xlsx", publish=True)
    page = m.ScheduleIndexPage.objects.child_of(section).get()
    assert page.sessions.count() == 2
    report = import_schedule(section, xlsx([SCHEDULE_HEADER, GOOD_SCHEDULE[0]]), "lich.xlsx", publish=True)
    assert (report.updated, report.unchanged, report.removed) == (0, 1, 1)  # the same row changes nothing
    assert list(page.sessions.values_list("subject", flat=True)) == ["Ngữ văn"]


@pytest.mark.django_db
def test_schedule_rows_with_bad_times_are_reported_and_nothing_saved(section):
    rows = [SCHEDULE_HEADER + ["Giờ kết thúc"],
            ["26/6/2025", "Sáng", "Ngữ văn", "6h30", "7h30", "7h35", "", "7h00"],
            ["31/6/2025", "Tối", "Toán", "", "", "25h", 90, ""]]
    report = import_schedule(section, xlsx(rows), "lich.xlsx", publish=True)
    found = {(e.row, e.column) for e in report.errors}
    assert found == {(2, "Giờ kết thúc"), (3, "Ngày thi"), (3, "Buổi"), (3, "Giờ bắt đầu")}
    page = m.ScheduleIndexPage.objects.child_of(section).get()
    assert page.get_latest_revision_as_object().sessions.count() == 0


@pytest.mark.django_db
def test_import_commands_dry_run_and_failure(section, tmp_path, capsys):
    good = tmp_path / "diem-thi.xlsx"
    good.write_bytes(xlsx([VENUE_HEADER, *GOOD_VENUES]).getvalue())
    call_command("import_venues", str(good), "--section", "thpt:2025", "--dry-run")
    assert "Kiểm tra xong (chưa ghi): 2 dòng, 2 mới" in capsys.readouterr().out
    assert not m.ExamVenue.objects.exists()

    call_command("import_venues", str(good), "--section", section.slug)
    assert m.ExamVenue.objects.count() == 2

    bad = tmp_path / "loi.csv"
    bad.write_bytes(csv_file([VENUE_HEADER, ["009", "A", "B", "Nowhere", "", "", "", 1, 1, ""]]).getvalue())
    with pytest.raises(CommandError, match="1 lỗi trong 1 dòng"):
        call_command("import_venues", str(bad), "--section", str(section.pk))
    assert "Dòng 2, cột “Xã/Phường”" in capsys.readouterr().err
    with pytest.raises(CommandError, match="Không tìm thấy chuyên mục"):
        call_command("import_venues", str(good), "--section", "thpt:1999")


@pytest.mark.django_db
def test_schedule_command_with_example_file(section, capsys):
    call_command("import_schedule", str(EXAMPLES / "lich-thi-mau.xlsx"), "--section", "thpt:2025", "--publish")
    assert "Đã nhập: 4 dòng, 4 mới" in capsys.readouterr().out
    assert m.ScheduleIndexPage.objects.child_of(section).get().sessions.count() == 4


@pytest.mark.django_db
def test_admin_import_screen_reports_errors_row_by_row(section, superuser, client):
    client.force_login(superuser)
    upload = xlsx([VENUE_HEADER, ["001", "A", "B", "Nowhere", "", "", "", 1, 1, ""]])
    upload.name = "loi.xlsx"
    response = client.post("/admin/exam/import/", {"section": section.pk, "kind": "venues", "file": upload})
    html = response.content.decode()
    assert response.status_code == 200
    assert "1 lỗi; chưa ghi dữ liệu nào." in html and "Nowhere" in html
    assert not m.ExamVenue.objects.exists()

    good = xlsx([VENUE_HEADER, *GOOD_VENUES])
    good.name = "tot.xlsx"
    response = client.post("/admin/exam/import/", {"section": section.pk, "kind": "venues", "file": good})
    assert "Nhập thật" in response.content.decode() and not m.ExamVenue.objects.exists()  # a preview first
    token = response.context["preview"].token
    response = client.post("/admin/exam/import/", {"token": token})
    assert response.status_code == 302
    assert m.ExamVenue.objects.count() == 2


@pytest.mark.django_db
def test_admin_import_requires_permission(section, area_editor, client):
    client.force_login(area_editor)
    response = client.get("/admin/exam/import/")
    # Wagtail turns PermissionDenied in the admin into a redirect to the dashboard with a message.
    assert (response.status_code, response.url) == (302, "/admin/")
