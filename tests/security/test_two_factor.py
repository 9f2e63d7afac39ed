import pytest
from django.core.management import CommandError, call_command
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

LOGIN = "/admin/login/"
PASSWORD = "mat-khau-Dai-123"


def code(device: TOTPDevice) -> str:
    return str(totp(device.bin_key, device.step, device.t0, device.digits, device.drift)).zfill(device.digits)


def login(client, username, token=None):
    data = {"username": username, "password": PASSWORD}
    if token is not None:
        data["otp_token"] = token
    return client.post(LOGIN, data)


def test_login_page_offers_the_code_field(client, db):
    assert 'name="otp_token"' in client.get(LOGIN).content.decode()


def test_approver_without_device_logs_in_with_password(client, approver):
    assert login(client, "duyet-tin").status_code == 302


def test_approver_with_device_needs_the_current_code(client, approver):
    call_command("totp_setup", "duyet-tin", stdout=open("/dev/null", "w"))  # noqa: SIM115
    device = TOTPDevice.objects.get(user=approver)
    response = login(client, "duyet-tin")
    assert response.status_code == 200
    assert "xác thực hai lớp" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert login(client, "duyet-tin", "000000" if code(device) != "000000" else "111111").status_code == 200
    assert "_auth_user_id" not in client.session
    # django-otp throttles after a wrong code (1 s, 2 s, 4 s …): the right code is refused meanwhile.
    device.refresh_from_db()
    assert device.throttling_failure_count == 1
    assert login(client, "duyet-tin", code(device)).status_code == 200
    device.refresh_from_db()
    device.throttle_reset()
    assert login(client, "duyet-tin", code(device)).status_code == 302
    assert client.session["_auth_user_id"] == str(approver.pk)


def test_setup_is_only_for_approvers_and_administrators(provincial_editor, superuser):
    with pytest.raises(CommandError, match="người duyệt tin và quản trị viên"):
        call_command("totp_setup", "btv-tinh")
    call_command("totp_setup", "quan-tri", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert TOTPDevice.objects.filter(user=superuser, confirmed=True).count() == 1
    call_command("totp_setup", "quan-tri", "--remove", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert not TOTPDevice.objects.exists()
