import datetime
import hashlib
import hmac
import json
import re
import threading
import time
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection, connections, transaction
from django.utils import timezone

from cms import webhooks
from cms.models import WebhookDelivery, WebhookSubscription
from cms.webhook_targets import Target
from cms.webhooks import (
    CLAIM_EXPIRY,
    DELIVERY_HEADER,
    MAX_ATTEMPTS,
    SIGNATURE_HEADER,
    THREAD_NAME,
    TIMESTAMP_HEADER,
    deliver,
    deliver_due,
    enqueue,
)
from exam_news import models as m
from tests.exam_news.factories import add_page, news
from tests.fixtures import unit

pytestmark = pytest.mark.django_db
README = Path(__file__).resolve().parents[2] / "README.md"


class Receiver:
    """A real HTTP server on 127.0.0.1 that records requests and answers with the queued statuses; ``hold``
    keeps the first request waiting until it is set (a slow portal)."""

    def __init__(self, statuses=(200,), hold: threading.Event | None = None):
        self.requests: list[dict] = []
        self.statuses = list(statuses)
        self.arrived = threading.Event()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.requests.append({"headers": {k.lower(): v for k, v in self.headers.items()},
                                          "message": self.headers, "body": body})
                receiver.arrived.set()
                if hold is not None:
                    hold.wait(10)
                status = receiver.statuses.pop(0) if len(receiver.statuses) > 1 else receiver.statuses[0]
                self.send_response(status)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = HTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/hook"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture(autouse=True)
def inline_delivery(settings):
    """Inline sending, and plain http to this machine allowed (DEBUG=1) for the local receivers."""
    settings.WEBHOOK_DELIVERY = "inline"
    settings.WEBHOOK_TIMEOUT = 2
    settings.DEBUG = True


def subscribe(url: str, areas=(), kinds: str = "") -> WebhookSubscription:
    subscription = WebhookSubscription.objects.create(name="Cổng phường Long Xuyên", url=url, secret="bi-mat",
                                                      kinds=kinds)
    subscription.areas.set(areas)
    return subscription


def readme_verifier():
    """The receiver's verification snippet from the README, run as a receiver would."""
    code = re.search(r"```python\n(.*?def verify.*?)```", README.read_text(), re.S).group(1)
    namespace: dict = {}
    exec(compile(code, "README.md", "exec"), namespace)  # noqa: S102 — our own documentation
    return namespace


def test_publish_sends_a_signed_json_event(portal, django_capture_on_commit_callbacks):
    with Receiver() as receiver:
        subscribe(receiver.url, areas=[unit("30307")])
        with django_capture_on_commit_callbacks(execute=True):
            page = add_page(portal, news("Phường Long Xuyên ra quân"), areas=[unit("30307")])
    assert len(receiver.requests) == 1
    request = receiver.requests[0]
    delivery = WebhookDelivery.objects.get()
    headers = request["headers"]
    assert headers[DELIVERY_HEADER.lower()] == str(delivery.uuid)
    timestamp = int(headers[TIMESTAMP_HEADER.lower()])
    assert abs(timestamp - time.time()) < 60
    signed = f"{timestamp}.{delivery.uuid}.".encode() + request["body"]
    assert headers[SIGNATURE_HEADER.lower()] == "sha256=" + hmac.new(b"bi-mat", signed, hashlib.sha256).hexdigest()
    # the body alone no longer verifies: the timestamp and the delivery id are part of what is signed
    assert headers[SIGNATURE_HEADER.lower()] != "sha256=" + hmac.new(b"bi-mat", request["body"],
                                                                      hashlib.sha256).hexdigest()
    event = json.loads(request["body"])
    assert (event["event"], event["kind"], event["id"], event["areas"]) == ("publish", "news", page.pk, ["30307"])
    assert (delivery.status, delivery.attempts, delivery.last_status_code) == ("delivered", 1, 200)
    assert delivery.claimed_at is None


