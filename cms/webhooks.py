"""Signed change notifications to subscribed portals, retried with exponential back-off.

Each event is stored as a delivery row in the publisher's transaction; the first attempt runs after
commit in a background thread (``WEBHOOK_DELIVERY = "thread"``) so the editor never waits for a portal,
and ``manage.py deliver_webhooks`` (run by ``publish_due`` every minute) retries what failed.

Each attempt is made by one sender only: a sender first claims the row with one conditional UPDATE (pending,
due, and not claimed — or claimed so long ago that its sender must have died), and only the sender whose UPDATE
changed the row sends. This holds on SQLite and PostgreSQL alike, so the background thread and ``publish_due``
never send the same attempt twice.

The signature covers the moment of sending and the delivery's id as well as the body
(``HMAC-SHA256(secret, f"{timestamp}.{delivery_id}.{body}")``), so a receiver can refuse old or replayed
messages; the README shows how.
"""

import datetime
import hashlib
import hmac
import http.client
import json
import logging
import socket
import ssl
import threading

from django.conf import settings
from django.db import close_old_connections, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from cms.models import WebhookDelivery, WebhookSubscription
from cms.webhook_targets import RefusedTarget, Target, resolve_target

logger = logging.getLogger(__name__)
SIGNATURE_HEADER = "X-MuaThi-Signature"
TIMESTAMP_HEADER = "X-MuaThi-Timestamp"
DELIVERY_HEADER = "X-MuaThi-Delivery"
EVENT_HEADER = "X-MuaThi-Event"
MAX_ATTEMPTS = 8
FIRST_RETRY_SECONDS = 30
# A claim older than this is taken to belong to a sender that died mid-attempt (each attempt is bounded by
# WEBHOOK_TIMEOUT per network operation, so a live one is long finished).
CLAIM_EXPIRY = datetime.timedelta(minutes=10)
THREAD_NAME = "muathi-webhooks"


def signature(secret: str, timestamp: int, delivery_id: str, body: bytes) -> str:
    signed = f"{timestamp}.{delivery_id}.".encode() + body
    return "sha256=" + hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()


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
        threading.Thread(target=_deliver_in_thread, args=(ids,), name=THREAD_NAME, daemon=True).start()
    elif settings.WEBHOOK_DELIVERY == "inline":
        deliver_ids(ids)


def _deliver_in_thread(ids: list[int]) -> None:
    try:
        deliver_ids(ids)
    except Exception:
        logger.exception("Webhook deliveries %s: the background sender failed; publish_due will retry", ids)
    finally:
        close_old_connections()


def deliver_ids(ids: list[int]) -> int:
    """The first attempt of new deliveries; those another sender holds are left to it."""
    return sum(1 for pk in ids if deliver(pk))


def deliver_due(now: datetime.datetime | None = None) -> int:
    """Attempts every delivery due at ``now`` that no other sender holds; returns how many arrived."""
    now = now or timezone.now()
    due = WebhookDelivery.objects.filter(_claimable(now)).order_by("next_attempt_at", "pk")
    return sum(1 for pk in list(due.values_list("pk", flat=True)) if deliver(pk, now))


def deliver(pk: int, now: datetime.datetime | None = None) -> bool:
    """One attempt of delivery ``pk`` if it is due at ``now`` and this sender wins the claim; records the
    outcome. True only when the portal answered 2xx. Never raises for network or HTTP errors."""
    delivery = claim(pk, now or timezone.now())
    return delivery is not None and attempt(delivery)


def claim(pk: int, now: datetime.datetime) -> WebhookDelivery | None:
    """Takes delivery ``pk`` for this sender with one conditional UPDATE; None when it is not due or another
    sender holds it (the UPDATE changed no row)."""
    claimed_at = timezone.now()
    won = WebhookDelivery.objects.filter(_claimable(now), pk=pk).update(claimed_at=claimed_at)
    if won != 1:
        return None
    return WebhookDelivery.objects.select_related("subscription").get(pk=pk)


