from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from exam_news.releasing import release_due_bundles


class Command(BaseCommand):
    help = ("Công bố các gói phát hành đến giờ (mỗi gói trong một giao dịch), rồi xuất bản/hết hạn các "
            "trang hẹn giờ. Chạy mỗi phút (cron/systemd timer).")

    def handle(self, *args, **options):
        for bundle in release_due_bundles():
            self.stdout.write(f"Đã công bố gói “{bundle.name}” ({bundle.items.count()} trang).")
        call_command("publish_scheduled", stdout=self.stdout)
        call_command("deliver_webhooks", stdout=self.stdout)
        call_command("search_index", "purge", stdout=self.stdout)  # notices past their expiry
        if settings.ELASTICSEARCH_URL:  # changes Elasticsearch missed while it was unreachable
            call_command("search_index", "retry", stdout=self.stdout)
