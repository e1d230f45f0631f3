"""WebSockets: signed-out browsers are refused; members hear site notices live."""

import pytest
from asgiref.sync import async_to_sync
from channels.testing import WebsocketCommunicator

from community.services.rules import publish_rules
from config.asgi import application

pytestmark = pytest.mark.django_db(transaction=True)


def communicator(cookie: str = "") -> WebsocketCommunicator:
    headers = [(b"origin", b"http://localhost"), (b"host", b"localhost")]
    if cookie:
        headers.append((b"cookie", cookie.encode()))
    return WebsocketCommunicator(application, "/ws/me/", headers=headers)


def session_cookie(client_for, user) -> str:
    return f"sessionid={client_for(user).cookies['sessionid'].value}"


def test_signed_out_socket_is_refused():
    async def attempt():
        connected, code = await communicator().connect()
        return connected, code

    assert async_to_sync(attempt)() == (False, 4401)


def test_socket_from_another_origin_is_refused(member, client_for):
    async def attempt():
        socket = WebsocketCommunicator(
            application, "/ws/me/", headers=[(b"origin", b"http://evil.example"), (b"cookie", b"x")]
        )
        connected, _ = await socket.connect()
        return connected

    assert async_to_sync(attempt)() is False


def test_signed_in_member_hears_new_house_rules(member, client_for, admin_user):
    cookie = session_cookie(client_for, member)

    async def listen():
        socket = communicator(cookie)
        connected, _ = await socket.connect()
        assert connected
        from channels.db import database_sync_to_async

        await database_sync_to_async(publish_rules)("house", "House rules", "Be kind.", by=admin_user)
        event = await socket.receive_json_from(timeout=2)
        await socket.disconnect()
        return event

    assert async_to_sync(listen)() == {"type": "rules.published", "version": 2}
