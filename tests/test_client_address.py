"""The client address per-address limits count by: X-Forwarded-* believed only from a trusted proxy."""

import re
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

import pytest
from asgiref.sync import async_to_sync
from channels.testing import ApplicationCommunicator

from config.asgi import application
from config.proxy import TrustedProxyHeaders, client_address, parse_networks

pytestmark = pytest.mark.security("rate-limits")

PROXY = "10.0.0.5"
NETWORKS = parse_networks(("10.0.0.0/24", "fd00::/8"))


@pytest.mark.parametrize(
    ("peer", "forwarded_for", "expected"),
    [
        ("203.0.113.9", "", "203.0.113.9"),  # no proxy, no header
        ("203.0.113.9", "198.51.100.1", "203.0.113.9"),  # a client claiming an address is not believed
        ("203.0.113.9", "10.0.0.5", "203.0.113.9"),  # nor claiming to be our proxy
        (PROXY, "198.51.100.1", "198.51.100.1"),  # our proxy names its client
        (PROXY, "1.2.3.4, 198.51.100.1", "198.51.100.1"),  # what the client wrote at the left is never reached
        (PROXY, "1.2.3.4, 198.51.100.1, 10.0.0.7", "198.51.100.1"),  # past every trusted hop, then stop
        (PROXY, "not-an-address, 10.0.0.7", "10.0.0.7"),  # garbage stops at the last trusted hop
        (PROXY, "", PROXY),
        ("fd00::1", "2001:db8::42", "2001:db8::42"),
        ("::ffff:10.0.0.5", "198.51.100.1", "198.51.100.1"),  # an IPv4 proxy seen through an IPv6 socket
    ],
)
def test_the_client_is_the_right_most_address_that_is_not_a_trusted_proxy(peer, forwarded_for, expected):
    assert client_address(peer, forwarded_for, NETWORKS) == expected


def _scope(peer: str, headers: dict[str, str], kind: str = "http") -> dict:
    return {
        "type": kind,
        "scheme": "ws" if kind == "websocket" else "http",
        "client": [peer, 51000],
        "headers": [(name.encode(), value.encode()) for name, value in headers.items()],
    }


def test_a_client_that_is_not_a_trusted_proxy_keeps_its_own_address_and_scheme():
    spoofed = {"x-forwarded-for": "198.51.100.1", "x-forwarded-proto": "https"}
    scope = TrustedProxyHeaders.rewrite(_scope("203.0.113.9", spoofed), NETWORKS)
    assert (scope["client"][0], scope["scheme"]) == ("203.0.113.9", "http")


def test_behind_a_trusted_proxy_the_forwarded_address_and_scheme_are_used_for_pages_and_sockets():
    forwarded = {"x-forwarded-for": "198.51.100.1", "x-forwarded-proto": "https"}
    page = TrustedProxyHeaders.rewrite(_scope(PROXY, forwarded), NETWORKS)
    socket = TrustedProxyHeaders.rewrite(_scope(PROXY, forwarded, "websocket"), NETWORKS)
    assert (page["client"][0], page["scheme"]) == ("198.51.100.1", "https")
    assert (socket["client"][0], socket["scheme"]) == ("198.51.100.1", "wss")


def test_a_bad_trusted_proxies_value_names_the_value():
    with pytest.raises(ValueError, match=r"'10\.0\.0\.300'"):
        parse_networks(("10.0.0.300",))


# Through the whole ASGI application, as Daphne calls it --------------------------------------


async def _request(method: str, path: str, peer: str, headers: dict[str, str], body: bytes = b"") -> dict:
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": method,
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "root_path": "",
        "client": [peer, 51000],
        "server": ["localhost", 80],
        "headers": [(b"host", b"localhost"), *((k.encode(), v.encode()) for k, v in headers.items())],
    }
    communicator = ApplicationCommunicator(application, scope)
    await communicator.send_input({"type": "http.request", "body": body, "more_body": False})
    start = await communicator.receive_output(timeout=10)
    content = b""
    while True:
        message = await communicator.receive_output(timeout=10)
        content += message.get("body", b"")
        if not message.get("more_body"):
            break
    await communicator.wait()
    return {"status": start["status"], "headers": start["headers"], "content": content}


def _failed_logins(peer: str, forwarded_for: list[str]) -> list[int]:
    """One browser's wrong-password sign-ins, each claiming another X-Forwarded-For; their status codes."""
    page = async_to_sync(_request)("GET", "/accounts/login/", peer, {})
    cookies = SimpleCookie()
    for name, value in page["headers"]:
        if name.lower() == b"set-cookie":
            cookies.load(value.decode())
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page["content"]).group(1).decode()
    statuses = []
    for address in forwarded_for:
        body = urlencode({"csrfmiddlewaretoken": token, "login": "someone@example.org", "password": "wrong-guess"})
        headers = {
            "cookie": f"csrftoken={cookies['csrftoken'].value}",
            "content-type": "application/x-www-form-urlencoded",
            "x-forwarded-for": address,
        }
        statuses.append(async_to_sync(_request)("POST", "/accounts/login/", peer, headers, body.encode())["status"])
    return statuses


@pytest.fixture
def three_sign_ins_a_minute_per_address(settings, transactional_db):
    settings.ACCOUNT_RATE_LIMITS = {"login": "3/m/ip"}


@pytest.mark.usefixtures("three_sign_ins_a_minute_per_address")
def test_a_spoofed_x_forwarded_for_does_not_escape_the_per_address_sign_in_limit(settings):
    settings.TRUSTED_PROXIES = []
    statuses = _failed_logins("203.0.113.9", [f"198.51.100.{n}" for n in range(5)])
    assert statuses == [200, 200, 200, 429, 429]


@pytest.mark.usefixtures("three_sign_ins_a_minute_per_address")
def test_behind_the_trusted_proxy_each_client_has_its_own_limit_whatever_it_prepends(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/24"]
    spoofing = _failed_logins(PROXY, [f"1.2.3.{n}, 198.51.100.1" for n in range(5)])
    someone_else = _failed_logins(PROXY, ["198.51.100.2"])
    assert spoofing == [200, 200, 200, 429, 429]
    assert someone_else == [200]


def test_no_way_of_starting_daphne_lets_it_believe_forwarded_headers_itself():
    """Daphne's --proxy-headers takes the left-most X-Forwarded-For, which the client writes."""
    root = Path(__file__).resolve().parent.parent
    starters = [root / "Procfile", root / "Makefile", root / "README.md", *sorted((root / "docs").glob("**/*.md"))]
    command = re.compile(r"daphne [^\n`]*--proxy-headers")
    assert [path.name for path in starters if command.search(path.read_text())] == []
