import datetime
import hashlib
import hmac
import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
import time_machine
from django.utils import timezone

from cms.models import WebhookDelivery, WebhookSubscription
from cms.webhooks import SIGNATURE_HEADER, deliver_due
from exam_news import models as m
from tests.exam_news.factories import add_page, news
from tests.fixtures import unit

pytestmark = pytest.mark.django_db


class Receiver:
    """A real HTTP server on 127.0.0.1 that records requests and answers with the queued statuses."""

    def __init__(self, statuses=(200,)):
        self.requests: list[dict] = []
        self.statuses = list(statuses)
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.requests.append({"headers": {k.lower(): v for k, v in self.headers.items()}, "body": body})
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
    settings.WEBHOOK_DELIVERY = "inline"
    settings.WEBHOOK_TIMEOUT = 2


def subscribe(url: str, areas=(), kinds: str = "") -> WebhookSubscription:
    subscription = WebhookSubscription.objects.create(name="Cổng phường Long Xuyên", url=url, secret="bi-mat",
                                                      kinds=kinds)
    subscription.areas.set(areas)
    return subscription


def test_publish_sends_a_signed_json_event(portal, django_capture_on_commit_callbacks):
    with Receiver() as receiver:
        subscribe(receiver.url, areas=[unit("30307")])
        with django_capture_on_commit_callbacks(execute=True):
            page = add_page(portal, news("Phường Long Xuyên ra quân"), areas=[unit("30307")])
    assert len(receiver.requests) == 1
    request = receiver.requests[0]
    expected = "sha256=" + hmac.new(b"bi-mat", request["body"], hashlib.sha256).hexdigest()
    assert request["headers"][SIGNATURE_HEADER.lower()] == expected
    event = json.loads(request["body"])
    assert (event["event"], event["kind"], event["id"], event["areas"]) == ("publish", "news", page.pk, ["30307"])
    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.attempts, delivery.last_status_code) == ("delivered", 1, 200)


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


def test_unreachable_portal_never_fails_the_publish(portal, django_capture_on_commit_callbacks):
    subscribe("http://127.0.0.1:1/hook")
    with django_capture_on_commit_callbacks(execute=True):
        page = add_page(portal, news())
    assert page.live
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == "pending" and delivery.last_error


def test_delivery_log_is_visible_to_editors_in_the_admin(portal, superuser, client, django_capture_on_commit_callbacks):
    subscribe("http://127.0.0.1:1/hook")
    with django_capture_on_commit_callbacks(execute=True):
        add_page(portal, news())
    client.force_login(superuser)
    response = client.get("/admin/snippets/cms/webhookdelivery/")
    assert response.status_code == 200 and "Cổng phường Long Xuyên" in response.content.decode()
