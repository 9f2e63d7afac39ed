"""Generations of mirror files on the local disk, and the ``current`` pointer nginx follows.

MIRROR_ROOT/
  generations/<n>/<host>/api/v1/news@area=89101   the body of GET /api/v1/news?area=89101 on <host>
  generations/<n>/manifest.json                   what was built, when, from which content generation
  current -> generations/<n>                      switched with one rename; absent while suspended
"""

import contextlib
import datetime
import json
import logging
import os
import shutil
import time
from pathlib import Path

from django.conf import settings
from django.utils import timezone
from django.utils.http import parse_http_date_safe
from wagtail.models import Site

from cms import generation
from exam_news.mirror import hot_set
from exam_news.mirror.rendering import Rendered, host_of, render

logger = logging.getLogger(__name__)

KEEP_GENERATIONS = 3
MIRRORED_TYPES = {"application/json", "application/rss+xml", "application/atom+xml", "text/calendar",
                  "application/geo+json", "application/cap+xml"}


class _Overtaken(Exception):
    pass


def enabled() -> bool:
    return bool(settings.MIRROR_ROOT)


def lead_seconds() -> int:
    """How long before a scheduled change the mirror steps aside: more than any lifetime it hands out,
    plus the second nginx may keep an open file after the switch (``open_file_cache_valid 1s``)."""
    return settings.MIRROR_MAX_AGE + 2


def serving() -> bool:
    return enabled() and (root() / "current").exists()


def root() -> Path:
    return Path(settings.MIRROR_ROOT)


def suspend(**_signal_kwargs) -> None:
    """Stop serving the mirror at once (nginx falls back to the application)."""
    if enabled():
        with contextlib.suppress(FileNotFoundError):
            os.unlink(root() / "current")


def file_name(path: str) -> str:
    """``/api/v1/news?area=89101`` → ``api/v1/news@area=89101``: nginx looks up ``$host$uri@$args``."""
    path_info, _, query = path.partition("?")
    return f"{path_info.lstrip('/')}@{query}"


def rebuild(not_after: datetime.datetime | None = None) -> int | None:
    """Render the hot set of every site into a new generation and switch to it; None if the content
    changed meanwhile (the next pass builds again), if ``not_after`` (the moment the mirror must have
    stepped aside for a scheduled change) has come, or if the mirror is off."""
    if not enabled():
        return None
    content_generation = generation.current()
    started = time.monotonic()
    number = time.time_ns()
    folder = root() / "generations" / str(number)
    folder.mkdir(parents=True)
    files, size = 0, 0

    def overtaken() -> bool:  # the content changed, or the mirror must step aside: this build is of no use
        return generation.current() != content_generation or (not_after is not None and timezone.now() >= not_after)

    def rendered(site: Site, paths: list[str]) -> list[tuple[str, Rendered]]:
        pairs = []
        for path in paths:
            if overtaken():
                raise _Overtaken
            pairs.append((path, render(site, path)))
        return pairs

    try:
        for site in Site.objects.select_related("root_page").order_by("pk"):
            host = host_of(site).split(":")[0]
            reference = rendered(site, hot_set.reference_paths())
            lists = rendered(site, hot_set.news_list_paths(site))
            details = rendered(site, hot_set.item_paths(r.body for _, r in lists))
            for path, rendered in reference + lists + details:
                if _write(folder / host / file_name(path), rendered):
                    files, size = files + 1, size + len(rendered.body)
        manifest = {"generation": number, "content_generation": content_generation, "files": files, "bytes": size,
                    "built_at": timezone.now().isoformat(), "seconds": round(time.monotonic() - started, 3)}
        (folder / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False))
        if overtaken():
            shutil.rmtree(folder, ignore_errors=True)
            return None
        _point_to(folder)
        if generation.current() != content_generation:  # changed while switching: step aside again
            suspend()
            return None
    except _Overtaken:
        shutil.rmtree(folder, ignore_errors=True)
        return None
    except Exception:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    _prune()
    logger.info("Mirror generation %s: %s files, %s bytes", number, files, size)
    return content_generation


def status() -> dict:
    """What nginx serves now: its generation, age, size — or that the mirror is suspended or off."""
    if not enabled():
        return {"enabled": False}
    current = root() / "current"
    if not current.exists():
        return {"enabled": True, "serving": False}
    manifest = json.loads((current / "manifest.json").read_text())
    built = datetime.datetime.fromisoformat(manifest["built_at"])
    return {"enabled": True, "serving": True, **manifest,
            "age_seconds": round((timezone.now() - built).total_seconds(), 1),
            "up_to_date": manifest["content_generation"] == generation.current()}


def _write(target: Path, rendered: Rendered) -> bool:
    content_type = rendered.headers.get("Content-Type", "").split(";")[0]
    if rendered.status != 200 or content_type not in MIRRORED_TYPES:
        return False
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(rendered.body)
    last_modified = _parse_http_date(rendered.headers.get("Last-Modified"))
    if last_modified is not None:  # nginx sends the file's time as Last-Modified: the same as the API's
        os.utime(target, (last_modified, last_modified))
    return True


def _parse_http_date(value: str | None) -> int | None:
    return parse_http_date_safe(value) if value else None


def _point_to(folder: Path) -> None:
    link = root() / "current"
    staging = root() / f".current-{folder.name}"
    with contextlib.suppress(FileNotFoundError):
        os.unlink(staging)
    os.symlink(Path("generations") / folder.name, staging)
    os.replace(staging, link)  # one rename: readers see the old generation or the new one, never a mix


def _prune() -> None:
    folders = sorted((root() / "generations").iterdir(), key=lambda p: int(p.name) if p.name.isdigit() else 0)
    serving = (root() / "current").resolve() if (root() / "current").exists() else None
    for folder in folders[:-KEEP_GENERATIONS]:
        if folder.resolve() != serving:
            shutil.rmtree(folder, ignore_errors=True)
