"""A province site as the public sees it: its tree of published sections, and where its portal publishes."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils import timezone
from wagtail.models import Page, Site

from cms.models import ProvinceHomePage, ProvinceSettings
from exam_news import models as m
from exam_news.public.schedule import memoised


@dataclass
class SiteContext:
    """One province site at one moment: everything the public rule needs, read once (memoised per generation)."""

    site: Site | None
    root_path: str
    root_url_path: str
    portal_base_url: str
    now: datetime.datetime
    sections: dict[str, m.ExamSectionPage] = field(default_factory=dict)  # live sections by tree path
    hidden_prefixes: list[str] = field(default_factory=list)  # unpublished or expired pages near the root
    held_page_ids: frozenset[int] = frozenset()  # held back by a release bundle whose moment has not come

    def is_public_section(self, section: m.ExamSectionPage) -> bool:
        return section.path in self.sections and not any(section.path.startswith(p) for p in self.hidden_prefixes)

    def section_of(self, page: Page) -> m.ExamSectionPage | None:
        for path, section in self.sections.items():
            if page.path.startswith(path):
                return section
        return None

    def public_url(self, page: Page) -> str:
        return public_url_of(page.url_path, self.root_url_path, self.portal_base_url)


def public_url_of(url_path: str, root_url_path: str, portal_base_url: str, fragment: str = "") -> str:
    """The address on the province portal of a page with this Wagtail ``url_path``."""
    relative = url_path[len(root_url_path) - 1:]
    return f"{portal_base_url}{relative}" + (f"#{fragment}" if fragment else "")


def portal_base_url(site: Site | None) -> str:
    """Where the province's portal front end publishes (its setting, or the site's own root URL)."""
    if site is None:
        return ""
    return (ProvinceSettings.for_site(site).portal_base_url or site.root_url).rstrip("/")


def site_context(site: Site, now: datetime.datetime | None = None) -> SiteContext:
    parts = memoised(f"site:{site.pk}", lambda: _tree_parts(site.root_page, site))
    return SiteContext(site=site, now=now or timezone.now(), **parts)


def root_context(root_path: str, now: datetime.datetime | None = None) -> SiteContext | None:
    """The context of the province home page at ``root_path`` (with or without a Site of its own)."""
    site = memoised(f"root:{root_path}", lambda: Site.objects.filter(root_page__path=root_path)
                    .select_related("root_page").first() or "none")
    if site != "none":
        return site_context(site, now)
    home = Page.objects.filter(path=root_path).first()
    if home is None:
        return None
    return SiteContext(site=None, now=now or timezone.now(), **_tree_parts(home, None))


def province_roots() -> list[str]:
    return list(ProvinceHomePage.objects.order_by("path").values_list("path", flat=True))


def _tree_parts(root: Page, site: Site | None) -> dict:
    """What the site's public tree looks like; changes only when content is published, expires or is released."""
    now = timezone.now()
    below = Page.objects.filter(path__startswith=root.path, depth__gt=root.depth, depth__lte=root.depth + 2)
    hidden = [p.path for p in below.filter(Q(live=False) | Q(expire_at__lte=now)).only("path")]
    sections = m.ExamSectionPage.objects.filter(path__startswith=root.path, live=True).exclude(
        expire_at__lte=now).order_by("-year", "kind")
    held = m.ReleaseBundleItem.objects.filter(
        bundle__status=m.ReleaseBundle.Status.SCHEDULED, bundle__release_at__gt=now,
        bundle__section__path__startswith=root.path).values_list("page_id", flat=True)
    return {
        "root_path": root.path, "root_url_path": root.url_path, "hidden_prefixes": sorted(hidden),
        "portal_base_url": portal_base_url(site), "sections": {s.path: s for s in sections},
        "held_page_ids": frozenset(held),
    }
