"""Loading the public content behind search documents: what ``exam_news.public`` says is public now, in batches
(queries per batch, never per item)."""

from collections import defaultdict
from collections.abc import Iterable, Iterator

from wagtail.models import Page

from cms.areas import counterparts
from cms.models import ROOT_PATH_LENGTH, AdministrativeUnit
from exam_news import models as m
from exam_news.kinds import article_kind_of
from exam_news.public.site import SiteContext, province_roots, root_context
from exam_news.public.visibility import is_public, public
from search import documents as d
from search.types import AreaRef, SearchDocument


def place_of(context: SiteContext) -> d.Place:
    return d.Place(root=context.root_path, root_url_path=context.root_url_path,
                   portal_base_url=context.portal_base_url)


def area_index(unit_ids: Iterable[int]) -> d.AreaIndex:
    related = counterparts(unit_ids)
    units = AdministrativeUnit.objects.in_bulk({pk for ids in related.values() for pk in ids})
    index = d.AreaIndex()
    for unit_id, ids in related.items():
        ordered = [unit_id, *sorted(ids - {unit_id})]
        index.refs[unit_id] = tuple(AreaRef(code=units[pk].code, name=units[pk].name, level=units[pk].level)
                                    for pk in ordered if pk in units)
    return index


def documents_under(path: str) -> list[SearchDocument]:
    """Every public search document whose page lies at or below ``path``."""
    if len(path) < ROOT_PATH_LENGTH:
        return [doc for root in province_roots() for doc in documents_under(root)]
    context = root_context(path[:ROOT_PATH_LENGTH])
    if context is None:
        return []
    pages = list(public(Page.objects.filter(path__startswith=path), context).specific().iterator(chunk_size=2000))
    return list(_documents(pages, context))


def _documents(pages: list[Page], context: SiteContext) -> Iterator[SearchDocument]:
    place = place_of(context)
    articles = [p for p in pages if article_kind_of(p)]
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
        yield d.article_document(page, context.section_of(page), place, tags.get(page.pk, ()), areas)
    venue_indexes = {p.path[:-4]: p for p in pages if isinstance(p, m.VenueIndexPage)}
    for section in section_pages:
        yield d.section_document(section, place)
    for venue in venues:
        section = next(s for s in section_pages if s.pk == venue.section_id)
        yield d.venue_document(venue, section, venue_indexes.get(section.path), place, areas)
    schedules = [p for p in pages if isinstance(p, m.ScheduleIndexPage)]
    for schedule in schedules:
        section = context.section_of(schedule)
        if section is None:
            continue
        for session in m.ExamSession.objects.filter(page=schedule):
            yield d.session_document(session, schedule, section, place)
        for milestone in m.Milestone.objects.filter(page=schedule):
            yield d.milestone_document(milestone, schedule, section, place)


def venue_documents(venue_ids: Iterable[int]) -> tuple[list[SearchDocument], list[str]]:
    """Documents for these venues, and the keys of those that are gone or not public (venues are public while
    their section is)."""
    venue_ids = set(venue_ids)
    venues = list(m.ExamVenue.objects.filter(pk__in=venue_ids).select_related("section"))
    docs: list[SearchDocument] = []
    for venue in venues:
        section = venue.section
        context = root_context(section.path[:ROOT_PATH_LENGTH])
        if context is None or not is_public(section, context):
            continue
        index_page = public(m.VenueIndexPage.objects.child_of(section), context).first()
        unit_ids = [i for i in (venue.commune_id, venue.legacy_district_id) if i]
        docs.append(d.venue_document(venue, section, index_page, place_of(context), area_index(unit_ids)))
    found = {doc.key for doc in docs}
    return docs, [f"venue:{i}" for i in venue_ids if f"venue:{i}" not in found]


def all_documents() -> Iterator[SearchDocument]:
    for root in province_roots():
        yield from documents_under(root)
