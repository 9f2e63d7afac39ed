from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from exam_news.importers.plan import plan_lines
from exam_news.importers.tables import ImportFileError, ImportReport
from exam_news.management.commands._section_arg import SECTION_HELP, section_from_option


class ImportCommand(BaseCommand):
    """Shared shape of the import commands: FILE --section S [--dry-run]."""

    file_help = "Tệp .xlsx hoặc .csv."

    def add_arguments(self, parser):
        parser.add_argument("file", help=self.file_help)
        parser.add_argument("--section", required=True, help=SECTION_HELP)
        parser.add_argument("--dry-run", action="store_true",
                            help="Chỉ kiểm tra, báo lỗi và liệt kê từng thay đổi (mới, cập nhật cũ → mới, "
                                 "bỏ khỏi lịch); không ghi.")
        parser.add_argument("--all-rows", action="store_true",
                            help="Với --dry-run: liệt kê cả các dòng không đổi.")

    def run_import(self, options) -> ImportReport:
        raise NotImplementedError

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"Không tìm thấy tệp {path}.")
        options["section_page"] = section_from_option(options["section"])
        try:
            with path.open("rb") as fh:
                options["fh"] = fh
                report = self.run_import(options)
        except ImportFileError as exc:
            raise CommandError(str(exc)) from exc
        for warning in report.warnings:
            self.stderr.write(f"Cảnh báo: {warning}")
        for error in report.errors:
            self.stderr.write(str(error))
        if report.errors:
            raise CommandError(f"{len(report.errors)} lỗi trong {report.rows} dòng; không ghi dữ liệu nào.")
        if report.dry_run and report.plan is not None:
            for line in plan_lines(report.plan, with_unchanged=options["all_rows"]):
                self.stdout.write(line)
            if report.plan.untouched:
                self.stdout.write(f"{report.plan.untouched} bản ghi đã có nhưng không có trong tệp: giữ nguyên.")
        verb = "Kiểm tra xong (chưa ghi)" if report.dry_run else "Đã nhập"
        self.stdout.write(self.style.SUCCESS(
            f"{verb}: {report.rows} dòng, {report.created} mới, {report.updated} cập nhật"
            + (f", {report.removed} bỏ khỏi lịch" if report.removed else "")
            + (f", {report.unchanged} không đổi" if report.unchanged else "") + "."
        ))
