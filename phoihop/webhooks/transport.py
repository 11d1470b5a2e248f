"""Sending one request to a unit's endpoint, without letting the endpoint reach inside our network.

A webhook URL is typed by a partner, so the server must not become their way into addresses only it
can reach (the database, the metadata service at 169.254.169.254, an admin on localhost): SSRF.

* The host is resolved here and **every** address it resolves to must be global (not private
  RFC 1918, loopback, link-local, shared 100.64/10, reserved, multicast; IPv4-mapped IPv6 checked as
  IPv4), unless `PHOIHOP_WEBHOOKS_ALLOW_PRIVATE` is on (development, tests, an intranet install).
* The connection goes to the address that was checked (the Host header and TLS name stay the host
  name), so a DNS answer that changes between the check and the connection changes nothing.
* Redirects are never followed (a 3xx is a failed attempt), and only http(s) on its own port is used.
* Without `PHOIHOP_WEBHOOKS_ALLOW_PRIVATE` only https is accepted: the payloads and the signature
  travel over the Internet, and HMAC proves who sent them, not that nobody read them.
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

TIMEOUT_SECONDS = 10
MAX_RESPONSE_BYTES = 64 * 1024


def allow_private() -> bool:
    return bool(getattr(settings, "PHOIHOP_WEBHOOKS_ALLOW_PRIVATE", False))


def _refused(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return not ip.is_global or ip.is_multicast


@dataclass(frozen=True)
class Target:
    scheme: str
    host: str
    port: int
    path: str
    # Every address the host resolved to, all checked; tried in order.
    addresses: tuple[str, ...]


def resolve(url: str) -> Target:
    """The checked address to connect to for `url`; ValidationError (Vietnamese) when refused."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https") or not parts.hostname:
        raise ValidationError(_("Địa chỉ nhận phải là http:// hoặc https://."))
    if scheme != "https" and not allow_private():
        raise ValidationError(_("Địa chỉ nhận phải dùng https://."))
    if parts.username or parts.password:
        raise ValidationError(_("Địa chỉ nhận không được chứa tên đăng nhập hay mật khẩu."))
    try:
        port = parts.port or (443 if scheme == "https" else 80)
    except ValueError:
        raise ValidationError(_("Cổng của địa chỉ nhận không hợp lệ.")) from None
    try:
        infos = socket.getaddrinfo(parts.hostname, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError):
        raise ValidationError(_("Không tìm thấy máy chủ %(host)s.") % {"host": parts.hostname}) from None
    addresses = [str(info[4][0]) for info in infos]
    if not addresses:
        raise ValidationError(_("Không tìm thấy máy chủ %(host)s.") % {"host": parts.hostname})
    if not allow_private() and any(_refused(address) for address in addresses):
        raise ValidationError(
            _("Địa chỉ nhận trỏ vào mạng nội bộ (%(host)s); chỉ nhận địa chỉ trên Internet.") % {"host": parts.hostname}
        )
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    return Target(scheme=scheme, host=parts.hostname, port=port, path=path, addresses=tuple(dict.fromkeys(addresses)))


def _connect(addresses: tuple[str, ...], port: int, timeout: float | None) -> socket.socket:
    """A connection to the first of the checked addresses that answers (never to a name lookup's new answer)."""
    error: OSError = OSError("no address")
    for address in addresses:
        try:
            return socket.create_connection((address, port), timeout)
        except OSError as refused:
            error = refused
    raise error


class _PinnedHTTPConnection(http.client.HTTPConnection):
    def __init__(self, target: Target, timeout: float) -> None:
        super().__init__(target.host, target.port, timeout=timeout)
        self._addresses = target.addresses

    def connect(self) -> None:
        self.sock = _connect(self._addresses, self.port, self.timeout)


def tls_context() -> ssl.SSLContext:
    """The system's trusted authorities, hostname checked: a receiver's certificate must be valid."""
    return ssl.create_default_context()


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, target: Target, timeout: float) -> None:
        super().__init__(target.host, target.port, timeout=timeout, context=tls_context())
        self._addresses = target.addresses

    def connect(self) -> None:
        sock = _connect(self._addresses, self.port, self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)  # type: ignore[attr-defined]


@dataclass(frozen=True)
class Response:
    status: int | None
    error: str = ""

    @property
    def ok(self) -> bool:
        return self.status is not None and 200 <= self.status < 300


def post(url: str, body: bytes, headers: dict[str, str], *, timeout: float = TIMEOUT_SECONDS) -> Response:
    """POST `body` to `url` (checked by `resolve`); never raises for the network's or the receiver's faults."""
    try:
        target = resolve(url)
    except ValidationError as error:
        return Response(None, " ".join(error.messages))
    connection: http.client.HTTPConnection = (
        _PinnedHTTPSConnection(target, timeout) if target.scheme == "https" else _PinnedHTTPConnection(target, timeout)
    )
    try:
        connection.request("POST", target.path, body=body, headers=headers)
        response = connection.getresponse()
        response.read(MAX_RESPONSE_BYTES)
        status = response.status
    except (OSError, http.client.HTTPException) as error:
        return Response(None, f"{type(error).__name__}: {error}"[:500])
    finally:
        connection.close()
    if 300 <= status < 400:
        return Response(status, _("Địa chỉ nhận trả về chuyển hướng; webhook không đi theo chuyển hướng."))
    return Response(status, "" if 200 <= status < 300 else _("Địa chỉ nhận trả về mã %(code)d.") % {"code": status})
