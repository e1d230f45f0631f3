"""Open sockets keep checking who the member is: every consumer, while the socket is open.

Each case opens a real socket for an identity, changes who they are in another
"process" (a service or an administrator's edit, committed), and expects the
socket to close with the documented code without waiting for another event
(docs/realtime.md, "Close codes"), or to stay open where the change leaves the
member allowed.
"""

import pytest
from asgiref.sync import async_to_sync
from channels.db import database_sync_to_async

from accounts.roles import Role
from accounts.services import delete_account
from community.models import ChatMessage
from community.services import chat, rooms
from config import access, websocket
from config.realtime import member_group, send_event_on_commit
from moderation.models import ModeratorScope, TrainingModule
from moderation.services import sanctions
from moderation.services.live import QUEUE_GROUP
from safeguarding.services.escalation import LEADS_GROUP

from .socket_fixtures import (
    Opened,
    chat_room,
    hosted_room,
    leads_dashboard,
    me_stream,
    moderators_room,
    open_socket,
    queue,
    restricted_board,
    thread_page,
    until_closed,
)

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.security("sockets")]

SIGNED_OUT, NOT_ALLOWED, REMOVED = 4401, 4403, 4410


# The changes, as services and administrators make them -----------------------------------------


def deleted(opened: Opened, **_):
    delete_account(opened.user)


def deactivated(opened: Opened, **_):
    """An administrator unticks "active" in the Django admin (a whole save, no service)."""
    opened.user.is_active = False
    opened.user.save()


def signed_out(opened: Opened, **_):
    opened.client.post("/accounts/logout/")


def role_removed(opened: Opened, **_):
    opened.user.groups.clear()


def left_group(opened: Opened, **_):
    opened.user.groups.remove(opened.extra["group"])


def removed_from_room(opened: Opened, **_):
    rooms.remove_member(opened.extra["host"], opened.extra["room"], opened.user, "Repeated unkindness")


def scope_removed(opened: Opened, **_):
    ModeratorScope.objects.filter(moderator=opened.user).delete()


def new_required_training(opened: Opened, **_):
    TrainingModule.objects.create(slug="new-module", title="A new module", summary="Read this.", required=True)


def suspended(opened: Opened, admin_user, **_):
    sanctions.suspend(opened.user, "Repeated unkindness", by=admin_user)


CLOSES = [
    (me_stream, deleted, SIGNED_OUT),
    (me_stream, deactivated, SIGNED_OUT),
    (me_stream, signed_out, SIGNED_OUT),
    (thread_page, deleted, SIGNED_OUT),
    (thread_page, signed_out, SIGNED_OUT),
    (restricted_board, left_group, NOT_ALLOWED),
    (restricted_board, deleted, SIGNED_OUT),
    (chat_room, deleted, SIGNED_OUT),
    (chat_room, signed_out, SIGNED_OUT),
    (chat_room, removed_from_room, REMOVED),
    (moderators_room, role_removed, NOT_ALLOWED),
    (moderators_room, deleted, SIGNED_OUT),
    (hosted_room, scope_removed, NOT_ALLOWED),
    (hosted_room, role_removed, NOT_ALLOWED),
    (queue, role_removed, NOT_ALLOWED),
    (queue, new_required_training, NOT_ALLOWED),
    (queue, deleted, SIGNED_OUT),
    (queue, deactivated, SIGNED_OUT),
    (leads_dashboard, role_removed, NOT_ALLOWED),
    (leads_dashboard, deleted, SIGNED_OUT),
    (leads_dashboard, signed_out, SIGNED_OUT),
]


@pytest.mark.parametrize("socket_for, change, code", CLOSES, ids=[f"{s.__name__}-{c.__name__}" for s, c, _ in CLOSES])
def test_an_open_socket_closes_when_the_member_loses_access(
    socket_for, change, code, make_member, make_host, admin_user
):
    opened = socket_for(make_member=make_member, make_host=make_host, admin_user=admin_user)

    async def scenario():
        sock = open_socket(opened)
        assert (await sock.connect())[0]
        await database_sync_to_async(change)(opened, admin_user=admin_user)
        return await until_closed(sock)

    assert async_to_sync(scenario)() == code


STAYS = [
    (me_stream, suspended),
    (thread_page, suspended),
    (chat_room, suspended),
    (queue, scope_removed),
    (moderators_room, new_required_training),
]


@pytest.mark.parametrize("socket_for, change", STAYS, ids=[f"{s.__name__}-{c.__name__}" for s, c in STAYS])
def test_a_change_that_leaves_the_member_allowed_keeps_the_socket(
    socket_for, change, make_member, make_host, admin_user
):
    """Paused members still read; a peer moderator with no boards still has the queue, and an untrained one
    the moderators' room (both decided in moderation/permissions.py and community/room_permissions.py)."""
    opened = socket_for(make_member=make_member, make_host=make_host, admin_user=admin_user)

    async def scenario():
        sock = open_socket(opened)
        assert (await sock.connect())[0]
        while not await sock.receive_nothing(timeout=0.2):
            await sock.receive_output()
        await database_sync_to_async(change)(opened, admin_user=admin_user)
        quiet = []
        while not await sock.receive_nothing(timeout=0.5):
            quiet.append(await sock.receive_output())
        await sock.disconnect()
        return quiet

    assert not [output for output in async_to_sync(scenario)() if output["type"] == "websocket.close"]


