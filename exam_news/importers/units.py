"""Administrative units of a province matched in memory, so an import does not query once per row."""

from django.db.models import QuerySet

from cms.areas import match_unit, split_unit_name
from cms.models import AdministrativeUnit


class UnitLookup:
    """``match_unit`` over units loaded once; a miss or an ambiguity goes to ``match_unit`` for its message."""

    def __init__(self, candidates: QuerySet[AdministrativeUnit]):
        self.candidates = candidates
        self.by_code: dict[str, AdministrativeUnit] = {}
        self.by_key: dict[str, list[AdministrativeUnit]] = {}
        for unit in candidates:
            self.by_code[unit.code] = unit
            self.by_key.setdefault(unit.name_key, []).append(unit)

    def match(self, reference: str) -> AdministrativeUnit:
        """The one unit ``reference`` names (code or name); raises ``UnitNotFound`` as ``match_unit`` does."""
        reference = reference.strip()
        if reference.isdigit():
            codes = {reference, reference.zfill(3), reference.zfill(5)}
            found = [self.by_code[c] for c in codes if c in self.by_code]
        else:
            unit_type, key = split_unit_name(reference)
            found = self.by_key.get(key, [])
            if unit_type and len(found) > 1:
                found = [u for u in found if u.unit_type == unit_type]
        if len(found) == 1:
            return found[0]
        return match_unit(reference, self.candidates)
