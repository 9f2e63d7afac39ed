from django.core.management.base import BaseCommand

from exam_news.demo.loader import DemoLoader


class Command(BaseCommand):
    help = "Nạp nội dung mẫu tỉnh An Giang (kỳ thi 2025 và 2026); chạy lại không tạo trùng."

    def handle(self, *args, **options):
        DemoLoader(stdout=self.stdout).run()