def test_the_readme_verifier_accepts_a_real_message_once_and_refuses_old_forged_or_replayed_ones(
        portal, django_capture_on_commit_callbacks):
    with Receiver() as receiver:
        subscribe(receiver.url)
        with django_capture_on_commit_callbacks(execute=True):
            add_page(portal, news())
    request = receiver.requests[0]
    message, body = request["message"], request["body"]
    delivery = WebhookDelivery.objects.get()
    snippet = readme_verifier()
    verify = snippet["verify"]
    with pytest.raises(ValueError, match="bad signature"):
        verify("khac", message, body)
    with pytest.raises(ValueError, match="bad signature"):
        verify("bi-mat", message, body.replace(b'"publish"', b'"unpublish"'))
    assert verify("bi-mat", message, body) == str(delivery.uuid)
    assert verify("bi-mat", message, body) is None  # replayed: seen before
    with time_machine.travel(time.time() + 301, tick=False), pytest.raises(ValueError, match="too old"):
        readme_verifier()["verify"]("bi-mat", message, body)  # a fresh receiver, the same message 5 min later


def test_update_and_unpublish_events(portal, django_capture_on_commit_callbacks):
    with Receiver() as receiver:
        subscribe(receiver.url)
        with django_capture_on_commit_callbacks(execute=True):
            page = add_page(portal, news())
        with django_capture_on_commit_callbacks(execute=True):
            page.save_revision().publish()
        with django_capture_on_commit_callbacks(execute=True):
            page.unpublish()
    assert [json.loads(r["body"])["event"] for r in receiver.requests] == ["publish", "update", "unpublish"]
    assert len({r["headers"][DELIVERY_HEADER.lower()] for r in receiver.requests}) == 3


def test_subscriptions_filter_by_area_and_kind(portal, django_capture_on_commit_callbacks):
    with Receiver() as receiver:
        subscribe(receiver.url, areas=[unit("887", "legacy_district")], kinds="news,notice")
        with django_capture_on_commit_callbacks(execute=True):
            add_page(portal, news("Tin Châu Đốc"), areas=[unit("30316")])  # another area
            add_page(portal, news("Tin phường Tân Châu"), areas=[unit("30376")])  # successor of the district
            add_page(portal, m.StoryPage(title="Gương sáng", summary="x"))  # kind not wanted
            add_page(portal, news("Tin toàn tỉnh"))  # province-wide: always sent
    titles = sorted(json.loads(r["body"])["title"] for r in receiver.requests)
    assert titles == ["Tin phường Tân Châu", "Tin toàn tỉnh"]


def test_failed_delivery_is_retried_with_exponential_back_off(portal, django_capture_on_commit_callbacks):
    with Receiver(statuses=(500, 503, 200)) as receiver:
        subscribe(receiver.url)
        start = timezone.now()
        with time_machine.travel(start, tick=False):
            with django_capture_on_commit_callbacks(execute=True):
                add_page(portal, news())
            delivery = WebhookDelivery.objects.get()
            assert (delivery.status, delivery.attempts, delivery.last_error) == ("pending", 1, "HTTP 500")
            assert delivery.next_attempt_at == start + datetime.timedelta(seconds=30)
            assert deliver_due() == 0  # not due yet
        with time_machine.travel(start + datetime.timedelta(seconds=31), tick=False):
            assert deliver_due() == 0
            delivery.refresh_from_db()
            assert delivery.attempts == 2 and delivery.next_attempt_at == start + datetime.timedelta(seconds=91)
        with time_machine.travel(start + datetime.timedelta(seconds=92), tick=False):
            assert deliver_due() == 1
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == ("delivered", 3)
    assert len(receiver.requests) == 3
    # every retry: the same delivery id, its own timestamp, each signed over both
    assert {r["headers"][DELIVERY_HEADER.lower()] for r in receiver.requests} == {str(delivery.uuid)}
    stamps = [int(r["headers"][TIMESTAMP_HEADER.lower()]) for r in receiver.requests]
    assert stamps == [int(start.timestamp()), int(start.timestamp()) + 31, int(start.timestamp()) + 92]


