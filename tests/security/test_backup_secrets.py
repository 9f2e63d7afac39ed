"""Backups and secrets (issue #20, point 5): a plain backup carries no password hash, webhook key or TOTP key, and
a restore from it leaves accounts resettable and subscriptions paused with new keys; ``--encrypt`` keeps them in
a file sealed with the operator's passphrase; a restore sanitises rich text like the importers."""

import gzip
import json

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import PasswordResetForm
from django.core.management import CommandError, call_command
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.models import Page

from cms import backup_crypto, backup_richtext
from cms.models import WebhookSubscription
from exam_news import models as m
from tests.exam_news.factories import add_page, news
from tests.security.test_backup_restore import delete_content

PASSWORD = "mat-khau-Dai-123"  # tests.fixtures.make_user's
PASSPHRASE = "cụm mật khẩu đủ dài 2025"
ATTACK = ('<p>Lịch thi<script>alert(1)</script> <a href="javascript:alert(2)">xem</a>'
          '<img src="x" onerror="alert(3)"></p>')


@pytest.fixture
def secrets_in_db(approver):
    approver.email = "duyet@example.vn"
    approver.save()
    device = TOTPDevice.objects.create(user=approver, name="điện thoại")
    hook = WebhookSubscription.objects.create(name="Cổng xã", url="https://xa.example.vn/hook", secret="bi-mat-cu")
    return approver, device, hook


def read_plain(path) -> dict:
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        return json.load(fh)


@pytest.mark.django_db
def test_a_plain_backup_leaves_secrets_out_and_a_restore_stands_in_for_them(section, secrets_in_db, tmp_path,
                                                                          capsys):
    user, device, hook = secrets_in_db
    out = tmp_path / "plain.json.gz"
    call_command("backup_content", str(out))
    raw = gzip.decompress(out.read_bytes()).decode("utf-8")
    assert user.password not in raw and "bi-mat-cu" not in raw and device.key not in raw
    backup = json.loads(raw)
    assert backup["secrets"] == "left_out"
    rows = {obj["model"]: obj["fields"] for obj in backup["objects"]}
    assert "password" not in rows["auth.user"] and "secret" not in rows["cms.webhooksubscription"]
    assert "otp_totp.totpdevice" not in rows

    delete_content()
    TOTPDevice.objects.all().delete()
    WebhookSubscription.objects.all().delete()
    call_command("restore_content", str(out), "--skip-index")
    restored = get_user_model().objects.get(username=user.username)
    assert not restored.check_password(PASSWORD)  # the old password is gone with its hash …
    assert restored.has_usable_password()  # … and the e-mail reset still works (Django refuses unusable ones)
    assert list(PasswordResetForm().get_users("duyet@example.vn")) == [restored]
    assert not TOTPDevice.objects.exists()
    new_hook = WebhookSubscription.objects.get(pk=hook.pk)
    assert new_hook.secret and new_hook.secret != "bi-mat-cu" and len(new_hook.secret) >= 32
    assert new_hook.active is False  # paused until the receiver has the new key
    assert "Cổng xã" in capsys.readouterr().out


@pytest.mark.django_db
def test_an_encrypted_backup_keeps_the_secrets_behind_the_passphrase(section, secrets_in_db, tmp_path, monkeypatch):
    user, device, hook = secrets_in_db
    out = tmp_path / "sealed.bin"
    monkeypatch.delenv(backup_crypto.PASSPHRASE_ENV, raising=False)
    with pytest.raises(CommandError, match=backup_crypto.PASSPHRASE_ENV):  # no terminal to ask on
        call_command("backup_content", str(out), "--encrypt")
    monkeypatch.setenv(backup_crypto.PASSPHRASE_ENV, "ngắn")
    with pytest.raises(CommandError, match="quá ngắn"):
        call_command("backup_content", str(out), "--encrypt")
    monkeypatch.setenv(backup_crypto.PASSPHRASE_ENV, PASSPHRASE)
    call_command("backup_content", str(out), "--encrypt")
    sealed = out.read_bytes()
    assert sealed.startswith(backup_crypto.MAGIC)
    assert b"bi-mat-cu" not in sealed and user.password.encode() not in sealed and device.key.encode() not in sealed
    backup = json.loads(gzip.decompress(backup_crypto.decrypt(sealed, PASSPHRASE)))
    assert backup["secrets"] == "included"
    assert any(obj["model"] == "otp_totp.totpdevice" for obj in backup["objects"])

    delete_content()
    TOTPDevice.objects.all().delete()
    WebhookSubscription.objects.all().delete()
    monkeypatch.setenv(backup_crypto.PASSPHRASE_ENV, "một cụm mật khẩu khác")
    with pytest.raises(CommandError, match="Sai cụm mật khẩu"):
        call_command("restore_content", str(out), "--skip-index")
    monkeypatch.setenv(backup_crypto.PASSPHRASE_ENV, PASSPHRASE)
    call_command("restore_content", str(out), "--skip-index")
    assert get_user_model().objects.get(username=user.username).check_password(PASSWORD)
    assert TOTPDevice.objects.get(user__username=user.username).key == device.key
    assert WebhookSubscription.objects.get(pk=hook.pk).secret == "bi-mat-cu"
    assert WebhookSubscription.objects.get(pk=hook.pk).active


