import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.exam_news.factories import add_page, news

pytestmark = pytest.mark.django_db


def test_every_get_has_strong_etag_last_modified_and_capped_cache_control(client, portal):
    add_page(portal, news())
    response = client.get("/api/v1/news")
    assert response.status_code == 200
    assert response["ETag"].startswith('"') and not response["ETag"].startswith("W/")
    assert response["Last-Modified"].endswith("GMT")
    control = response["Cache-Control"]
    assert control.startswith("public, max-age=") and "s-maxage=" in control and "stale-while-revalidate=" in control


def test_if_none_match_gets_304_without_touching_the_database(client, portal):
    add_page(portal, news())
    first = client.get("/api/v1/news")
    with CaptureQueriesContext(connection) as queries:
        again = client.get("/api/v1/news", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304 and again.content == b""
    assert again["ETag"] == first["ETag"]
    assert len(queries) == 0


def test_if_modified_since_gets_304_without_touching_the_database(client, portal):
    first = client.get("/api/v1/sections")
    with CaptureQueriesContext(connection) as queries:
        again = client.get("/api/v1/sections", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert again.status_code == 304 and len(queries) == 0


def test_a_changed_etag_gets_the_full_response(client, portal):
    response = client.get("/api/v1/sections", HTTP_IF_NONE_MATCH='"stale"')
    assert response.status_code == 200 and response.json()


def test_cached_response_is_served_without_queries_until_something_is_published(client, portal):
    add_page(portal, news("Tin thứ nhất"))
    first = client.get("/api/v1/news")
    with CaptureQueriesContext(connection) as queries:
        cached = client.get("/api/v1/news")
    assert len(queries) == 0 and cached.content == first.content

    add_page(portal, news("Tin thứ hai"))  # publishing bumps the generation
    fresh = client.get("/api/v1/news")
    assert fresh.json()["count"] == 2
    assert fresh["ETag"] != first["ETag"]
    assert client.get("/api/v1/news", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 200


@pytest.mark.parametrize("change", ["unpublish", "delete", "move", "venue"])
def test_cache_is_invalidated_by_unpublish_delete_move_and_snippet_changes(client, portal, change):
    from exam_news import models as m
    from tests.exam_news.factories import index_of
    from tests.fixtures import unit

    page = add_page(portal, news("Tin sẽ thay đổi"))
    venue = m.ExamVenue.objects.create(section=portal, code="001", name="Trường A", address="Số 1",
                                       commune=unit("30307"))
    before_news = client.get("/api/v1/news").json()
    before_venues = client.get("/api/v1/venues").json()
    if change == "unpublish":
        page.unpublish()
    elif change == "delete":
        page.delete()
    elif change == "move":
        page.move(index_of(portal, m.StoryIndexPage), pos="last-child")
    else:
        venue.name = "Trường B"
        venue.save()
    after_news = client.get("/api/v1/news").json()
    after_venues = client.get("/api/v1/venues").json()
    if change == "venue":
        assert after_venues["results"][0]["name"] == "Trường B" != before_venues["results"][0]["name"]
    elif change == "move":
        assert after_news["results"][0]["url"] != before_news["results"][0]["url"]
    else:
        assert after_news["count"] == before_news["count"] - 1


def test_api_keeps_answering_from_the_database_when_redis_is_down(client, portal, settings):
    from django.core.cache import cache as default_cache

    # A closed port: every cache call fails fast and is ignored (settings.CACHES is swapped by the fixture).
    settings.CACHES = {"default": {
        "BACKEND": "django_redis.cache.RedisCache", "LOCATION": "redis://127.0.0.1:1/0",
        "OPTIONS": {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 0.2, "SOCKET_TIMEOUT": 0.2},
    }}
    assert default_cache.get("anything") is None
    add_page(portal, news("Tin khi Redis hỏng"))
    response = client.get("/api/v1/news")
    assert response.status_code == 200
    assert response.json()["results"][0]["title"] == "Tin khi Redis hỏng"
    assert response["ETag"]
    again = client.get("/api/v1/news", HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304  # still correct, just not cached


def test_cors_allows_configured_portal_origins_only(client, portal, settings):
    settings.CORS_ALLOWED_ORIGINS = ["https://tanchau.angiang.gov.vn"]
    allowed = client.get("/api/v1/sections", HTTP_ORIGIN="https://tanchau.angiang.gov.vn")
    assert allowed["Access-Control-Allow-Origin"] == "https://tanchau.angiang.gov.vn"
    other = client.get("/api/v1/sections", HTTP_ORIGIN="https://evil.example")
    assert "Access-Control-Allow-Origin" not in other
    preflight = client.options("/api/v1/news", HTTP_ORIGIN="https://tanchau.angiang.gov.vn",
                               HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET")
    assert preflight.status_code == 200 and "GET" in preflight["Access-Control-Allow-Methods"]


def test_publishing_a_snippet_with_draft_state_invalidates_the_cache(portal):
    from wagtail.signals import published

    from cms import generation
    from exam_news.models.radio import Bulletin

    before = generation.current()
    published.send(sender=Bulletin, instance=None, revision=None)
    assert generation.current() != before
