import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from exam_news import models as m
from exam_news.releasing import schedule_bundle
from tests.exam_news.factories import add_page, news

VN = ZoneInfo("Asia/Ho_Chi_Minh")
MOMENT = datetime.datetime(2025, 7, 16, 8, 0, tzinfo=VN)
RELEASED_TITLE = "Kết quả thi tốt nghiệp THPT năm 2025 của tỉnh"


def at(seconds: float):
    """The clock frozen ``seconds`` after (negative: before) 08:00:00 on results day."""
    return time_machine.travel(MOMENT + datetime.timedelta(seconds=seconds), tick=False)


@pytest.fixture
def results_day(portal, approver):
    """A public news item since the day before, and a bundle holding the results news for 08:00."""
    with at(-86_400):
        earlier = add_page(portal, news("Lịch công bố kết quả thi"))
        held = add_page(portal, news(RELEASED_TITLE), publish=False)
        bundle = m.ReleaseBundle.objects.create(name="Công bố kết quả 16/7", section=portal, release_at=MOMENT)
        m.ReleaseBundleItem.objects.create(bundle=bundle, page=held)
        schedule_bundle(bundle, user=approver)
    return {"earlier": earlier, "held": held, "bundle": bundle}
