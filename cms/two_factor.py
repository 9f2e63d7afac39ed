"""Optional TOTP two-factor login for approvers and administrators (django-otp).

Whoever has a confirmed TOTP device (set up with ``manage.py totp_setup USERNAME``, only for approvers and
superusers) must type the current 6-digit code from their authenticator app on the admin login page;
everyone else logs in with the password alone.
"""

from django import forms
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm

from cms.editorial import APPROVERS


def may_use_two_factor(user) -> bool:
    return user.is_superuser or user.groups.filter(name=APPROVERS).exists()


class LoginForm(WagtailLoginForm):
    otp_token = forms.CharField(
        label=_("Mã xác thực hai lớp"), required=False, max_length=8,
        help_text=_("Chỉ khi tài khoản đã bật xác thực hai lớp: mã 6 số trong ứng dụng xác thực."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password"].label = _("Mật khẩu")  # Wagtail's field has none: the page said "Password"

    def clean(self):
        cleaned = super().clean()
        user = self.get_user()
        if user is None:
            return cleaned
        devices = list(TOTPDevice.objects.devices_for_user(user, confirmed=True))
        if not devices:
            return cleaned
        token = (cleaned.get("otp_token") or "").strip().replace(" ", "")
        if not token:
            self.user_cache = None
            raise forms.ValidationError(_("Tài khoản này bật xác thực hai lớp: hãy nhập mã trong ứng dụng "
                                          "xác thực."), code="otp_required")
        for device in devices:
            allowed, _info = device.verify_is_allowed()
            if allowed and device.verify_token(token):
                return cleaned
        self.user_cache = None
        raise forms.ValidationError(_("Mã xác thực hai lớp không đúng hoặc đã hết hạn."), code="otp_invalid")
