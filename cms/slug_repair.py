"""Repairs the slugs Wagtail's admin made from Vietnamese titles before ``cms.slugs`` existed.

Wagtail's browser-side slug table (Django's URLify maps) knows the Latin-1 letters of Vietnamese (á, â, ô …) and
"ă", reads "đ" as Serbian "dj", and drops every other Vietnamese letter (ư, ơ, ả, ạ, ễ …): "Điểm thi Trường THPT"
became ``djim-thi-trng-thpt``. A page is repaired only when its slug is exactly that mangled form of its title
(optionally with Wagtail's "-2" de-duplication suffix), so a slug an editor chose by hand is never touched.

The functions take the model classes as arguments so that the data migration can pass its historical models
(no tree methods there: URL paths are rewritten by prefix, as ``Page.set_url_path`` would) and tests the real ones.
"""

import re
import unicodedata
from dataclasses import dataclass

from django.utils.text import slugify

from cms.slugs import vietnamese_slug

# What Wagtail 8's slug table (wagtailadmin/js/core.js) makes of the Vietnamese letters it knows; the others are
# dropped. Extracted from the shipped table, lower case (the table's upper-case letters map the same way).
WAGTAIL_KNOWN_LETTERS = {
    "à": "a", "á": "a", "â": "a", "ã": "a", "ă": "a", "è": "e", "é": "e", "ê": "e", "ì": "i", "í": "i",
    "ò": "o", "ó": "o", "ô": "o", "õ": "o", "ù": "u", "ú": "u", "ý": "y", "đ": "dj",
}


def wagtail_mangled_slug(title: str) -> str:
    letters = []
    for char in unicodedata.normalize("NFC", title).lower():
        if char in WAGTAIL_KNOWN_LETTERS:
            letters.append(WAGTAIL_KNOWN_LETTERS[char])
        elif char.isascii():
            letters.append(char)
        # any other letter was dropped by the browser
    return slugify("".join(letters))


def repaired_slug(slug: str, title: str) -> str | None:
    """The slug ``slug`` should have been, or None when it is not Wagtail's mangled form of ``title``."""
    mangled = wagtail_mangled_slug(title)
    correct = vietnamese_slug(title)
    if not mangled or not correct or mangled == correct:
        return None
    match = re.fullmatch(re.escape(mangled) + r"(-\d+)?", slug)
    if not match:
        return None
    return correct + (match.group(1) or "")


@dataclass(frozen=True)
class SlugRepair:
    page_id: int
    old_slug: str
    new_slug: str
    redirects: tuple[str, ...]


def _free_slug(page_model, page, wanted: str, steplen: int) -> str:
    parent_path = page.path[:-steplen]
    siblings = page_model.objects.filter(path__startswith=parent_path, depth=page.depth).exclude(pk=page.pk)
    taken = set(siblings.values_list("slug", flat=True))
    slug, number = wanted, 1
    while slug in taken:
        number += 1
        slug = f"{wanted}-{number}"
    return slug


def _site_paths(site_model, page_model, url_path: str) -> list[tuple[object, str]]:
    """(site, path on that site) for each site whose root holds ``url_path``."""
    found = []
    for site in site_model.objects.all():
        root_url = page_model.objects.filter(pk=site.root_page_id).values_list("url_path", flat=True).first()
        if root_url and url_path.startswith(root_url):
            path = "/" + url_path[len(root_url):]
            found.append((site, path.rstrip("/") or "/"))
    return found


def repair_mangled_slugs(page_model, site_model, redirect_model, revision_model, content_type_model,
                         steplen: int = 4) -> list[SlugRepair]:
    """Give each mangled page its Vietnamese slug, fix the URL paths below it, keep permanent redirects from the
    old addresses (the page's and its descendants') and carry the new slug into the page's revisions."""
    page_type = content_type_model.objects.filter(app_label="wagtailcore", model="page").first()
    repairs = []
    candidates = [pk for pk, slug, title in page_model.objects.filter(depth__gt=1).order_by("path")
                  .values_list("pk", "slug", "title") if repaired_slug(slug, title)]
    for pk in candidates:
        page = page_model.objects.get(pk=pk)  # fresh: an ancestor repaired before it changed its URL path
        new_slug = _free_slug(page_model, page, repaired_slug(page.slug, page.title), steplen)
        old_url = page.url_path
        new_url = old_url[: -len(page.slug) - 1] + new_slug + "/"
        subtree = page_model.objects.filter(path__startswith=page.path).order_by("path")
        redirects = []
        for node in subtree:
            node_old_url = node.url_path
            for site, old_path in _site_paths(site_model, page_model, node_old_url):
                if old_path == "/":
                    continue
                redirect_model.objects.update_or_create(
                    old_path=old_path, site=site,
                    defaults={"is_permanent": True, "redirect_page_id": node.pk, "redirect_link": "",
                              "automatically_created": True},
                )
                redirects.append(old_path)
            if node_old_url.startswith(old_url):
                node.url_path = new_url + node_old_url[len(old_url):]
            if node.pk == page.pk:
                node.slug = new_slug
            node.save(update_fields=["url_path", "slug"] if node.pk == page.pk else ["url_path"])
        if page_type is not None:
            for revision in revision_model.objects.filter(base_content_type=page_type, object_id=str(page.pk)):
                if isinstance(revision.content, dict) and revision.content.get("slug") == page.slug:
                    revision.content["slug"] = new_slug
                    revision.content["url_path"] = new_url
                    revision.save(update_fields=["content"])
        repairs.append(SlugRepair(page.pk, page.slug, new_slug, tuple(redirects)))
    return repairs
