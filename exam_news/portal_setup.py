"""A province portal from scratch: the province's administrative units, its home page, the Wagtail ``Site`` that
serves it, its settings, the editorial groups with their permissions and the review workflow (pages and radio
bulletins). Nothing else: sections, content, hotlines and radio stations are the editors' (or the demo's).

One transaction; idempotent: a second run with the same values changes nothing and says so."""

import re
from dataclasses import dataclass, field

from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.models import (
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Site,
    Workflow,
    WorkflowContentType,
    WorkflowPage,
    WorkflowTask,
)

from cms.admin_units import load_admin_units
from cms.editorial import APPROVERS, AREA_EDITORS, PROVINCIAL_EDITORS, WORKFLOW_NAME, ensure_editorial_setup
from cms.models import AdministrativeUnit, ProvinceHomePage, ProvinceSettings
from cms.provinces import Province, find_province
from cms.slugs import vietnamese_slug
from exam_news.radio.setup import ensure_radio_setup

ROLES = (PROVINCIAL_EDITORS, AREA_EDITORS, APPROVERS)
HOSTNAME = re.compile(r"^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$")
Level = AdministrativeUnit.Level


@dataclass
class PortalSetup:
    """What ``setup_portal`` found or made, and each change it made (empty: nothing changed)."""

    province: AdministrativeUnit
    home: ProvinceHomePage
    site: Site
    settings: ProvinceSettings
    home_created: bool = False
    changes: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.changes)


@transaction.atomic
def setup_portal(province: str, name: str, hostname: str | None, portal_url: str | None = None) -> PortalSetup:
    """Set up (or bring up to date) the portal of ``province`` (code "91" or name "An Giang", see
    ``cms.provinces.find_province``), titled ``name``, served at ``hostname`` ("thi.angiang.gov.vn" or
    "host:port"; None keeps the site's, "localhost" for a new one), whose public front end is at ``portal_url``
    (None keeps the setting as it is).

    Raises ``cms.provinces.UnknownProvince`` or ``ValidationError``; nothing is written then."""
    found = find_province(province)
    name = " ".join(name.split())
    if not name:
        raise ValidationError(_("Hãy nhập tên cổng, ví dụ “Cổng thông tin điện tử tỉnh %(name)s”.")
                              % {"name": found.short_name})
    address = _host_and_port(hostname) if hostname is not None else None
    if portal_url is not None:
        portal_url = _portal_url(portal_url)

    changes: list[str] = []
    unit = _province_unit(found, changes)
    home, home_created = _home(unit, name, changes)
    site = _site(home, name, address, changes)
    settings = _settings(site, unit, portal_url, changes)
    before = _editorial_state()
    ensure_editorial_setup(home)
    ensure_radio_setup()
    _report_editorial(before, _editorial_state(), changes)
    return PortalSetup(unit, home, site, settings, home_created, changes)


def _host_and_port(value: str) -> tuple[str, int]:
    text = value.strip().lower().rstrip(".")
    host, _sep, port = text.partition(":")
    if not HOSTNAME.match(host) or (port and not (port.isdigit() and 0 < int(port) < 65536)):
        raise ValidationError(_(
            "Tên miền “%(value)s” không hợp lệ: chỉ ghi tên miền, có thể kèm cổng (ví dụ thi.angiang.gov.vn "
            "hoặc localhost:8000), không kèm https:// hay đường dẫn."
        ) % {"value": value})
    return host, int(port) if port else 80


def _portal_url(value: str) -> str:
    url = value.strip()
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError:
        raise ValidationError(_("Địa chỉ cổng công khai “%(value)s” không hợp lệ; ví dụ https://angiang.gov.vn.")
                              % {"value": value}) from None
    return url.rstrip("/")


def _province_unit(found: Province, changes: list[str]) -> AdministrativeUnit:
    """The province's unit, with its communes and legacy districts loaded from the package when missing."""
    if not AdministrativeUnit.objects.filter(level=Level.COMMUNE, parent__level=Level.PROVINCE,
                                             parent__code=found.code).exists():
        report = load_admin_units([found.code])
        changes.append(_("Đã nạp đơn vị hành chính của %(name)s — %(summary)s.")
                       % {"name": found.name, "summary": report.summary()})
    return AdministrativeUnit.objects.get(level=Level.PROVINCE, code=found.code)


def _home(unit: AdministrativeUnit, name: str, changes: list[str]) -> tuple[ProvinceHomePage, bool]:
    home = ProvinceHomePage.objects.filter(province=unit).order_by("path").first()
    if home is None:
        root = Page.get_first_root_node()
        slug = vietnamese_slug(unit.short_name) or unit.code
        if Page.objects.child_of(root).filter(slug=slug).exists():
            slug = f"{slug}-{unit.code}"
        home = ProvinceHomePage(
            title=name, slug=slug, province=unit,
            intro=_("Thông tin chính thức về các kỳ thi và tuyển sinh trên địa bàn %(area)s.")
            % {"area": f"{unit.unit_type.lower()} {unit.short_name}"},
        )
        root.add_child(instance=home)
        home.save_revision(log_action=True).publish()
        changes.append(_("Đã tạo trang chủ cổng “%(title)s” (id %(id)s).") % {"title": name, "id": home.pk})
        return home, True
    if home.title != name:
        draft = home.get_latest_revision_as_object()
        old, draft.title = home.title, name
        draft.save_revision(log_action=True).publish()
        home.refresh_from_db()
        changes.append(_("Đã đổi tên trang chủ cổng từ “%(old)s” thành “%(new)s”.") % {"old": old, "new": name})
    return home, False


