"""Which responses results-day traffic hits, per province site."""

import json
from collections.abc import Iterable

from wagtail.models import Site

from cms.models import AdministrativeUnit, ProvinceHomePage
from exam_news.kinds import ARTICLE_KINDS

API = "/api/v1"
REFERENCE = ["/sections", "/schedule", "/venues", "/notices/active"]
FEEDS = ["/feeds/news.rss", "/feeds/news.atom", "/feeds/schedule.ics", "/feeds/venues.geojson", "/feeds/cap.atom"]
KIND_LISTS = {"story": "/stories", "results": "/results", "directive": "/directives", "notice": "/notices",
              "rebuttal": "/rebuttals", "faq": "/faq"}


def reference_paths() -> list[str]:
    """Sections, schedule, venues, notices in force and the feeds: fixed addresses."""
    return [API + p for p in REFERENCE + FEEDS]


def news_list_paths(site: Site) -> list[str]:
    """The first page of the news stream, of each kind, and of each commune of the province."""
    paths = [f"{API}/news"]
    paths += [f"{API}{KIND_LISTS[kind]}" for kind in ARTICLE_KINDS if kind in KIND_LISTS]
    paths += [f"{API}/news?area={code}" for code in area_codes(site)]
    return paths


def area_codes(site: Site) -> list[str]:
    home = ProvinceHomePage.objects.filter(pk=site.root_page_id).only("province_id").first()
    if home is None or home.province_id is None:
        return []
    return list(AdministrativeUnit.objects.current().communes().filter(parent_id=home.province_id)
                .order_by("code").values_list("code", flat=True))


def item_paths(list_bodies: Iterable[bytes]) -> list[str]:
    """The details of every item on these news lists."""
    ids: set[int] = set()
    for body in list_bodies:
        try:
            data = json.loads(body)
        except ValueError:
            continue
        if isinstance(data, dict) and isinstance(data.get("results"), list):
            ids.update(item["id"] for item in data["results"] if isinstance(item, dict) and "id" in item)
    return [f"{API}/items/{pk}" for pk in sorted(ids)]
