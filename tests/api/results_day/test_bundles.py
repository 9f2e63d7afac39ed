"""Bundles that cannot lie: no live page inside, released exactly once, one failure holds back nothing else."""

import contextlib
import threading

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection, transaction
from wagtail.models import ModelLogEntry

from exam_news import models as m
from exam_news.releasing import release_due_bundles, schedule_bundle
from exam_news.scheduling import pass_lock, run_due
from tests.api.results_day.conftest import MOMENT, RELEASED_TITLE, at
from tests.exam_news.factories import add_page, news


@pytest.mark.django_db
def test_a_live_page_cannot_be_put_on_hold(portal, approver):
    with at(-3600):
        live = add_page(portal, news("Hướng dẫn tra cứu điểm thi"))
        bundle = m.ReleaseBundle.objects.create(name="Kết quả", section=portal, release_at=MOMENT)
        m.ReleaseBundleItem.objects.create(bundle=bundle, page=live)
        with pytest.raises(ValidationError) as raised:
            schedule_bundle(bundle, user=approver)
    assert "“Hướng dẫn tra cứu điểm thi” đang được công khai" in " ".join(raised.value.messages)
    bundle.refresh_from_db()
    live.refresh_from_db()
    assert bundle.status == m.ReleaseBundle.Status.DRAFT and live.live and live.go_live_at is None


@pytest.mark.django_db
def test_the_admin_says_why_a_live_page_cannot_be_held(portal, approver, client):
    with at(-3600):
        live = add_page(portal, news("Hướng dẫn tra cứu điểm thi"))
        bundle = m.ReleaseBundle.objects.create(name="Kết quả", section=portal, release_at=MOMENT)
        m.ReleaseBundleItem.objects.create(bundle=bundle, page=live)
        client.force_login(approver)
        response = client.post(f"/admin/exam/bundles/{bundle.pk}/schedule/", follow=True)
    assert "“Hướng dẫn tra cứu điểm thi” đang được công khai" in response.content.decode()
    bundle.refresh_from_db()
    assert bundle.status == m.ReleaseBundle.Status.DRAFT


@pytest.mark.django_db
def test_a_failing_bundle_is_recorded_and_the_rest_still_runs(portal, approver, results_day, monkeypatch):
    with at(-3600):
        other_page = add_page(portal, news("Thống kê điểm theo môn"), publish=False)
        other = m.ReleaseBundle.objects.create(name="Thống kê", section=portal, release_at=MOMENT)
        m.ReleaseBundleItem.objects.create(bundle=other, page=other_page)
        schedule_bundle(other, user=approver)
        scheduled = add_page(portal, news("Lịch phúc khảo"), publish=False)
        revision = scheduled.save_revision(user=approver)
        scheduled.go_live_at = MOMENT
        revision = scheduled.save_revision(user=approver)
        revision.publish(user=approver)
    broken_id = results_day["held"].pk
    original = m.ReleaseBundle.save

    def save(self, *args, **kwargs):  # fails after the bundle's pages were published, inside its transaction
        if self.pk == results_day["bundle"].pk and self.status == m.ReleaseBundle.Status.RELEASED:
            raise RuntimeError("ổ đĩa đầy")
        return original(self, *args, **kwargs)

    monkeypatch.setattr(m.ReleaseBundle, "save", save)
    with at(1):
        result = run_due()
    assert [b.pk for b in result.released] == [other.pk] and result.failed == []
    broken = results_day["bundle"]
    broken.refresh_from_db()
    assert broken.status == m.ReleaseBundle.Status.SCHEDULED and "ổ đĩa đầy" in broken.release_error
    assert ModelLogEntry.objects.filter(object_id=str(broken.pk), action="exam_news.bundle_release_failed").exists()
    assert not m.NewsPage.objects.get(pk=broken_id).live  # rolled back as a whole
    assert m.NewsPage.objects.get(pk=other_page.pk).live
    assert m.NewsPage.objects.get(pk=scheduled.pk).live  # Wagtail's scheduled pages still went out


@pytest.mark.django_db
def test_a_second_run_releases_nothing_twice(results_day):
    with at(1):
        assert release_due_bundles() == [results_day["bundle"]]
        assert release_due_bundles() == []
    assert ModelLogEntry.objects.filter(action="exam_news.bundle_release").count() == 1


@contextlib.contextmanager
def lock_held_by_another_scheduler():
    """The scheduler's lock, taken from another thread (its own database session, its own lock file handle)."""
    taken, release = threading.Event(), threading.Event()

    def hold():
        try:
            with pass_lock() as mine:
                assert mine
                taken.set()
                release.wait(10)
        finally:
            connection.close()

    thread = threading.Thread(target=hold)
    thread.start()
    assert taken.wait(10)
    try:
        yield
    finally:
        release.set()
        thread.join()


@pytest.mark.django_db
def test_publish_due_skips_while_another_scheduler_holds_the_lock(results_day, capsys):
    with lock_held_by_another_scheduler():
        with pass_lock() as mine:
            assert not mine
        with at(1):
            call_command("publish_due")
    assert "bỏ qua" in capsys.readouterr().out
    assert not m.NewsPage.objects.get(pk=results_day["held"].pk).live
    with pass_lock() as mine:  # and free again once the other one has finished
        assert mine


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks: SQLite serialises all writers anyway")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_bundle_locked_by_another_run_is_left_to_it(portal, approver):
    from django.db import connections

    with at(-3600):
        page = add_page(portal, news("Kết quả thi"), publish=False)
        bundle = m.ReleaseBundle.objects.create(name="Kết quả", section=portal, release_at=MOMENT)
        m.ReleaseBundleItem.objects.create(bundle=bundle, page=page)
        schedule_bundle(bundle, user=approver)
    locked, done = threading.Event(), threading.Event()

    def other_run():
        try:
            with transaction.atomic():
                m.ReleaseBundle.objects.select_for_update().get(pk=bundle.pk)
                locked.set()
                done.wait(10)
        finally:
            connections.close_all()

    thread = threading.Thread(target=other_run)
    thread.start()
    assert locked.wait(10)
    with at(1):
        assert release_due_bundles() == []  # taken by the other run: not waited for, not released twice
    done.set()
    thread.join()
    with at(2):
        assert release_due_bundles() == [bundle]


@pytest.mark.django_db
def test_a_release_notifies_and_indexes_like_a_publish(client, results_day, settings,
                                                       django_capture_on_commit_callbacks):
    from cms.models import WebhookDelivery, WebhookSubscription

    settings.WEBHOOK_DELIVERY = "queue"  # stored for delivery; the sending itself is tested in test_webhooks
    WebhookSubscription.objects.create(name="Cổng xã", url="https://xa.example.vn/hook", secret="bi-mat")
    with at(-1):
        before = client.get("/api/v1/search", {"q": "ket qua thi tot nghiep"}).json()
    assert RELEASED_TITLE not in [hit["title"] for hit in before["results"]]
    with at(0.2):
        with django_capture_on_commit_callbacks(execute=True):  # indexing runs once the release commits
            release_due_bundles()
        found = client.get("/api/v1/search", {"q": "ket qua thi tot nghiep"}).json()
    events = list(WebhookDelivery.objects.values_list("event", "payload__id"))
    assert ("publish", results_day["held"].pk) in events
    assert RELEASED_TITLE in [hit["title"] for hit in found["results"]]
