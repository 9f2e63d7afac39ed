import pytest
from wagtail.models import PageLogEntry, TaskState, WorkflowState

from cms.editorial import APPROVERS, AREA_EDITORS, PROVINCIAL_EDITORS, WORKFLOW_NAME
from exam_news import models as m
from tests.exam_news.admin_forms import create_form, edit_form, post_create, post_edit
from tests.exam_news.factories import add_page, index_of, news
from tests.fixtures import CHAU_DOC, LONG_XUYEN, unit


@pytest.mark.django_db
def test_roles_and_workflow_are_set_up_on_the_province(home):
    from django.contrib.auth.models import Group

    assert set(Group.objects.values_list("name", flat=True)) >= {PROVINCIAL_EDITORS, AREA_EDITORS, APPROVERS}
    assert home.get_workflow().name == WORKFLOW_NAME
    task = home.get_workflow().tasks.get().specific
    assert list(task.groups.values_list("name", flat=True)) == [APPROVERS]


@pytest.mark.django_db
def test_editor_submits_and_approver_approves_with_comment(section, area_editor, approver, client):
    parent = index_of(section, m.NewsIndexPage)
    client.force_login(area_editor)
    data = create_form(client, "exam_news/newspage", parent.pk)
    data.update({"title": "Phường Long Xuyên ra quân tiếp sức mùa thi", "slug": "tiep-suc-long-xuyen"})
    data.setlist("areas", [str(unit(LONG_XUYEN).pk)])
    response = post_create(client, "exam_news/newspage", parent.pk, data, "action-submit")
    assert response.status_code == 302, response.context["form"].errors
    page = m.NewsPage.objects.get(slug="tiep-suc-long-xuyen")
    state = page.current_workflow_state
    assert state.status == WorkflowState.STATUS_IN_PROGRESS and not page.live

    client.force_login(approver)
    task_state = state.current_task_state
    response = client.post(f"/admin/pages/workflow/action/{page.pk}/approve/{task_state.pk}/",
                           {"comment": "Nội dung chính xác, đồng ý đăng."})
    assert response.status_code in (200, 302)
    page.refresh_from_db()
    assert page.live
    task_state.refresh_from_db()
    assert task_state.status == TaskState.STATUS_APPROVED
    assert task_state.comment == "Nội dung chính xác, đồng ý đăng."
    assert PageLogEntry.objects.filter(page=page, action="wagtail.publish").exists()


@pytest.mark.django_db
def test_approver_rejects_with_comment_and_nothing_goes_live(section, provincial_editor, approver, client):
    page = add_page(section, news(), publish=False, user=provincial_editor)
    page.get_workflow().start(page, provincial_editor)
    task_state = page.current_workflow_state.current_task_state
    client.force_login(approver)
    client.post(f"/admin/pages/workflow/action/{page.pk}/reject/{task_state.pk}/",
                {"comment": "Cần kiểm tra lại số liệu."})
    task_state.refresh_from_db()
    page.refresh_from_db()
    assert task_state.status == TaskState.STATUS_REJECTED
    assert task_state.comment == "Cần kiểm tra lại số liệu."
    assert not page.live


@pytest.mark.django_db
def test_area_editor_cannot_open_another_areas_page(section, area_editor, client):
    other = add_page(section, news("Tin phường Châu Đốc"), areas=[unit(CHAU_DOC)])
    own = add_page(section, news("Tin phường Long Xuyên"), areas=[unit(LONG_XUYEN)])
    province_wide = add_page(section, news("Tin toàn tỉnh"))
    client.force_login(area_editor)
    assert client.get(f"/admin/pages/{other.pk}/edit/").status_code == 403
    assert client.get(f"/admin/pages/{province_wide.pk}/edit/").status_code == 403
    assert client.get(f"/admin/pages/{own.pk}/edit/").status_code == 200
    client.post(f"/admin/pages/{other.pk}/delete/")
    assert m.NewsPage.objects.filter(pk=other.pk).exists()


@pytest.mark.django_db
def test_area_editor_cannot_move_own_page_into_another_area(section, area_editor, client):
    own = add_page(section, news("Tin phường Long Xuyên"), areas=[unit(LONG_XUYEN)])
    client.force_login(area_editor)
    data = edit_form(client, own.pk)
    data.setlist("areas", [str(unit(CHAU_DOC).pk)])
    response = post_edit(client, own.pk, data)
    assert response.status_code == 200
    assert "không thuộc địa bàn" in response.content.decode() or "địa bàn được phân công" in response.content.decode()
    assert [a.code for a in own.get_latest_revision_as_object().areas.all()] == [LONG_XUYEN]


@pytest.mark.django_db
def test_area_editor_cannot_create_province_wide_content(section, area_editor, client):
    parent = index_of(section, m.NewsIndexPage)
    client.force_login(area_editor)
    data = create_form(client, "exam_news/newspage", parent.pk)
    data.pop("areas", None)  # no area chosen: province-wide
    data.update({"title": "Tin toàn tỉnh", "slug": "tin-toan-tinh"})
    response = post_create(client, "exam_news/newspage", parent.pk, data)
    assert response.status_code == 200
    assert "địa bàn được phân công" in response.content.decode()
    assert not m.NewsPage.objects.filter(slug="tin-toan-tinh").exists()


@pytest.mark.django_db
def test_area_editor_cannot_create_index_or_section_pages(section, area_editor, client):
    client.force_login(area_editor)
    assert client.get(f"/admin/pages/add/exam_news/examsectionpage/{section.get_parent().pk}/").status_code == 403


@pytest.mark.django_db
def test_area_editor_sees_and_edits_only_own_area_venues(section, area_editor, client):
    fields = {"section": section, "name": "Điểm thi", "address": "Số 1"}
    m.ExamVenue.objects.create(code="001", commune=unit(LONG_XUYEN), **fields)
    other = m.ExamVenue.objects.create(code="002", commune=unit(CHAU_DOC), **fields)
    client.force_login(area_editor)
    listing = client.get("/admin/snippets/exam_news/examvenue/")
    assert listing.status_code == 200
    assert "001" in listing.content.decode() and "/002" not in listing.content.decode()
    assert client.get(f"/admin/snippets/exam_news/examvenue/edit/{other.pk}/").status_code == 404


@pytest.mark.django_db
def test_publish_and_unpublish_are_in_the_audit_log(section, approver):
    page = add_page(section, news(), user=approver)
    page.unpublish(user=approver)
    actions = list(PageLogEntry.objects.filter(page=page).values_list("action", flat=True))
    assert "wagtail.publish" in actions and "wagtail.unpublish" in actions


@pytest.mark.django_db
def test_scheduled_go_live_and_expiry_use_wagtail_scheduling(section, approver):
    import datetime

    import time_machine
    from django.core.management import call_command
    from django.utils import timezone

    start = timezone.now()
    page = add_page(section, news(), publish=False)
    page.go_live_at = start + datetime.timedelta(hours=1)
    page.expire_at = start + datetime.timedelta(hours=2)
    page.save_revision(user=approver).publish(user=approver)
    page.refresh_from_db()
    assert not page.live
    with time_machine.travel(start + datetime.timedelta(hours=1, minutes=1)):
        call_command("publish_due")
    page.refresh_from_db()
    assert page.live
    with time_machine.travel(start + datetime.timedelta(hours=2, minutes=1)):
        call_command("publish_due")
    page.refresh_from_db()
    assert not page.live and page.expired
