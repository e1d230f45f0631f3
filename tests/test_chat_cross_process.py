"""Two real Daphne processes sharing Redis: a message sent through one reaches sockets on the other.

Skips with a message when Redis is not reachable at 127.0.0.1:6379.
"""

import asyncio
import json
import os
import socket

import pytest
import websockets

from community.models import Room
from community.services import rooms
from config.fanout import hub
from tests.browser.conftest import start_daphne, stop

pytestmark = pytest.mark.django_db(transaction=True)
REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/15")


def redis_reachable() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
        return True
    except OSError:
        return False


@pytest.fixture
def two_servers(tmp_path):
    if not redis_reachable():
        pytest.skip("Redis is not reachable at 127.0.0.1:6379; cross-process fan-out needs it")
    servers = [start_daphne(tmp_path, REDIS_URL=REDIS_URL) for _ in range(2)]
    yield servers
    for server in servers:
        stop(server)


async def connect(server, cookie: str, slug: str, after: int | None = None):
    url = server.ws_url(f"/ws/rooms/{slug}/" + (f"?after={after}" if after is not None else ""))
    return await websockets.connect(url, origin=server.url, additional_headers={"Cookie": cookie})


async def next_frame(sock, kind: str, timeout: float = 15.0) -> dict:
    """The next frame of that type; on timeout the failure lists the frames passed over, to tell why."""
    passed_over = []
    try:
        async with asyncio.timeout(timeout):
            while True:
                frame = json.loads(await sock.recv())
                if frame["type"] == kind:
                    return frame
                passed_over.append(frame)
    except TimeoutError:
        pytest.fail(f"no {kind!r} frame within {timeout}s; passed over: {passed_over}")


def test_message_sent_through_one_process_reaches_a_member_on_another(two_servers, member, other_member, client_for):
    room = Room.objects.create(name="Creative corner", slug="creative", purpose="Making things.")
    robin = f"sessionid={client_for(member).cookies['sessionid'].value}"
    sky = f"sessionid={client_for(other_member).cookies['sessionid'].value}"
    first, second = two_servers

    async def scenario():
        on_a, on_b = await connect(first, robin, room.slug), await connect(second, sky, room.slug)
        await next_frame(on_a, "room.state"), await next_frame(on_b, "room.state")
        for n in range(4):  # within the flood limit of each member
            await on_a.send(json.dumps({"type": "send", "body": f"Hello from A, number {n}", "token": f"a{n}"}))
            await on_b.send(json.dumps({"type": "send", "body": f"Hello from B, number {n}", "token": f"b{n}"}))
        heard_on_a = [(await next_frame(on_a, "message"))["seq"] for _ in range(8)]
        heard_on_b = [(await next_frame(on_b, "message"))["seq"] for _ in range(8)]
        await on_a.close(), await on_b.close()
        return heard_on_a, heard_on_b

    assert asyncio.run(scenario()) == (list(range(1, 9)), list(range(1, 9)))


def test_member_only_notice_crosses_processes_to_that_member_alone(
    two_servers, member, other_member, make_host, client_for, settings
):
    settings.REDIS_URL = REDIS_URL  # this test process publishes the host's action, as a third process would
    room = Room.objects.create(name="Evening check-in", slug="evening", purpose="How was today?")
    host = make_host(room)
    robin = f"sessionid={client_for(member).cookies['sessionid'].value}"
    sky = f"sessionid={client_for(other_member).cookies['sessionid'].value}"
    first, second = two_servers

    async def scenario():
        on_a, on_b = await connect(first, robin, room.slug), await connect(second, sky, room.slug)
        await next_frame(on_a, "room.state"), await next_frame(on_b, "room.state")
        return on_a, on_b

    async def hear(on_a, on_b):
        notice = await next_frame(on_a, "notice")
        others = []
        try:
            async with asyncio.timeout(1):
                while True:
                    others.append(json.loads(await on_b.recv()))
        except TimeoutError:
            pass
        await on_a.close(), await on_b.close()
        return notice, others

    async def run():
        on_a, on_b = await scenario()
        await asyncio.to_thread(lambda: rooms.mute_member(host, room, member, 15, "A breather"))
        return await hear(on_a, on_b)

    try:
        notice, others = asyncio.run(run())
    finally:
        hub._sync_redis = None
    assert notice["kind"] == "muted"
    assert not [frame for frame in others if frame["type"] == "notice"]