def test_after_the_last_attempt_the_give_up_is_recorded_and_listed(portal, superuser, client,
                                                                  django_capture_on_commit_callbacks):
    with Receiver(statuses=(502,)) as receiver:
        subscribe(receiver.url)
        moment = timezone.now()
        with time_machine.travel(moment, tick=False), django_capture_on_commit_callbacks(execute=True):
            add_page(portal, news())
        delivery = WebhookDelivery.objects.get()
        while delivery.next_attempt_at is not None:
            moment = delivery.next_attempt_at
            with time_machine.travel(moment, tick=False):
                assert deliver_due() == 0
            delivery.refresh_from_db()
        with time_machine.travel(moment + datetime.timedelta(days=1), tick=False):
            assert deliver_due() == 0  # given up: never tried again
    assert len(receiver.requests) == MAX_ATTEMPTS == delivery.attempts
    assert (delivery.status, delivery.gave_up_at, delivery.last_error) == ("failed", moment, "HTTP 502")
    assert delivery.give_up_reason == "Đã thử 8 lần không thành công; lần cuối: HTTP 502"
    client.force_login(superuser)
    listing = client.get("/admin/snippets/cms/webhookdelivery/").content.decode()
    assert "Thất bại (đã hết lượt thử)" in listing and "lý do dừng gửi" in listing.lower()
    assert "Đã thử 8 lần không thành công; lần cuối: HTTP 502" in listing


def test_unreachable_portal_never_fails_the_publish(portal, django_capture_on_commit_callbacks):
    subscribe("http://127.0.0.1:1/hook")
    with django_capture_on_commit_callbacks(execute=True):
        page = add_page(portal, news())
    assert page.live
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == "pending" and delivery.last_error and delivery.claimed_at is None


def test_delivery_log_is_visible_to_editors_in_the_admin(portal, superuser, client, django_capture_on_commit_callbacks):
    subscribe("http://127.0.0.1:1/hook")
    with django_capture_on_commit_callbacks(execute=True):
        add_page(portal, news())
    client.force_login(superuser)
    response = client.get("/admin/snippets/cms/webhookdelivery/")
    assert response.status_code == 200 and "Cổng phường Long Xuyên" in response.content.decode()


# --- one sender per attempt -------------------------------------------------------------------------------


def test_a_delivery_claimed_by_one_sender_is_not_sent_by_another(monkeypatch):
    """publish_due runs while the first sender's request is in flight (its claim held): one HTTP request."""
    with Receiver() as receiver:
        subscription = subscribe(receiver.url)
        (delivery,) = enqueue([subscription], "publish", {"id": 1})
        real_post, during = webhooks.post, []

        def post_while_another_sender_runs(*args):
            during.append((deliver_due(), deliver(delivery.pk), call_command("deliver_webhooks")))
            return real_post(*args)

        monkeypatch.setattr(webhooks, "post", post_while_another_sender_runs)
        assert deliver(delivery.pk) is True
        assert deliver(delivery.pk) is False  # delivered: not sent again
    assert during == [(0, False, None)]
    assert len(receiver.requests) == 1
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.claimed_at) == ("delivered", 1, None)


def test_a_claim_left_by_a_sender_that_died_is_taken_over():
    with Receiver() as receiver:
        subscription = subscribe(receiver.url)
        (delivery,) = enqueue([subscription], "publish", {"id": 1})
        start = timezone.now()
        WebhookDelivery.objects.filter(pk=delivery.pk).update(claimed_at=start)  # a sender that never finished
        with time_machine.travel(start + CLAIM_EXPIRY - datetime.timedelta(seconds=1), tick=False):
            assert deliver_due() == 0
        assert receiver.requests == []
        with time_machine.travel(start + CLAIM_EXPIRY + datetime.timedelta(seconds=1), tick=False):
            assert deliver_due() == 1
    assert len(receiver.requests) == 1


def test_cron_mode_publish_due_sends_what_was_stored(portal, settings, django_capture_on_commit_callbacks):
    settings.WEBHOOK_DELIVERY = "off"
    with Receiver() as receiver:
        subscribe(receiver.url)
        with django_capture_on_commit_callbacks(execute=True):
            add_page(portal, news())
        assert receiver.requests == []  # nothing sent by the publish itself
        call_command("publish_due")
        call_command("publish_due")
    assert len(receiver.requests) == 1
    assert WebhookDelivery.objects.get().status == "delivered"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_background_thread_and_publish_due_racing_send_once(settings):
    """The real background mode: the first attempt runs in its own thread after commit; while its request is
    in flight, publish_due (here, the test's thread) finds the delivery taken and sends nothing."""
    settings.WEBHOOK_DELIVERY = "thread"
    hold = threading.Event()
    with Receiver(hold=hold) as receiver:
        subscription = subscribe(receiver.url)
        with transaction.atomic():
            (delivery,) = enqueue([subscription], "publish", {"id": 7, "title": "Tin mới"})
            assert not receiver.arrived.wait(0.3)  # nothing before commit
        assert receiver.arrived.wait(10)  # the background thread is sending
        senders = [t for t in threading.enumerate() if t.name == THREAD_NAME]
        assert len(senders) == 1 and senders[0] is not threading.current_thread()
        assert deliver_due() == 0
        assert deliver(delivery.pk) is False
        call_command("publish_due")
        hold.set()
        senders[0].join(10)
        assert not senders[0].is_alive()
    assert len(receiver.requests) == 1
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.claimed_at) == ("delivered", 1, None)
    connections.close_all()


