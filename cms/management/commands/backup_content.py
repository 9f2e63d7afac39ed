import getpass
import gzip
import json
import os
import tempfile
from pathlib import Path

from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from cms import backup_crypto, backup_format, backup_secrets

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
    # Written separately below: entries of deleted pages point at pages that no longer exist.
    "wagtailcore.pagelogentry",
]


def passphrase(stdin_is_terminal: bool, *, confirm: bool) -> str:
    """The operator's passphrase: ``BACKUP_PASSPHRASE`` from the environment, else asked on the terminal."""
    given = os.environ.get(backup_crypto.PASSPHRASE_ENV)
    if given is None:
        if not stdin_is_terminal:
            raise CommandError(f"Cần cụm mật khẩu: đặt biến môi trường {backup_crypto.PASSPHRASE_ENV} "
                               "hoặc chạy lệnh trong một terminal để nhập.")
        given = getpass.getpass("Cụm mật khẩu của bản sao lưu: ")
        if confirm and getpass.getpass("Nhập lại cụm mật khẩu: ") != given:
            raise CommandError("Hai lần nhập cụm mật khẩu không khớp.")
    if confirm and len(given) < backup_crypto.MIN_PASSPHRASE_LENGTH:
        raise CommandError(f"Cụm mật khẩu quá ngắn (tối thiểu {backup_crypto.MIN_PASSPHRASE_LENGTH} ký tự).")
    return given


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
        "Khôi phục bằng restore_content. Mặc định KHÔNG ghi bí mật (băm mật khẩu, khoá ký webhook, khoá TOTP); "
        "--encrypt giữ chúng trong một tệp mã hoá bằng cụm mật khẩu."
    )

    def add_arguments(self, parser):
        parser.add_argument("output", help="Tệp đích, ví dụ backup-2025-06-26.json.gz")
        parser.add_argument(
            "--encrypt", action="store_true",
            help=f"Giữ cả bí mật và mã hoá cả tệp (Fernet, khoá từ scrypt) bằng cụm mật khẩu lấy từ biến môi trường "
                 f"{backup_crypto.PASSPHRASE_ENV} hoặc nhập khi chạy.")

    def handle(self, *args, **options):
        output = Path(options["output"])
        encrypt = options["encrypt"]
        key = passphrase(self.stdin_is_terminal(), confirm=True) if encrypt else None
        exclude = EXCLUDE if encrypt else EXCLUDE + backup_secrets.SECRET_APPS
        with tempfile.TemporaryDirectory() as tmp:
            dump = Path(tmp) / "dump.json"
            serializers.register_serializer(backup_format.NAME, "cms.backup_format")
            call_command("dumpdata", exclude=exclude, natural_foreign=True, output=str(dump), indent=None,
                         format=backup_format.NAME, verbosity=0)
            objects = json.loads(dump.read_text(encoding="utf-8"))
        if not encrypt:
            backup_secrets.without_secrets(objects)
        objects += page_log_entries()
        content_types = {str(ct.pk): [ct.app_label, ct.model] for ct in ContentType.objects.all()}
        backup = {"format": FORMAT, "version": VERSION, "secrets": "included" if encrypt else "left_out",
                  "content_types": content_types, "objects": objects}
        data = gzip.compress(json.dumps(backup, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
        output.write_bytes(backup_crypto.encrypt(data, key) if encrypt else data)
        if encrypt:
            self.stdout.write(f"Đã sao lưu {len(objects)} bản ghi, kèm bí mật, vào tệp mã hoá {output} "
                              "(không gồm tệp media). Giữ cụm mật khẩu ở nơi khác tệp.")
        else:
            self.stdout.write(f"Đã sao lưu {len(objects)} bản ghi vào {output} (không gồm tệp media, không gồm "
                              "băm mật khẩu, khoá ký webhook và khoá TOTP).")

    @staticmethod
    def stdin_is_terminal() -> bool:
        return os.isatty(0)
