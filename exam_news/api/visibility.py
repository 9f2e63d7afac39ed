"""What the public may see through the API, per site: nothing unpublished, expired or not yet live."""

import datetime
from dataclasses import dataclass, field
from functools import reduce
from operator import or_

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import HttpRequest
from django.utils import timezone
from wagtail.models import Page, Site

from cms.models import ProvinceSettings
from exam_news import models as m
from exam_news.api.errors import NotFound
from exam_news.api.params import AreaFilter

KINDS: dict[str, type[m.ExamContentPage]] = {
    "news": m.NewsPage, "story": m.StoryPage, "results": m.ResultsPage, "directive": m.DirectivePage,
    "notice": m.NoticePage, "rebuttal": m.RebuttalPage, "faq": m.QuestionPage,
}
KIND_OF_MODEL = {model: kind for kind, model in KINDS.items()}


@dataclass
class SiteContext:
    site: Site
    root_path: str
    root_url_path: str
    portal_base_url: str
    now: datetime.datetime
    sections: dict[str, m.ExamSectionPage] = field(default_factory=dict)
    hidden_prefixes: list[str] = field(default_factory=list)

    def section_of(self, page: Page) -> m.ExamSectionPage | None:
        for path, section in self.sections.items():
            if page.path.startswith(path):
                return section
        return None

    def public_url(self, page: Page) -> str:
        relative = page.url_path[len(self.root_url_path) - 1:]
        return f"{self.portal_base_url}{relative}"


def site_context(request: HttpRequest) -> SiteContext:
    cached = getattr(request, "_mua_thi_site_context", None)
    if cached is not None:
        return cached
    from exam_news.api.caching import memoised

    site = memoised(f"host:{request.get_host()}", lambda: Site.find_for_request(request))
    if site is None:
        raise NotFound("Không có cổng tỉnh nào phục vụ tên miền này.")
    parts = memoised(f"site:{site.pk}", lambda: _site_parts(site))
    context = SiteContext(site=site, now=timezone.now(), **parts)
    request._mua_thi_site_context = context
    return context


def _site_parts(site: Site) -> dict:
    """What the site's public tree looks like; changes only when content is published or expires."""
    root = site.root_page
    now = timezone.now()
    settings = ProvinceSettings.for_site(site)
    below = Page.objects.filter(path__startswith=root.path, depth__gt=root.depth, depth__lte=root.depth + 2)
    hidden = [p.path for p in below.filter(Q(live=False) | Q(expire_at__lte=now)).only("path")]
    sections = m.ExamSectionPage.objects.filter(path__startswith=root.path, live=True).exclude(
        expire_at__lte=now).order_by("-year", "kind")
    return {
        "root_path": root.path, "root_url_path": root.url_path, "hidden_prefixes": hidden,
        "portal_base_url": (settings.portal_base_url or site.root_url).rstrip("/"),
        "sections": {s.path: s for s in sections},
    }


def public(queryset: QuerySet, context: SiteContext) -> QuerySet:
    """Live, unexpired pages under a live section of the site, with no unpublished ancestor."""
    if not context.sections:
        return queryset.none()
    queryset = queryset.filter(live=True).filter(Q(expire_at__isnull=True) | Q(expire_at__gt=context.now))
    queryset = queryset.filter(reduce(or_, (Q(path__startswith=p) for p in context.sections)))
    for prefix in context.hidden_prefixes:
        queryset = queryset.exclude(path__startswith=prefix)
    return queryset


def in_sections(queryset: QuerySet, sections: list[m.ExamSectionPage]) -> QuerySet:
    return queryset.filter(reduce(or_, (Q(path__startswith=s.path) for s in sections))) if sections \
        else queryset.none()


def in_area(queryset: QuerySet, area: AreaFilter | None) -> QuerySet:
    if area is None:
        return queryset
    through = m.ExamContentPage.areas.through
    tagged = Exists(through.objects.filter(examcontentpage_id=OuterRef("pk"),
                                           administrativeunit_id__in=area.unit_ids))
    condition = Q(tagged)
    if area.include_province_wide:
        condition |= ~Exists(through.objects.filter(examcontentpage_id=OuterRef("pk")))
    return queryset.filter(condition)
