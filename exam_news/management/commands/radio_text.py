import json
import sys

from django.core.management.base import BaseCommand

from exam_news.radio import read_aloud
from exam_news.radio.check import check_reading


class Command(BaseCommand):
    help = ("Đọc từng dòng văn bản từ đầu vào chuẩn, in dạng đọc thành lời của mỗi dòng (một dòng ra mỗi dòng vào); "
            "với --report, mỗi dòng ra là một đối tượng JSON gồm văn bản, lời đọc và các chỗ máy đọc chưa xử lý được.")

    def add_arguments(self, parser):
        parser.add_argument("--dialect", choices=["north", "south"], default="north",
                            help="north: linh/nghìn; south: lẻ/ngàn.")
        parser.add_argument("--report", action="store_true",
                            help="Một dòng JSON cho mỗi dòng vào: text, spoken, problems (kind, token, start, end).")
        parser.add_argument("--links", choices=["full", "short"], default="full",
                            help="full: đánh vần cả địa chỉ web; short: chỉ đọc tên miền.")
        parser.add_argument("--with-dictionary", action="store_true",
                            help="Dùng cả từ điển viết tắt của biên tập viên (trong cơ sở dữ liệu).")

    def handle(self, *args, dialect, report, links, with_dictionary, **options):
        stdin = self.stdin if hasattr(self, "stdin") else sys.stdin
        extra = None
        if with_dictionary:
            from exam_news.radio.script import abbreviation_map

            extra = abbreviation_map() or None
        for line in stdin:
            text = line.rstrip("\r\n")
            if report:
                reading = check_reading(text, dialect=dialect, extra_abbreviations=extra, link_style=links)
                self.stdout.write(json.dumps(reading.as_dict(), ensure_ascii=False))
            else:
                self.stdout.write(read_aloud(text, dialect=dialect, extra_abbreviations=extra, link_style=links))
