"""Content changes that invalidate the API's cached responses."""

from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, Revision, Site
from wagtail.signals import page_published, page_unpublished, post_page_move, published, unpublished

from cms import generation
from cms.models import AdministrativeUnit, MediaImage, ProvinceSettings
from exam_news import events
from exam_news.models import ExamVenue, ReleaseBundle, Topic


def _revision_scheduled(sender, instance: Revision, **kwargs) -> None:
    if instance.approved_go_live_at is not None:
        generation.bump()


def connect() -> None:
    # published/unpublished also cover snippets with draft state, such as radio bulletins.
    for signal in (page_published, page_unpublished, post_page_move, published, unpublished):
        signal.connect(generation.bump, dispatch_uid=f"api-cache-{id(signal)}")
    post_delete.connect(generation.bump, sender=Page, dispatch_uid="api-cache-page-delete")
    post_save.connect(_revision_scheduled, sender=Revision, dispatch_uid="api-cache-revision")
    page_published.connect(events.on_published, dispatch_uid="webhook-publish")
    page_unpublished.connect(events.on_unpublished, dispatch_uid="webhook-unpublish")
    post_save.connect(events.on_venue_saved, sender=ExamVenue, dispatch_uid="webhook-venue")
    for model in (ExamVenue, Topic, ProvinceSettings, AdministrativeUnit, ReleaseBundle, MediaImage, Site):
        post_save.connect(generation.bump, sender=model, dispatch_uid=f"api-cache-save-{model.__name__}")
        post_delete.connect(generation.bump, sender=model, dispatch_uid=f"api-cache-delete-{model.__name__}")
