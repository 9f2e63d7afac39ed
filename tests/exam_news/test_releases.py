import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.management import call_command

from exam_news import models as m
from exam_news.models.publishing_rules import PublishBlocked
from exam_news.releasing import cancel_bundle, release_due_bundles, schedule_bundle
from tests.exam_news.factories import add_page, news, notice

VN = ZoneInfo("Asia/Ho_Chi_Minh")
RESULTS_MOMENT = datetime.datetime(2025, 7, 16, 8, 0, tzinfo=VN)


def results_page(**fields) -> m.ResultsPage:
    return m.ResultsPage(title="Kết quả thi tốt nghiệp THPT năm 2025", candidates_registered=100,
                         candidates_sat=98, graduates=97, **fields)


@pytest.fixture
def bundle(section, approver):
    with time_machine.travel(RESULTS_MOMENT - datetime.timedelta(days=1), tick=False):
        pages = [
            add_page(section, results_page(), publish=False),
            add_page(section, news("Thống kê điểm thi theo môn"), publish=False),
            add_page(section, notice(title="Thông báo lịch phúc khảo", notice_kind="other",
                                     disaster_risk_level=None), publish=False),
        ]
        bundle = m.ReleaseBundle.objects.create(name="Công bố kết quả 16/7", section=section,
                                                release_at=RESULTS_MOMENT)
        for page in pages:
            m.ReleaseBundleItem.objects.create(bundle=bundle, page=page)
        schedule_bundle(bundle, user=approver)
    return bundle


def live_states(bundle) -> list[bool]:
    return [item.page.specific_class.objects.get(pk=item.page_id).live for item in bundle.items.all()]


@pytest.mark.django_db
def test_nothing_in_the_bundle_is_public_before_the_moment_and_all_of_it_after(bundle):
    assert live_states(bundle) == [False, False, False]
    with time_machine.travel(RESULTS_MOMENT - datetime.timedelta(seconds=1), tick=False):
        assert release_due_bundles() == []
        call_command("publish_due")
    assert live_states(bundle) == [False, False, False]

    with time_machine.travel(RESULTS_MOMENT, tick=False):
        assert release_due_bundles() == [bundle]
    assert live_states(bundle) == [True, True, True]
    bundle.refresh_from_db()
    assert bundle.status == m.ReleaseBundle.Status.RELEASED
    assert bundle.released_at == RESULTS_MOMENT


@pytest.mark.django_db
def test_publish_due_command_releases_the_bundle(bundle, capsys):
    with time_machine.travel(RESULTS_MOMENT + datetime.timedelta(seconds=30), tick=False):
        call_command("publish_due")
    assert "Đã công bố gói “Công bố kết quả 16/7” (3 trang)" in capsys.readouterr().out
    assert live_states(bundle) == [True, True, True]


@pytest.mark.django_db
def test_a_held_page_cannot_be_published_early(bundle, approver):
    page = bundle.items.first().page.specific
    with time_machine.travel(RESULTS_MOMENT - datetime.timedelta(hours=1), tick=False):
        draft = page.get_latest_revision_as_object()
        draft.go_live_at = None
        revision = draft.save_revision(user=approver)
        with pytest.raises(PublishBlocked, match="16/07/2025 08:00"):
            revision.publish(user=approver)
    page.refresh_from_db()
    assert not page.live


@pytest.mark.django_db
def test_admin_publish_of_a_held_page_shows_why(bundle, approver, client):
    from tests.exam_news.admin_forms import edit_form, post_edit

    page = bundle.items.get(page__title__startswith="Thống kê").page
    with time_machine.travel(RESULTS_MOMENT - datetime.timedelta(hours=1), tick=True):
        client.force_login(approver)
        data = edit_form(client, page.pk)
        data["go_live_at"] = ""
        response = post_edit(client, page.pk, data, "action-publish")
    assert response.status_code == 200
    assert "gói phát hành “Công bố kết quả 16/7”" in response.content.decode()
    page.refresh_from_db()
    assert not page.live


@pytest.mark.django_db
def test_scheduling_checks_the_bundle(section, approver):
    with time_machine.travel(RESULTS_MOMENT + datetime.timedelta(days=1), tick=False):
        outsider = add_page(section, news(), publish=False)
        empty = m.ReleaseBundle.objects.create(name="Trống", section=section, release_at=RESULTS_MOMENT)
        with pytest.raises(ValidationError) as info:
            schedule_bundle(empty, user=approver)
    assert "Thời điểm công bố phải ở tương lai." in info.value.messages
    assert "Gói chưa có trang nào." in info.value.messages
    assert not outsider.live


@pytest.mark.django_db
def test_a_bundle_with_a_minor_named_without_consent_cannot_be_scheduled(section, approver):
    with time_machine.travel(RESULTS_MOMENT - datetime.timedelta(days=1), tick=False):
        page = add_page(section, results_page(names_minor=True), publish=False)
        bundle = m.ReleaseBundle.objects.create(name="Gói", section=section, release_at=RESULTS_MOMENT)
        m.ReleaseBundleItem.objects.create(bundle=bundle, page=page)
        with pytest.raises(ValidationError, match="sự đồng ý"):
            schedule_bundle(bundle, user=approver)
    bundle.refresh_from_db()
    assert bundle.status == m.ReleaseBundle.Status.DRAFT


@pytest.mark.django_db
def test_cancelled_bundle_is_not_released(bundle, approver):
    with time_machine.travel(RESULTS_MOMENT - datetime.timedelta(hours=2), tick=False):
        cancel_bundle(bundle, user=approver)
    with time_machine.travel(RESULTS_MOMENT + datetime.timedelta(minutes=5), tick=False):
        assert release_due_bundles() == []
        call_command("publish_scheduled")
    assert live_states(bundle) == [False, False, False]


@pytest.mark.django_db
def test_bundle_actions_in_admin_need_the_schedule_permission(section, provincial_editor, approver, client):
    with time_machine.travel(RESULTS_MOMENT - datetime.timedelta(days=1), tick=True):
        page = add_page(section, news(), publish=False)
        bundle = m.ReleaseBundle.objects.create(name="Gói", section=section, release_at=RESULTS_MOMENT)
        m.ReleaseBundleItem.objects.create(bundle=bundle, page=page)
        client.force_login(provincial_editor)
        client.post(f"/admin/exam/bundles/{bundle.pk}/schedule/")
        bundle.refresh_from_db()
        assert bundle.status == m.ReleaseBundle.Status.DRAFT
        client.force_login(approver)
        response = client.post(f"/admin/exam/bundles/{bundle.pk}/schedule/")
        assert response.status_code == 302
    bundle.refresh_from_db()
    assert bundle.status == m.ReleaseBundle.Status.SCHEDULED
