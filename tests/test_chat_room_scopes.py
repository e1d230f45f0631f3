"""Room hosts are the moderators scoped to the room; the moderators' room is closed to members. HTTP and socket."""

import pytest
from asgiref.sync import async_to_sync

from accounts.roles import Role
from community.models import ChatMessage, Room
from community.services import chat, rooms
from tests.test_chat_sockets import cookie_for, frames, socket, until

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def room(db):
    return Room.objects.create(name="Evening check-in", slug="evening", purpose="How was today?")


@pytest.fixture
def debrief(db):
    return Room.objects.create(
        name="Moderators' debrief room", slug="debrief", purpose="Debriefs.", audience=Room.Audience.MODERATORS
    )


@pytest.fixture
def host(make_host, room):
    return make_host(room)


@pytest.fixture
def unscoped_moderator(make_host):
    """A peer moderator hosting another room, not this one."""
    return make_host(Room.objects.create(name="Creative corner", slug="creative", purpose="Making."), "elsewhere")


def test_host_tools_are_for_the_rooms_moderators_leads_and_admins(
    room, host, unscoped_moderator, make_member, admin_user, member, client_for
):
    lead = make_member("lead", roles=(Role.SAFEGUARDING_LEAD,))
    for user, status in ((member, 403), (unscoped_moderator, 403), (host, 200), (lead, 200), (admin_user, 200)):
        assert client_for(user).get("/rooms/evening/host/").status_code == status, user
    with pytest.raises(rooms.NotAllowed):
        rooms.set_slow_mode(unscoped_moderator, room, 10)
    message = chat.send_message(member, room, "Hello")
    with pytest.raises(rooms.NotAllowed):
        chat.remove_message(unscoped_moderator, message)
    client_for(unscoped_moderator).post("/rooms/evening/m/1/remove/", {"reason": "No"})
    assert ChatMessage.objects.get().state == ChatMessage.State.PUBLISHED


def test_socket_tells_only_the_rooms_hosts_they_host(room, host, unscoped_moderator, client_for):
    async def host_flag(cookie):
        sock = socket(cookie)
        await sock.connect()
        state = await until(sock, lambda f: f["type"] == "room.state")
        await sock.disconnect()
        return state["host"]

    assert async_to_sync(host_flag)(cookie_for(client_for, host)) is True
    assert async_to_sync(host_flag)(cookie_for(client_for, unscoped_moderator)) is False


def test_moderators_room_is_neither_listed_nor_open_to_members(debrief, member, client_for):
    client = client_for(member)
    assert "debrief" not in client.get("/rooms/").content.decode()
    for path in ("/rooms/debrief/", "/rooms/debrief/status/", "/rooms/debrief/history/"):
        assert client.get(path).status_code == 404, path
    assert client.post("/rooms/debrief/", {"body": "Hello?"}).status_code == 404

    cookie = cookie_for(client_for, member)

    async def connect():
        return await socket(cookie, slug="debrief").connect()

    assert async_to_sync(connect)() == (False, 4404)


def test_moderators_room_is_open_to_every_moderator_lead_and_admin(debrief, unscoped_moderator, admin_user, client_for):
    listing = client_for(unscoped_moderator).get("/rooms/").content.decode()
    assert "Moderators&#x27; debrief room" in listing and "For the moderation team only" in listing
    assert client_for(admin_user).get("/rooms/debrief/").status_code == 200

    cookie = cookie_for(client_for, unscoped_moderator)

    async def connect():
        sock = socket(cookie, slug="debrief")
        connected = await sock.connect()
        await frames(sock)
        await sock.disconnect()
        return connected[0]

    assert async_to_sync(connect)() is True


def test_administrator_gives_a_moderator_one_board_or_one_room_per_scope_row(room, moderator, admin_user, client_for):
    client = client_for(admin_user)
    add = "/admin/moderation/moderatorscope/add/"
    assert "Choose one board or one room" in client.post(add, {"moderator": moderator.pk}).content.decode()
    assert client.post(add, {"moderator": moderator.pk, "room": room.pk}).status_code == 302
    assert client_for(moderator).get("/rooms/evening/host/").status_code == 200
