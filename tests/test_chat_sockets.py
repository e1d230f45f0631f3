"""The chat room socket: live delivery, resuming without gaps or repeats, and who may connect."""

import random

import pytest
from asgiref.sync import async_to_sync
from channels.db import database_sync_to_async
from channels.testing import WebsocketCommunicator

from community.models import Room
from community.services import chat, rooms
from config.asgi import application
from config.fanout import hub

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def room(db):
    return Room.objects.create(name="Evening check-in", slug="evening", purpose="How was your day?")


@pytest.fixture
def host(make_host, room):
    return make_host(room)


@pytest.fixture
def relaxed_flood(settings):
    settings.CHAT_FLOOD_LIMIT = (10_000, 10)


def cookie_for(client_for, user) -> str:
    return f"sessionid={client_for(user).cookies['sessionid'].value}"


def socket(cookie: str, slug: str = "evening", after: int | None = None, since: int | None = None):
    query = "&".join(f"{k}={v}" for k, v in (("after", after), ("since", since)) if v is not None)
    headers = [(b"origin", b"http://localhost"), (b"host", b"localhost")]
    if cookie:
        headers.append((b"cookie", cookie.encode()))
    return WebsocketCommunicator(application, f"/ws/rooms/{slug}/" + (f"?{query}" if query else ""), headers=headers)


async def frames(sock, timeout: float = 0.3) -> list[dict]:
    """Everything the socket has received until it goes quiet."""
    received = []
    while not await sock.receive_nothing(timeout=timeout):
        received.append(await sock.receive_json_from())
    return received


async def until(sock, predicate, timeout: float = 3.0) -> dict:
    while True:
        frame = await sock.receive_json_from(timeout=timeout)
        if predicate(frame):
            return frame


send = database_sync_to_async(chat.send_message)


def test_message_reaches_everyone_in_the_room_live(room, member, other_member, client_for):
    robin_cookie = cookie_for(client_for, member)
    sky_cookie = cookie_for(client_for, other_member)

    async def scenario():
        robin, sky = socket(robin_cookie), socket(sky_cookie)
        assert (await robin.connect())[0] and (await sky.connect())[0]
        await frames(robin), await frames(sky)
        await robin.send_json_to({"type": "send", "body": "Evening all, how's everyone doing?", "token": "t1"})
        ack = await until(robin, lambda f: f["type"] == "sent")
        heard = await until(sky, lambda f: f["type"] == "message")
        await robin.disconnect(), await sky.disconnect()
        return ack, heard

    ack, heard = async_to_sync(scenario)()
    assert ack == {"type": "sent", "token": "t1", "seq": 1}
    assert heard["seq"] == 1 and heard["author"] == "robin"
    assert "how&#x27;s everyone doing?" in heard["html"] or "how's everyone doing?" in heard["html"]


def test_refused_message_says_why(room, member, host, client_for):
    robin_cookie = cookie_for(client_for, member)
    rooms.mute_member(host, room, member, 15, "A breather")

    async def scenario():
        robin = socket(robin_cookie)
        await robin.connect()
        state = await until(robin, lambda f: f["type"] == "room.state")
        await robin.send_json_to({"type": "send", "body": "Hello?", "token": "t1"})
        refused = await until(robin, lambda f: f["type"] == "refused")
        await robin.disconnect()
        return state, refused

    state, refused = async_to_sync(scenario)()
    assert state["muted_until"] is not None
    assert refused["token"] == "t1" and "paused your messages" in refused["reason"]


def test_reconnecting_socket_gets_what_it_missed_in_order(room, member, other_member, client_for, relaxed_flood):
    robin_cookie = cookie_for(client_for, member)
    for n in range(5):
        chat.send_message(other_member, room, f"Earlier {n}")

    async def scenario():
        robin = socket(robin_cookie, after=2)
        await robin.connect()
        got = [f["seq"] for f in await frames(robin) if f["type"] == "message"]
        await robin.disconnect()
        return got

    assert async_to_sync(scenario)() == [3, 4, 5]


def test_random_drops_and_restarts_never_lose_or_repeat_a_message(
    room, member, other_member, client_for, relaxed_flood
):
    """Property-style: a seeded random mix of sends, reads, dropped sockets and process restarts."""
    cookie = cookie_for(client_for, member)

    async def scenario(seed: int) -> tuple[list[int], int]:
        rng = random.Random(seed)
        seen: list[int] = []
        sent = 0

        async def read(sock):
            for frame in await frames(sock, timeout=rng.choice([0.01, 0.05, 0.2])):
                if frame["type"] == "message":
                    seen.append(frame["seq"])

        sock = socket(cookie, after=0)
        await sock.connect()
        for _ in range(40):
            roll = rng.random()
            if roll < 0.45:
                for _ in range(rng.randint(1, 3)):
                    await send(other_member, room, f"Message {sent}")
                    sent += 1
            elif roll < 0.7:
                await read(sock)
            elif roll < 0.9:  # the network drops: whatever was not read yet is lost with the socket
                await sock.disconnect()
                if rng.random() < 0.5:
                    await send(other_member, room, f"While away {sent}")
                    sent += 1
                sock = socket(cookie, after=seen[-1] if seen else 0)
                assert (await sock.connect())[0]
            else:  # the server restarts: this process forgets every socket and subscription
                await sock.disconnect()
                await hub._reset(hub.loop)
                sock = socket(cookie, after=seen[-1] if seen else 0)
                assert (await sock.connect())[0]
        for _ in range(5):
            await read(sock)
        await sock.disconnect()
        return seen, sent

    for seed in (1, 2, 3):
        from community.models import ChatMessage

        ChatMessage.objects.all().delete()
        Room.objects.filter(pk=room.pk).update(last_seq=0)
        seen, sent = async_to_sync(scenario)(seed)
        assert seen == list(range(1, sent + 1)), f"seed {seed}"


