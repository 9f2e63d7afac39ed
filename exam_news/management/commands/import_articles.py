from exam_news.importers.articles import import_articles
from exam_news.management.commands._import_command import ImportCommand


class Command(ImportCommand):
    help = ("Nhập bài viết từ cổng thông tin cũ (tệp JSON Lines, mỗi dòng một bài; tất cả hoặc không); "
            "nhập lại thì cập nhật theo mã bài (id), không tạo trùng.")
    file_help = "Tệp .jsonl: mỗi dòng một đối tượng JSON (id, kind, title, summary, body, published, area)."

    def run_import(self, options):
        return import_articles(options["section_page"], options["fh"], dry_run=options["dry_run"],
                               filename=options["file"])
