"""Live forum updates: recorded with the change, sent after commit, shown to each viewer as they may see it."""

from unittest import mock

import pytest
from asgiref.sync import async_to_sync
from channels.db import database_sync_to_async
from channels.testing import WebsocketCommunicator
from django.contrib.auth.models import Group

from accounts import selfcare
from community import live
from community.models import Board, Post
from community.services import forum, reactions
from config.asgi import application


def test_a_reply_is_announced_to_the_thread_only_after_commit(thread, member, django_capture_on_commit_callbacks):
    with mock.patch("config.realtime._send_now") as send:
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            reply = forum.add_reply(member, thread, "Sending you strength.")
        send.assert_not_called()
        for callback in callbacks:
            callback()
    event = {"id": live.last_event_id(), "kind": "post", "post": reply.pk}
    assert mock.call(f"forum-thread-{thread.pk}", event) in send.call_args_list


def test_a_new_thread_is_announced_to_its_board(board, member, django_capture_on_commit_callbacks):
    with mock.patch("config.realtime._send_now") as send, django_capture_on_commit_callbacks(execute=True):
        thread = forum.start_thread(member, board, "Hello", "First time posting.")
    assert mock.call(f"forum-board-{board.pk}", {"id": mock.ANY, "kind": "thread", "thread": thread.pk}) in (
        send.call_args_list
    )


def test_events_replay_in_order_for_one_thread_only(board, thread, member, other_member):
    after = live.last_event_id()
    first = forum.add_reply(member, thread, "One.")
    forum.start_thread(member, board, "Elsewhere", "Another conversation.")
    second = forum.add_reply(other_member, thread, "Two.")
    replay = live.events_after(after, thread_id=thread.pk)
    assert [event["post"] for event in replay] == [first.pk, second.pk]
    assert replay[0]["id"] < replay[1]["id"]


def test_a_reaction_changes_the_post_for_everyone_viewing(thread, member):
    after = live.last_event_id()
    reactions.toggle_reaction(member, thread.opening_post, "hug")
    (event,) = live.events_after(after, thread_id=thread.pk)
    payload = live.payload_for(member, event)
    assert payload["type"] == "post.upsert"
    assert 'aria-pressed="true"' in payload["html"]


def test_a_hidden_post_reaches_moderators_as_hidden_and_members_not_at_all(thread, member, moderator, make_member):
    reply = forum.add_reply(make_member("ash"), thread, "Something unkind.")
    Post.objects.filter(pk=reply.pk).update(state=Post.State.HIDDEN)
    event = {"id": 1, "kind": "post", "post": reply.pk}
    assert live.payload_for(member, event) == {"type": "post.remove", "id": 1, "post": reply.pk}
    seen_by_moderator = live.payload_for(moderator, event)
    assert "Hidden by a moderator" in seen_by_moderator["html"]
    assert "Something unkind." in seen_by_moderator["html"]


def test_a_blocked_members_reply_arrives_collapsed(thread, member, make_member):
    unkind = make_member("ash")
    selfcare.block_member(member, unkind)
    reply = forum.add_reply(unkind, thread, "Hello there.")
    payload = live.payload_for(member, {"id": 1, "kind": "post", "post": reply.pk})
    assert "Hidden because you blocked this member" in payload["html"]


def test_a_restricted_boards_new_thread_never_reaches_other_members(member, make_member):
    carers = Group.objects.create(name="Carers")
    private = Board.objects.create(title="Carers", slug="carers", description="For carers.", restricted_to=carers)
    carer = make_member("carer")
    carer.groups.add(carers)
    thread = forum.start_thread(carer, private, "Respite", "Anyone found good respite care?")
    payload = live.payload_for(member, {"id": 1, "kind": "thread", "thread": thread.pk})
    assert payload == {"type": "thread.remove", "id": 1, "thread": thread.pk}


# Notifications from the forum -------------------------------------------------------


def test_a_reply_notifies_the_threads_author(thread, member, other_member):
    forum.add_reply(member, thread, "You're not alone.")
    assert other_member.notifications.get().kind == "reply"


def test_a_quote_notifies_the_quoted_member(thread, member, other_member, make_member):
    quoted = forum.add_reply(member, thread, "Breathing slowly helped me.")
    forum.add_reply(make_member("ash"), thread, "This!", quoted=quoted)
    assert member.notifications.get().kind == "quote"


def test_hugs_on_one_post_become_one_notification(thread, make_member, other_member):
    for handle in ("ash", "bea", "cal"):
        reactions.toggle_reaction(make_member(handle), thread.opening_post, "hug")
    (only,) = other_member.notifications.filter(kind="reaction")
    assert only.actors.count() == 3


# The socket --------------------------------------------------------------------------


def _connect(client_for, user, path):
    cookie = f"sessionid={client_for(user).cookies['sessionid'].value}".encode()
    headers = [(b"origin", b"http://localhost"), (b"host", b"localhost"), (b"cookie", cookie)]
    return WebsocketCommunicator(application, path, headers=headers)


@pytest.mark.django_db(transaction=True)
def test_socket_replays_what_was_missed_then_goes_live_without_duplicates(board, member, other_member, client_for):
    thread = forum.start_thread(other_member, board, "Rough night", "Couldn't sleep.")
    seen = live.last_event_id()
    missed = forum.add_reply(member, thread, "Same here, it's hard.")
    socket = _connect(client_for, member, f"/ws/forum/thread/{thread.pk}/?after={seen}")

    async def run():
        connected, _ = await socket.connect()
        assert connected
        replayed = await socket.receive_json_from(timeout=3)
        live_reply = await database_sync_to_async(forum.add_reply)(other_member, thread, "Thank you both.")
        arrived = await socket.receive_json_from(timeout=3)
        nothing_more = await socket.receive_nothing(timeout=0.3)
        await socket.disconnect()
        return replayed, arrived, live_reply, nothing_more

    replayed, arrived, live_reply, nothing_more = async_to_sync(run)()
    assert (replayed["type"], replayed["post"]) == ("post.upsert", missed.pk)
    assert (arrived["post"], arrived["author"]) == (live_reply.pk, "sky")
    assert arrived["id"] > replayed["id"]
    assert nothing_more


@pytest.mark.django_db(transaction=True)
def test_socket_for_a_thread_the_member_cannot_see_is_refused(member, make_member, client_for):
    carers = Group.objects.create(name="Carers")
    private = Board.objects.create(title="Carers", slug="carers", description="For carers.", restricted_to=carers)
    carer = make_member("carer")
    carer.groups.add(carers)
    thread = forum.start_thread(carer, private, "Respite", "Anyone found good respite care?")
    socket = _connect(client_for, member, f"/ws/forum/thread/{thread.pk}/")

    async def run():
        connected, code = await socket.connect()
        return connected, code

    assert async_to_sync(run)() == (False, 4403)
