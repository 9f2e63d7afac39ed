import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Tạo tài khoản quản trị cho môi trường chạy thử (nếu chưa có) và in thông tin đăng nhập."

    def add_arguments(self, parser):
        parser.add_argument("--username", default="admin")

    def handle(self, *args, username, **options):
        password_file = settings.VAR_DIR / "admin-password.txt"
        User = get_user_model()
        user = User.objects.filter(username=username).first()
        stored = password_file.read_text().strip() if password_file.exists() else ""
        if user is None or not (stored and user.check_password(stored)):
            password = secrets.token_urlsafe(12)
            if user is None:
                user = User.objects.create_superuser(username, email="", password=password)
            else:
                user.set_password(password)
                user.save(update_fields=["password"])
            password_file.parent.mkdir(parents=True, exist_ok=True)
            password_file.write_text(password + "\n")
            password_file.chmod(0o600)
            stored = password
        self.stdout.write(self.style.SUCCESS(
            f"Đăng nhập quản trị: {settings.WAGTAILADMIN_BASE_URL}/admin/  "
            f"tài khoản: {username}  mật khẩu: {stored}"
        ))
