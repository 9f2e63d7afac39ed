from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.http.request import validate_host
from django.utils.translation import gettext as _

from cms.provinces import UnknownProvince, current_provinces
from exam_news.portal_setup import setup_portal

EXAMPLE = ('manage.py setup_portal --province 91 --name "Cổng thông tin điện tử tỉnh An Giang" '
           "--hostname thi.angiang.gov.vn --portal-url https://angiang.gov.vn")


class Command(BaseCommand):
    help = ("Thiết lập cổng của một tỉnh trên cơ sở dữ liệu mới: đơn vị hành chính, trang chủ, tên miền, thiết lập, "
            "nhóm biên tập và quy trình duyệt (không có nội dung mẫu). Chạy lại không tạo trùng.")

    def add_arguments(self, parser):
        parser.add_argument("--province", help="Mã tỉnh, thành phố hiện hành (ví dụ 91) hoặc tên (An Giang).")
        parser.add_argument("--name", help="Tên cổng, ví dụ “Cổng thông tin điện tử tỉnh An Giang”.")
        parser.add_argument("--hostname", help="Tên miền phục vụ quản trị và API, ví dụ thi.angiang.gov.vn.")
        parser.add_argument("--portal-url", help="Địa chỉ cổng thông tin công khai, ví dụ https://angiang.gov.vn.")
        parser.add_argument("--list-provinces", action="store_true",
                            help="In mã và tên 34 tỉnh, thành phố hiện hành rồi thoát.")

    def handle(self, *args, province, name, hostname, portal_url, list_provinces, **options):
        if list_provinces:
            for item in current_provinces():
                self.stdout.write(f"{item.code}  {item.name}")
            return
        missing = [flag for flag, value in (("--province", province), ("--name", name), ("--hostname", hostname))
                   if not value]
        if missing:
            raise CommandError(_("Thiếu %(flags)s. Ví dụ: %(example)s")
                               % {"flags": ", ".join(missing), "example": EXAMPLE})
        try:
            result = setup_portal(province, name, hostname, portal_url)
        except UnknownProvince as exc:
            raise CommandError(_("%(reason)s Xem mã các tỉnh, thành phố: manage.py setup_portal --list-provinces")
                               % {"reason": exc}) from exc
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        for change in result.changes:
            self.stdout.write(f"- {change}")
        where = {"title": result.home.title, "province": result.province.name, "code": result.province.code,
                 "id": result.home.pk, "host": result.site.hostname}
        if result.changed:
            self.stdout.write(self.style.SUCCESS(
                _("Đã thiết lập cổng “%(title)s”: %(province)s (mã %(code)s), trang chủ id %(id)s, tên miền %(host)s.")
                % where))
        else:
            self.stdout.write(self.style.SUCCESS(
                _("Cổng “%(title)s” đã được thiết lập từ trước (%(province)s, mã %(code)s, trang chủ id %(id)s, "
                  "tên miền %(host)s); không có gì thay đổi.") % where))
        if not validate_host(result.site.hostname, settings.ALLOWED_HOSTS):
            self.stderr.write(_("Lưu ý: %(host)s chưa có trong ALLOWED_HOSTS; hãy thêm vào biến môi trường "
                                "ALLOWED_HOSTS trước khi phục vụ.") % {"host": result.site.hostname})
        if result.home_created:
            self.stdout.write(_("Tiếp theo: manage.py createsuperuser, rồi manage.py new_exam_section --kind thpt "
                                "--year NĂM --publish."))
