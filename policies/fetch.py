"""Fetching a statement from a URL without letting the URL reach inside our network.

Server-side request forgery is the risk: a URL (or a redirect, or a DNS answer) that
points the worker at 127.0.0.1, the cloud metadata service or an internal host. So every
hop is resolved here, every resolved address is checked, and the connection goes to the
address that was checked (no second lookup a rebinding DNS server could answer
differently). Plain Python: the caller passes the limits, so it is tested without Django.
"""

from __future__ import annotations

import ipaddress
import re
import socket
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import urllib3

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[[str, int], list[str]]

MAX_REDIRECTS = 5
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
CHUNK_BYTES = 64 * 1024
USER_AGENT = "vendorrisk-statement-fetcher/1"
# What a privacy statement can be served as, and the extension its reader is chosen by.
CONTENT_TYPES = {
    "text/html": ".html",
    "application/xhtml+xml": ".html",
    "text/plain": ".txt",
    "text/markdown": ".md",
    "text/x-markdown": ".md",
    "application/pdf": ".pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
}
# Hosts made only of digits, dots and hex notation are IP literals in some spelling; only the
# canonical dotted-decimal (or bracketed IPv6) spelling is accepted, so "0177.0.0.1",
# "2130706433" and "0x7f000001" never reach a resolver that reads them as 127.0.0.1.
_NUMERIC_HOST = re.compile(r"^(?:0x[0-9a-f]*|[0-9]+)(?:\.(?:0x[0-9a-f]*|[0-9]*))*\.?$", re.IGNORECASE)


class FetchError(Exception):
    """The statement could not be fetched; ``str(error)`` is a one-line message for the user."""

    def __init__(self, message: str) -> None:
        self.message = message
        super().__init__(message)


class InvalidUrlError(FetchError):
    pass


class BlockedAddressError(FetchError):
    pass


class TooManyRedirectsError(FetchError):
    pass


class ResponseTooLargeError(FetchError):
    pass


class UnsupportedContentTypeError(FetchError):
    pass


class FetchTimeoutError(FetchError):
    pass


class HttpStatusError(FetchError):
    pass


class FetchConnectionError(FetchError):
    pass


@dataclass(frozen=True)
class FetchPolicy:
    """The limits of one fetch: exempt hosts, size cap in bytes, and a total time budget in seconds."""

    max_bytes: int
    timeout: float
    allowed_hosts: frozenset[str] = field(default_factory=frozenset)
    max_redirects: int = MAX_REDIRECTS


@dataclass(frozen=True)
class Fetched:
    """What the final hop served."""

    url: str
    content: bytes
    content_type: str
    extension: str


@dataclass(frozen=True)
class _Target:
    scheme: str
    host: str
    port: int
    address: str
    path: str


def fetch_url(url: str, *, policy: FetchPolicy, resolver: Resolver | None = None) -> Fetched:
    """Fetch ``url``, following at most ``policy.max_redirects`` redirects, each one re-checked.

    Raises a ``FetchError`` subclass with a message naming what was refused and why.
    """
    deadline = time.monotonic() + policy.timeout
    for _hop in range(policy.max_redirects + 1):
        target = resolve_target(url, policy=policy, resolver=resolver or resolve_host)
        response = _request(target, deadline)
        location = response.headers.get("Location")
        if response.status in REDIRECT_STATUSES and location:
            response.close()
            url = urljoin(url, location.strip())
            continue
        return _read_response(url, response, policy, deadline)
    raise TooManyRedirectsError(f"The URL redirected more than {policy.max_redirects} times.")


def resolve_target(url: str, *, policy: FetchPolicy, resolver: Resolver) -> _Target:
    """Parse and check ``url`` and pick the checked address to connect to."""
    parts = _parse(url)
    host = parts.hostname or ""
    port = parts.port or (443 if parts.scheme == "https" else 80)
    addresses = _addresses(host, port, resolver)
    if host.lower() not in policy.allowed_hosts:
        for address in addresses:
            check_address(address, host=host)
    path = parts.path or "/"
    return _Target(parts.scheme, host, port, str(addresses[0]), path + (f"?{parts.query}" if parts.query else ""))


def _parse(url: str):
    try:
        parts = urlsplit(url.strip())
        parts.port  # noqa: B018  (raises ValueError on a malformed port)
    except ValueError:
        raise InvalidUrlError("The URL is malformed.") from None
    if parts.scheme not in ("http", "https"):
        raise InvalidUrlError(f"Only http and https URLs can be fetched, not {parts.scheme or 'a bare path'!r}.")
    if not parts.hostname:
        raise InvalidUrlError("The URL has no host name.")
    if parts.username or parts.password:
        raise InvalidUrlError("URLs with a user name or password are not fetched.")
    return parts


