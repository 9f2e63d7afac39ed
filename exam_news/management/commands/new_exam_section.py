from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from cms.models import ProvinceHomePage
from exam_news.models import ExamKind
from exam_news.sections import create_exam_section


class Command(BaseCommand):
    help = "Mở chuyên mục kỳ thi mới kèm các mục con chuẩn (lịch thi, điểm thi, …)."

    def add_arguments(self, parser):
        parser.add_argument("--kind", required=True, choices=ExamKind.values, help="Loại kỳ thi.")
        parser.add_argument("--year", required=True, type=int, help="Năm tổ chức.")
        parser.add_argument("--home", type=int, help="Id trang chủ cổng tỉnh (khi có nhiều cổng).")
        parser.add_argument("--publish", action="store_true", help="Xuất bản ngay khung chuyên mục.")

    def handle(self, *args, kind, year, home, publish, **options):
        homes = ProvinceHomePage.objects.all()
        if home is not None:
            homes = homes.filter(pk=home)
        candidates = list(homes[:2])
        if not candidates:
            raise CommandError("Không tìm thấy trang chủ cổng tỉnh; hãy thiết lập cổng trước: manage.py setup_portal "
                               "--province MÃ --name \"Cổng thông tin điện tử tỉnh …\" --hostname TÊN_MIỀN "
                               "(hoặc load_demo cho dữ liệu mẫu).")
        if len(candidates) > 1:
            raise CommandError("Có nhiều cổng tỉnh; hãy chọn bằng --home ID.")
        try:
            section = create_exam_section(candidates[0], kind, year, publish=publish)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        self.stdout.write(self.style.SUCCESS(f"Đã mở chuyên mục “{section.title}” (id {section.pk}, "
                                             f"slug {section.slug})."))
