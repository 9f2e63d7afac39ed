from django.core.management.base import BaseCommand, CommandError

from exam_news.scheduling import pass_lock, run_due


class Command(BaseCommand):
    help = ("Một lượt lập lịch: công bố các gói phát hành đến giờ (mỗi gói trong một giao dịch), xuất bản/hết hạn "
            "các trang hẹn giờ, gửi lại thông báo thay đổi, dọn chỉ mục tìm kiếm. Dành cho triển khai chỉ có cron; "
            "nên dùng run_scheduler (công bố đúng giây).")

    def handle(self, *args, **options):
        with pass_lock() as mine:
            if not mine:
                self.stdout.write("Một tiến trình lập lịch khác đang chạy lượt này; bỏ qua.")
                return
            result = run_due(out=self.stdout.write)
        if result.failed:
            raise CommandError("Các bước không thành công (xem nhật ký): " + ", ".join(result.failed))
