from django.core.management.base import BaseCommand

from cms.webhooks import deliver_due


class Command(BaseCommand):
    help = "Gửi lại các thông báo thay đổi đến hạn thử lại (lùi thời gian theo cấp số nhân)."

    def handle(self, *args, **options):
        self.stdout.write(f"Đã gửi thành công {deliver_due()} thông báo.")
