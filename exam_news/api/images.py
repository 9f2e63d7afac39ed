"""Images and addresses in API responses: web-size renditions with their sizes, absolute URLs, ISO times."""

import contextlib

from django.core.cache import cache
from django.http import HttpRequest
from django.utils import timezone
from django.utils.html import escape
from wagtail.images.models import Filter

from cms import generation
from cms.models import MediaImage

RENDITION_WIDTHS = (320, 640, 1024)
RENDITION_FORMATS = ("webp", "jpeg")
RENDITION_SPECS = [f"width-{w}|format-{f}" for w in RENDITION_WIDTHS for f in RENDITION_FORMATS]
RENDITION_FILTERS = [Filter(spec) for spec in RENDITION_SPECS]  # parsed once, not per image
BODY_IMAGE_SPEC = "width-1024|format-jpeg"


def local_iso(value):
    return timezone.localtime(value).isoformat() if value else None


def absolute(request: HttpRequest, url: str) -> str:
    if not url.startswith("/"):
        return url
    base = getattr(request, "_mua_thi_base_url", None)
    if base is None:
        base = request._mua_thi_base_url = request.build_absolute_uri("/").rstrip("/")
    return base + url


def image_payloads(request: HttpRequest, image_ids: set[int]) -> dict[int, dict]:
    """Image representations by id. Kept in the cache per generation, so a list needs no image or
    rendition query once warm; renditions are generated on first use."""
    gen = generation.current()
    keys = {pk: f"api:image:{gen}:{pk}" for pk in image_ids}
    try:
        found = cache.get_many(list(keys.values()))
    except Exception:
        found = {}
    payloads = {pk: found[key] for pk, key in keys.items() if key in found}
    missing = image_ids - set(payloads)
    if missing:
        fresh = {img.pk: _image(img) for img in
                 MediaImage.objects.filter(pk__in=missing).prefetch_renditions(*RENDITION_SPECS)}
        with contextlib.suppress(Exception):
            cache.set_many({keys[pk]: payload for pk, payload in fresh.items()}, 3600)
        payloads.update(fresh)
    return {pk: _absolutised(request, payload) for pk, payload in payloads.items()}


def _absolutised(request: HttpRequest, payload: dict) -> dict:
    return {**payload, "renditions": [{**r, "url": absolute(request, r["url"])} for r in payload["renditions"]]}


def _image(img) -> dict:
    renditions = img.get_renditions(*RENDITION_FILTERS)
    focal = None
    if img.has_focal_point():
        focal = {"x": img.focal_point_x, "y": img.focal_point_y, "width": img.focal_point_width,
                 "height": img.focal_point_height}
    return {
        "id": img.pk, "title": img.title, "alt": img.default_alt_text, "width": img.width, "height": img.height,
        "focal_point": focal,
        "renditions": [
            {"url": r.url, "width": r.width, "height": r.height,
             "format": spec.rsplit("-", 1)[1]}
            for spec in RENDITION_SPECS if (r := renditions.get(spec))
        ],
    }


def figure_html(request: HttpRequest, image, caption: str) -> str:
    """An image block of an article body, at the width portals show in the text column."""
    rendition = image.get_rendition(BODY_IMAGE_SPEC)
    figcaption = f"<figcaption>{escape(caption)}</figcaption>" if caption else ""
    return (f'<figure><img src="{escape(absolute(request, rendition.url))}" alt="{escape(image.default_alt_text)}" '
            f'width="{rendition.width}" height="{rendition.height}">{figcaption}</figure>')
