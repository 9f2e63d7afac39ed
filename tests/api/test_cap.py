"""CAP 1.2 messages checked against OASIS's own schema (tests/api/cap/CAP-v1.2.xsd, see NOTICE.md there)."""

import datetime
import hashlib
from pathlib import Path

import pytest
import time_machine
from django.core.cache import cache
from django.core.management import call_command
from lxml import etree

from exam_news import models as m
from exam_news.api.cap import cap_time
from tests.exam_news.factories import add_page, notice

pytestmark = pytest.mark.django_db
SCHEMA_FILE = Path(__file__).parent / "cap" / "CAP-v1.2.xsd"
SCHEMA_SHA256 = "b7798ef25868b068c97b268bda02d067c7d4ba9373adc5638bf37105804ee723"
NS = {"cap": "urn:oasis:names:tc:emergency:cap:1.2"}
SAFE_PARSER = etree.XMLParser(resolve_entities=False, no_network=True)


@pytest.fixture(scope="module")
def cap_schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMA_FILE), SAFE_PARSER))


def alert_of(client, notice_id: int) -> etree._Element:
    response = client.get(f"/api/v1/feeds/cap/{notice_id}.xml")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/cap+xml; charset=utf-8"
    return etree.fromstring(response.content, SAFE_PARSER)  # raises on XML that is not well-formed


def assert_valid(schema: etree.XMLSchema, alert: etree._Element) -> None:
    assert schema.validate(alert), "\n".join(str(e) for e in schema.error_log)


def key_of(alert: etree._Element) -> str:
    """The CAP message key, "sender,identifier,sent", as <references> names it."""
    sender, identifier = alert.findtext("cap:sender", namespaces=NS), alert.findtext("cap:identifier", namespaces=NS)
    for part in (sender, identifier):  # CAP 1.2 §3.2.1: no spaces, commas or restricted characters
        assert part and not set(part) & set(" \t\n,<&"), part
    return f"{sender},{identifier},{alert.findtext('cap:sent', namespaces=NS)}"


def test_schema_is_oasis_copy_unmodified():
    assert hashlib.sha256(SCHEMA_FILE.read_bytes()).hexdigest() == SCHEMA_SHA256


def test_schema_refuses_what_cap_forbids(cap_schema):
    """The validator is not a formality: a message with an unknown msgType or a `Z` time zone fails."""
    valid = (b'<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>x-1</identifier>'
             b"<sender>x</sender><sent>2025-06-26T07:00:00+07:00</sent><status>Actual</status>"
             b"<msgType>Alert</msgType><scope>Public</scope></alert>")
    assert cap_schema.validate(etree.fromstring(valid))
    assert not cap_schema.validate(etree.fromstring(valid.replace(b">Alert<", b">Warning<")))
    assert not cap_schema.validate(etree.fromstring(valid.replace(b"07:00:00+07:00", b"00:00:00Z")))


def test_every_demo_notice_is_valid_cap(client, cap_schema):
    call_command("load_demo")
    cache.clear()
    notices = list(m.NoticePage.objects.live())
    assert len(notices) >= 4 and {n.notice_kind for n in notices} >= {"weather", "traffic", "urgent"}
    for page in notices:
        alert = alert_of(client, page.pk)
        assert_valid(cap_schema, alert)
        key_of(alert)


def test_republished_notice_is_an_update_referencing_its_alert(client, portal, long_xuyen, cap_schema):
    with time_machine.travel(datetime.datetime(2025, 6, 25, 8, 0, tzinfo=datetime.UTC), tick=False):
        page = add_page(portal, notice(title="Cảnh báo mưa dông"), areas=[long_xuyen])
        first = alert_of(client, page.pk)
    assert_valid(cap_schema, first)
    assert first.findtext("cap:msgType", namespaces=NS) == "Alert"
    assert first.find("cap:references", NS) is None
    assert first.findtext("cap:sent", namespaces=NS) == "2025-06-25T15:00:00+07:00"

    with time_machine.travel(datetime.datetime(2025, 6, 25, 9, 30, tzinfo=datetime.UTC), tick=False):
        page.title = "Cảnh báo mưa dông (cập nhật)"
        page.save_revision().publish()
        cache.clear()
        update = alert_of(client, page.pk)
    assert_valid(cap_schema, update)
    assert update.findtext("cap:msgType", namespaces=NS) == "Update"
    assert update.findtext("cap:references", namespaces=NS) == key_of(first)
    assert key_of(update) != key_of(first)
    assert update.findtext("cap:sent", namespaces=NS) == "2025-06-25T16:30:00+07:00"

    with time_machine.travel(datetime.datetime(2025, 6, 25, 10, 0, tzinfo=datetime.UTC), tick=False):
        page.save_revision().publish()  # a second update still names the original alert
        cache.clear()
        again = alert_of(client, page.pk)
    assert_valid(cap_schema, again)
    assert again.findtext("cap:references", namespaces=NS) == key_of(first)


def test_control_characters_pasted_into_a_notice_still_give_well_formed_cap(client, portal, cap_schema):
    page = add_page(portal, notice(title="Cảnh báo\x0b mưa dông", summary="Mưa to\x0c chiều nay\x01."))
    alert = alert_of(client, page.pk)
    assert_valid(cap_schema, alert)
    assert alert.findtext("cap:info/cap:headline", namespaces=NS) == "Cảnh báo mưa dông"
    assert alert.findtext("cap:info/cap:description", namespaces=NS) == "Mưa to chiều nay."


def test_utc_is_written_minus_zero(settings, client, portal, cap_schema):
    settings.TIME_ZONE = "UTC"
    moment = datetime.datetime(2025, 6, 25, 8, 0, 5, 123456, tzinfo=datetime.UTC)
    assert cap_time(moment) == "2025-06-25T08:00:05-00:00"
    page = add_page(portal, notice())
    alert = alert_of(client, page.pk)
    assert_valid(cap_schema, alert)
    assert alert.findtext("cap:sent", namespaces=NS).endswith("-00:00")
