"""Where change notifications may be sent: https to public addresses, checked when saved and when sent."""

import socket

import pytest
from django.core.exceptions import ValidationError

from cms.models import WebhookSubscription
from cms.webhook_targets import RefusedTarget, Target, resolve_target, validate_webhook_url

GLOBAL = "8.8.8.8"


@pytest.fixture(autouse=True)
def production(settings):
    settings.DEBUG = False
    settings.WEBHOOK_ALLOWED_HOSTS = []


def resolving_to(monkeypatch, *addresses: str) -> list[str]:
    """socket.getaddrinfo answering with ``addresses``; returns the names it was asked for."""
    asked = []

    def fake(host, port, *args, **kwargs):
        asked.append(host)
        return [(socket.AF_INET6 if ":" in a else socket.AF_INET, socket.SOCK_STREAM, 6, "", (a, port))
                for a in addresses]

    monkeypatch.setattr(socket, "getaddrinfo", fake)
    return asked


@pytest.mark.parametrize("url", [
    "ftp://cong.example.vn/hook",
    "file:///etc/passwd",
    "gopher://cong.example.vn/",
    "http://cong.example.vn/hook",  # plain http to the internet
    "http://127.0.0.1:8000/hook",  # plain http to this machine without DEBUG
    "https://10.1.2.3/hook",
    "https://172.16.0.1/hook",
    "https://192.168.1.20/hook",
    "https://169.254.169.254/latest/meta-data/",  # link-local: the cloud metadata service
    "https://127.0.0.1/hook",
    "https://[::1]/hook",
    "https://[fe80::1]/hook",
    "https://[fd00::5]/hook",
    "https://[::ffff:127.0.0.1]/hook",
    "https://[::ffff:10.0.0.1]/hook",
    "https://0.0.0.0/hook",
    "https://100.64.0.1/hook",  # carrier-grade NAT
    "https://224.0.0.1/hook",
    "https://localhost/hook",
    "https://api.localhost/hook",
    "https://user:pass@cong.example.vn/hook",
    "https:///hook",
])
def test_refused_when_saved(url):
    with pytest.raises(RefusedTarget):
        validate_webhook_url(url)


@pytest.mark.parametrize("url", ["https://cong.example.vn/hook", f"https://{GLOBAL}/hook",
                                 "https://[2001:4860:4860::8888]/hook"])
def test_https_to_public_hosts_is_accepted(url):
    validate_webhook_url(url)


def test_http_only_to_loopback_with_debug(settings):
    settings.DEBUG = True
    validate_webhook_url("http://127.0.0.1:8000/hook")
    validate_webhook_url("http://localhost:8000/hook")
    validate_webhook_url("http://[::1]:8000/hook")
    for url in ("http://10.0.0.5/hook", "http://cong.example.vn/hook", "ftp://127.0.0.1/hook"):
        with pytest.raises(RefusedTarget):
            validate_webhook_url(url)


@pytest.mark.parametrize("address", ["127.0.0.1", "10.0.0.7", "169.254.169.254", "::1", "fe80::1", "192.168.0.1"])
def test_a_name_resolving_to_an_internal_address_is_refused_at_sending(monkeypatch, address):
    asked = resolving_to(monkeypatch, address)
    validate_webhook_url("https://cong.example.vn/hook")  # fine when saved: only a name
    with pytest.raises(RefusedTarget, match="nội bộ"):
        resolve_target("https://cong.example.vn/hook")
    assert asked == ["cong.example.vn"]


def test_one_internal_address_among_public_ones_is_enough_to_refuse(monkeypatch):
    resolving_to(monkeypatch, GLOBAL, "127.0.0.1")
    with pytest.raises(RefusedTarget):
        resolve_target("https://cong.example.vn/hook")


def test_a_public_name_resolves_to_the_address_to_connect_to(monkeypatch):
    resolving_to(monkeypatch, GLOBAL)
    assert resolve_target("https://cong.example.vn/su-kien?tinh=91") == Target(
        scheme="https", host="cong.example.vn", port=443, path="/su-kien?tinh=91", address=GLOBAL)


def test_an_unresolvable_name_is_a_network_error_to_retry_not_a_refusal(monkeypatch):
    def fail(*args, **kwargs):
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", fail)
    with pytest.raises(OSError, match="cong.example.vn") as caught:
        resolve_target("https://cong.example.vn/hook")
    assert not isinstance(caught.value, RefusedTarget)


def test_the_allow_list_names_internal_receivers(settings, monkeypatch):
    settings.WEBHOOK_ALLOWED_HOSTS = ["cong.angiang.gov.vn", "10.20.0.0/16", "fd00::5"]
    resolving_to(monkeypatch, "10.99.0.1")
    assert resolve_target("https://cong.angiang.gov.vn/hook").address == "10.99.0.1"  # by name
    with pytest.raises(RefusedTarget):
        resolve_target("https://khac.angiang.gov.vn/hook")  # another name, the same address: not listed
    resolving_to(monkeypatch, "10.20.3.4")
    assert resolve_target("https://khac.angiang.gov.vn/hook").address == "10.20.3.4"  # by network
    validate_webhook_url("https://10.20.3.4/hook")
    validate_webhook_url("https://[fd00::5]/hook")
    for url in ("https://10.21.0.1/hook", "https://127.0.0.1/hook", "https://[fd00::6]/hook"):
        with pytest.raises(RefusedTarget):
            validate_webhook_url(url)
    with pytest.raises(RefusedTarget, match="https"):
        validate_webhook_url("http://cong.angiang.gov.vn/hook")  # the list allows an address, never plain http


def test_the_model_refuses_an_unsafe_url_on_full_clean(db):
    subscription = WebhookSubscription(name="Cổng xã", url="https://169.254.169.254/hook", secret="bi-mat")
    with pytest.raises(ValidationError) as caught:
        subscription.full_clean()
    assert "url" in caught.value.message_dict


@pytest.mark.parametrize(("url", "message"), [
    ("ftp://cong.example.vn/hook", "Địa chỉ nhận phải dùng https:// (không chấp nhận ftp:)."),
    ("http://cong.example.vn/hook", "Địa chỉ nhận phải dùng https://"),
    ("https://10.0.0.8/hook", "Không gửi thông báo đến địa chỉ nội bộ 10.0.0.8"),
])
def test_the_admin_form_shows_the_refusal_in_vietnamese(client, superuser, url, message):
    client.force_login(superuser)
    response = client.post("/admin/snippets/cms/webhooksubscription/add/", {
        "name": "Cổng xã", "url": url, "secret": "bi-mat", "kinds": "", "active": "on"})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not WebhookSubscription.objects.exists()


def test_the_admin_form_saves_a_public_https_url(client, superuser):
    client.force_login(superuser)
    response = client.post("/admin/snippets/cms/webhooksubscription/add/", {
        "name": "Cổng xã", "url": "https://cong.example.vn/hook", "secret": "bi-mat", "kinds": "", "active": "on"})
    assert response.status_code == 302
    assert WebhookSubscription.objects.get().url == "https://cong.example.vn/hook"
