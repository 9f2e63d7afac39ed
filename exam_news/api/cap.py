"""CAP 1.2 (OASIS Common Alerting Protocol) messages for public notices.

One message per publication of a notice. Its key, as CAP defines it, is the triple sender, identifier,
sent: the sender is the site's host name, the identifier names the notice and the moment of that
publication (UTC, to the second), and `sent` is the same moment in the portal's time zone. Both are
derived from the notice itself, so the first publication's key can be written again later: a republished
notice is an `Update` whose `<references>` names the original `Alert` it updates and supersedes.

The output is checked against OASIS's schema in tests/api/cap (CAP-v1.2.xsd).
"""

from __future__ import annotations

import datetime
import re
from xml.etree import ElementTree as ET

from django.http import HttpRequest
from django.utils import timezone

from exam_news import models as m
from exam_news.api.items import body_html
from exam_news.public.body import plain_text
from exam_news.public.site import SiteContext

CAP_NS = "urn:oasis:names:tc:emergency:cap:1.2"
CATEGORY = {"weather": "Met", "traffic": "Transport", "urgent": "Safety", "other": "Other"}
URGENCY = {"immediate": "Immediate", "expected": "Expected", "future": "Future"}
SEVERITY = {1: "Minor", 2: "Moderate", 3: "Severe", 4: "Extreme", 5: "Extreme"}
# Characters XML 1.0 cannot carry at all (C0 controls other than tab, LF, CR; U+FFFE, U+FFFF; lone surrogates).
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
# CAP 1.2 §3.2.1: sender and identifier carry no spaces, commas or restricted characters (< and &).
NOT_IN_KEY = re.compile(r"[\s,<&]")


def cap_time(value: datetime.datetime) -> str:
    """A CAP date-time: local time to the second with its offset; UTC written "-00:00" (CAP 1.2 §3.3.2)."""
    text = timezone.localtime(value).replace(microsecond=0).isoformat()
    return text[:-6] + "-00:00" if text.endswith("+00:00") else text


def cap_sender(context: SiteContext) -> str:
    return NOT_IN_KEY.sub("", context.site.hostname) or "localhost"


def cap_identifier(context: SiteContext, notice: m.NoticePage, published_at: datetime.datetime) -> str:
    moment = published_at.astimezone(datetime.UTC)
    return NOT_IN_KEY.sub("", f"{cap_sender(context)}-notice-{notice.pk}-{moment:%Y%m%dT%H%M%SZ}")


def cap_key(context: SiteContext, notice: m.NoticePage, published_at: datetime.datetime) -> str:
    """"sender,identifier,sent" of the message sent for the publication at `published_at`."""
    return ",".join([cap_sender(context), cap_identifier(context, notice, published_at), cap_time(published_at)])


def cap_message(context: SiteContext, notice: m.NoticePage) -> tuple[str, list[str]]:
    """The message type and the keys of the earlier messages it references (none for a first `Alert`)."""
    first = notice.first_published_at
    sent = notice.last_published_at or context.now
    if first is None or cap_identifier(context, notice, first) == cap_identifier(context, notice, sent):
        return "Alert", []
    return "Update", [cap_key(context, notice, first)]


def _text(value: object) -> str:
    return NOT_XML.sub("", str(value))


def cap_alert(request: HttpRequest, notice: m.NoticePage, context: SiteContext) -> ET.Element:
    """The CAP 1.2 `<alert>` for the notice as it is published now."""
    ET.register_namespace("", CAP_NS)

    def sub(parent, tag, text=None):
        element = ET.SubElement(parent, f"{{{CAP_NS}}}{tag}")
        if text is not None:
            element.text = _text(text)
        return element

    sent = notice.last_published_at or context.now
    msg_type, references = cap_message(context, notice)
    alert = ET.Element(f"{{{CAP_NS}}}alert")
    sub(alert, "identifier", cap_identifier(context, notice, sent))
    sub(alert, "sender", cap_sender(context))
    sub(alert, "sent", cap_time(sent))
    sub(alert, "status", "Actual")
    sub(alert, "msgType", msg_type)
    sub(alert, "scope", "Public")
    if references:
        sub(alert, "references", " ".join(references))
    info = sub(alert, "info")
    sub(info, "language", "vi-VN")
    sub(info, "category", CATEGORY.get(notice.notice_kind, "Other"))
    sub(info, "event", notice.get_notice_kind_display())
    sub(info, "urgency", URGENCY.get(notice.urgency, "Unknown"))
    sub(info, "severity", SEVERITY.get(notice.disaster_risk_level, "Unknown"))
    sub(info, "certainty", "Likely" if notice.notice_kind == "weather" else "Observed")
    sub(info, "effective", cap_time(notice.valid_from))
    sub(info, "onset", cap_time(notice.valid_from))
    if notice.valid_until:
        sub(info, "expires", cap_time(notice.valid_until))
    sub(info, "senderName", context.site.site_name)
    sub(info, "headline", notice.title[:160])
    sub(info, "description", notice.summary or plain_text(body_html(request, notice, context)))
    sub(info, "web", context.public_url(notice))
    areas = list(notice.areas.all())
    area = sub(info, "area")
    sub(area, "areaDesc", ", ".join(u.name for u in areas) or context.site.site_name)
    for venue in notice.venues.all():
        if venue.latitude is not None and venue.longitude is not None:
            sub(area, "circle", f"{venue.latitude},{venue.longitude} 0.5")
    for unit in areas:
        geocode = sub(area, "geocode")
        sub(geocode, "valueName", "VN-ADMIN-CODE")
        sub(geocode, "value", unit.code)
    return alert
