from exam_news.importers.schedule import import_schedule
from exam_news.management.commands._import_command import ImportCommand


class Command(ImportCommand):
    help = ("Nhập lịch thi từ tệp .xlsx/.csv vào trang Lịch thi (tất cả hoặc không). Mặc định tạo bản "
            "nháp chờ duyệt; --publish để xuất bản ngay.")

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("--publish", action="store_true", help="Xuất bản ngay (không qua duyệt).")

    def run_import(self, options):
        return import_schedule(options["section_page"], options["fh"], options["file"],
                               dry_run=options["dry_run"], publish=options["publish"])
