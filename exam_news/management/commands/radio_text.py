import sys

from django.core.management.base import BaseCommand

from exam_news.radio import read_aloud


class Command(BaseCommand):
    help = "Đọc từng dòng văn bản từ đầu vào chuẩn, in dạng đọc thành lời của mỗi dòng (một dòng ra mỗi dòng vào)."

    def add_arguments(self, parser):
        parser.add_argument("--dialect", choices=["north", "south"], default="north",
                            help="north: linh/nghìn; south: lẻ/ngàn.")

    def handle(self, *args, dialect, **options):
        stdin = self.stdin if hasattr(self, "stdin") else sys.stdin
        for line in stdin:
            self.stdout.write(read_aloud(line.rstrip("\r\n"), dialect=dialect))
