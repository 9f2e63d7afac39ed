from exam_news.importers.venues import import_venues
from exam_news.management.commands._import_command import ImportCommand


class Command(ImportCommand):
    help = "Nhập danh sách điểm thi từ tệp .xlsx/.csv (tất cả hoặc không); cập nhật theo mã điểm thi."

    def run_import(self, options):
        return import_venues(options["section_page"], options["fh"], options["file"],
                             dry_run=options["dry_run"])
