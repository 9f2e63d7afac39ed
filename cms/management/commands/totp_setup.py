from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django_otp.plugins.otp_totp.models import TOTPDevice

from cms.two_factor import may_use_two_factor


class Command(BaseCommand):
    help = ("Bật xác thực hai lớp (TOTP) cho một người duyệt tin hoặc quản trị viên: in ra địa chỉ otpauth:// "
            "để quét/nhập vào ứng dụng xác thực. --remove để tắt.")

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--remove", action="store_true", help="Tắt xác thực hai lớp của người này")

    def handle(self, *args, username, remove, **options):
        try:
            user = get_user_model().objects.get_by_natural_key(username)
        except get_user_model().DoesNotExist as exc:
            raise CommandError(f"Không có người dùng {username}.") from exc
        if remove:
            count, _ = TOTPDevice.objects.filter(user=user).delete()
            self.stdout.write(f"Đã tắt xác thực hai lớp của {username} ({count} thiết bị).")
            return
        if not may_use_two_factor(user):
            raise CommandError("Xác thực hai lớp dành cho người duyệt tin và quản trị viên.")
        TOTPDevice.objects.filter(user=user).delete()
        device = TOTPDevice.objects.create(user=user, name="Ứng dụng xác thực", confirmed=True)
        self.stdout.write(device.config_url)
