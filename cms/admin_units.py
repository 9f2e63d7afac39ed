"""Load Vietnam's administrative units from the ``vietnamadminunits`` package (MIT licence).

The package ships the current two-level system (34 provinces, 3,321 communes/wards/special zones
since 1 July 2025), the legacy three-level system (63 provinces, 696 districts) and the mapping of
every legacy ward to the commune(s) that succeeded it. From that mapping we derive the successors
of each legacy district and province. Loading is idempotent: rows are upserted on (level, code).
"""

import datetime
import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import vietnamadminunits
from django.db import transaction

from cms.models import AdministrativeUnit
from cms.text import fold_key

REFORM_DATE = datetime.date(2025, 7, 1)
LEGACY_UNTIL = REFORM_DATE - datetime.timedelta(days=1)
Level = AdministrativeUnit.Level
UPSERT_FIELDS = [
    "name", "short_name", "unit_type", "name_key", "parent", "latitude", "longitude",
    "valid_from", "valid_until",
]


@dataclass
class LoadReport:
    counts: dict[str, int] = field(default_factory=dict)
    successor_links: int = 0

    def summary(self) -> str:
        parts = [f"{AdministrativeUnit.Level(level).label}: {n}" for level, n in self.counts.items()]
        return "; ".join(parts) + f"; liên kết kế thừa: {self.successor_links}"


def _data_dir() -> Path:
    return Path(vietnamadminunits.__file__).parent / "data"


def package_rows(sql: str) -> list[sqlite3.Row]:
    """Rows of the package's dataset (works before any unit is in the database)."""
    with sqlite3.connect(_data_dir() / "dataset.db") as conn:
        conn.row_factory = sqlite3.Row
        return conn.execute(sql).fetchall()


def package_converter() -> dict:
    """The package's mapping of legacy units to today's (``DICT_PROVINCE``: today's key → legacy keys, …)."""
    with open(_data_dir() / "converter_2025.json", encoding="utf-8") as fh:
        return json.load(fh)


def _unit(level: str, code: str, name: str, short: str, unit_type: str, lat, lon) -> AdministrativeUnit:
    legacy = level in (Level.LEGACY_PROVINCE, Level.LEGACY_DISTRICT)
    return AdministrativeUnit(
        level=level, code=code, name=name, short_name=short, unit_type=unit_type,
        name_key=fold_key(short), latitude=lat, longitude=lon,
        valid_from=None if legacy else REFORM_DATE, valid_until=LEGACY_UNTIL if legacy else None,
    )


def _province_type(name: str) -> str:
    return "Thành phố" if name.startswith("Thành phố") else "Tỉnh"


def _upsert(units: list[AdministrativeUnit]) -> dict[str, AdministrativeUnit]:
    AdministrativeUnit.objects.bulk_create(
        units, update_conflicts=True, unique_fields=["level", "code"], update_fields=UPSERT_FIELDS,
        batch_size=500,
    )
    level = units[0].level if units else None
    return {u.code: u for u in AdministrativeUnit.objects.filter(level=level)}


def load_admin_units(province_codes: Iterable[str] | None = None) -> LoadReport:
    """Upsert units (optionally only the given current province codes and their legacy parts)."""
    wanted = set(province_codes or [])
    current = [r for r in package_rows("SELECT * FROM admin_units") if not wanted or r["provinceCode"] in wanted]
    converter = package_converter()
    new_province_keys = {r["provinceKey"] for r in current}
    old_province_keys = {
        old for new, olds in converter["DICT_PROVINCE"].items() if new in new_province_keys for old in olds
    }
    legacy = [r for r in package_rows("SELECT * FROM admin_units_legacy") if r["provinceKey"] in old_province_keys]

    report = LoadReport()
    with transaction.atomic():
        provinces = _upsert(_dedupe(
            _unit(Level.PROVINCE, r["provinceCode"], r["province"], r["provinceShort"],
                  _province_type(r["province"]), r["provinceLat"], r["provinceLon"])
            for r in current
        ))
        communes = [
            _unit(Level.COMMUNE, r["wardCode"], r["ward"], r["wardShort"], r["wardType"],
                  r["wardLat"], r["wardLon"])
            for r in current
        ]
        for unit, r in zip(communes, current, strict=True):
            unit.parent = provinces[r["provinceCode"]]
        communes_by_code = _upsert(communes)
        legacy_provinces = _upsert(_dedupe(
            _unit(Level.LEGACY_PROVINCE, r["provinceCode"], r["province"], r["provinceShort"],
                  _province_type(r["province"]), r["provinceLat"], r["provinceLon"])
            for r in legacy
        )) if legacy else {}
        districts = _dedupe(
            _unit(Level.LEGACY_DISTRICT, r["districtCode"], r["district"], r["districtShort"],
                  r["districtType"], r["districtLat"], r["districtLon"])
            for r in legacy
        )
        parent_of_district = {r["districtCode"]: r["provinceCode"] for r in legacy}
        for unit in districts:
            unit.parent = legacy_provinces[parent_of_district[unit.code]]
        districts_by_code = _upsert(districts) if districts else {}

        report.counts = {
            Level.PROVINCE: len(provinces), Level.COMMUNE: len(communes_by_code),
            Level.LEGACY_PROVINCE: len(legacy_provinces), Level.LEGACY_DISTRICT: len(districts_by_code),
        }
        links = _successor_links(
            converter, current, legacy, provinces, communes_by_code, legacy_provinces, districts_by_code,
        )
        through = AdministrativeUnit.successors.through
        through.objects.bulk_create(
            [through(from_administrativeunit_id=a, to_administrativeunit_id=b) for a, b in links],
            ignore_conflicts=True, batch_size=1000,
        )
        report.successor_links = len(links)
    return report


def _dedupe(units: Iterable[AdministrativeUnit]) -> list[AdministrativeUnit]:
    return list({u.code: u for u in units}.values())


def _successor_links(converter, current, legacy, provinces, communes, legacy_provinces, districts):
    """Pairs (legacy unit id, successor id) derived from the package's ward-level mapping."""
    commune_code = {(r["provinceKey"], r["wardKey"]): r["wardCode"] for r in current}
    district_code = {(r["provinceKey"], r["districtKey"]): r["districtCode"] for r in legacy}
    province_code = {r["provinceKey"]: r["provinceCode"] for r in current}
    legacy_province_code = {r["provinceKey"]: r["provinceCode"] for r in legacy}
    links: set[tuple[int, int]] = set()

    def link_district(old_key: str, new_province: str, new_ward: str) -> None:
        province_key, district_key, _ = old_key.split("_", 2)
        old = district_code.get((province_key, district_key))
        new = commune_code.get((new_province, new_ward))
        if old in districts and new in communes:
            links.add((districts[old].pk, communes[new].pk))

    for new_province, wards in converter["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for new_ward, old_keys in wards.items():
            for old_key in old_keys:
                link_district(old_key, new_province, new_ward)
    for new_province, divided in converter["DICT_PROVINCE_WARD_DIVIDED"].items():
        for old_key, new_wards in divided.items():
            for new_ward in new_wards:
                link_district(old_key, new_province, new_ward["newWardKey"])
    for new_key, old_keys in converter["DICT_PROVINCE"].items():
        new = province_code.get(new_key)
        for old_key in old_keys:
            old = legacy_province_code.get(old_key)
            if new in provinces and old in legacy_provinces:
                links.add((legacy_provinces[old].pk, provinces[new].pk))
    return links
