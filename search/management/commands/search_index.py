"""``manage.py search_index rebuild|status|retry|purge``: the search index of the database and of Elasticsearch."""

import json

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Count, Min
from django.utils import timezone

from search import sync
from search.database import writing
from search.database.backend import DatabaseBackend
from search.models import IndexChange


class Command(BaseCommand):
    help = "Xây lại, xem trạng thái hoặc gửi lại phần tồn đọng của chỉ mục tìm kiếm."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        rebuild = sub.add_parser("rebuild", help="Xây lại chỉ mục từ nội dung đang xuất bản.")
        rebuild.add_argument("--backend", choices=["all", "database", "elasticsearch"], default="all")
        status = sub.add_parser("status", help="Số mục theo loại, tình trạng Elasticsearch, phần tồn đọng.")
        status.add_argument("--json", action="store_true", dest="as_json")
        sub.add_parser("retry", help="Gửi lại các thay đổi chưa tới được Elasticsearch (chạy bằng cron).")
        sub.add_parser("purge", help="Xoá khỏi chỉ mục cơ sở dữ liệu các mục đã hết hạn (chạy bằng cron).")

    def handle(self, *args, action: str, **options):
        getattr(self, f"_{action}")(**options)

    def _rebuild(self, backend: str, **_options) -> None:
        if backend in ("all", "database"):
            count = sync.rebuild_database()
            self.stdout.write(f"Cơ sở dữ liệu: đã lập chỉ mục {count} mục.")
        if backend in ("all", "elasticsearch"):
            if not sync.elasticsearch_enabled():
                if backend == "elasticsearch":
                    raise CommandError("Chưa cấu hình SEARCH_URL.")
                return
            from search.collect import all_documents
            from search.elastic.errors import SearchBackendError

            try:
                summary = sync.elasticsearch().rebuild(all_documents, sync.changed_since, self.stdout.write)
            except SearchBackendError as error:
                raise CommandError(f"Máy tìm kiếm: không xây lại được chỉ mục: {error}") from error
            summary_text = json.dumps(summary, ensure_ascii=False, default=str)
            self.stdout.write(f"Máy tìm kiếm ({settings.SEARCH_ENGINE}): {summary_text}")

    def _status(self, as_json: bool = False, **_options) -> None:
        backlog = IndexChange.objects.filter(pending=True).aggregate(count=Count("id"), oldest=Min("changed_at"))
        report = {
            "database": {"documents": DatabaseBackend().counts()},
            "elasticsearch": None,
            "backlog": {"pending": backlog["count"],
                        "oldest": timezone.localtime(backlog["oldest"]).isoformat() if backlog["oldest"] else None},
        }
        if sync.elasticsearch_enabled():
            report["elasticsearch"] = sync.elasticsearch().status()
        if as_json:
            self.stdout.write(json.dumps(report, ensure_ascii=False, default=str, indent=2))
            return
        counts = report["database"]["documents"]
        self.stdout.write(f"Cơ sở dữ liệu: {sum(counts.values())} mục — "
                          + ", ".join(f"{kind}: {n}" for kind, n in counts.items()))
        if report["elasticsearch"] is None:
            self.stdout.write("Máy tìm kiếm: chưa cấu hình (tìm kiếm dùng cơ sở dữ liệu).")
        else:
            health = json.dumps(report["elasticsearch"], ensure_ascii=False, default=str)
            self.stdout.write(f"Máy tìm kiếm ({settings.SEARCH_ENGINE}): {health}")
        self.stdout.write(f"Tồn đọng chờ gửi máy tìm kiếm: {backlog['count']}"
                          + (f" (cũ nhất {report['backlog']['oldest']})" if backlog["oldest"] else ""))

    def _purge(self, **_options) -> None:
        self.stdout.write(f"Đã xoá {writing.purge_expired()} mục hết hạn khỏi chỉ mục tìm kiếm.")

    def _retry(self, verbosity: int = 1, **_options) -> None:
        redone, waiting = sync.redo_pending()
        if redone or waiting:
            self.stdout.write(f"Đã lập chỉ mục lại {redone} phạm vi bị lỗi trước đó; còn chờ {waiting}.")
        if not sync.elasticsearch_enabled():
            if verbosity:
                self.stdout.write("Chưa cấu hình SEARCH_URL: không có gì để gửi lên máy tìm kiếm.")
            return
        sent, pending = sync.retry_pending()
        self.stdout.write(f"Đã gửi {sent} thay đổi; còn tồn đọng {pending}.")
