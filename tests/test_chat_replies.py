"""Replying to a chat message, and the days a room's messages are grouped under."""

from datetime import timedelta

import pytest
from asgiref.sync import async_to_sync
from django.utils import timezone

from community.models import ChatMessage, Room
from community.services import chat, room_events
from tests.test_chat_sockets import cookie_for, socket, until


@pytest.fixture
def room(db):
    return Room.objects.create(name="Evening check-in", slug="evening", purpose="How was your day?")


def test_a_reply_keeps_the_message_it_answers(room, member, other_member):
    original = chat.send_message(other_member, room, "Anyone else find Sundays hard?")
    reply = chat.send_message(member, room, "Me too, every week.", reply_to=original.seq)
    assert reply.reply_to == original


def test_a_reply_shows_who_and_what_it_answers_with_a_link(room, member, other_member):
    original = chat.send_message(other_member, room, "Anyone else find <Sundays> hard?")
    reply = chat.send_message(member, room, "Me too.", reply_to=original.seq)
    html = room_events.render_message(reply)
    assert f'<a href="#m{original.seq}">Replying to sky</a>' in html
    assert "Anyone else find &lt;Sundays&gt; hard?" in html


def test_a_reply_to_a_message_in_another_room_is_sent_without_the_reference(room, member, other_member):
    elsewhere = Room.objects.create(name="Other", slug="other", purpose="x")
    chat.send_message(other_member, elsewhere, "Somewhere else")
    reply = chat.send_message(member, room, "Hello", reply_to=1)
    assert reply.reply_to is None


def test_a_reply_to_a_removed_message_is_sent_without_the_reference(room, member, other_member, make_host):
    original = chat.send_message(other_member, room, "Something unkind")
    chat.remove_message(make_host(room), original, "Please keep it kind")
    reply = chat.send_message(member, room, "Hm.", reply_to=original.seq)
    assert reply.reply_to is None


@pytest.mark.security("stored-xss")
def test_once_the_original_is_removed_its_words_no_longer_show_above_replies(room, member, other_member, make_host):
    original = chat.send_message(other_member, room, "Words that were removed")
    reply = chat.send_message(member, room, "Replying", reply_to=original.seq)
    chat.remove_message(make_host(room), original, "")
    html = room_events.render_message(ChatMessage.objects.get(pk=reply.pk))
    assert "Words that were removed" not in html
    assert "Replying to a message that is no longer shown" in html


@pytest.mark.django_db(transaction=True)
def test_a_reply_frame_over_the_socket_saves_the_reference(room, member, other_member, client_for):
    original = chat.send_message(other_member, room, "How was everyone's day?")
    cookie = cookie_for(client_for, member)

    async def scenario():
        robin = socket(cookie)
        await robin.connect()
        await until(robin, lambda f: f["type"] == "room.state")
        await robin.send_json_to({"type": "reply", "body": "Better today.", "token": "t1", "reply_to": original.seq})
        heard = await until(robin, lambda f: f["type"] == "message" and f["seq"] == 2)
        await robin.disconnect()
        return heard

    heard = async_to_sync(scenario)()
    assert "Replying to sky" in heard["html"]
    assert ChatMessage.objects.get(seq=2, room=room).reply_to_id == original.pk


def test_posting_a_reply_without_javascript_saves_the_reference(room, member, other_member, client_for):
    original = chat.send_message(other_member, room, "How was everyone's day?")
    client_for(member).post("/rooms/evening/", {"body": "Quiet, thanks.", "reply_to": str(original.seq)})
    assert ChatMessage.objects.get(room=room, seq=2).reply_to == original


def test_the_room_page_puts_a_day_separator_before_each_days_first_message(room, member, client_for):
    earlier = chat.send_message(member, room, "From yesterday")
    ChatMessage.objects.filter(pk=earlier.pk).update(created_at=timezone.now() - timedelta(days=1))
    chat.send_message(member, room, "From today")
    page = client_for(member).get("/rooms/evening/").content.decode()
    assert page.count('class="chat-day"') == 2
    assert page.index(">Yesterday<") < page.index("From yesterday") < page.index(">Today<") < page.index("From today")