def _claimable(now: datetime.datetime) -> Q:
    return (Q(status=WebhookDelivery.Status.PENDING, next_attempt_at__lte=now)
            & (Q(claimed_at__isnull=True) | Q(claimed_at__lt=timezone.now() - CLAIM_EXPIRY)))


def attempt(delivery: WebhookDelivery) -> bool:
    """Sends a claimed delivery once and records the outcome (and the give-up after the last attempt)."""
    body = body_of(delivery)
    timestamp = int(timezone.now().timestamp())
    headers = {
        "Content-Type": "application/json; charset=utf-8", "User-Agent": "MuaThi-Webhook/2",
        DELIVERY_HEADER: str(delivery.uuid), TIMESTAMP_HEADER: str(timestamp), EVENT_HEADER: delivery.event,
        SIGNATURE_HEADER: signature(delivery.subscription.secret, timestamp, str(delivery.uuid), body),
    }
    delivery.attempts += 1
    refused = False
    try:
        delivery.last_status_code = post(resolve_target(delivery.subscription.url), body, headers)
        ok = 200 <= delivery.last_status_code < 300
        delivery.last_error = "" if ok else f"HTTP {delivery.last_status_code}"
    except RefusedTarget as exc:
        ok, refused, delivery.last_status_code, delivery.last_error = False, True, None, exc.messages[0][:500]
    except (OSError, http.client.HTTPException, ValueError) as exc:
        ok, delivery.last_status_code, delivery.last_error = False, None, (str(exc) or type(exc).__name__)[:500]
    now = timezone.now()
    delivery.next_attempt_at = None
    if ok:
        delivery.status, delivery.delivered_at = WebhookDelivery.Status.DELIVERED, now
    elif refused or delivery.attempts >= MAX_ATTEMPTS:
        delivery.status, delivery.gave_up_at = WebhookDelivery.Status.FAILED, now
        delivery.give_up_reason = (
            _("Địa chỉ nhận bị từ chối: %(error)s") if refused
            else _("Đã thử %(attempts)s lần không thành công; lần cuối: %(error)s")
        ) % {"attempts": delivery.attempts, "error": delivery.last_error}
        delivery.give_up_reason = delivery.give_up_reason[:500]
    else:
        delivery.next_attempt_at = now + backoff(delivery.attempts)
    fields = ["attempts", "last_status_code", "last_error", "status", "delivered_at", "next_attempt_at",
              "gave_up_at", "give_up_reason"]
    kept = WebhookDelivery.objects.filter(pk=delivery.pk, claimed_at=delivery.claimed_at).update(
        claimed_at=None, **{name: getattr(delivery, name) for name in fields})
    delivery.claimed_at = None
    if not kept:
        logger.warning("Webhook %s: the claim expired during the attempt; its outcome was not recorded", delivery.pk)
    if not ok:
        logger.warning("Webhook %s to %s failed: %s", delivery.pk, delivery.subscription.url, delivery.last_error)
    return ok


def post(target: Target, body: bytes, headers: dict[str, str]) -> int:
    """POSTs to the checked address (never following a redirect); returns the HTTP status."""
    tls = ssl.create_default_context() if target.scheme == "https" else None
    connection = _PinnedConnection(target, timeout=settings.WEBHOOK_TIMEOUT, tls=tls)
    try:
        connection.request("POST", target.path, body=body, headers=headers)
        response = connection.getresponse()
        response.read(64 * 1024)
        return response.status
    finally:
        connection.close()


class _PinnedConnection(http.client.HTTPConnection):
    """An HTTP(S) connection to the address that was checked, naming the host in TLS and ``Host``."""

    def __init__(self, target: Target, timeout: float, tls: ssl.SSLContext | None) -> None:
        self.default_port = 443 if tls else 80
        super().__init__(target.host, target.port, timeout=timeout)
        self.address, self.tls = target.address, tls

    def connect(self) -> None:
        sock = socket.create_connection((self.address, self.port), self.timeout)
        self.sock = self.tls.wrap_socket(sock, server_hostname=self.host) if self.tls else sock
