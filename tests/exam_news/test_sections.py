import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from wagtail.models import PageLogEntry

from exam_news import models as m
from exam_news.sections import STANDARD_STRUCTURE, SectionNotFound, create_exam_section, resolve_section


@pytest.mark.django_db
def test_new_section_has_the_standard_structure(home):
    section = create_exam_section(home, "thpt", 2027)
    children = [type(p.specific) for p in section.get_children()]
    assert children == [cls for cls, *_rest in STANDARD_STRUCTURE]
    assert section.title == "Kỳ thi tốt nghiệp THPT năm 2027"
    assert section.slug == "tot-nghiep-thpt-2027"
    assert not section.live
    assert PageLogEntry.objects.filter(page=section, action="exam_news.create_section").exists()


@pytest.mark.django_db
def test_grade_10_admissions_section_is_titled_by_school_year(home):
    section = create_exam_section(home, "lop10", 2026, publish=True)
    assert section.title == "Tuyển sinh lớp 10 năm học 2026–2027"
    assert section.live and all(p.live for p in section.get_children())


@pytest.mark.django_db
def test_creating_the_same_section_twice_is_refused_clearly(home):
    create_exam_section(home, "thpt", 2027)
    with pytest.raises(ValidationError, match="Đã có chuyên mục “Kỳ thi tốt nghiệp THPT năm 2027”"):
        create_exam_section(home, "thpt", 2027)
    assert m.ExamSectionPage.objects.filter(kind="thpt", year=2027).count() == 1


@pytest.mark.django_db
def test_command_creates_section_and_refuses_a_second_time(home, capsys):
    call_command("new_exam_section", "--kind", "thpt", "--year", "2027")
    assert "Đã mở chuyên mục “Kỳ thi tốt nghiệp THPT năm 2027”" in capsys.readouterr().out
    with pytest.raises(CommandError, match="Đã có chuyên mục"):
        call_command("new_exam_section", "--kind", "thpt", "--year", "2027")


@pytest.mark.django_db
def test_admin_action_opens_a_section_in_one_step(home, superuser, client):
    client.force_login(superuser)
    response = client.post("/admin/exam/new-section/", {"home": home.pk, "kind": "lop10", "year": 2027})
    section = m.ExamSectionPage.objects.get(kind="lop10", year=2027)
    assert response.status_code == 302
    assert section.get_children().count() == len(STANDARD_STRUCTURE)

    again = client.post("/admin/exam/new-section/", {"home": home.pk, "kind": "lop10", "year": 2027})
    assert again.status_code == 200
    assert "Đã có chuyên mục" in again.content.decode()


@pytest.mark.django_db
def test_resolve_section_by_id_slug_and_kind_year(section):
    assert resolve_section(str(section.pk)) == section
    assert resolve_section(section.slug) == section
    assert resolve_section("thpt:2025") == section
    assert resolve_section("THPT:2025") == section
    with pytest.raises(SectionNotFound, match="thpt:2031"):
        resolve_section("thpt:2031")
    with pytest.raises(SectionNotFound, match="LOẠI:NĂM"):
        resolve_section("thpt:abc")
