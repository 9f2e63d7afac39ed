import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cms.models import ROOT_PATH_LENGTH
from exam_news.models import ItemKind, Priority
from exam_news.public.site import root_context
from exam_news.radio.bulletins import propose_items, station_area
from tests.exam_news.factories import add_page, news, notice, story
from tests.fixtures import CHAU_DOC, LONG_XUYEN, unit
from tests.radio.bulletin_helpers import (
    DATE,
    LEGACY_LONG_XUYEN,
    at,
    chau_doc_station,
    schedule,
    station,
    venue,
)

pytestmark = pytest.mark.django_db


def headings(items):
    return [i.heading for i in items]


def test_active_notices_come_first_urgent_first_then_schedule_venues_news_stories(section):
    radio = station()
    add_page(section, story("Em Lan vượt khó", date=DATE))
    add_page(section, news("Phường ra quân tiếp sức mùa thi", date=DATE))
    venue(section, "001", "Trường THPT Long Xuyên", LONG_XUYEN, phone="0296 3852 106")
    schedule(section, [(DATE + datetime.timedelta(days=1), "morning", "Ngữ văn", "07:35", "09:35", "06:30")])
    add_page(section, notice(title="Mưa dông cấp 1", notice_kind="weather", disaster_risk_level=1,
                             urgency="expected", valid_from=at(DATE, 6), valid_until=at(DATE, 20)))
    add_page(section, notice(title="Chuyển phòng thi", notice_kind="urgent", disaster_risk_level=None,
                             urgency="immediate", valid_from=at(DATE, 7), valid_until=at(DATE, 18)))
    add_page(section, notice(title="Lũ cấp 3", notice_kind="weather", disaster_risk_level=3,
                             urgency="expected", valid_from=at(DATE, 5), valid_until=at(DATE, 22)))
    add_page(section, notice(title="Đã hết hiệu lực", valid_from=at(DATE - datetime.timedelta(days=3), 6),
                             valid_until=at(DATE - datetime.timedelta(days=1), 6)))
    add_page(section, notice(title="Chưa hiệu lực", valid_from=at(DATE + datetime.timedelta(days=1), 6),
                             valid_until=at(DATE + datetime.timedelta(days=2), 6)))

    items = propose_items(radio, section, DATE)

    assert [i.kind for i in items] == [ItemKind.NOTICE] * 3 + [ItemKind.SCHEDULE, ItemKind.VENUES, ItemKind.NEWS,
                                                                ItemKind.STORY]
    assert headings(items)[:3] == ["Chuyển phòng thi", "Lũ cấp 3", "Mưa dông cấp 1"]
    assert [i.priority for i in items[:3]] == [Priority.URGENT, Priority.URGENT, Priority.HIGH]
    assert items[0].valid_from == at(DATE, 7) and items[0].valid_until == at(DATE, 18)
    assert "hiệu lực từ 7h00 ngày 25/06/2025 đến 18h00 ngày 25/06/2025" in items[0].display_text


def test_schedule_is_grouped_per_day_in_natural_vietnamese(section):
    day1, day2 = DATE + datetime.timedelta(days=1), DATE + datetime.timedelta(days=2)
    schedule(section, [
        (day1, "afternoon", "Toán", "14:20", "15:50", "13:30"),
        (day1, "morning", "Ngữ văn", "07:35", "09:35", "06:30"),
        (day2, "morning", "Bài thi Khoa học xã hội", "07:35", "08:25", "06:30"),
        (DATE + datetime.timedelta(days=30), "morning", "Ngoài cửa sổ", "07:35", "08:25", "06:30"),
        (DATE - datetime.timedelta(days=1), "morning", "Đã thi", "07:35", "08:25", "06:30"),
    ])
    items = [i for i in propose_items(station(), section, DATE) if i.kind == ItemKind.SCHEDULE]
    assert headings(items) == ["Lịch thi ngày 26/06/2025", "Lịch thi ngày 27/06/2025"]
    assert items[0].display_text == (
        "Sáng 26/06/2025: môn Ngữ văn, thời gian làm bài 120 phút, thí sinh có mặt lúc 6h30, "
        "bắt đầu làm bài lúc 7h35. Chiều 26/06/2025: môn Toán, thời gian làm bài 90 phút, "
        "thí sinh có mặt lúc 13h30, bắt đầu làm bài lúc 14h20.")
    assert items[1].display_text.startswith("Sáng 27/06/2025: Bài thi Khoa học xã hội, thời gian làm bài 50 phút")


def test_unpublished_schedule_and_draft_pages_are_not_proposed(section):
    add_page(section, news("Bản nháp", date=DATE), publish=False)
    assert propose_items(station(), section, DATE) == []