def test_a_suspended_members_next_chat_message_is_refused(make_member, make_host, admin_user):
    opened = chat_room(make_member=make_member, make_host=make_host)

    async def scenario():
        sock = open_socket(opened)
        assert (await sock.connect())[0]
        await database_sync_to_async(suspended)(opened, admin_user=admin_user)
        await sock.send_json_to({"type": "send", "body": "Still here?", "token": "t1"})
        while True:
            frame = await sock.receive_json_from(timeout=3)
            if frame["type"] in ("sent", "refused"):
                await sock.disconnect()
                return frame

    assert async_to_sync(scenario)()["type"] == "refused"
    assert not ChatMessage.objects.exists()


def test_a_deleted_members_next_chat_message_is_never_sent(make_member, make_host, admin_user):
    opened = chat_room(make_member=make_member, make_host=make_host)

    async def scenario():
        sock = open_socket(opened)
        assert (await sock.connect())[0]
        await database_sync_to_async(deleted)(opened)
        await sock.send_json_to({"type": "send", "body": "Under my old handle", "token": "t1"})
        return await until_closed(sock)

    assert async_to_sync(scenario)() == SIGNED_OUT
    assert not ChatMessage.objects.exists()


def test_a_demoted_moderator_hears_no_more_of_the_debrief_room(make_member, make_host, admin_user):
    opened = moderators_room(make_member=make_member, admin_user=admin_user)
    colleague = make_member("colleague", roles=(Role.SAFEGUARDING_LEAD,))

    async def scenario():
        sock = open_socket(opened)
        assert (await sock.connect())[0]
        await database_sync_to_async(role_removed)(opened)
        await database_sync_to_async(chat.send_message)(colleague, opened.extra["room"], "About that member…")
        heard = []
        while (output := await sock.receive_output(timeout=3))["type"] != "websocket.close":
            heard.append(output.get("text", ""))
        return heard, output["code"]

    heard, code = async_to_sync(scenario)()
    assert code == NOT_ALLOWED
    assert not [text for text in heard if "About that member" in text]


def test_a_socket_whose_recheck_fails_closes_so_the_browser_reconnects(make_member, make_host, monkeypatch):
    """Never left open on a member nobody could check: 1013 (try again), and the reconnect is checked afresh."""
    opened = chat_room(make_member=make_member, make_host=make_host)

    def unreachable(scope):
        raise ConnectionError("the database went away")

    async def scenario():
        sock = open_socket(opened)
        assert (await sock.connect())[0]
        monkeypatch.setattr(websocket, "signed_in_user", unreachable)
        await database_sync_to_async(access.changed)(opened.user.pk)
        return await until_closed(sock)

    assert async_to_sync(scenario)() == websocket.TRY_AGAIN


# When the push is lost: the access version is still compared on every frame and delivery ----------


@pytest.fixture
def lost_pushes(monkeypatch):
    """Redis pub/sub is at-most-once: the access version is bumped, the push to open sockets never arrives."""

    class Silent:
        def publish(self, topic, wire):
            pass

    monkeypatch.setattr(access, "hub", Silent())


def test_without_the_push_the_next_browser_frame_is_refused(make_member, make_host, admin_user, lost_pushes):
    opened = chat_room(make_member=make_member, make_host=make_host)

    async def scenario():
        sock = open_socket(opened)
        assert (await sock.connect())[0]
        await database_sync_to_async(deleted)(opened)
        still_open = (
            await sock.receive_nothing(timeout=0.5) or (await sock.receive_output())["type"] != "websocket.close"
        )
        await sock.send_json_to({"type": "ping"})
        return still_open, await until_closed(sock)

    assert async_to_sync(scenario)() == (True, SIGNED_OUT)


@pytest.mark.parametrize(
    "socket_for, group",
    [(me_stream, None), (queue, QUEUE_GROUP), (leads_dashboard, LEADS_GROUP)],
    ids=["me_stream", "queue", "leads_dashboard"],
)
def test_without_the_push_the_next_delivery_is_refused(
    socket_for, group, make_member, make_host, admin_user, lost_pushes
):
    opened = socket_for(make_member=make_member, make_host=make_host, admin_user=admin_user)

    def delete_and_announce():
        deleted(opened)
        send_event_on_commit(group or member_group(opened.user.pk), {"type": "case.changed", "case": 0, "item": 0})

    async def scenario():
        sock = open_socket(opened)
        assert (await sock.connect())[0]
        await database_sync_to_async(delete_and_announce)()
        return await sock.receive_output(timeout=3)

    assert async_to_sync(scenario)() == {"type": "websocket.close", "code": SIGNED_OUT}
