"""What content changes re-index: every route by which published content appears, changes or disappears."""

from django.db.models.signals import post_delete, post_save
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move, pre_page_move

from cms.models import ProvinceSettings
from exam_news.models import ExamVenue
from search import sync, synonyms
from search.models import SearchSynonym


def _page_changed(sender, instance: Page, **kwargs) -> None:
    sync.schedule(paths=[instance.path])


def _page_deleted(sender, instance, **kwargs) -> None:
    if isinstance(instance, Page):
        sync.schedule(paths=[instance.path])


def _page_moved(sender, instance: Page, **kwargs) -> None:
    sync.schedule(paths=[Page.objects.get(pk=instance.pk).path])


def _venue_changed(sender, instance: ExamVenue, **kwargs) -> None:
    sync.schedule(venue_ids=[instance.pk])


def _portal_changed(sender, instance: ProvinceSettings, **kwargs) -> None:
    sync.schedule(paths=[instance.site.root_page.path])  # public URLs follow the portal address


def _synonyms_changed(sender, **kwargs) -> None:
    synonyms.reset()  # this process at once; the others within synonyms.KEEP_SECONDS


def connect() -> None:
    page_published.connect(_page_changed, dispatch_uid="search-publish")
    page_unpublished.connect(_page_changed, dispatch_uid="search-unpublish")
    pre_page_move.connect(_page_changed, dispatch_uid="search-move-from")  # the old path, before the move
    post_page_move.connect(_page_moved, dispatch_uid="search-move-to")
    post_delete.connect(_page_deleted, dispatch_uid="search-page-delete")
    post_save.connect(_venue_changed, sender=ExamVenue, dispatch_uid="search-venue-save")
    post_delete.connect(_venue_changed, sender=ExamVenue, dispatch_uid="search-venue-delete")
    post_save.connect(_portal_changed, sender=ProvinceSettings, dispatch_uid="search-portal")
    post_save.connect(_synonyms_changed, sender=SearchSynonym, dispatch_uid="search-synonym-save")
    post_delete.connect(_synonyms_changed, sender=SearchSynonym, dispatch_uid="search-synonym-delete")
