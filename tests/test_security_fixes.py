"""Regression tests for the security review of 23 November 2026 (one behaviour each)."""

import pytest
from asgiref.sync import async_to_sync
from channels.db import database_sync_to_async
from channels.testing import WebsocketCommunicator
from django.contrib.auth.models import Group
from django.db import transaction

from community import live
from community.models import Board, Post
from community.services import forum, reactions
from community.services.rate_limits import RateLimited
from config.asgi import application


def test_a_removed_posts_live_payload_does_not_name_its_author(thread, member, make_member):
    reply = forum.add_reply(make_member("quietone"), thread, "Something I regret.")
    forum.remove_own_post(reply.author, reply)
    payload = live.payload_for(member, {"id": 1, "kind": "post", "post": reply.pk})
    assert payload["author"] is None and "quietone" not in payload["html"]


def test_reactions_are_rate_limited(thread, member, settings):
    settings.FORUM_RATE_LIMITS = {**settings.FORUM_RATE_LIMITS, "react": (3, 60)}
    for _ in range(3):
        reactions.toggle_reaction(member, thread.opening_post, "hug")
    with pytest.raises(RateLimited):
        reactions.toggle_reaction(member, thread.opening_post, "hug")


def test_edits_are_rate_limited(board, member, settings):
    settings.FORUM_RATE_LIMITS = {**settings.FORUM_RATE_LIMITS, "edit": (2, 600)}
    thread = forum.start_thread(member, board, "Hello", "First.")
    for text in ("Second.", "Third."):
        forum.edit_post(member, thread.opening_post, text)
    with pytest.raises(RateLimited):
        forum.edit_post(member, thread.opening_post, "Fourth.")


def test_a_refused_post_gives_its_rate_limit_slot_back(thread, member, settings):
    settings.FORUM_RATE_LIMITS = {**settings.FORUM_RATE_LIMITS, "reply": (1, 60)}
    with pytest.raises(forum.ForumError):
        forum.add_reply(member, thread, "   ")
    forum.add_reply(member, thread, "Now with words.")


def test_no_notification_reaches_a_member_who_can_no_longer_see_the_board(member, make_member):
    carers = Group.objects.create(name="Carers")
    private = Board.objects.create(title="Carers", slug="carers", description="For carers.", restricted_to=carers)
    author = make_member("carer")
    author.groups.add(carers)
    thread = forum.start_thread(author, private, "Respite", "Anyone found good respite care?")
    member.groups.add(carers)
    author.groups.remove(carers)
    forum.add_reply(member, thread, "Our council has a list.")
    assert not author.notifications.exists()


def test_static_files_carry_the_privacy_headers(client, db):
    response = client.get("/static/css/site.css")
    assert response["X-Robots-Tag"] == "noindex, nofollow"


@pytest.mark.django_db(transaction=True)
def test_a_moderator_who_loses_the_role_stops_receiving_hidden_posts(board, moderator, member, client_for):
    thread = forum.start_thread(member, board, "A thread", "Hello.")
    reply = forum.add_reply(member, thread, "Something unkind.")
    cookie = f"sessionid={client_for(moderator).cookies['sessionid'].value}".encode()
    headers = [(b"origin", b"http://localhost"), (b"host", b"localhost"), (b"cookie", cookie)]
    socket = WebsocketCommunicator(application, f"/ws/forum/thread/{thread.pk}/?after={live.last_event_id()}", headers)

    @transaction.atomic
    def demote_and_hide():
        moderator.groups.clear()
        Post.objects.filter(pk=reply.pk).update(state=Post.State.HIDDEN)
        live.record_post_changed(Post.objects.get(pk=reply.pk))

    async def run():
        assert (await socket.connect())[0]
        await database_sync_to_async(demote_and_hide)()
        payload = await socket.receive_json_from(timeout=3)
        await socket.disconnect()
        return payload

    payload = async_to_sync(run)()
    assert payload["type"] == "post.remove" and "Something unkind" not in str(payload)


@pytest.mark.django_db(transaction=True)
def test_a_lead_who_loses_the_role_is_disconnected_from_the_leads_channel(make_member, member, client_for):
    from accounts.roles import Role
    from config.realtime import send_event_on_commit
    from safeguarding.services.escalation import LEADS_GROUP

    lead = make_member("lead", roles=(Role.SAFEGUARDING_LEAD,))
    cookie = f"sessionid={client_for(lead).cookies['sessionid'].value}".encode()
    headers = [(b"origin", b"http://localhost"), (b"host", b"localhost"), (b"cookie", cookie)]
    socket = WebsocketCommunicator(application, "/ws/safeguarding/", headers)

    @transaction.atomic
    def demote_and_announce():
        lead.groups.clear()
        send_event_on_commit(LEADS_GROUP, {"type": "case.changed", "case": 1})

    async def run():
        assert (await socket.connect())[0]
        await database_sync_to_async(demote_and_announce)()
        return await socket.receive_output(timeout=3)

    assert async_to_sync(run)() == {"type": "websocket.close", "code": 4403}
