import datetime

import pytest
from django.core.exceptions import ValidationError

from exam_news import models as m
from exam_news.models.directives import document_number_error
from tests.exam_news.factories import notice
from tests.fixtures import LONG_XUYEN, unit


def errors_of(instance, exclude=()) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as info:
        instance.full_clean(exclude=list(exclude))
    return info.value.message_dict


def session(**fields) -> m.ExamSession:
    defaults = {"date": datetime.date(2025, 6, 26), "slot": "morning", "subject": "Ngữ văn",
                "start_time": datetime.time(7, 35), "end_time": datetime.time(9, 35)}
    return m.ExamSession(**{**defaults, **fields})


def test_a_session_that_ends_before_it_starts_is_rejected():
    errors = errors_of(session(end_time=datetime.time(7, 0)), exclude=["page"])
    assert "Giờ kết thúc phải sau giờ bắt đầu" in errors["end_time"][0]


def test_a_session_that_ends_when_it_starts_is_rejected():
    assert "end_time" in errors_of(session(end_time=datetime.time(7, 35)), exclude=["page"])


def test_session_slot_must_match_start_time_and_handout_precedes_start():
    errors = errors_of(session(slot="afternoon", paper_handout_time=datetime.time(7, 40)), exclude=["page"])
    assert set(errors) == {"slot", "paper_handout_time"}


def test_a_valid_session_reports_its_duration():
    good = session()
    good.full_clean(exclude=["page"])
    assert good.duration_minutes == 120


def test_a_milestone_ending_before_it_starts_is_rejected():
    tz = datetime.timezone(datetime.timedelta(hours=7))
    milestone = m.Milestone(kind="appeal", title="Phúc khảo",
                            starts_at=datetime.datetime(2025, 7, 25, tzinfo=tz),
                            ends_at=datetime.datetime(2025, 7, 16, tzinfo=tz))
    assert "ends_at" in errors_of(milestone, exclude=["page"])


@pytest.mark.django_db
@pytest.mark.parametrize(("lat", "lon"), [(48.85, 2.35), (105.43, 10.37), (1.0, 105.0), (10.3, 120.5)])
def test_a_venue_outside_vietnam_is_rejected(section, lat, lon):
    venue = m.ExamVenue(section=section, code="001", name="Trường THPT Long Xuyên", address="02 Tôn Đức Thắng",
                        commune=unit(LONG_XUYEN), latitude=lat, longitude=lon)
    assert "ngoài lãnh thổ Việt Nam" in errors_of(venue)["latitude"][0]


@pytest.mark.django_db
@pytest.mark.parametrize(("lat", "lon"), [(10.37, 105.43), (16.5, 112.0), (8.65, 111.92)])
def test_venues_on_the_mainland_and_islands_are_accepted(section, lat, lon):
    venue = m.ExamVenue(section=section, code="001", name="Điểm thi", address="Số 1",
                        commune=unit(LONG_XUYEN), latitude=lat, longitude=lon)
    venue.full_clean()


@pytest.mark.django_db
def test_venue_needs_both_coordinates(section):
    venue = m.ExamVenue(section=section, code="001", name="Điểm thi", address="Số 1",
                        commune=unit(LONG_XUYEN), latitude=10.3)
    assert "longitude" in errors_of(venue)


@pytest.mark.django_db
def test_duplicate_venue_codes_within_a_section_are_rejected_with_the_code(section, home):
    fields = {"name": "Điểm thi", "address": "Số 1", "commune": unit(LONG_XUYEN)}
    m.ExamVenue.objects.create(section=section, code="007", **fields)
    errors = errors_of(m.ExamVenue(section=section, code="007", **fields))
    assert errors["code"] == ["Mã điểm thi 007 đã có trong kỳ thi này."]

    from exam_news.sections import create_exam_section
    other = create_exam_section(home, "thpt", 2026)
    m.ExamVenue(section=other, code="007", **fields).full_clean()


@pytest.mark.django_db
def test_database_also_refuses_duplicate_venue_codes(section):
    from django.db import IntegrityError, transaction

    fields = {"name": "Điểm thi", "address": "Số 1", "commune": unit(LONG_XUYEN)}
    m.ExamVenue.objects.create(section=section, code="007", **fields)
    with pytest.raises(IntegrityError), transaction.atomic():
        m.ExamVenue.objects.create(section=section, code="007", **fields)


@pytest.mark.django_db
def test_a_notice_valid_until_before_valid_from_is_rejected():
    page = notice()
    page.valid_until = page.valid_from - datetime.timedelta(hours=1)
    errors = errors_of(page, exclude=["path", "depth", "slug"])
    assert "valid_until" in errors


@pytest.mark.django_db
def test_weather_warning_requires_a_risk_level_and_only_weather_has_one():
    assert "disaster_risk_level" in errors_of(notice(disaster_risk_level=None), exclude=["path", "depth", "slug"])
    assert "disaster_risk_level" in errors_of(notice(notice_kind="traffic"), exclude=["path", "depth", "slug"])


@pytest.mark.django_db
def test_a_directive_without_number_or_date_is_rejected():
    page = m.DirectivePage(title="Công văn hướng dẫn", doc_type="cong_van", issuer="Sở GD&ĐT",
                           subject="V/v hướng dẫn thí sinh", signer_name="Nguyễn Văn A",
                           signer_title="GIÁM ĐỐC")
    errors = errors_of(page, exclude=["path", "depth", "slug"])
    assert {"number", "issued_on"} <= set(errors)


@pytest.mark.parametrize("number", ["860/STTTT-BCVT&CNTT", "55/KH-UBND", "12/2025/TT-BGDĐT", "1234/QĐ-SGDĐT"])
def test_well_formed_document_numbers_are_accepted(number):
    assert document_number_error(number) is None


@pytest.mark.parametrize("number", ["công văn 860", "860", "/STTTT", "860-STTTT", "abc/QĐ"])
def test_malformed_document_numbers_are_rejected(number):
    assert "không đúng dạng" in document_number_error(number)


@pytest.mark.django_db
def test_results_statistics_must_be_consistent():
    page = m.ResultsPage(title="Kết quả", candidates_registered=100, candidates_sat=120, graduates=130)
    errors = errors_of(page, exclude=["path", "depth", "slug"])
    assert {"candidates_sat", "graduates"} <= set(errors)


@pytest.mark.django_db  # an unsaved page still looks up its content type
def test_graduation_rate_is_computed_when_not_given():
    from decimal import Decimal

    page = m.ResultsPage(candidates_sat=31540, graduates=31288)
    assert page.effective_graduation_rate == Decimal("99.20")


@pytest.mark.django_db
def test_section_exam_dates_must_be_ordered_and_in_its_year(home):
    page = m.ExamSectionPage(title="Kỳ thi", kind="thpt", year=2027, exam_start=datetime.date(2026, 6, 11),
                             exam_end=datetime.date(2026, 6, 10))
    page._clean_parent = home
    errors = errors_of(page, exclude=["path", "depth", "slug"])
    assert {"exam_start", "exam_end"} <= set(errors)
