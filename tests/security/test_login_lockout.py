import datetime

import pytest
import time_machine
from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse

LOGIN = "/admin/login/"
PASSWORD = "mat-khau-Dai-123"
START = datetime.datetime(2026, 6, 20, 8, 0, tzinfo=datetime.UTC)


def login(client, username, password, ip="198.51.100.7"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=ip)


def fail_until_locked(client, username, ip="198.51.100.7"):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        login(client, username, "sai-mat-khau", ip)


def test_defaults_come_from_settings():
    assert settings.AXES_FAILURE_LIMIT == 5
    assert datetime.timedelta(minutes=15) == settings.AXES_COOLOFF_TIME
    assert settings.AUTHENTICATION_BACKENDS[0] == "axes.backends.AxesStandaloneBackend"


def test_right_password_logs_in(client, superuser):
    response = login(client, "quan-tri", PASSWORD)
    assert response.status_code == 302
    assert client.session.get("_auth_user_id") == str(superuser.pk)


def test_failures_below_the_limit_do_not_lock(client, superuser):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert login(client, "quan-tri", "sai-mat-khau").status_code == 200
    assert login(client, "quan-tri", PASSWORD).status_code == 302


def test_lockout_after_n_failures_then_unlocked_after_cool_off(client, superuser):
    with time_machine.travel(START, tick=False) as traveller:
        fail_until_locked(client, "quan-tri")
        response = login(client, "quan-tri", PASSWORD)
        assert response.status_code == 429
        body = response.content.decode()
        assert "tạm thời bị khoá" in body
        assert "15 phút" in body
        assert response["Retry-After"] == "900"
        assert "_auth_user_id" not in client.session

        traveller.move_to(START + datetime.timedelta(minutes=14))
        assert login(client, "quan-tri", PASSWORD).status_code == 429

        traveller.move_to(START + datetime.timedelta(minutes=30))
        response = login(client, "quan-tri", PASSWORD)
        assert response.status_code == 302
        assert client.session.get("_auth_user_id") == str(superuser.pk)


def test_other_users_and_other_addresses_are_not_affected(client, superuser, approver):
    fail_until_locked(client, "quan-tri")
    assert login(client, "quan-tri", PASSWORD).status_code == 429
    # Another account from the same address.
    assert login(client, "duyet-tin", PASSWORD).status_code == 302
    client.logout()
    # The same account from another address (lockout is per username + address).
    assert login(client, "quan-tri", PASSWORD, ip="203.0.113.99").status_code == 302


def test_force_login_is_unaffected(client, superuser):
    client.force_login(superuser)
    assert client.get("/admin/").status_code == 200


@pytest.mark.parametrize("weak", ["12345678901", "matkhau", "password123", "bien-tap-moi-1"])
def test_admin_create_user_rejects_weak_passwords(client, superuser, weak):
    client.force_login(superuser)
    response = client.post("/admin/users/new/", {
        "username": "bien-tap-moi", "email": "btv@example.vn", "first_name": "Biên", "last_name": "Tập",
        "password1": weak, "password2": weak,
    })
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert set(errors) <= {"password1", "password2"} and errors, errors
    assert not get_user_model().objects.filter(username="bien-tap-moi").exists()


def test_admin_create_user_accepts_strong_password(client, superuser):
    client.force_login(superuser)
    strong = "Mua-thi-2025-an-toan"
    response = client.post("/admin/users/new/", {
        "username": "bien-tap-moi", "email": "btv@example.vn", "first_name": "Biên", "last_name": "Tập",
        "password1": strong, "password2": strong,
    })
    assert response.status_code == 302, response.content.decode()[:2000]
    assert get_user_model().objects.get(username="bien-tap-moi").check_password(strong)


def test_admin_change_password_rejects_weak_password(client, superuser, approver):
    client.force_login(superuser)
    url = reverse("wagtailusers_users:edit", args=[approver.pk])
    form = {"username": approver.username, "email": "duyet@example.vn", "first_name": "Duyệt",
            "last_name": "Tin", "password1": "1234567890", "password2": "1234567890", "is_active": "on"}
    response = client.post(url, form)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert set(errors) <= {"password1", "password2"} and errors, errors
    approver.refresh_from_db()
    assert approver.check_password(PASSWORD)
