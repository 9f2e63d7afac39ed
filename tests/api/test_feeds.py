import datetime
from xml.etree import ElementTree as ET

import feedparser
import icalendar
import pytest
from django.core.cache import cache
from django.core.management import call_command

from exam_news import models as m

pytestmark = pytest.mark.django_db
CAP = "{urn:oasis:names:tc:emergency:cap:1.2}"


@pytest.fixture
def demo():
    call_command("load_demo")
    cache.clear()


@pytest.mark.parametrize(("path", "version"), [("/api/v1/feeds/news.rss", "rss20"),
                                               ("/api/v1/feeds/news.atom", "atom10")])
def test_rss_and_atom_parse_and_filter_by_area(client, demo, path, version):
    whole = feedparser.parse(client.get(path).content)
    assert whole.version == version and not whole.bozo
    assert len(whole.entries) >= 20
    assert all(e.link.startswith("https://angiang.gov.vn/") for e in whole.entries)
    local = feedparser.parse(client.get(f"{path}?area=30316&exclude_province_wide=1").content)
    assert 0 < len(local.entries) < len(whole.entries)
    stories = feedparser.parse(client.get(f"{path}?kind=story").content)
    titles = set(m.StoryPage.objects.values_list("title", flat=True))
    assert {e.title for e in stories.entries} == titles


def test_icalendar_schedule_is_valid_and_in_vietnam_time(client, demo):
    response = client.get("/api/v1/feeds/schedule.ics?section=thpt:2025")
    assert response["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.content)
    assert calendar["VERSION"] == "2.0" and calendar["PRODID"]
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Asia/Ho_Chi_Minh"]
    events = {str(e["SUMMARY"]): e for e in calendar.walk("VEVENT")}
    literature = events["Thi môn Ngữ văn"]
    start = literature.decoded("DTSTART")
    assert start == datetime.datetime(2025, 6, 26, 7, 35, tzinfo=start.tzinfo)
    assert start.utcoffset() == datetime.timedelta(hours=7)
    assert literature.decoded("DTEND") - start == datetime.timedelta(minutes=120)
    assert "06:30" in str(literature["DESCRIPTION"])
    assert len({str(e["UID"]) for e in events.values()}) == len(events)


def test_geojson_venues(client, demo):
    import json

    response = client.get("/api/v1/feeds/venues.geojson?section=thpt:2025")
    assert response["Content-Type"] == "application/geo+json; charset=utf-8"
    data = json.loads(response.content)
    assert data["type"] == "FeatureCollection"
    assert len(data["features"]) == m.ExamVenue.objects.filter(section__year=2025).count()
    for feature in data["features"]:
        lon, lat = feature["geometry"]["coordinates"]
        assert feature["geometry"]["type"] == "Point" and 102 < lon < 118 and 6 < lat < 24
    local = json.loads(client.get("/api/v1/feeds/venues.geojson?area=30316").content)
    assert {f["properties"]["commune_code"] for f in local["features"]} == {"30316"}


def test_cap_alert_for_the_active_weather_notice(client, demo):
    index = feedparser.parse(client.get("/api/v1/feeds/cap.atom").content)
    assert index.version == "atom10" and len(index.entries) == 1
    cap_url = index.entries[0].link
    response = client.get(cap_url.replace("http://testserver", ""))
    assert response["Content-Type"].startswith("application/cap+xml")
    alert = ET.fromstring(response.content)
    assert alert.tag == f"{CAP}alert"
    order = [child.tag.replace(CAP, "") for child in alert]
    assert order == ["identifier", "sender", "sent", "status", "msgType", "scope", "info"]
    info = alert.find(f"{CAP}info")
    assert info.findtext(f"{CAP}language") == "vi-VN"
    assert info.findtext(f"{CAP}category") == "Met"
    assert info.findtext(f"{CAP}severity") == "Minor"  # risk level 1
    assert info.findtext(f"{CAP}urgency") in {"Immediate", "Expected", "Future"}
    expires = datetime.datetime.fromisoformat(info.findtext(f"{CAP}expires"))
    assert expires.utcoffset() == datetime.timedelta(hours=7)
    assert info.find(f"{CAP}area/{CAP}areaDesc").text


def test_cap_index_skips_expired_notices(client, demo):
    from django.utils import timezone

    m.NoticePage.objects.update(valid_until=timezone.now() - datetime.timedelta(minutes=1))
    cache.clear()
    index = feedparser.parse(client.get("/api/v1/feeds/cap.atom").content)
    assert index.entries == []
