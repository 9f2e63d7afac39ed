import pytest

from cms.admin_units import load_admin_units
from cms.areas import UnitNotFound, communes_of, legacy_districts_of, match_unit, with_counterparts
from cms.models import AdministrativeUnit
from cms.text import fold, fold_key
from tests.fixtures import AN_GIANG, unit

Level = AdministrativeUnit.Level


def level_counts() -> dict[str, int]:
    return {level: AdministrativeUnit.objects.filter(level=level).count() for level in Level.values}


@pytest.mark.django_db
def test_full_load_has_every_current_and_legacy_unit_and_is_idempotent():
    load_admin_units()
    first = level_counts()
    links = AdministrativeUnit.successors.through.objects.count()
    assert first == {"province": 34, "commune": 3321, "legacy_province": 63, "legacy_district": 696}

    load_admin_units()
    assert level_counts() == first
    assert AdministrativeUnit.successors.through.objects.count() == links


@pytest.mark.django_db
def test_every_legacy_district_has_successor_communes():
    load_admin_units()
    orphans = AdministrativeUnit.objects.filter(level=Level.LEGACY_DISTRICT, successors__isnull=True)
    assert not orphans.exists()
    wrong_level = AdministrativeUnit.objects.filter(
        level=Level.LEGACY_DISTRICT).exclude(successors__level=Level.COMMUNE)
    assert not wrong_level.exists()


@pytest.mark.django_db
def test_reload_updates_a_changed_name_instead_of_duplicating():
    commune = unit("30307")
    AdministrativeUnit.objects.filter(pk=commune.pk).update(name="Tên sai")
    load_admin_units([AN_GIANG])
    commune.refresh_from_db()
    assert commune.name == "Phường Long Xuyên"
    assert AdministrativeUnit.objects.filter(level=Level.COMMUNE, code="30307").count() == 1


@pytest.mark.django_db
def test_legacy_district_successors_and_expansion():
    tan_chau = unit("887", "legacy_district")
    names = set(tan_chau.successors.values_list("name", flat=True))
    assert "Phường Tân Châu" in names
    assert with_counterparts([tan_chau.pk]) == {tan_chau.pk, *tan_chau.successors.values_list("pk", flat=True)}
    commune = tan_chau.successors.get(name="Phường Tân Châu")
    assert tan_chau.pk in with_counterparts([commune.pk])
    assert with_counterparts([commune.pk]) == {commune.pk, *commune.predecessors.values_list("pk", flat=True)}


@pytest.mark.django_db
def test_legacy_provinces_point_to_the_merged_province():
    an_giang = unit(AN_GIANG, "province")
    old = set(an_giang.predecessors.values_list("name", flat=True))
    assert old == {"Tỉnh An Giang", "Tỉnh Kiên Giang"}


@pytest.mark.django_db
@pytest.mark.parametrize("reference", ["Phường Long Xuyên", "phuong long xuyen", "Long Xuyên", "LONG XUYEN",
                                       "30307", "P. Long Xuyên".replace("P. ", "Phường ")])
def test_match_commune_ignoring_diacritics_case_and_prefix(reference):
    province = unit(AN_GIANG, "province")
    assert match_unit(reference, communes_of(province)).code == "30307"


@pytest.mark.django_db
def test_match_legacy_district_by_name_with_prefix():
    province = unit(AN_GIANG, "province")
    assert match_unit("Thị xã Tân Châu", legacy_districts_of(province)).code == "887"
    assert match_unit("Huyện Phú Quốc", legacy_districts_of(province)).name == "Thành phố Phú Quốc"


@pytest.mark.django_db
def test_unknown_commune_is_reported_by_name():
    province = unit(AN_GIANG, "province")
    with pytest.raises(UnitNotFound, match="Không Có Thật"):
        match_unit("Xã Không Có Thật", communes_of(province))


def test_fold_handles_d_and_both_tone_mark_placements():
    assert fold("Điểm thi Tân Châu") == "diem thi tan chau"
    assert fold("hoà") == fold("hòa") == "hoa"
    assert fold("thuỷ") == fold("thủy") == "thuy"
    assert fold_key("Phường Mỹ Thới") == "phuongmythoi"
