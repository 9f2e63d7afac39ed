"""Which areas a user may write about, and whether a set of areas falls inside them."""

import re
from collections.abc import Iterable

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from cms.models import AdministrativeUnit, EditorScope
from cms.text import fold, fold_key

Level = AdministrativeUnit.Level


def scope_of(user: AbstractBaseUser | AnonymousUser) -> set[int] | None:
    """Unit ids an area editor may write about, or None for provincial staff (no restriction).

    A legacy district in the scope stands for itself and every commune that succeeded it.
    """
    if not user.is_authenticated or user.is_superuser:
        return None
    cached = getattr(user, "_area_scope_cache", False)
    if cached is not False:
        return cached
    try:
        scope = user.editor_scope
    except EditorScope.DoesNotExist:
        result = None
    else:
        units = list(scope.areas.all())
        result = {u.pk for u in units}
        legacy = [u.pk for u in units if u.level == Level.LEGACY_DISTRICT]
        if legacy:
            result |= with_counterparts(legacy)
    user._area_scope_cache = result
    return result


def within_scope(user: AbstractBaseUser | AnonymousUser, unit_ids: Iterable[int]) -> bool:
    """True when the user may edit content about exactly these units.

    Province-wide content (no units) is reserved to provincial staff.
    """
    scope = scope_of(user)
    if scope is None:
        return True
    ids = set(unit_ids)
    return bool(ids) and ids <= scope


def counterparts(unit_ids: Iterable[int]) -> dict[int, frozenset[int]]:
    """Each unit with its counterparts across the July 2025 reform, in one query: a legacy district with the
    communes that succeeded it, a commune with the legacy districts it succeeded. Content of 2020–2024 names
    districts, today's names communes; both must be found under either."""
    ids = set(unit_ids)
    result: dict[int, set[int]] = {pk: {pk} for pk in ids}
    through = AdministrativeUnit.successors.through
    links = through.objects.filter(Q(from_administrativeunit_id__in=ids) | Q(to_administrativeunit_id__in=ids))
    for legacy, successor in links.values_list("from_administrativeunit_id", "to_administrativeunit_id"):
        if legacy in result:
            result[legacy].add(successor)
        if successor in result:
            result[successor].add(legacy)
    return {pk: frozenset(related) for pk, related in result.items()}


def with_counterparts(unit_ids: Iterable[int]) -> frozenset[int]:
    """The units and all their counterparts (see ``counterparts``)."""
    return frozenset().union(*counterparts(unit_ids).values())


def area_unit_ids(unit: AdministrativeUnit) -> frozenset[int]:
    """What content filtered by ``unit`` may be tagged with: a province stands for all its communes and the legacy
    districts inside it; a commune or a legacy district for itself and its counterparts."""
    if unit.level != Level.PROVINCE:
        return with_counterparts([unit.pk])
    inside = AdministrativeUnit.objects.filter(Q(parent=unit) | Q(level=Level.LEGACY_DISTRICT, parent__successors=unit))
    return frozenset({unit.pk, *inside.values_list("pk", flat=True)})


_TYPE_PREFIXES = {
    "xa": "Xã", "phuong": "Phường", "dac khu": "Đặc khu", "thi tran": "Thị trấn", "huyen": "Huyện",
    "quan": "Quận", "thi xa": "Thị xã", "thanh pho": "Thành phố", "tp": "Thành phố", "tx": "Thị xã",
    "tinh": "Tỉnh",
}
_PREFIX_RE = re.compile(r"^(" + "|".join(sorted(_TYPE_PREFIXES, key=len, reverse=True)) + r")\b\.?\s*")


class UnitNotFound(ValueError):
    pass


def split_unit_name(name: str) -> tuple[str | None, str]:
    """("Phường Long Xuyên") → ("Phường", "longxuyen"): unit type if written, and the name key."""
    folded = fold(name)
    match = _PREFIX_RE.match(folded)
    if match and folded[match.end():].strip():
        return _TYPE_PREFIXES[match.group(1)], fold_key(folded[match.end():])
    return None, fold_key(folded)


def match_unit(reference: str, candidates: QuerySet[AdministrativeUnit]) -> AdministrativeUnit:
    """Find a unit among ``candidates`` by code or by name (diacritics, case and prefix ignored)."""
    reference = reference.strip()
    if reference.isdigit():
        # Excel drops leading zeros: "97" may stand for commune "00097" or district "097".
        found = list(candidates.filter(code__in={reference, reference.zfill(3), reference.zfill(5)}))
    else:
        unit_type, key = split_unit_name(reference)
        found = list(candidates.filter(name_key=key))
        if unit_type and len(found) > 1:
            found = [u for u in found if u.unit_type == unit_type]
    if not found:
        raise UnitNotFound(_("không tìm thấy đơn vị hành chính “%(ref)s”.") % {"ref": reference})
    if len(found) > 1:
        raise UnitNotFound(_("“%(ref)s” khớp nhiều đơn vị (%(names)s); hãy ghi rõ loại hoặc dùng mã.")
                           % {"ref": reference, "names": ", ".join(u.name for u in found)})
    return found[0]


def communes_of(province: AdministrativeUnit) -> QuerySet[AdministrativeUnit]:
    return AdministrativeUnit.objects.filter(level=Level.COMMUNE, parent=province)


def legacy_districts_of(province: AdministrativeUnit) -> QuerySet[AdministrativeUnit]:
    return AdministrativeUnit.objects.filter(
        level=Level.LEGACY_DISTRICT, parent__successors=province,
    )


def choosable_units(province: AdministrativeUnit | None, user: AbstractBaseUser | AnonymousUser):
    """What the area picker offers: the province's communes, then its legacy districts (not the whole
    country), narrowed to an area editor's scope; today's units first, by name."""
    queryset = AdministrativeUnit.objects.all()
    if province is not None:
        queryset = queryset.filter(pk__in=area_unit_ids(province) - {province.pk})
    scope = scope_of(user)
    if scope is not None:
        queryset = queryset.filter(pk__in=scope)
    return queryset.order_by("level", "name_key")