def _addresses(host: str, port: int, resolver: Resolver) -> list[IPAddress]:
    literal = _ip_literal(host)
    if literal is not None:
        return [literal]
    try:
        found = resolver(host, port)
    except (OSError, UnicodeError):
        raise FetchConnectionError(f"The host {host!r} could not be found.") from None
    if not found:
        raise FetchConnectionError(f"The host {host!r} could not be found.")
    return [ipaddress.ip_address(address.split("%")[0]) for address in found]


def _ip_literal(host: str) -> IPAddress | None:
    """The address a host spells directly, refusing every non-canonical numeric spelling."""
    try:
        return ipaddress.ip_address(host)
    except ValueError:
        pass
    if _NUMERIC_HOST.match(host):
        raise BlockedAddressError(
            f"{host} is a numeric address not written in dotted-decimal form, which some systems read as "
            "another address, so it is refused. Write it as four decimal numbers, such as 93.184.215.14."
        )
    return None


def resolve_host(host: str, port: int) -> list[str]:
    """Every address the system resolver gives for ``host``."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(info[4][0] for info in infos))


def check_address(address: IPAddress, *, host: str = "") -> None:
    """Refuse any address that is not a public unicast one, looking through IPv6 wrappers of IPv4."""
    for candidate in _unwrapped(address):
        problem = _address_problem(candidate)
        if problem:
            raise BlockedAddressError(blocked_address_message(host or str(address), address, problem))


def blocked_address_message(host: str, address: IPAddress, problem: str) -> str:
    """The refusal as sentences a requester can act on: what the host is, why, and who can allow it."""
    article = "an" if problem[0] in "aeiou" else "a"
    if host == str(address):
        what = f"{address} is {article} {problem} address"
    else:
        what = f"{host} resolves to {address}, {article} {problem} address"
    return (
        f"{what}; only public addresses are fetched, so the URL was refused. An admin can allow internal "
        f"hosts with STATEMENT_FETCH_ALLOWED_HOSTS={host} (comma-separated host names) and a restart of the "
        "app and its workers."
    )


def _unwrapped(address: IPAddress) -> Iterable[IPAddress]:
    yield address
    if isinstance(address, ipaddress.IPv6Address):
        embedded = [address.ipv4_mapped, address.sixtofour, address.teredo[1] if address.teredo else None]
        if address in ipaddress.ip_network("64:ff9b::/96"):  # NAT64 carries an IPv4 in its last 32 bits
            embedded.append(ipaddress.IPv4Address(int(address) & 0xFFFFFFFF))
        yield from (item for item in embedded if item is not None)


def _address_problem(address: IPAddress) -> str:
    checks = (
        ("unspecified", address.is_unspecified),
        ("loopback", address.is_loopback),
        ("link-local", address.is_link_local),
        ("multicast", address.is_multicast),
        ("private", address.is_private),
        ("reserved", address.is_reserved),
        ("non-public", not address.is_global),
    )
    return next((name for name, refused in checks if refused), "")


def _request(target: _Target, deadline: float) -> urllib3.BaseHTTPResponse:
    remaining = _remaining(deadline)
    timeout = urllib3.Timeout(connect=remaining, read=remaining)
    pool = _pool(target, timeout)
    host_header = target.host if target.port in (80, 443) else f"{target.host}:{target.port}"
    headers = {"Host": host_header, "User-Agent": USER_AGENT, "Accept-Encoding": "identity", "Accept": "*/*"}
    try:
        return pool.urlopen(
            "GET", target.path, headers=headers, redirect=False, retries=False, preload_content=False,
            decode_content=False, assert_same_host=False,
        )  # fmt: skip
    except urllib3.exceptions.TimeoutError:
        raise FetchTimeoutError("The server did not answer in time.") from None
    except urllib3.exceptions.HTTPError as error:
        raise FetchConnectionError(f"Could not connect to {target.host}: {_reason(error)}.") from None


def _pool(target: _Target, timeout: urllib3.Timeout) -> urllib3.HTTPConnectionPool:
    # Connect to the checked address; TLS still verifies the certificate for the host name.
    if target.scheme == "https":
        return urllib3.HTTPSConnectionPool(
            target.address, target.port, timeout=timeout, maxsize=1, retries=False,
            server_hostname=target.host, assert_hostname=target.host, cert_reqs="CERT_REQUIRED",
        )  # fmt: skip
    return urllib3.HTTPConnectionPool(target.address, target.port, timeout=timeout, maxsize=1, retries=False)


def _read_response(url: str, response: urllib3.BaseHTTPResponse, policy: FetchPolicy, deadline: float) -> Fetched:
    try:
        if response.status in REDIRECT_STATUSES:
            raise HttpStatusError(f"The server answered HTTP {response.status} without saying where to go.")
        if response.status != 200:
            raise HttpStatusError(f"The server answered HTTP {response.status} instead of the statement.")
        content_type, extension = _content_type(response)
        content = _read_capped(response, policy.max_bytes, deadline)
    finally:
        response.close()
    return Fetched(url=url, content=content, content_type=content_type, extension=extension)


def _content_type(response: urllib3.BaseHTTPResponse) -> tuple[str, str]:
    raw = response.headers.get("Content-Type", "")
    mime = raw.split(";")[0].strip().lower()
    if mime not in CONTENT_TYPES:
        shown = mime or "no content type"
        raise UnsupportedContentTypeError(
            f"The URL served {shown}; only HTML, plain text, Markdown, PDF or Word (.docx) statements are read."
        )
    encoding = response.headers.get("Content-Encoding", "identity").strip().lower()
    if encoding not in ("", "identity"):
        # We asked for identity; decompressing here would let a small body expand past the cap.
        raise UnsupportedContentTypeError(f"The server sent a {encoding}-compressed body, which is not accepted.")
    return mime, CONTENT_TYPES[mime]


def _read_capped(response: urllib3.BaseHTTPResponse, max_bytes: int, deadline: float) -> bytes:
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise _too_large(max_bytes)
    chunks, total = [], 0
    try:
        # read1 returns what has arrived instead of waiting for a whole chunk, and each wait is
        # held to what is left of the budget, so a server trickling a byte a second is cut at
        # the timeout: the whole download, not each read, is what the timeout bounds.
        while chunk := _read_some(response, deadline):
            total += len(chunk)
            if total > max_bytes:
                raise _too_large(max_bytes)
            chunks.append(chunk)
    except urllib3.exceptions.TimeoutError:
        raise FetchTimeoutError("The server stopped sending the statement before it was complete.") from None
    except urllib3.exceptions.HTTPError as error:
        raise FetchConnectionError(f"The download broke off: {_reason(error)}.") from None
    return b"".join(chunks)


def _read_some(response: urllib3.BaseHTTPResponse, deadline: float) -> bytes:
    sock = getattr(response.connection, "sock", None)
    if sock is not None:
        sock.settimeout(_remaining(deadline))
    else:
        _remaining(deadline)
    return response.read1(CHUNK_BYTES, decode_content=False)


def _remaining(deadline: float) -> float:
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise FetchTimeoutError("Fetching the statement took too long.")
    return remaining


def _too_large(max_bytes: int) -> ResponseTooLargeError:
    limit = f"{max_bytes / 1_048_576:.1f} MB"
    return ResponseTooLargeError(f"The statement at the URL is larger than the limit of {limit}.")


def _reason(error: Exception) -> str:
    reason = getattr(error, "reason", None) or error
    return str(reason).splitlines()[0][:200]


def post_json(url: str, *, body: bytes, headers: dict[str, str], policy: FetchPolicy, resolver=None) -> int:
    """POST ``body`` as JSON to ``url`` behind the same address checks as a fetch; returns the status.

    Redirects are not followed: a receiver that answers one is misconfigured, and following
    it would let a public host bounce the request inside the network.
    """
    deadline = time.monotonic() + policy.timeout
    target = resolve_target(url, policy=policy, resolver=resolver or resolve_host)
    remaining = _remaining(deadline)
    pool = _pool(target, urllib3.Timeout(connect=remaining, read=remaining))
    host_header = target.host if target.port in (80, 443) else f"{target.host}:{target.port}"
    sent = {"Host": host_header, "User-Agent": USER_AGENT, "Content-Type": "application/json", **headers}
    try:
        response = pool.urlopen(
            "POST", target.path, body=body, headers=sent, redirect=False, retries=False, preload_content=False,
            assert_same_host=False,
        )  # fmt: skip
    except urllib3.exceptions.TimeoutError:
        raise FetchTimeoutError("The receiver did not answer in time.") from None
    except urllib3.exceptions.HTTPError as error:
        raise FetchConnectionError(f"Could not connect to {target.host}: {_reason(error)}.") from None
    try:
        response.read(CHUNK_BYTES, decode_content=False)  # a little of the answer, never all of it
    finally:
        response.close()
    return response.status
