"""The static mirror holds exactly what the API serves, switches generations whole, and steps aside on change."""

import json
import os
import re

import pytest
from django.core.management import call_command
from django.utils.http import parse_http_date

from exam_news import mirror
from exam_news.mirror.store import file_name
from exam_news.releasing import release_due_bundles
from tests.api.results_day.conftest import RELEASED_TITLE, at
from tests.exam_news.factories import add_page, news

pytestmark = pytest.mark.django_db


@pytest.fixture
def mirror_root(settings, tmp_path):
    settings.MIRROR_ROOT = str(tmp_path / "mirror")
    return tmp_path / "mirror"


def served(root, path: str) -> bytes:
    return (root / "current" / "localhost" / file_name(path)).read_bytes()


def test_rebuild_writes_the_exact_bytes_and_validators_of_the_hot_set(client, portal, mirror_root):
    first = add_page(portal, news("Danh sách điểm thi"))
    assert mirror.rebuild() is not None
    for path in ["/api/v1/news", "/api/v1/sections", "/api/v1/schedule", "/api/v1/venues", "/api/v1/results",
                 "/api/v1/feeds/news.rss", "/api/v1/feeds/schedule.ics", f"/api/v1/items/{first.pk}"]:
        response = client.get(path, HTTP_HOST="localhost")  # the site's host, as nginx forwards it
        assert served(mirror_root, path) == response.content, path
        mtime = os.stat(mirror_root / "current" / "localhost" / file_name(path)).st_mtime
        assert int(mtime) == parse_http_date(response["Last-Modified"])
    area_lists = [p.name for p in (mirror_root / "current" / "localhost" / "api" / "v1").iterdir()
                  if re.fullmatch(r"news@area=\d{5}", p.name)]
    assert area_lists  # the first page of the stream for each commune of the province
    status = mirror.status()
    assert status["serving"] and status["up_to_date"] and status["files"] >= 10
    assert os.readlink(mirror_root / "current").startswith("generations/")


def test_a_change_takes_the_mirror_offline_at_once_and_a_rebuild_brings_it_back(client, portal, mirror_root):
    mirror.rebuild()
    assert (mirror_root / "current").exists()
    add_page(portal, news("Tin mới"))  # publishing bumps the generation
    assert not (mirror_root / "current").exists()
    assert mirror.status() == {"enabled": True, "serving": False}
    mirror.rebuild()
    assert "Tin mới" in served(mirror_root, "/api/v1/news").decode()


def test_a_release_reaches_the_mirror_with_the_rest(client, results_day, mirror_root):
    with at(-30):
        mirror.rebuild()
        assert RELEASED_TITLE not in served(mirror_root, "/api/v1/news").decode()
    with at(0.2):
        release_due_bundles()
        assert not (mirror_root / "current").exists()
        mirror.rebuild()
        body = served(mirror_root, "/api/v1/news").decode()
        assert RELEASED_TITLE in body and body.encode() == client.get("/api/v1/news", HTTP_HOST="localhost").content
        assert served(mirror_root, f"/api/v1/items/{results_day['held'].pk}")


def test_a_build_overtaken_by_a_change_is_thrown_away(portal, mirror_root, monkeypatch):
    from cms import generation
    from exam_news.mirror import store

    real = store.render

    def render_and_change(site, path):
        if path.endswith("/venues"):
            generation.bump()
        return real(site, path)

    monkeypatch.setattr(store, "render", render_and_change)
    assert mirror.rebuild() is None
    assert not (mirror_root / "current").exists()
    assert list((mirror_root / "generations").iterdir()) == []


def test_old_generations_are_pruned(portal, mirror_root):
    for title in ("Một", "Hai", "Ba", "Bốn"):
        add_page(portal, news(title))
        mirror.rebuild()
    assert len(list((mirror_root / "generations").iterdir())) == 3


def test_mirror_command_reports_what_it_serves(portal, mirror_root, capsys):
    call_command("mirror", "rebuild")
    out = capsys.readouterr().out
    assert "tệp" in out and "khớp nội dung hiện tại" in out
    call_command("mirror", "status", verbosity=2)
    info = json.loads(capsys.readouterr().out.splitlines()[-1])
    assert info["serving"] and info["files"] > 0 and info["age_seconds"] >= 0
