"""Drill set-up, inside Django: a bundle of results pages held for ``--in`` seconds from now.

Prints one JSON line: the moment (epoch seconds), the held item ids and the marker their titles carry.
"""

import argparse
import datetime
import json
import os
import sys

import django

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("SECRET_KEY", "bench-only-not-secret")  # run.sh sets its own; DEBUG off needs one
django.setup()

from django.utils import timezone  # noqa: E402

from exam_news import models as m  # noqa: E402
from exam_news.releasing import schedule_bundle  # noqa: E402

MARKER = "DRILLKQ"  # ASCII, so it is found in JSON, XML and calendar bodies alike


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--in", dest="seconds", type=float, default=60)
    args = parser.parse_args()
    section = m.ExamSectionPage.objects.filter(live=True, kind="thpt").order_by("-year").first()
    moment = (timezone.now() + datetime.timedelta(seconds=args.seconds)).replace(microsecond=0)
    results_index = m.ResultsIndexPage.objects.child_of(section).first()
    news_index = m.NewsIndexPage.objects.child_of(section).first()
    held = []
    for index, page in [
        (results_index, m.ResultsPage(title=f"Kết quả thi tốt nghiệp THPT năm {section.year} ({MARKER})",
                                      summary="Tỉ lệ tốt nghiệp toàn tỉnh và điểm trung bình từng môn.",
                                      candidates_registered=21000, candidates_sat=20890, graduates=20650)),
        (news_index, m.NewsPage(title=f"Thí sinh tra cứu điểm thi từ 8 giờ sáng nay ({MARKER})",
                                summary="Cách tra cứu điểm và thời hạn nộp đơn phúc khảo.")),
    ]:
        page.live = False
        index.add_child(instance=page)
        page.save_revision()
        held.append(page.pk)
    bundle = m.ReleaseBundle.objects.create(name=f"Công bố kết quả ({MARKER})", section=section, release_at=moment)
    for pk in held:
        m.ReleaseBundleItem.objects.create(bundle=bundle, page_id=pk)
    schedule_bundle(bundle)
    print(json.dumps({"moment": moment.timestamp(), "held": held, "marker": MARKER, "bundle": bundle.pk}))


if __name__ == "__main__":
    main()
