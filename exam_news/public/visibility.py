"""The one rule of what the public may see now.

A page is public when it is live and unexpired, has no unpublished or expired ancestor, lies inside a live exam
section of its province site, and is not held back by a release bundle whose moment has not come. Expiry is
checked against the moment of the request, not only when the scheduler runs. Every channel filters with
``public``; nothing else decides it.
"""

from collections.abc import Iterable
from functools import reduce
from operator import or_

from django.db.models import Exists, OuterRef, Q, QuerySet
from wagtail.models import Page

from cms.models import ROOT_PATH_LENGTH
from exam_news import models as m
from exam_news.public.site import SiteContext, root_context


def public(queryset: QuerySet, context: SiteContext) -> QuerySet:
    if not context.sections:
        return queryset.none()
    queryset = queryset.filter(live=True).filter(Q(expire_at__isnull=True) | Q(expire_at__gt=context.now))
    queryset = queryset.filter(reduce(or_, (Q(path__startswith=p) for p in context.sections)))
    for prefix in context.hidden_prefixes:
        queryset = queryset.exclude(path__startswith=prefix)
    if context.held_page_ids:
        queryset = queryset.exclude(pk__in=context.held_page_ids)
    return queryset


def is_public(page: Page, context: SiteContext | None = None) -> bool:
    context = context or root_context(page.path[:ROOT_PATH_LENGTH])
    return context is not None and public(Page.objects.filter(pk=page.pk), context).exists()


def any_public(page_ids: Iterable[int]) -> bool:
    """Whether any of these pages (of any province site) is public now."""
    ids = set(page_ids)
    roots = {path[:ROOT_PATH_LENGTH] for path in Page.objects.filter(pk__in=ids).values_list("path", flat=True)}
    for root in sorted(roots):
        context = root_context(root)
        if context is not None and public(Page.objects.filter(pk__in=ids), context).exists():
            return True
    return False


def in_sections(queryset: QuerySet, sections: list[m.ExamSectionPage]) -> QuerySet:
    return queryset.filter(reduce(or_, (Q(path__startswith=s.path) for s in sections))) if sections \
        else queryset.none()


def in_area(queryset: QuerySet, unit_ids: Iterable[int], include_province_wide: bool = True) -> QuerySet:
    """Content tagged with any of ``unit_ids`` (already expanded, see ``cms.areas``), and untagged
    (province-wide) content unless excluded."""
    through = m.ExamContentPage.areas.through
    tagged = Exists(through.objects.filter(examcontentpage_id=OuterRef("pk"), administrativeunit_id__in=unit_ids))
    condition = Q(tagged)
    if include_province_wide:
        condition |= ~Exists(through.objects.filter(examcontentpage_id=OuterRef("pk")))
    return queryset.filter(condition)
