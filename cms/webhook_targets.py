"""Where change notifications may go: HTTPS to addresses on the public internet.

A subscription's URL is checked twice: when it is saved (the scheme, and the address when the host is written
as one) and when each notification is sent, after the host name has been resolved — every address it resolves
to must be public, and the connection is then made to that checked address (a name that answers differently
a moment later cannot slip through). Private, loopback, link-local, multicast and reserved addresses (anything
``ipaddress`` does not call global) are refused unless ``WEBHOOK_ALLOWED_HOSTS`` names the host, the address
or a network holding it. Plain ``http`` is accepted only to loopback with ``DEBUG=1`` (a receiver on the
developer's machine). Redirects are never followed.
"""

import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import SplitResult, urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

Address = ipaddress.IPv4Address | ipaddress.IPv6Address
LOOPBACK_NAMES = ("localhost", "localhost.localdomain")


class RefusedTarget(ValidationError):
    """A URL notifications may not be sent to; its message says why (in Vietnamese)."""


@dataclass(frozen=True)
class Target:
    """A checked destination: connect to ``address``, present ``host`` (TLS name and ``Host`` header)."""

    scheme: str
    host: str
    port: int
    path: str
    address: str


def validate_webhook_url(url: str) -> None:
    """The checks that need no DNS: run when a subscription is saved (the admin shows the message)."""
    parts = _parts(url)
    literal = _literal_address(parts.hostname or "")
    if literal is not None:
        _check_address(parts, literal)
    elif _host(parts) in LOOPBACK_NAMES or _host(parts).endswith(".localhost"):
        _check_address(parts, ipaddress.ip_address("127.0.0.1"))
    elif parts.scheme != "https":
        raise RefusedTarget(_("Địa chỉ nhận phải dùng https:// (http:// chỉ được dùng cho máy này khi DEBUG=1)."))


def resolve_target(url: str) -> Target:
    """The address to connect to, after resolving the host; :class:`RefusedTarget` if any address is refused."""
    validate_webhook_url(url)
    parts = _parts(url)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    try:
        infos = socket.getaddrinfo(parts.hostname, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as exc:
        raise OSError(_("Không phân giải được tên miền %(host)s: %(error)s") % {"host": parts.hostname,
                                                                                "error": exc}) from exc
    addresses = [ipaddress.ip_address(info[4][0].split("%", 1)[0]) for info in infos]
    if not addresses:
        raise OSError(_("Không phân giải được tên miền %(host)s.") % {"host": parts.hostname})
    for address in addresses:
        _check_address(parts, address)
    path = parts.path or "/"
    return Target(scheme=parts.scheme, host=parts.hostname or "", port=port,
                  path=f"{path}?{parts.query}" if parts.query else path, address=str(addresses[0]))


def _parts(url: str) -> SplitResult:
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 — raises ValueError for a port out of range
    except ValueError as exc:
        raise RefusedTarget(_("Địa chỉ nhận không hợp lệ.")) from exc
    if parts.scheme not in ("https", "http"):
        raise RefusedTarget(_("Địa chỉ nhận phải dùng https:// (không chấp nhận %(scheme)s:).")
                            % {"scheme": parts.scheme or "?"})
    if not parts.hostname:
        raise RefusedTarget(_("Địa chỉ nhận thiếu tên máy chủ."))
    if parts.username or parts.password:
        raise RefusedTarget(_("Địa chỉ nhận không được chứa tên đăng nhập hay mật khẩu."))
    return parts


def _host(parts: SplitResult) -> str:
    return (parts.hostname or "").rstrip(".").lower()


def _literal_address(host: str) -> Address | None:
    try:
        return ipaddress.ip_address(host.split("%", 1)[0])
    except ValueError:
        return None


def _check_address(parts: SplitResult, address: Address) -> None:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped
    loopback_in_debug = settings.DEBUG and address.is_loopback
    if parts.scheme != "https" and not loopback_in_debug:
        raise RefusedTarget(_("Địa chỉ nhận phải dùng https:// (http:// chỉ được dùng cho máy này khi DEBUG=1)."))
    if loopback_in_debug or _allowed(_host(parts), address):
        return
    if not address.is_global or address.is_multicast:
        raise RefusedTarget(
            _("Không gửi thông báo đến địa chỉ nội bộ %(address)s (mạng riêng, máy này hoặc link-local); "
              "nếu đúng là cổng nhận, hãy thêm nó vào WEBHOOK_ALLOWED_HOSTS.") % {"address": address})


def _allowed(host: str, address: Address) -> bool:
    for entry in settings.WEBHOOK_ALLOWED_HOSTS:
        entry = entry.strip().rstrip(".").lower()
        if not entry:
            continue
        if entry == host:
            return True
        try:
            if address in ipaddress.ip_network(entry, strict=False):
                return True
        except ValueError:
            continue
    return False