def test_commune_station_gets_its_commune_its_legacy_district_and_province_wide_content(section):
    long_xuyen, chau_doc = station(), chau_doc_station()
    add_page(section, news("Tin phường Long Xuyên", date=DATE), areas=[unit(LONG_XUYEN)])
    add_page(section, news("Tin phường Châu Đốc", date=DATE), areas=[unit(CHAU_DOC)])
    add_page(section, news("Tin thành phố Long Xuyên cũ", date=DATE),
             areas=[unit(LEGACY_LONG_XUYEN, "legacy_district")])
    add_page(section, news("Tin toàn tỉnh", date=DATE))
    add_page(section, notice(title="Cảnh báo Châu Đốc", valid_from=at(DATE, 6), valid_until=at(DATE, 20)),
             areas=[unit(CHAU_DOC)])
    venue(section, "001", "Trường THPT Long Xuyên", LONG_XUYEN)
    venue(section, "002", "Trường THPT Châu Đốc", CHAU_DOC)

    for_long_xuyen = propose_items(long_xuyen, section, DATE)
    for_chau_doc = propose_items(chau_doc, section, DATE)

    assert set(headings(for_long_xuyen)) == {"Tin phường Long Xuyên", "Tin thành phố Long Xuyên cũ", "Tin toàn tỉnh",
                                             "Điểm thi trên địa bàn Phường Long Xuyên"}
    assert set(headings(for_chau_doc)) == {"Cảnh báo Châu Đốc", "Tin phường Châu Đốc", "Tin toàn tỉnh",
                                           "Điểm thi trên địa bàn Phường Châu Đốc"}
    venues_item = next(i for i in for_long_xuyen if i.kind == ItemKind.VENUES)
    assert "Trường THPT Long Xuyên, địa chỉ Số 001 Lê Lợi, Phường Long Xuyên" in venues_item.display_text
    assert "Châu Đốc" not in venues_item.display_text
    assert next(i for i in for_long_xuyen if i.heading == "Tin phường Long Xuyên").area_codes == (LONG_XUYEN,)


def test_province_station_gets_everything_with_venues_grouped_per_commune(section):
    province = station("Đài tỉnh", None)
    assert station_area(province).province_wide
    add_page(section, news("Tin phường Châu Đốc", date=DATE), areas=[unit(CHAU_DOC)])
    venue(section, "001", "Trường THPT Long Xuyên", LONG_XUYEN)
    venue(section, "002", "Trường THPT Châu Đốc", CHAU_DOC)
    venue(section, "003", "Trường THCS Châu Đốc", CHAU_DOC)
    items = propose_items(province, section, DATE)
    venue_items = [i for i in items if i.kind == ItemKind.VENUES]
    assert len(venue_items) == 2
    assert "Tin phường Châu Đốc" in headings(items)


def test_only_recent_news_up_to_the_broadcast_date(section):
    add_page(section, news("Tin cũ", date=DATE - datetime.timedelta(days=20)))
    add_page(section, news("Tin hôm qua", date=DATE - datetime.timedelta(days=1)))
    add_page(section, news("Tin ngày mai", date=DATE + datetime.timedelta(days=1)))
    assert headings(propose_items(station(), section, DATE)) == ["Tin hôm qua"]


def _populate(section, n: int) -> None:
    for k in range(n):
        add_page(section, news(f"Tin số {k}", date=DATE), areas=[unit(LONG_XUYEN)])
        add_page(section, story(f"Chuyện số {k}", date=DATE), areas=[unit(LONG_XUYEN)])
        add_page(section, notice(title=f"Thông báo số {k}", valid_from=at(DATE, 6), valid_until=at(DATE, 20)),
                 areas=[unit(LONG_XUYEN)])
        venue(section, f"{k:03d}", f"Trường số {k}", LONG_XUYEN)
    schedule(section, [(DATE + datetime.timedelta(days=k), "morning", f"Môn {k}", "07:35", "08:25", "06:30")
                       for k in range(n)])


@pytest.mark.parametrize("n", [1, 4])
def test_proposal_uses_a_constant_number_of_queries(section, n):
    radio = station()
    _populate(section, n)
    radio = type(radio).objects.select_related("area").get(pk=radio.pk)
    context = root_context(section.path[:ROOT_PATH_LENGTH])  # the site's public tree (memoised in production)
    with CaptureQueriesContext(connection) as captured:
        items = propose_items(radio, section, DATE, context)
    assert len([i for i in items if i.kind == ItemKind.NEWS]) == n
    # 1 legacy-predecessor lookup, notices (+areas), sessions, venues, news (+areas), stories (+areas)
    assert len(captured.captured_queries) == 9, [q["sql"] for q in captured.captured_queries]
