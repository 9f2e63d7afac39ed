"""Loading the public content behind search documents, with the same visibility rules as the portal API:
live, unexpired, with no unpublished or expired ancestor. Queries are per batch, never per item."""

from collections import defaultdict
from collections.abc import Iterable, Iterator

from django.db.models import Q
from django.utils import timezone
from wagtail.models import Page, Site

from cms.models import AdministrativeUnit, ProvinceHomePage, ProvinceSettings
from exam_news import models as m
from search import documents as d
from search.types import AreaRef, SearchDocument

ROOT_LENGTH = 8  # province home pages sit at depth 2; Wagtail paths use 4 characters per level


def places() -> dict[str, d.Place]:
    homes = list(ProvinceHomePage.objects.only("path", "url_path"))
    sites = {s.root_page_id: s for s in Site.objects.filter(root_page__in=homes)}
    result = {}
    for home in homes:
        site = sites.get(home.pk)
        base = ""
        if site is not None:
            base = ProvinceSettings.for_site(site).portal_base_url or site.root_url
        result[home.path] = d.Place(root=home.path, root_url_path=home.url_path, portal_base_url=base.rstrip("/"))
    return result


def area_index(unit_ids: Iterable[int]) -> d.AreaIndex:
    units = AdministrativeUnit.objects.filter(pk__in=set(unit_ids)).prefetch_related("predecessors", "successors")
    index = d.AreaIndex()
    for unit in units:
        related = [*unit.predecessors.all(), *unit.successors.all()]
        index.refs[unit.pk] = tuple(AreaRef(code=u.code, name=u.name, level=u.level) for u in [unit, *related])
    return index


def _hidden(page: Page, now) -> bool:
    return not page.live or (page.expire_at is not None and page.expire_at <= now)


def documents_under(path: str) -> list[SearchDocument]:
    """Every public search document whose page lies at or below ``path``."""
    if len(path) < ROOT_LENGTH:
        return [doc for root in places() for doc in documents_under(root)]
    now = timezone.now()
    place = places().get(path[:ROOT_LENGTH])
    if place is None:
        return []
    ancestor_paths = [path[:i] for i in range(ROOT_LENGTH, len(path), 4)]
    if any(_hidden(p, now) for p in Page.objects.filter(path__in=ancestor_paths).only("live", "expire_at")):
        return []
    subtree = list(Page.objects.filter(path__startswith=path).only("path", "live", "expire_at", "content_type"))
    hidden = [p.path for p in subtree if _hidden(p, now)]
    visible_ids = [p.pk for p in subtree if not any(p.path.startswith(h) for h in hidden)]
    sections = {s.path: s for s in m.ExamSectionPage.objects.filter(path__startswith=path[:ROOT_LENGTH])}
    pages = list(Page.objects.filter(pk__in=visible_ids).specific().iterator(chunk_size=2000))
    return list(_documents(pages, sections, place))


def _section_of(page: Page, sections: dict[str, m.ExamSectionPage]) -> m.ExamSectionPage | None:
    for section_path, section in sections.items():
        if page.path.startswith(section_path):
            return section
    return None


def _documents(pages: list[Page], sections: dict[str, m.ExamSectionPage], place: d.Place) -> Iterator[SearchDocument]:
    articles = [p for p in pages if type(p) in d.ARTICLE_KIND]
    through = m.ExamContentPage.areas.through
    tags: dict[int, list[int]] = defaultdict(list)
    for page_id, unit_id in through.objects.filter(examcontentpage_id__in=[p.pk for p in articles]).values_list(
            "examcontentpage_id", "administrativeunit_id"):
        tags[page_id].append(unit_id)
    section_pages = [p for p in pages if isinstance(p, m.ExamSectionPage)]
    venues = list(m.ExamVenue.objects.filter(section__in=section_pages))
    venue_units = [i for v in venues for i in (v.commune_id, v.legacy_district_id) if i]
    areas = area_index([*(u for ids in tags.values() for u in ids), *venue_units])
    for page in articles:
        yield d.article_document(page, _section_of(page, sections), place, tags.get(page.pk, ()), areas)
    venue_indexes = {p.path[:-4]: p for p in pages if isinstance(p, m.VenueIndexPage)}
    for section in section_pages:
        yield d.section_document(section, place)
    for venue in venues:
        section = next(s for s in section_pages if s.pk == venue.section_id)
        yield d.venue_document(venue, section, venue_indexes.get(section.path), place, areas)
    schedules = [p for p in pages if isinstance(p, m.ScheduleIndexPage)]
    for schedule in schedules:
        section = _section_of(schedule, sections)
        if section is None:
            continue
        for session in m.ExamSession.objects.filter(page=schedule):
            yield d.session_document(session, schedule, section, place)
        for milestone in m.Milestone.objects.filter(page=schedule):
            yield d.milestone_document(milestone, schedule, section, place)


def venue_documents(venue_ids: Iterable[int]) -> tuple[list[SearchDocument], list[str]]:
    """Documents for these venues, and the keys of those that are gone or not public."""
    venue_ids = set(venue_ids)
    now = timezone.now()
    venues = list(m.ExamVenue.objects.filter(pk__in=venue_ids).select_related("section"))
    all_places = places()
    docs: list[SearchDocument] = []
    for venue in venues:
        section = venue.section
        place = all_places.get(section.path[:ROOT_LENGTH])
        chain = [section.path[:i] for i in range(ROOT_LENGTH, len(section.path) + 1, 4)]
        if place is None or any(_hidden(p, now) for p in Page.objects.filter(path__in=chain)):
            continue
        index_page = m.VenueIndexPage.objects.child_of(section).filter(Q(live=True)).first()
        unit_ids = [i for i in (venue.commune_id, venue.legacy_district_id) if i]
        docs.append(d.venue_document(venue, section, index_page, place, area_index(unit_ids)))
    found = {doc.key for doc in docs}
    return docs, [f"venue:{i}" for i in venue_ids if f"venue:{i}" not in found]


def all_documents() -> Iterator[SearchDocument]:
    for root in places():
        yield from documents_under(root)