def test_host_removal_disappears_live_and_author_alone_is_told(room, member, other_member, host, client_for):
    robin_cookie = cookie_for(client_for, member)
    sky_cookie = cookie_for(client_for, other_member)
    message = chat.send_message(member, room, "Something unkind")

    async def scenario():
        robin, sky = socket(robin_cookie), socket(sky_cookie)
        await robin.connect(), await sky.connect()
        await frames(robin), await frames(sky)
        await database_sync_to_async(chat.remove_message)(host, message, "Please keep it kind")
        robin_frames, sky_frames = await frames(robin), await frames(sky)
        await robin.disconnect(), await sky.disconnect()
        return robin_frames, sky_frames

    robin_frames, sky_frames = async_to_sync(scenario)()
    removed = [f for f in sky_frames if f["type"] == "message.removed"]
    assert removed and removed[0]["seq"] == 1 and "Removed by a moderator" in removed[0]["html"]
    assert [f["kind"] for f in robin_frames if f["type"] == "notice"] == ["message_removed"]
    assert not [f for f in sky_frames if f["type"] == "notice"]


def test_reconnecting_socket_hears_of_removals_it_missed(room, member, other_member, host, client_for):
    robin_cookie = cookie_for(client_for, member)
    message = chat.send_message(other_member, room, "Oops")
    chat.send_message(other_member, room, "Hello")
    chat.remove_message(host, message)

    async def scenario():
        robin = socket(robin_cookie, after=2, since=1)
        await robin.connect()
        got = await frames(robin)
        await robin.disconnect()
        return got

    assert [(f["type"], f["seq"]) for f in async_to_sync(scenario)() if "seq" in f] == [("message.removed", 1)]


def test_removed_member_is_disconnected_and_cannot_reconnect(room, member, other_member, host, client_for):
    sky_cookie = cookie_for(client_for, other_member)
    cookie = cookie_for(client_for, member)

    async def scenario():
        robin, sky = socket(cookie), socket(sky_cookie)
        await robin.connect(), await sky.connect()
        await frames(robin), await frames(sky)
        await database_sync_to_async(rooms.remove_member)(host, room, member, "Repeated unkindness")
        notice = await until(robin, lambda f: f["type"] == "notice")
        closed = await robin.receive_output(timeout=2)
        sky_frames = await frames(sky)
        again = await socket(cookie).connect()
        await sky.disconnect()
        return notice, closed, sky_frames, again

    notice, closed, sky_frames, again = async_to_sync(scenario)()
    assert notice["kind"] == "removed" and "Repeated unkindness" in notice["text"]
    assert closed["type"] == "websocket.close"
    assert not [f for f in sky_frames if f["type"] == "notice"]
    assert again == (False, 4403)


def test_signed_out_socket_is_refused(room):
    async def attempt():
        return await socket("").connect()

    assert async_to_sync(attempt)() == (False, 4401)


def test_member_cannot_join_an_on_request_room_before_approval(room, member, host, client_for):
    room.membership = Room.Membership.ON_REQUEST
    room.save()
    rooms.request_to_join(member, room)
    cookie = cookie_for(client_for, member)

    async def attempt():
        refused = await socket(cookie).connect()
        await database_sync_to_async(rooms.approve_member)(host, room, member)
        sock = socket(cookie)
        welcomed = await sock.connect()
        await sock.disconnect()
        return refused, welcomed

    refused, welcomed = async_to_sync(attempt)()
    assert refused == (False, 4403)
    assert welcomed == (True, None)


def test_presence_updates_live_and_respects_appearing_as_a_member(room, member, other_member, client_for, settings):
    robin_cookie = cookie_for(client_for, member)
    sky_cookie = cookie_for(client_for, other_member)
    settings.CHAT_PRESENCE_DEBOUNCE = 0.05
    rooms.set_appearance(other_member, room, True)

    async def scenario():
        robin = socket(robin_cookie)
        await robin.connect()
        sky = socket(sky_cookie)
        await sky.connect()
        presence = [f for f in await frames(robin, timeout=0.5) if f["type"] == "presence"]
        await robin.disconnect(), await sky.disconnect()
        return presence[-1]

    assert async_to_sync(scenario)() == {"type": "presence", "people": ["robin", "a member"], "count": 2}
