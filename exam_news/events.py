"""Change events for subscribed portals: which content changed, and which subscriptions want it."""

import logging

from django.utils import timezone
from wagtail.models import Page

from cms.areas import counterparts
from cms.models import AdministrativeUnit, WebhookSubscription
from cms.webhooks import enqueue
from exam_news import models as m
from exam_news.kinds import ARTICLE_KINDS, kind_of
from exam_news.public.site import portal_base_url, public_url_of

logger = logging.getLogger(__name__)
NOTIFIED_KINDS = (*ARTICLE_KINDS, "schedule")


def _portal_url(page: Page) -> tuple[str, str]:
    site = page.get_site()
    if site is None:
        return "", ""
    return public_url_of(page.url_path, site.root_page.url_path, portal_base_url(site)), site.root_url.rstrip("/")


def _wanted_by(subscription: WebhookSubscription, kind: str, area_ids: set[int],
               expanded: dict[int, frozenset[int]]) -> bool:
    if subscription.kind_list and kind not in subscription.kind_list:
        return False
    if not area_ids:
        return True  # province-wide content concerns everyone
    subscribed = [u.pk for u in subscription.areas.all()]
    if not subscribed:
        return True
    return any(area_ids & expanded[pk] for pk in subscribed)


def matching_subscriptions(kind: str, area_ids: set[int]) -> list[WebhookSubscription]:
    subscriptions = list(WebhookSubscription.objects.filter(active=True).prefetch_related("areas"))
    expanded = counterparts({u.pk for s in subscriptions for u in s.areas.all()})
    return [s for s in subscriptions if _wanted_by(s, kind, area_ids, expanded)]


def page_event(page: Page, event: str) -> None:
    page = page.specific
    kind = kind_of(page)
    if kind not in NOTIFIED_KINDS:
        return
    area_ids = {a.pk for a in page.areas.all()} if isinstance(page, m.ExamContentPage) else set()
    subscriptions = matching_subscriptions(kind, area_ids)
    if not subscriptions:
        return
    url, cms_root = _portal_url(page)
    area_codes = sorted(AdministrativeUnit.objects.filter(pk__in=area_ids).values_list("code", flat=True))
    payload = {
        "kind": kind, "id": page.pk, "title": page.title, "url": url,
        "api_url": f"{cms_root}/api/v1/items/{page.pk}" if kind != "schedule" else f"{cms_root}/api/v1/schedule",
        "areas": area_codes, "occurred_at": timezone.localtime().isoformat(),
    }
    enqueue(subscriptions, event, payload)


def on_published(sender, instance, revision=None, **kwargs) -> None:
    # Wagtail stamps both with the same moment on a page's first publication.
    first_time = instance.first_published_at == instance.last_published_at
    _safely(page_event, instance, "publish" if first_time else "update")


def on_unpublished(sender, instance, **kwargs) -> None:
    _safely(page_event, instance, "unpublish")


def on_venue_saved(sender, instance: m.ExamVenue, created: bool, **kwargs) -> None:
    def send():
        subscriptions = matching_subscriptions("venue", {instance.commune_id})
        if subscriptions:
            enqueue(subscriptions, "publish" if created else "update", {
                "kind": "venue", "id": instance.pk, "title": instance.name, "code": instance.code,
                "areas": [instance.commune.code], "occurred_at": timezone.localtime().isoformat()})
    _safely(send)


def _safely(function, *args) -> None:
    """A notification problem must never fail the editor's action."""
    try:
        function(*args)
    except Exception:
        logger.exception("Could not queue change notifications")
