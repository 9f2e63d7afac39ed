"""Generate the API benchmark data set: 10,000 published news items with images, topics and areas.

    MUA_THI_VAR_DIR=/tmp/muathi-bench DJANGO_SETTINGS_MODULE=bench.api.settings \\
        .venv/bin/python bench/api/generate.py --pages 10000

Mirrors the stock-Wagtail anchor (../shared/bench/anchor-wagtail-api): 50 Pillow-made JPEGs, 3 of 30
topics per item, 20 areas, dates 2021–2025, a body of one heading and five paragraphs. Pages go in through
treebeard add_child() in one transaction with search auto-update and the reference index off; renditions
for the API's sizes are generated once.
"""

import argparse
import datetime
import io
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import django  # noqa: E402

django.setup()

from django.core.files.images import ImageFile  # noqa: E402
from django.db import transaction  # noqa: E402
from django.utils import timezone  # noqa: E402
from django.utils.text import slugify  # noqa: E402
from PIL import Image, ImageDraw  # noqa: E402
from wagtail.models import Page, Site  # noqa: E402
from wagtail.rich_text import RichText  # noqa: E402
from wagtail.signal_handlers import disable_reference_index_auto_update  # noqa: E402

from cms.admin_units import load_admin_units  # noqa: E402
from cms.models import AdministrativeUnit, MediaImage, ProvinceHomePage, ProvinceSettings  # noqa: E402
from cms.text import fold  # noqa: E402
from exam_news import models as m  # noqa: E402
from exam_news.api.images import RENDITION_SPECS  # noqa: E402
from exam_news.sections import create_exam_section  # noqa: E402

TOPICS = [
    "thi tốt nghiệp THPT", "điểm thi", "lịch thi", "tuyển sinh", "giáo dục", "học sinh", "giáo viên", "y tế",
    "nông nghiệp", "giao thông", "du lịch", "văn hóa", "thể thao", "an ninh trật tự", "phòng chống thiên tai",
    "chuyển đổi số", "cải cách hành chính", "nông thôn mới", "đầu tư công", "môi trường", "biên giới",
    "thương mại", "việc làm", "bảo hiểm xã hội", "quốc phòng", "dân tộc thiểu số", "khoa học công nghệ",
    "hội nghị", "tiếp công dân", "an toàn thực phẩm",
]
TITLES = [
    "{a}: Công bố điểm thi tốt nghiệp THPT năm {y}", "{a} chuẩn bị chu đáo cho kỳ thi năm {y}",
    "{a} tổ chức hội nghị triển khai nhiệm vụ năm {y}", "{a}: Đẩy mạnh chuyển đổi số trong cải cách hành chính",
    "{a} trao học bổng cho học sinh có hoàn cảnh khó khăn", "{a}: Tăng cường phòng chống thiên tai mùa mưa",
]
PARAGRAPH = ("Theo kế hoạch, các đơn vị trên địa bàn {a} phối hợp chặt chẽ để bảo đảm an toàn, nghiêm túc, "
             "đúng quy chế; lực lượng tình nguyện viên hỗ trợ thí sinh và phụ huynh tại các điểm thi, cơ quan "
             "chức năng kiểm tra an toàn thực phẩm, điện, nước và giao thông trong suốt thời gian diễn ra sự "
             "kiện, đồng thời thông tin kịp thời trên cổng thông tin điện tử và hệ thống truyền thanh cơ sở.")


def jpeg(index: int) -> bytes:
    image = Image.new("RGB", (800, 600), ((index * 37) % 255, (index * 91) % 255, (index * 53) % 255))
    ImageDraw.Draw(image).ellipse([200, 150, 600, 450], outline=(255, 255, 255), width=10)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85)
    return buffer.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=10_000)
    parser.add_argument("--images", type=int, default=50)
    args = parser.parse_args()
    random.seed(20250601)
    started = time.monotonic()
    load_admin_units(["91"])
    province = AdministrativeUnit.objects.get(level="province", code="91")
    communes = list(AdministrativeUnit.objects.filter(parent=province).order_by("code")[:20])
    root = Page.get_first_root_node()
    home = ProvinceHomePage(title="Cổng thông tin kỳ thi tỉnh An Giang", slug="an-giang", province=province)
    root.add_child(instance=home)
    Site.objects.update_or_create(is_default_site=True, defaults={
        "hostname": "localhost", "port": 80, "root_page": home, "site_name": home.title})
    settings = ProvinceSettings.for_site(Site.objects.get(is_default_site=True))
    settings.portal_base_url = "https://angiang.gov.vn"
    settings.save()
    section = create_exam_section(home, "thpt", 2025, publish=True)
    index = m.NewsIndexPage.objects.child_of(section).get()
    topics = [m.Topic.objects.create(name=name, slug=slugify(fold(name))) for name in TOPICS]
    images = [MediaImage.objects.create(title=f"Ảnh {i}", alt_text=f"Ảnh minh hoạ {i}",
                                        file=ImageFile(io.BytesIO(jpeg(i)), name=f"bench-{i}.jpg"))
              for i in range(args.images)]
    for image in images:
        image.get_renditions(*RENDITION_SPECS)
    print(f"setup: {time.monotonic() - started:.1f} s")
    now = timezone.now()
    area_links, topic_links = [], []
    with transaction.atomic(), disable_reference_index_auto_update():
        for i in range(args.pages):
            area = communes[i % len(communes)]
            day = datetime.date(2021, 1, 1) + datetime.timedelta(days=random.randrange(5 * 365))
            title = random.choice(TITLES).format(a=area.short_name, y=day.year) + f" ({i + 1})"
            published = timezone.make_aware(datetime.datetime.combine(day, datetime.time(8)))
            page = m.NewsPage(
                title=title, slug=f"tin-{i + 1}", date=day, live=True, first_published_at=published,
                last_published_at=published, summary=PARAGRAPH.format(a=area.name)[:240],
                image=images[i % len(images)],
                body=[("heading", "Nội dung chính"),
                      *[("paragraph", RichText(f"<p>{PARAGRAPH.format(a=area.name)}</p>")) for _ in range(5)]],
            )
            index.add_child(instance=page)
            area_links.append(m.ExamContentPage.areas.through(examcontentpage_id=page.pk,
                                                               administrativeunit_id=area.pk))
            topic_links += [m.ExamContentPage.topics.through(examcontentpage_id=page.pk, topic_id=t.pk)
                            for t in random.sample(topics, 3)]
            if (i + 1) % 1000 == 0:
                print(f"{i + 1} pages, {time.monotonic() - started:.0f} s", flush=True)
        m.ExamContentPage.areas.through.objects.bulk_create(area_links, batch_size=2000)
        m.ExamContentPage.topics.through.objects.bulk_create(topic_links, batch_size=2000)
    print(f"done: {args.pages} pages in {time.monotonic() - started:.0f} s (generated {now:%Y-%m-%d %H:%M})")


if __name__ == "__main__":
    main()
