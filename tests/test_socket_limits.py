"""How many sockets one account may hold, and which pages may open them (the Origin, port included)."""

import time

import pytest
from asgiref.sync import async_to_sync
from channels.testing import WebsocketCommunicator
from django.core.cache import cache
from django.test import Client

from community.models import Room, RoomPresence
from config.asgi import application
from config.websocket import slots

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.security("sockets")]

TOO_MANY = 4429


def cookie_for(user) -> bytes:
    client = Client()
    client.force_login(user)
    return f"sessionid={client.cookies['sessionid'].value}".encode()


PEER = "10.0.0.1"


def socket(cookie: bytes, path: str = "/ws/me/", origin=b"http://localhost", host=b"localhost", more=None):
    headers = [(b"origin", origin), (b"host", host), (b"cookie", cookie), *(more or {}).items()]
    communicator = WebsocketCommunicator(
        application, path, headers=[header for header in headers if header[1] is not None]
    )
    communicator.scope["client"] = [PEER, 50000]  # a reverse proxy's address, trusted only where a test says so
    return communicator


async def opens(sock) -> bool:
    """Whether the socket is accepted and stays open (a socket over the cap is accepted, then closed)."""
    connected, _ = await sock.connect()
    if not connected:
        return False
    if await sock.receive_nothing(timeout=0.2):
        return True
    output = await sock.receive_output()
    if output["type"] == "websocket.close":
        assert output["code"] == TOO_MANY
        return False
    return True


@pytest.fixture
def cap(settings):
    settings.SOCKETS_PER_MEMBER = 3
    return 3


@pytest.fixture
def no_stray_slots():
    yield
    slots.held.clear()


# Sockets per account -------------------------------------------------------------------------


def test_an_account_opens_only_so_many_sockets_and_a_closed_one_frees_its_slot(cap, member, other_member):
    robin, sky = cookie_for(member), cookie_for(other_member)

    async def scenario():
        open_ones = [socket(robin) for _ in range(cap)]
        first = [await opens(sock) for sock in open_ones]
        one_too_many = await opens(socket(robin))
        someone_else = await opens(socket(sky))
        await open_ones[0].disconnect()
        after_closing_one = await opens(socket(robin))
        return first, one_too_many, someone_else, after_closing_one

    assert async_to_sync(scenario)() == ([True] * cap, False, True, True)


def test_presence_rows_never_pass_the_cap(cap, member):
    Room.objects.create(name="Evening check-in", slug="evening", purpose="How was your day?")
    robin = cookie_for(member)

    async def scenario():
        return [await opens(socket(robin, "/ws/rooms/evening/")) for _ in range(cap + 2)]

    assert async_to_sync(scenario)() == [True] * cap + [False, False]
    assert RoomPresence.objects.filter(user=member).count() == cap


def test_the_slots_of_a_crashed_process_expire(cap, member, settings, no_stray_slots):
    settings.SOCKET_SLOT_SECONDS = 1
    for n in range(cap):
        slots.claim(member.pk, f"socket-in-a-crashed-process-{n}")
    slots.held.clear()  # that process is gone: nobody refreshes its slots
    robin = cookie_for(member)

    async def scenario():
        refused = await opens(socket(robin))
        time.sleep(1.1)
        return refused, await opens(socket(robin))

    assert async_to_sync(scenario)() == (False, True)


def test_a_running_process_keeps_its_slots(member, settings, no_stray_slots):
    settings.SOCKET_SLOT_SECONDS = 1
    slot = slots.claim(member.pk, "a-long-lived-socket")
    time.sleep(0.6)
    slots.refresh()
    time.sleep(0.6)
    assert cache.get(slot) == "a-long-lived-socket"


# The Origin: scheme, host and port ------------------------------------------------------------

ORIGINS = [
    # (Origin, Host, other headers, settings, opens)
    (b"http://localhost", b"localhost", {}, {}, True),
    (b"http://localhost:8000", b"localhost:8000", {}, {}, True),
    (b"http://LOCALHOST:80", b"localhost", {}, {}, True),
    (b"http://localhost:8001", b"localhost:8000", {}, {}, False),  # another port on the same host
    (b"http://localhost:8001", b"localhost", {}, {}, False),
    (b"https://localhost", b"localhost", {}, {}, False),  # another scheme
    (b"http://evil.example", b"localhost", {}, {}, False),
    (b"http://evil.example", b"evil.example", {}, {}, False),  # a host the site does not serve
    (b"null", b"localhost", {}, {}, False),
    (None, b"localhost", {}, {}, False),
    (b"http://localhost:bad", b"localhost", {}, {}, False),
    behind_proxy := (
        b"https://localhost",
        b"localhost",
        {b"x-forwarded-proto": b"https"},
        {"TRUSTED_PROXIES": [PEER]},
        True,
    ),
    (b"http://localhost", *behind_proxy[1:4], False),
    (*behind_proxy[0:3], {}, False),  # the same header from a peer that is not a trusted proxy
    (b"https://peers.example.org", b"localhost", {}, {"CSRF_TRUSTED_ORIGINS": ["https://peers.example.org"]}, True),
    (
        b"https://peers.example.org:8443",
        b"localhost",
        {},
        {"CSRF_TRUSTED_ORIGINS": ["https://peers.example.org"]},
        False,
    ),
]


@pytest.mark.parametrize(
    "origin, host, headers, overrides, expected",
    ORIGINS,
    ids=[f"{(o or b'no origin').decode()} on {h.decode()}" for o, h, *_ in ORIGINS],
)
def test_only_the_sites_own_origin_opens_a_socket(origin, host, headers, overrides, expected, member, settings):
    for name, value in overrides.items():
        setattr(settings, name, value)
    robin = cookie_for(member)

    async def scenario():
        return await opens(socket(robin, origin=origin, host=host, more=headers))

    assert async_to_sync(scenario)() is expected
