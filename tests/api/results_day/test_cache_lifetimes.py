"""Cache lifetimes are computed as each response leaves, and none reaches past 08:00:00."""

import math
import re

import pytest

from exam_news.releasing import release_due_bundles
from tests.api.results_day.conftest import MOMENT, RELEASED_TITLE, at
from tests.exam_news.factories import add_page, notice

pytestmark = pytest.mark.django_db


def lifetimes(response) -> dict[str, int]:
    return {name: int(value) for name, value in re.findall(r"([a-z-]+)=(\d+)", response["Cache-Control"])}


def reach(response) -> int:
    """How long any cache may keep and reuse this response (stale-while-revalidate included)."""
    values = lifetimes(response)
    return max(values["max-age"], values["s-maxage"]) + values.get("stale-while-revalidate", 0)


def paths(results_day) -> list[str]:
    return ["/api/v1/news", f"/api/v1/items/{results_day['earlier'].pk}", "/api/v1/feeds/news.rss",
            "/api/v1/feeds/news.atom"]


@pytest.mark.parametrize("offset", [-120, -1, -0.5])
def test_no_lifetime_reaches_past_the_moment_even_from_an_older_cached_copy(client, results_day, offset):
    with at(-120):
        for path in paths(results_day):
            assert client.get(path).status_code == 200  # cached at 07:58:00
    with at(offset):
        for path in paths(results_day):
            response = client.get(path)
            assert response.status_code == 200
            assert reach(response) <= math.floor(-offset), (path, response["Cache-Control"])
            assert RELEASED_TITLE not in response.content.decode()
            revalidated = client.get(path, HTTP_IF_NONE_MATCH=response["ETag"])
            assert revalidated.status_code == 304
            assert reach(revalidated) <= math.floor(-offset), (path, revalidated["Cache-Control"])


def test_at_the_moment_an_unreleased_bundle_makes_every_response_uncacheable(client, results_day):
    with at(-1):
        for path in paths(results_day):
            client.get(path)
    for offset in (0, 0.5):
        with at(offset):  # the scheduler has not run yet
            for path in paths(results_day):
                response = client.get(path)
                assert lifetimes(response)["max-age"] == 0 and lifetimes(response)["s-maxage"] == 0
                assert "stale-while-revalidate" not in response["Cache-Control"]
                assert client.get(path, HTTP_IF_NONE_MATCH=response["ETag"])["Cache-Control"] == \
                    response["Cache-Control"]


@pytest.mark.parametrize("release_offset", [0, 0.5])
def test_released_content_is_served_as_soon_as_the_bundle_is_released(client, results_day, release_offset):
    with at(-1):
        before = {path: client.get(path) for path in paths(results_day)}
    with at(release_offset):
        assert release_due_bundles() == [results_day["bundle"]]
        news = client.get("/api/v1/news")
        assert RELEASED_TITLE in news.content.decode()
        assert client.get("/api/v1/news", HTTP_IF_NONE_MATCH=before["/api/v1/news"]["ETag"]).status_code == 200
        assert RELEASED_TITLE in client.get("/api/v1/feeds/news.rss").content.decode()
        assert client.get(f"/api/v1/items/{results_day['held'].pk}").status_code == 200
    with at(1):
        response = client.get("/api/v1/news")
        assert RELEASED_TITLE in response.content.decode()
        assert lifetimes(response)["max-age"] > 0  # nothing scheduled any more: cacheable again


def test_a_copy_cached_before_a_timed_change_is_not_served_after_it(client, portal):
    """A notice that starts at 08:00 changes the lists by the clock alone, with no publication: the copy
    cached at 07:59:59 must not be served at 08:00:00."""
    with at(-3600):
        add_page(portal, notice(title="Cảnh báo dông lốc sáng 16/7", valid_from=MOMENT,
                                valid_until=MOMENT.replace(hour=18)))
    with at(-1):
        assert client.get("/api/v1/notices/active").json()["results"] == []
    with at(0):
        response = client.get("/api/v1/notices/active")
        assert [item["title"] for item in response.json()["results"]] == ["Cảnh báo dông lốc sáng 16/7"]
        assert reach(response) <= 10 * 3600  # capped at the notice's end, 18:00
