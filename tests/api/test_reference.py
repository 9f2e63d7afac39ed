import datetime

import pytest
from django.core.management import call_command

from exam_news import models as m
from tests.fixtures import unit

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(client):
    call_command("load_demo")
    from django.core.cache import cache

    cache.clear()


def test_sections_list_and_filters(client, demo):
    body = client.get("/api/v1/sections").json()
    assert [(s["kind"], s["year"]) for s in body] == [("thpt", 2026), ("thpt", 2025), ("thpt", 2024)]
    assert client.get("/api/v1/sections?year=2025").json()[0]["results_at"] == "2025-07-16T08:00:00+07:00"
    assert client.get("/api/v1/sections?kind=lop10").json() == []
    assert client.get("/api/v1/sections?kind=blog").status_code == 422


def test_schedule_for_a_section(client, demo):
    body = client.get("/api/v1/schedule?section=thpt:2025").json()
    literature = body["sessions"][0]
    assert (literature["subject"], literature["starts_at"], literature["duration_minutes"]) == (
        "Ngữ văn", "2025-06-26T07:35:00+07:00", 120)
    assert literature["json_ld"]["@type"] == "Event"
    assert {x["kind"] for x in body["milestones"]} >= {"procedures", "results", "appeal"}
    assert client.get("/api/v1/schedule").json()["section"]["year"] == 2026  # latest by default


def test_venues_for_a_commune_and_legacy_district(client, demo):
    body = client.get("/api/v1/venues?section=thpt:2025&area=30376").json()
    assert body["count"] >= 1
    venue = body["results"][0]
    assert venue["commune"]["code"] == "30376"
    assert venue["full_address"].endswith("Phường Tân Châu, An Giang")
    assert venue["json_ld"]["@type"] == "Place" and venue["json_ld"]["geo"]["latitude"] == venue["location"]["lat"]
    district = client.get("/api/v1/venues?area=887&page_size=100").json()
    successors = set(unit("887", "legacy_district").successors.values_list("code", flat=True))
    assert district["count"] >= body["count"]
    assert {v["commune"]["code"] for v in district["results"]} <= successors | {"30376"}
    one = client.get(f"/api/v1/venues/{venue['id']}").json()
    assert one["code"] == venue["code"]


def test_areas_endpoint_lists_successors_of_legacy_districts(client, portal):
    body = client.get("/api/v1/areas?level=legacy_district&parent=89&page_size=100").json()
    tan_chau = next(u for u in body["results"] if u["code"] == "887")
    assert "30376" in tan_chau["successor_codes"]
    assert tan_chau["valid_until"] == "2025-06-30"
    found = client.get("/api/v1/areas?q=long xuyen&level=commune").json()
    assert [u["code"] for u in found["results"]] == ["30307"]


def test_schedule_of_an_unpublished_schedule_is_404(client, portal):
    page = m.ScheduleIndexPage.objects.child_of(portal).get()
    page.unpublish()
    response = client.get("/api/v1/schedule?section=thpt:2025")
    assert response.status_code == 404


def test_venue_of_unpublished_section_is_hidden(client, home):
    from exam_news.sections import create_exam_section

    draft = create_exam_section(home, "thpt", 2030, exam_start=datetime.date(2030, 6, 10))
    m.ExamVenue.objects.create(section=draft, code="001", name="A", address="B", commune=unit("30307"))
    assert client.get("/api/v1/venues").json()["count"] == 0
