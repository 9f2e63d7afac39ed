"""Which areas a user may write about, and whether a set of areas falls inside them."""

from collections.abc import Iterable

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

from cms.models import AdministrativeUnit, EditorScope

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
            through = AdministrativeUnit.successors.through
            result |= set(
                through.objects.filter(from_administrativeunit_id__in=legacy)
                .values_list("to_administrativeunit_id", flat=True)
            )
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


def expand_area(unit: AdministrativeUnit) -> set[int]:
    """A unit plus, for legacy units, every unit that succeeded it (for filtering by area)."""
    ids = {unit.pk}
    if unit.is_legacy:
        ids |= set(unit.successors.values_list("pk", flat=True))
    return ids
