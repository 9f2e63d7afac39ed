import signal
import threading

from django.core.management.base import BaseCommand
from django.utils import timezone

from exam_news.scheduling import run_forever


class Command(BaseCommand):
    help = ("Tiến trình lập lịch chạy thường trực: ngủ đến thay đổi hẹn giờ kế tiếp (gói phát hành, trang hẹn giờ "
            "xuất bản/hết hạn, thông báo bắt đầu/hết hiệu lực) rồi thực hiện đúng thời điểm; dựng lại bản tĩnh "
            "(mirror) khi nội dung đổi. Chạy một tiến trình; lỡ chạy hai thì tiến trình sau chỉ chờ.")

    def handle(self, *args, **options):
        stop = threading.Event()
        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, lambda *_: stop.set())
        self.stdout.write("Bộ lập lịch đã chạy.")
        run_forever(stop, out=lambda line: self.stdout.write(f"{timezone.localtime():%d/%m/%Y %H:%M:%S.%f} {line}"))
        self.stdout.write("Bộ lập lịch đã dừng.")