def _site(home: ProvinceHomePage, name: str, address: tuple[str, int] | None, changes: list[str]) -> Site:
    """The home page's Site; on a fresh database, Wagtail's default site (and its "Welcome" page) is taken over."""
    site = Site.objects.filter(root_page=home).first()
    if address is None:
        address = (site.hostname, site.port) if site is not None else ("localhost", 80)
    host, port = address
    taken = Site.objects.filter(hostname=host, port=port).exclude(root_page=home).first()
    if taken is not None and (site is not None or not _is_placeholder(taken.root_page)):
        raise ValidationError(_("Tên miền %(host)s đã dùng cho trang “%(page)s”; hãy chọn tên miền khác.")
                              % {"host": _address(host, port), "page": taken.root_page.title})
    if site is None:
        site = taken or Site.objects.filter(is_default_site=True).first()
        if site is not None and not _is_placeholder(site.root_page):
            site = None
        if site is None:
            site = Site(is_default_site=not Site.objects.filter(is_default_site=True).exists())
        placeholder = site.root_page if site.pk else None
        site.hostname, site.port, site.root_page, site.site_name = host, port, home, name
        site.save()
        if placeholder is not None and not Site.objects.filter(root_page=placeholder).exists():
            placeholder.delete()
        changes.append(_("Đã gắn cổng với tên miền %(host)s.") % {"host": _address(host, port)})
        return site
    updates = {"hostname": host, "port": port, "site_name": name}
    if any(getattr(site, key) != value for key, value in updates.items()):
        old = _address(site.hostname, site.port)
        for key, value in updates.items():
            setattr(site, key, value)
        site.save()
        changes.append(_("Đã cập nhật tên miền của cổng: %(old)s → %(new)s.")
                       % {"old": old, "new": _address(host, port)})
    return site


def _is_placeholder(page: Page) -> bool:
    """Wagtail's "Welcome to your new Wagtail site!" page, which a fresh database serves (nothing below it)."""
    return page.depth == 2 and page.specific_class is Page and not page.get_children().exists()


def _address(host: str, port: int) -> str:
    return host if port in (80, 443) else f"{host}:{port}"


def _settings(site: Site, unit: AdministrativeUnit, portal_url: str | None, changes: list[str]) -> ProvinceSettings:
    settings = ProvinceSettings.objects.filter(site=site).first() or ProvinceSettings(site=site)
    changed = settings.pk is None
    if settings.province_id != unit.pk:
        settings.province, changed = unit, True
        changes.append(_("Đã đặt tỉnh của cổng: %(name)s.") % {"name": unit.name})
    if portal_url is not None and settings.portal_base_url.rstrip("/") != portal_url:
        settings.portal_base_url, changed = portal_url, True
        changes.append(_("Đã đặt địa chỉ cổng công khai: %(url)s.") % {"url": portal_url})
    if changed:
        settings.save()
    return settings


def _editorial_state() -> tuple[frozenset, ...]:
    """Everything ``ensure_editorial_setup`` and ``ensure_radio_setup`` may add, to tell whether they did."""
    return (
        frozenset(Group.objects.filter(name__in=ROLES).values_list("name", "permissions__codename")),
        frozenset(GroupPagePermission.objects.filter(group__name__in=ROLES).values_list(
            "group__name", "page_id", "permission__codename")),
        frozenset(GroupCollectionPermission.objects.filter(group__name__in=ROLES).values_list(
            "group__name", "collection_id", "permission__codename")),
        frozenset(Workflow.objects.filter(name=WORKFLOW_NAME).values_list("pk", flat=True)),
        frozenset(WorkflowTask.objects.filter(workflow__name=WORKFLOW_NAME).values_list("task_id", "task__name")),
        frozenset(WorkflowPage.objects.filter(workflow__name=WORKFLOW_NAME).values_list("page_id", flat=True)),
        frozenset(WorkflowContentType.objects.filter(workflow__name=WORKFLOW_NAME).values_list(
            "content_type_id", flat=True)),
    )


def _report_editorial(before: tuple[frozenset, ...], after: tuple[frozenset, ...], changes: list[str]) -> None:
    new_groups = {name for name, _perm in after[0]} - {name for name, _perm in before[0]}
    if new_groups:
        changes.append(_("Đã tạo nhóm biên tập: %(groups)s.") % {"groups": ", ".join(
            name for name in ROLES if name in new_groups)})
    if not before[3] and after[3]:
        changes.append(_("Đã tạo quy trình duyệt “%(name)s” cho trang và bản tin truyền thanh.")
                       % {"name": WORKFLOW_NAME})
    elif before != after:
        changes.append(_("Đã bổ sung quyền của các nhóm biên tập và quy trình duyệt “%(name)s”.")
                       % {"name": WORKFLOW_NAME})