@pytest.mark.skipif(connection.vendor != "postgresql",
                    reason="two writing connections at once: SQLite's in-memory test database shares one cache with "
                           "table locks and no busy wait ('database table is locked'); the claim itself is tested on "
                           "SQLite by test_a_delivery_claimed_by_one_sender_is_not_sent_by_another")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_senders_started_together_send_each_delivery_once(settings):
    """Two threads (each its own database connection) go through the same ten due deliveries at once."""
    settings.WEBHOOK_DELIVERY = "off"
    with Receiver() as receiver:
        subscription = subscribe(receiver.url)
        deliveries = enqueue([subscription] * 10, "publish", {"id": 1})
        barrier, results, errors = threading.Barrier(2), [], []

        def sender():
            try:
                barrier.wait(5)
                results.extend(deliver(d.pk) for d in deliveries)
            except Exception as exc:  # a database error would show here
                errors.append(exc)
            finally:
                connections.close_all()

        threads = [threading.Thread(target=sender) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(30)
    assert errors == []
    assert len(receiver.requests) == 10 and results.count(True) == 10 and len(results) == 20
    assert len({r["headers"][DELIVERY_HEADER.lower()] for r in receiver.requests}) == 10
    assert set(WebhookDelivery.objects.values_list("status", "attempts")) == {("delivered", 1)}


# --- where notifications may go, at sending time ------------------------------------------------------------


def test_a_host_name_resolving_to_loopback_is_refused_at_sending(settings, monkeypatch):
    settings.DEBUG = False
    with Receiver() as receiver:
        port = receiver.server.server_port
        subscription = subscribe(f"https://cong.example.vn:{port}/hook")  # saved when it resolved elsewhere
        (delivery,) = enqueue([subscription], "publish", {"id": 1})
        monkeypatch.setattr("socket.getaddrinfo", lambda host, port, *a, **k: [
            (2, 1, 6, "", ("127.0.0.1", port))])
        assert deliver(delivery.pk) is False
    assert receiver.requests == []  # no connection made
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.next_attempt_at) == ("failed", 1, None)
    assert delivery.give_up_reason.startswith("Địa chỉ nhận bị từ chối: Không gửi thông báo đến địa chỉ nội bộ "
                                              "127.0.0.1")


def test_an_allowed_internal_host_is_sent_to_at_the_checked_address(settings, monkeypatch):
    settings.DEBUG = False
    settings.WEBHOOK_ALLOWED_HOSTS = ["cong.example.vn"]
    subscription = subscribe("https://cong.example.vn:8443/hook?tinh=91")
    (delivery,) = enqueue([subscription], "publish", {"id": 1})
    monkeypatch.setattr("socket.getaddrinfo", lambda host, port, *a, **k: [(2, 1, 6, "", ("10.20.0.5", port))])
    targets = []
    monkeypatch.setattr(webhooks, "post", lambda target, body, headers: targets.append(target) or 204)
    assert deliver(delivery.pk) is True
    assert targets == [Target(scheme="https", host="cong.example.vn", port=8443, path="/hook?tinh=91",
                              address="10.20.0.5")]


def test_the_connection_goes_to_the_checked_address_and_names_the_host():
    """No second DNS lookup: a name that does not resolve at all is reached at the address given."""
    with Receiver(statuses=(302,)) as receiver:
        target = Target(scheme="http", host="cong.invalid", port=receiver.server.server_port, path="/hook?a=1",
                        address="127.0.0.1")
        assert webhooks.post(target, b"{}", {"Content-Type": "application/json"}) == 302  # redirect not followed
    assert len(receiver.requests) == 1
    assert receiver.requests[0]["headers"]["host"] == f"cong.invalid:{receiver.server.server_port}"
