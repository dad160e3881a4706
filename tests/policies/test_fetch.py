"""The URL guard: statements are fetched from public addresses only, within size, time and type limits.

Runs without the database: ``policies.fetch`` takes its limits as arguments.
"""

import ipaddress
from urllib.parse import quote

import pytest

from policies.fetch import (
    BlockedAddressError,
    FetchPolicy,
    FetchTimeoutError,
    HttpStatusError,
    InvalidUrlError,
    ResponseTooLargeError,
    TooManyRedirectsError,
    UnsupportedContentTypeError,
    check_address,
    fetch_url,
    resolve_host,
)
from tests.policies.statement_server import PAGE_HTML, PAGE_TEXT, StatementHandler, statement_server

# The test server is reached by a name only it is allowed under, so a redirect from it to
# 127.0.0.1 itself is still checked like any other address.
TEST_HOST = "statements.test"
ALLOW_TEST_SERVER = FetchPolicy(max_bytes=1024 * 1024, timeout=1.0, allowed_hosts=frozenset({TEST_HOST}))
STRICT = FetchPolicy(max_bytes=1024 * 1024, timeout=1.0)

# Every way of pointing the worker inside the network, and why it is refused.
INTERNAL_URLS = [
    "http://127.0.0.1/",
    "http://localhost/",
    "http://[::1]/",
    "http://169.254.169.254/latest/meta-data/",
    "http://10.0.0.1/",
    "http://192.168.1.10/",
    "http://172.16.0.1/",
    "http://0.0.0.0/",
    "http://2130706433/",  # 127.0.0.1 as one decimal number
    "http://0177.0.0.1/",  # octal
    "http://0x7f000001/",  # hex
    "http://0x7f.0.0.1/",
    "http://127.1/",  # short form
    "http://[::ffff:127.0.0.1]/",  # IPv4-mapped IPv6
    "http://[::ffff:a9fe:a9fe]/",  # the metadata service, mapped
    "http://[fe80::1]/",
    "http://[fc00::1]/",
    "http://[::]/",
    "http://224.0.0.1/",  # multicast
    "http://240.0.0.1/",  # reserved
    "http://100.64.0.1/",  # carrier-grade NAT
    "http://[64:ff9b::7f00:1]/",  # NAT64 of 127.0.0.1
    "http://[2002:7f00:1::]/",  # 6to4 of 127.0.0.1
]
OTHER_SCHEMES = [
    "file:///etc/passwd",
    "ftp://ftp.example.com/privacy.txt",
    "gopher://127.0.0.1:6379/_FLUSHALL",
    "dict://127.0.0.1:6379/info",
    "javascript:alert(1)",
    "data:text/plain,hello",
]


def resolve_test_host(host: str, port: int) -> list[str]:
    return ["127.0.0.1"] if host == TEST_HOST else resolve_host(host, port)


def fetch(url: str, policy: FetchPolicy = ALLOW_TEST_SERVER):
    return fetch_url(url, policy=policy, resolver=resolve_test_host)


@pytest.fixture(scope="module")
def server():
    with statement_server() as base_url:
        yield base_url.replace("127.0.0.1", TEST_HOST)


def test_a_page_is_fetched_with_its_type(server):
    fetched = fetch(f"{server}/page.html")
    assert fetched.content == PAGE_HTML
    assert fetched.content_type == "text/html" and fetched.extension == ".html"


def test_redirects_are_followed_to_the_statement(server):
    fetched = fetch(f"{server}/redirect?to=/page.txt")
    assert fetched.content == PAGE_TEXT and fetched.url.endswith("/page.txt")


def test_the_connection_goes_to_the_checked_address_without_a_second_lookup(server):
    """DNS rebinding: the resolver is asked once per hop and its checked answer is what we connect to."""
    port = int(server.rsplit(":", 1)[1])
    lookups = []

    def resolver(host, port):
        lookups.append(host)
        return ["127.0.0.1"]

    fetched = fetch_url(f"{server}/page.txt", policy=ALLOW_TEST_SERVER, resolver=resolver)
    assert fetched.content == PAGE_TEXT
    assert lookups == [TEST_HOST]
    assert StatementHandler.hosts_seen[-1] == f"{TEST_HOST}:{port}"


