import gzip
import json
import os
import tempfile
from pathlib import Path

from django.apps import apps
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from wagtail.models import Collection, Page, Site, Task, Workflow

from cms import audit, backup_crypto, backup_richtext, backup_secrets, generation
from cms.management.commands.backup_content import FORMAT, VERSION, passphrase

# Records whose presence means the database already holds content (Wagtail's own initial rows — the root
# page, the "Welcome" page, the default site, collection, groups and workflow — do not count).
CONTENT_MODELS = [
    "cms.ProvinceHomePage", "cms.MediaImage", "cms.MediaDocument", "exam_news.ExamVenue", "exam_news.Topic",
    "exam_news.ReleaseBundle", "exam_news.Bulletin", "exam_news.Abbreviation",
]


def existing_content() -> list[str]:
    found = [label for label in CONTENT_MODELS if apps.get_model(label).objects.exists()]
    if Page.objects.filter(depth__gt=1).exclude(content_type=ContentType.objects.get_for_model(Page)).exists():
        found.append("pages")
    return found


class Command(BaseCommand):
    help = (
        "Khôi phục tệp do backup_content tạo vào một cơ sở dữ liệu rỗng (đã chạy migrate), trong một giao dịch: "
        "lỗi ở bất kỳ bản ghi nào thì không thay đổi gì. Từ chối nếu đã có nội dung. Tệp media không nằm trong "
        "bản sao lưu: khôi phục MEDIA_ROOT/bucket riêng. Văn bản định dạng được làm sạch như khi nhập liệu. "
        "Tệp mã hoá (--encrypt) cần cụm mật khẩu (biến môi trường BACKUP_PASSPHRASE hoặc nhập khi chạy). "
        "Bản sao lưu không kèm bí mật: mỗi tài khoản nhận một mật khẩu ngẫu nhiên không ai biết (đặt lại qua "
        "“Quên mật khẩu” hoặc changepassword), mỗi đăng ký webhook nhận khoá ký mới và bị tạm dừng."
    )

    def add_arguments(self, parser):
        parser.add_argument("input", help="Tệp .json.gz do backup_content tạo")
        parser.add_argument("--skip-index", action="store_true",
                            help="Không dựng lại chỉ mục tìm kiếm và chỉ mục tham chiếu")

    def handle(self, *args, **options):
        path = Path(options["input"])
        backup = self.read(path)
        if not isinstance(backup, dict) or backup.get("format") != FORMAT or backup.get("version") != VERSION:
            raise CommandError(f"{path} không phải bản sao lưu của backup_content (phiên bản {VERSION}).")

        found = existing_content()
        if found:
            raise CommandError(
                "Cơ sở dữ liệu đã có nội dung (" + ", ".join(found) + "); restore_content chỉ khôi phục vào "
                "cơ sở dữ liệu rỗng. Hãy tạo cơ sở dữ liệu mới và chạy migrate trước."
            )

        objects = self.remap_content_types(backup["objects"], backup["content_types"])
        backup_richtext.sanitise_objects(objects)
        replaced = backup_secrets.fill_missing_secrets(objects)
        with tempfile.TemporaryDirectory() as tmp:
            fixture = Path(tmp) / "content.json"
            fixture.write_text(json.dumps(objects, ensure_ascii=False), encoding="utf-8")
            with transaction.atomic(), audit.suppressed():
                self.clear_initial_rows()
                call_command("loaddata", str(fixture), verbosity=0)
        if not options["skip_index"]:
            self.rebuild_search()
            call_command("update_index", verbosity=0)  # Wagtail's own: the admin's page search
            # The "usage" index (which pages use an image, a document, a snippet) is derived, so not backed up.
            call_command("rebuild_references_index", verbosity=0)
        generation.bump()
        self.stdout.write(f"Đã khôi phục {len(objects)} bản ghi từ {path}. Nhớ khôi phục tệp media.")
        if replaced.users:
            self.stdout.write(f"{len(replaced.users)} tài khoản nhận mật khẩu ngẫu nhiên (bản sao lưu không có băm mật "
                              "khẩu): người dùng đặt lại bằng “Quên mật khẩu” hoặc quản trị viên chạy "
                              "`manage.py changepassword TÊN`.")
        if replaced.paused_subscriptions:
            self.stdout.write("Đăng ký webhook nhận khoá ký mới và đang tạm dừng (gửi khoá mới cho bên nhận rồi bật "
                              "lại): " + ", ".join(replaced.paused_subscriptions) + ".")

    def read(self, path: Path):
        """The backup's JSON, from a gzip file or an encrypted one (asking for the passphrase)."""
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"Không đọc được tệp sao lưu {path}: {exc}") from exc
        if backup_crypto.is_encrypted(data):
            try:
                data = backup_crypto.decrypt(data, passphrase(os.isatty(0), confirm=False))
            except backup_crypto.WrongPassphrase as exc:
                raise CommandError(f"Sai cụm mật khẩu, hoặc tệp {path} đã bị thay đổi.") from exc
        try:
            return json.loads(gzip.decompress(data).decode("utf-8"))
        except (OSError, EOFError, ValueError) as exc:
            raise CommandError(f"Không đọc được tệp sao lưu {path}: {exc}") from exc

    def rebuild_search(self) -> None:
        """The public search index (the database's, and the engine's when one is configured): derived from the
        published content, so not in the backup."""
        try:
            call_command("search_index", "rebuild", stdout=self.stdout)
        except CommandError as error:  # the engine unreachable: the content is restored, the index can follow
            self.stderr.write(f"{error} Chạy lại `manage.py search_index rebuild` khi máy tìm kiếm sẵn sàng.")

    @staticmethod
    def remap_content_types(objects: list, content_types: dict) -> list:
        """Revisions keep the page's content type id inside their JSON; translate it to this database's id."""
        for obj in objects:
            if obj["model"] != "wagtailcore.revision":
                continue
            content = obj["fields"].get("content")
            if isinstance(content, dict) and str(content.get("content_type")) in content_types:
                app_label, model = content_types[str(content["content_type"])]
                content["content_type"] = ContentType.objects.get_by_natural_key(app_label, model).pk
        return objects

    @staticmethod
    def clear_initial_rows():
        """Wagtail's migrations create a root page, a welcome page, a site, a root collection, two groups and
        a workflow; the backup brings its own (with their original ids), so these go first."""
        Site.objects.all().delete()
        Page.objects.filter(depth__gt=1).delete()
        Workflow.objects.all().delete()
        Task.objects.all().delete()
        Group.objects.all().delete()
        Collection.objects.filter(depth__gt=1).delete()
