import gzip
import json
import tempfile
from pathlib import Path

from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.management import call_command
from django.core.management.base import BaseCommand

from cms import backup_format

FORMAT = "mua-thi-content-backup"
VERSION = 1

# Not content: caches, indexes, sessions, security counters, delivery queues and per-database ids
# (content types and permissions are written as natural keys wherever they are referenced).
EXCLUDE = [
    "contenttypes",
    "auth.permission",
    "sessions",
    "admin.logentry",
    "wagtailsearch",
    "wagtailadmin",
    "wagtailcore.uploadedfile",
    "wagtailcore.referenceindex",
    "axes",
    "cms.webhookdelivery",
    # Two-factor secrets stay out of backup files: after a restore, approvers run totp_setup again.
    "otp_totp",
    # Written separately below: entries of deleted pages point at pages that no longer exist.
    "wagtailcore.pagelogentry",
]


def page_log_entries() -> list[dict]:
    """The page history, including entries of deleted pages (their ``page`` stays a plain id; the field has
    no database constraint); the content type is written as a natural key like everywhere else."""
    from wagtail.models import PageLogEntry

    entries = serializers.serialize("python", PageLogEntry.objects.order_by("pk"))
    natural = {ct.pk: [ct.app_label, ct.model] for ct in ContentType.objects.all()}
    for entry in entries:
        entry["fields"]["content_type"] = natural.get(entry["fields"]["content_type"])
    return json.loads(json.dumps(entries, cls=backup_format.FullPrecisionEncoder))


class Command(BaseCommand):
    help = (
        "Sao lưu toàn bộ nội dung (trang mọi loại kèm các phiên bản, snippet, điểm thi, chủ đề, gói phát hành, "
        "bản tin phát thanh, từ viết tắt, đơn vị hành chính, người dùng/nhóm/quyền, bản ghi ảnh và tài liệu) "
        "vào một tệp JSON nén gzip. Ảnh và tài liệu chỉ được ghi dưới dạng đường dẫn tệp: bản thân các tệp "
        "media KHÔNG được sao chép — hãy sao lưu thư mục MEDIA_ROOT hoặc bucket S3 riêng. "
        "Khôi phục bằng restore_content."
    )

    def add_arguments(self, parser):
        parser.add_argument("output", help="Tệp đích, ví dụ backup-2025-06-26.json.gz")

    def handle(self, *args, **options):
        output = Path(options["output"])
        with tempfile.TemporaryDirectory() as tmp:
            dump = Path(tmp) / "dump.json"
            serializers.register_serializer(backup_format.NAME, "cms.backup_format")
            call_command("dumpdata", exclude=EXCLUDE, natural_foreign=True, output=str(dump), indent=None,
                         format=backup_format.NAME, verbosity=0)
            objects = json.loads(dump.read_text(encoding="utf-8"))
        objects += page_log_entries()
        content_types = {str(ct.pk): [ct.app_label, ct.model] for ct in ContentType.objects.all()}
        backup = {"format": FORMAT, "version": VERSION, "content_types": content_types, "objects": objects}
        with gzip.open(output, "wt", encoding="utf-8") as fh:
            json.dump(backup, fh, ensure_ascii=False, separators=(",", ":"))
        self.stdout.write(f"Đã sao lưu {len(objects)} bản ghi vào {output} (không gồm tệp media).")