def test_an_allowed_host_is_exempt_from_the_address_check(server):
    base = server.replace(TEST_HOST, "127.0.0.1")
    policy = FetchPolicy(max_bytes=1024, timeout=1.0, allowed_hosts=frozenset({"127.0.0.1"}))
    assert fetch_url(f"{base}/page.txt", policy=policy).content == PAGE_TEXT
    with pytest.raises(BlockedAddressError):
        fetch_url(f"{base}/page.txt", policy=STRICT)


@pytest.mark.parametrize("url", INTERNAL_URLS)
def test_internal_addresses_are_refused(url):
    with pytest.raises(BlockedAddressError) as refused:
        fetch_url(url, policy=STRICT)
    assert "refused" in str(refused.value).lower() and "\n" not in str(refused.value)


@pytest.mark.parametrize("url", INTERNAL_URLS)
def test_a_redirect_to_an_internal_address_is_refused(server, url):
    with pytest.raises(BlockedAddressError):
        fetch(f"{server}/redirect?to={quote(url, safe='')}")


@pytest.mark.parametrize("url", OTHER_SCHEMES)
def test_only_http_and_https_are_fetched(url):
    with pytest.raises(InvalidUrlError, match="Only http and https"):
        fetch_url(url, policy=STRICT)


@pytest.mark.parametrize("url", OTHER_SCHEMES)
def test_a_redirect_to_another_scheme_is_refused(server, url):
    with pytest.raises(InvalidUrlError, match="Only http and https"):
        fetch(f"{server}/redirect?to={quote(url, safe='')}")


def test_a_host_name_resolving_to_a_private_address_is_refused():
    with pytest.raises(BlockedAddressError, match="intranet.example resolves to 10.1.2.3, a private address"):
        fetch_url("https://intranet.example/privacy", policy=STRICT, resolver=lambda host, port: ["10.1.2.3"])


def test_one_private_answer_among_public_ones_is_enough_to_refuse():
    def resolver(host, port):
        return ["93.184.215.14", "127.0.0.1"]

    with pytest.raises(BlockedAddressError):
        fetch_url("https://mixed.example/privacy", policy=STRICT, resolver=resolver)


def test_public_addresses_pass_the_check():
    for address in ("93.184.215.14", "2606:2800:21f:cb07:6820:80da:af6b:8b2c", "8.8.8.8"):
        check_address(ipaddress.ip_address(address))


def test_credentials_in_the_url_are_refused():
    with pytest.raises(InvalidUrlError, match="user name or password"):
        fetch_url("https://user:secret@desk.example/privacy", policy=STRICT)


def test_too_many_redirects_are_refused(server):
    with pytest.raises(TooManyRedirectsError, match="more than 5 times"):
        fetch(f"{server}/loop")


def test_a_body_past_the_cap_is_refused_while_streaming(server):
    with pytest.raises(ResponseTooLargeError, match="larger than the limit of 1.0 MB"):
        fetch(f"{server}/big")


def test_a_declared_length_past_the_cap_is_refused_before_reading(server):
    with pytest.raises(ResponseTooLargeError):
        fetch(f"{server}/declared-big")


@pytest.mark.parametrize("path, message", [("/image.png", "image/png"), ("/gzip", "gzip-compressed")])
def test_content_that_is_not_a_statement_is_refused(server, path, message):
    with pytest.raises(UnsupportedContentTypeError, match=message):
        fetch(f"{server}{path}")


def test_an_error_status_is_reported(server):
    with pytest.raises(HttpStatusError, match="HTTP 404"):
        fetch(f"{server}/missing")


@pytest.mark.parametrize("path", ["/slow", "/trickle"])
def test_a_slow_server_times_out(server, path):
    with pytest.raises(FetchTimeoutError):
        fetch(f"{server}{path}")


def test_the_timeout_bounds_the_whole_download_of_a_server_that_never_stops_trickling(server):
    StatementHandler.trickled, StatementHandler.trickle_cut = 0, False
    with pytest.raises(FetchTimeoutError):
        fetch(f"{server}/trickle_forever")
    # Cut after about a second's worth of bytes, not once a whole read buffer had filled.
    assert 0 < StatementHandler.trickled < 1000