def test_a_changed_byte_is_refused_like_a_wrong_passphrase():
    sealed = bytearray(backup_crypto.encrypt(b"noi dung", PASSPHRASE))
    sealed[-5] ^= 1
    with pytest.raises(backup_crypto.WrongPassphrase):
        backup_crypto.decrypt(bytes(sealed), PASSPHRASE)
    assert backup_crypto.decrypt(backup_crypto.encrypt(b"noi dung", PASSPHRASE), PASSPHRASE) == b"noi dung"


@pytest.mark.django_db
def test_restore_sanitises_rich_text_in_pages_and_revisions_like_the_importers(section, tmp_path, client):
    page = add_page(section, news("Tin có mã độc", body=[("paragraph", "<p>Sạch</p>")]))
    out = tmp_path / "backup.json.gz"
    call_command("backup_content", str(out))
    backup = read_plain(out)
    poisoned = 0
    for obj in backup["objects"]:
        if obj["model"] == "exam_news.examcontentpage" and obj["pk"] == page.pk:  # multi-table: body is here
            body = json.loads(obj["fields"]["body"])
            body[0]["value"] = ATTACK
            obj["fields"]["body"] = json.dumps(body)
            poisoned += 1
        if obj["model"] == "wagtailcore.revision" and obj["fields"]["object_id"] == str(page.pk):
            body = json.loads(obj["fields"]["content"]["body"])
            body[0]["value"] = ATTACK
            obj["fields"]["content"]["body"] = json.dumps(body)
            poisoned += 1
    assert poisoned >= 2
    with gzip.open(out, "wt", encoding="utf-8") as fh:
        json.dump(backup, fh)

    delete_content()
    call_command("restore_content", str(out), "--skip-index")
    restored = m.NewsPage.objects.get(pk=page.pk)
    for html in (restored.body[0].value.source, restored.get_latest_revision().as_object().body[0].value.source):
        assert "Lịch thi" in html and "xem" in html
        assert "<script" not in html and "javascript:" not in html and "onerror" not in html and "<img" not in html
        assert "alert(1)" not in html  # a script's content goes with it, as in the importers
    assert Page.objects.filter(pk=page.pk).exists()


def test_rich_text_the_editor_writes_is_kept_byte_for_byte():
    html = ('<h2 data-block-key="a1">Lịch thi</h2><p data-block-key="b2">Xem <a linktype="page" id="7">trang</a>, '
            '<a href="https://so.example.vn/x?a=1&amp;b=2">sở</a> và <b>đậm</b><br/></p>'
            '<embed alt="Ảnh" embedtype="image" format="fullwidth" id="3"/><ul><li>một</li></ul>')
    assert backup_richtext.within_policy(html)
    assert backup_richtext.sanitised(html, lambda h: pytest.fail("clean HTML was rewritten")) == html
    for attack in (ATTACK, '<p onclick="x()">a</p>', '<p><a href="JavaScript:x()">a</a></p>', "<!-- x --><p>a</p>",
                   '<p><a href=" data:text/html,x">a</a></p>', "<iframe src=https://x></iframe>"):
        assert not backup_richtext.within_policy(attack), attack
