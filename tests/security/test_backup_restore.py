import gzip
import json

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.management import CommandError, call_command
from wagtail.models import Page, ReferenceIndex, Revision

from cms.management.commands.restore_content import Command as Restore
from cms.models import MediaDocument, MediaImage
from exam_news import models as m
from search.models import SearchEntry

ENDPOINTS = ["/api/v1/news?page_size=100", "/api/v1/schedule?section=thpt:2025", "/api/v1/venues?page_size=100",
             "/api/v1/search?q=diem+thi", "/api/v1/search?q=lịch thi môn toán&page_size=50"]


def snapshot(client) -> dict[str, bytes]:
    cache.clear()
    responses = {url: client.get(url) for url in ENDPOINTS}
    assert all(r.status_code == 200 for r in responses.values())
    return {url: r.content for url, r in responses.items()}


def delete_content():
    for model in (m.Bulletin, m.ReleaseBundle):
        model.objects.all().delete()
    Page.objects.filter(depth__gt=1).delete()
    for model in (m.ExamVenue, m.Topic, m.Abbreviation, MediaImage, MediaDocument, SearchEntry):
        model.objects.all().delete()  # a restore goes into an empty database: no search index either


@pytest.mark.django_db
def test_backup_and_restore_round_trip_is_byte_identical(client, tmp_path):
    call_command("load_demo")
    call_command("search_index", "rebuild", "--backend", "database")  # as scripts/serve does
    before = snapshot(client)
    assert json.loads(before[ENDPOINTS[0]])["count"] > 0
    assert json.loads(before[ENDPOINTS[2]])["count"] > 0
    assert json.loads(before[ENDPOINTS[3]])["total"] > 0 and json.loads(before[ENDPOINTS[4]])["total"] > 0
    pages, revisions = Page.objects.count(), Revision.objects.count()
    indexed = SearchEntry.objects.count()
    assert indexed > 0

    out = tmp_path / "backup.json.gz"
    call_command("backup_content", str(out))
    with gzip.open(out, "rt", encoding="utf-8") as fh:
        backup = json.load(fh)
    models = {obj["model"] for obj in backup["objects"]}
    assert {"wagtailcore.page", "wagtailcore.revision", "exam_news.newspage", "exam_news.examvenue",
            "exam_news.topic", "cms.administrativeunit", "auth.group"} <= models
    assert not models & {"contenttypes.contenttype", "auth.permission", "sessions.session",
                         "cms.webhookdelivery", "wagtailsearch.indexentry", "otp_totp.totpdevice"}

    with pytest.raises(CommandError, match="đã có nội dung"):
        call_command("restore_content", str(out))

    delete_content()
    cache.clear()
    assert client.get(ENDPOINTS[0]).content != before[ENDPOINTS[0]]

    call_command("restore_content", str(out))
    assert (Page.objects.count(), Revision.objects.count()) == (pages, revisions)
    assert ReferenceIndex.objects.exists()
    assert SearchEntry.objects.count() == indexed  # the public search index, not only Wagtail's
    assert json.loads(client.get("/api/v1/search?q=diem+thi").content)["total"] > 0
    news = m.NewsPage.objects.live().first()
    assert isinstance(news.get_latest_revision().as_object(), m.NewsPage)
    after = snapshot(client)
    for url in ENDPOINTS:
        if after[url] != before[url]:
            i = next(i for i, (a, b) in enumerate(zip(after[url], before[url], strict=False)) if a != b)
            print(url, before[url][i - 300:i + 60], after[url][i - 300:i + 60])
        assert after[url] == before[url], url


def test_restore_refuses_a_file_that_is_not_a_backup(tmp_path, db):
    bad = tmp_path / "x.json.gz"
    with gzip.open(bad, "wt") as fh:
        json.dump([{"model": "auth.group", "pk": 1, "fields": {"name": "x"}}], fh)
    with pytest.raises(CommandError, match="không phải bản sao lưu"):
        call_command("restore_content", str(bad))


def test_revision_content_types_are_remapped_by_natural_key(db):
    objects = [{"model": "wagtailcore.revision", "pk": 1, "fields": {"content": {"content_type": 99999}}},
               {"model": "wagtailcore.page", "pk": 1, "fields": {"content_type": ["exam_news", "newspage"]}}]
    Restore.remap_content_types(objects, {"99999": ["exam_news", "newspage"]})
    assert objects[0]["fields"]["content"]["content_type"] == ContentType.objects.get_for_model(m.NewsPage).pk
