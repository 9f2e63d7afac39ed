"""Signed change notifications to subscribed portals, retried with exponential back-off.

Each event is stored as a delivery row in the publisher's transaction; the first attempt runs after
commit in a background thread (``WEBHOOK_DELIVERY = "thread"``) so the editor never waits for a portal,
and ``manage.py deliver_webhooks`` (run by ``publish_due`` every minute) retries what failed.
"""

import datetime
import hashlib
import hmac
import json
import logging
import threading
import urllib.error
import urllib.request

from django.conf import settings
from django.db import close_old_connections, transaction
from django.utils import timezone

from cms.models import WebhookDelivery, WebhookSubscription

logger = logging.getLogger(__name__)
SIGNATURE_HEADER = "X-MuaThi-Signature"
MAX_ATTEMPTS = 8
FIRST_RETRY_SECONDS = 30


def signature(secret: str, body: bytes) -> str:
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def body_of(delivery: WebhookDelivery) -> bytes:
    return json.dumps(delivery.payload, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode()


def backoff(attempts: int) -> datetime.timedelta:
    return datetime.timedelta(seconds=FIRST_RETRY_SECONDS * 2 ** (attempts - 1))


def enqueue(subscriptions: list[WebhookSubscription], event: str, payload: dict) -> list[WebhookDelivery]:
    deliveries = WebhookDelivery.objects.bulk_create([
        WebhookDelivery(subscription=s, event=event, payload={**payload, "event": event},
                        next_attempt_at=timezone.now())
        for s in subscriptions
    ])
    if deliveries:
        ids = [d.pk for d in deliveries]
        transaction.on_commit(lambda: _start(ids))
    return deliveries


def _start(ids: list[int]) -> None:
    if settings.WEBHOOK_DELIVERY == "thread":
        threading.Thread(target=_deliver_in_thread, args=(ids,), daemon=True).start()
    elif settings.WEBHOOK_DELIVERY == "inline":
        deliver_ids(ids)


def _deliver_in_thread(ids: list[int]) -> None:
    try:
        deliver_ids(ids)
    finally:
        close_old_connections()


def deliver_ids(ids: list[int]) -> None:
    for delivery in WebhookDelivery.objects.select_related("subscription").filter(pk__in=ids):
        deliver(delivery)


def deliver(delivery: WebhookDelivery) -> bool:
    """One attempt; records the outcome. Never raises for network or HTTP errors."""
    body = body_of(delivery)
    request = urllib.request.Request(delivery.subscription.url, data=body, method="POST", headers={
        "Content-Type": "application/json; charset=utf-8", "User-Agent": "MuaThi-Webhook/1",
        SIGNATURE_HEADER: signature(delivery.subscription.secret, body),
        "X-MuaThi-Event": delivery.event, "X-MuaThi-Delivery": str(delivery.pk),
    })
    delivery.attempts += 1
    try:
        with urllib.request.urlopen(request, timeout=settings.WEBHOOK_TIMEOUT) as response:  # noqa: S310
            delivery.last_status_code = response.status
        ok = 200 <= delivery.last_status_code < 300
        delivery.last_error = "" if ok else f"HTTP {delivery.last_status_code}"
    except urllib.error.HTTPError as exc:
        ok, delivery.last_status_code, delivery.last_error = False, exc.code, f"HTTP {exc.code}"
    except (urllib.error.URLError, OSError, ValueError) as exc:
        ok, delivery.last_status_code, delivery.last_error = False, None, str(exc)[:500]
    now = timezone.now()
    if ok:
        delivery.status, delivery.delivered_at, delivery.next_attempt_at = WebhookDelivery.Status.DELIVERED, now, None
    elif delivery.attempts >= MAX_ATTEMPTS:
        delivery.status, delivery.next_attempt_at = WebhookDelivery.Status.FAILED, None
    else:
        delivery.next_attempt_at = now + backoff(delivery.attempts)
    delivery.save(update_fields=["attempts", "last_status_code", "last_error", "status", "delivered_at",
                                 "next_attempt_at"])
    if not ok:
        logger.warning("Webhook %s to %s failed: %s", delivery.pk, delivery.subscription.url, delivery.last_error)
    return ok


def deliver_due(now: datetime.datetime | None = None) -> int:
    now = now or timezone.now()
    due = WebhookDelivery.objects.select_related("subscription").filter(
        status=WebhookDelivery.Status.PENDING, next_attempt_at__lte=now)
    return sum(1 for delivery in due if deliver(delivery))
