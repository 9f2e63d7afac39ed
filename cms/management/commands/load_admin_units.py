from django.core.management.base import BaseCommand

from cms.admin_units import load_admin_units


class Command(BaseCommand):
    help = "Nạp/cập nhật đơn vị hành chính (hiện hành và trước 01/7/2025) từ gói vietnamadminunits."

    def add_arguments(self, parser):
        parser.add_argument(
            "--province", action="append", dest="provinces", default=[],
            help="Chỉ nạp tỉnh có mã này (hiện hành) cùng các đơn vị cũ của nó; có thể lặp lại.",
        )

    def handle(self, *args, provinces, **options):
        report = load_admin_units(provinces or None)
        self.stdout.write(self.style.SUCCESS(f"Đã nạp đơn vị hành chính — {report.summary()}"))
