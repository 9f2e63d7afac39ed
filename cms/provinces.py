"""Which province an operator means: today's 34 provinces by code ("91") or name ("An Giang", "tỉnh an giang"),
read from the ``vietnamadminunits`` package, so it works on an empty database.

A code or name of a province that no longer exists (merged on 1 July 2025: "89", "Kiên Giang") is refused with
the province that succeeded it; anything else is refused with the closest names.
"""

import difflib
from dataclasses import dataclass
from functools import cache

from django.utils.translation import gettext as _

from cms.admin_units import package_converter, package_rows
from cms.text import fold_key

PREFIXES = ("thanhpho", "tinh", "tp")


@dataclass(frozen=True)
class Province:
    code: str  # "91"
    name: str  # "Tỉnh An Giang"
    short_name: str  # "An Giang"

    def __str__(self) -> str:
        return _("%(name)s (mã %(code)s)") % {"name": self.name, "code": self.code}


class UnknownProvince(ValueError):
    """No province of today has this code or name; the message says what was meant, when it can tell."""

    def __init__(self, message: str, suggestions: list[Province]):
        super().__init__(message)
        self.suggestions = suggestions


@cache
def current_provinces() -> list[Province]:
    """Today's provinces and centrally-run cities, by code."""
    rows = package_rows("SELECT DISTINCT provinceCode, province, provinceShort FROM admin_units ORDER BY provinceCode")
    return [Province(code, name, short) for code, name, short in rows]


@cache
def _legacy_provinces() -> list[tuple[Province, Province]]:
    """Each province before 1 July 2025 with the province of today that took it over."""
    current_by_key = {key: code for key, code in package_rows(
        "SELECT DISTINCT provinceKey, provinceCode FROM admin_units")}
    successor_key = {old: new for new, olds in package_converter()["DICT_PROVINCE"].items() for old in olds}
    by_code = {p.code: p for p in current_provinces()}
    rows = package_rows("SELECT DISTINCT provinceCode, province, provinceShort, provinceKey FROM admin_units_legacy "
                        "ORDER BY provinceCode")
    return [(Province(code, name, short), by_code[current_by_key[successor_key[key]]])
            for code, name, short, key in rows if successor_key.get(key) in current_by_key]


def _key(text: str) -> str:
    key = fold_key(text)
    for prefix in PREFIXES:
        if key.startswith(prefix) and len(key) > len(prefix):
            return key[len(prefix):]
    return key


def find_province(text: str) -> Province:
    """Today's province with this code (with or without the leading zero) or name (any case, diacritics or
    "Tỉnh"/"Thành phố"/"TP" prefix). Raises ``UnknownProvince`` otherwise."""
    wanted = text.strip()
    provinces = current_provinces()
    if wanted.isdigit():
        code = wanted.zfill(2)
        for province in provinces:
            if province.code == code:
                return province
        for old, successor in _legacy_provinces():
            if old.code == code:
                raise UnknownProvince(_(
                    "Mã %(code)s là mã của %(old)s trước ngày 01/7/2025; nay thuộc %(new)s."
                ) % {"code": code, "old": old.name, "new": successor}, [successor])
        raise UnknownProvince(_("Không có tỉnh, thành phố nào mang mã “%(code)s”.") % {"code": wanted}, [])
    key = _key(wanted)
    for province in provinces:
        if _key(province.short_name) == key:
            return province
    for old, successor in _legacy_provinces():
        if _key(old.short_name) == key:
            raise UnknownProvince(_(
                "%(old)s không còn là đơn vị hành chính từ ngày 01/7/2025; nay thuộc %(new)s."
            ) % {"old": old.name, "new": successor}, [successor])
    suggestions = _close(key)
    message = _("Không có tỉnh, thành phố nào tên “%(name)s”.") % {"name": wanted}
    if suggestions:
        message += " " + _("Có phải: %(names)s?") % {"names": ", ".join(str(p) for p in suggestions)}
    raise UnknownProvince(message, suggestions)


def _close(key: str) -> list[Province]:
    """Today's provinces whose name (or a merged province's name) is close to ``key``, closest first."""
    names: dict[str, Province] = {}
    for province in current_provinces():
        names.setdefault(_key(province.short_name), province)
    for old, successor in _legacy_provinces():
        names.setdefault(_key(old.short_name), successor)
    found: list[Province] = []
    for name in difflib.get_close_matches(key, list(names), n=5, cutoff=0.75):
        if names[name] not in found:
            found.append(names[name])
    return found[:3]
