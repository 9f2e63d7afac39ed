import json

from django.core.management.base import BaseCommand, CommandError

from exam_news import mirror


class Command(BaseCommand):
    help = ("Bản tĩnh (mirror) của các phản hồi API nóng ngày công bố kết quả: `rebuild` dựng lại một thế hệ mới "
            "và chuyển sang nó; `status` cho biết thế hệ đang phục vụ, tuổi và dung lượng.")

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["rebuild", "status"])

    def handle(self, *args, action, **options):
        if not mirror.enabled():
            raise CommandError("Chưa bật bản tĩnh: đặt biến môi trường MIRROR_ROOT (thư mục nginx phục vụ).")
        if action == "rebuild":
            built = mirror.rebuild()
            if built is None:
                raise CommandError("Nội dung vừa thay đổi trong khi dựng; hãy chạy lại (bộ lập lịch tự dựng lại).")
        info = mirror.status()
        if not info.get("serving"):
            self.stdout.write("Bản tĩnh đang tạm dừng (nginx chuyển mọi yêu cầu cho ứng dụng).")
            return
        self.stdout.write(
            f"Thế hệ {info['generation']}: {info['files']} tệp, {info['bytes']:,} byte, dựng lúc {info['built_at']} "
            f"({info['age_seconds']} giây trước, mất {info['seconds']} giây); "
            + ("khớp nội dung hiện tại." if info["up_to_date"] else "CŨ HƠN nội dung hiện tại.")
        )
        if options["verbosity"] > 1:
            self.stdout.write(json.dumps(info, ensure_ascii=False))
