"""The participation log counts who took part how, by day and board, under a pseudonymous key, with no content."""

import pytest
from django.test import override_settings

from community.models import Room
from community.services import chat, forum, reactions, rooms
from evaluation.models import Participation
from evaluation.services.participation import member_key

Kind = Participation.Kind


def counts(**where) -> dict[str, int]:
    return {row.kind: row.count for row in Participation.objects.filter(**where)}


def test_posting_replying_and_reacting_count_giving_and_receiving(board, member, other_member):
    thread = forum.start_thread(other_member, board, "Panic on the bus", "It happened again.")
    forum.add_reply(member, thread, "You're not alone.")
    forum.add_reply(member, thread, "Breathing helps me.")
    reactions.toggle_reaction(member, thread.opening_post, "hug")
    assert counts(member_key=member_key(member)) == {Kind.REPLY: 2, Kind.REACTION: 1}
    assert counts(member_key=member_key(other_member)) == {
        Kind.THREAD: 1,
        Kind.REPLY_RECEIVED: 2,
        Kind.REACTION_RECEIVED: 1,
    }
    assert set(Participation.objects.values_list("board_id", flat=True)) == {board.pk}


def test_reading_counts_once_a_day_per_board(board, member, other_member, client_for):
    thread = forum.start_thread(other_member, board, "Panic on the bus", "It happened again.")
    client = client_for(member)
    for _ in range(3):
        client.get(thread.get_absolute_url())
    assert counts(member_key=member_key(member), kind=Kind.READ) == {Kind.READ: 1}


def test_signing_in_counts_a_visit(member, client):
    client.post("/accounts/login/", {"login": member.email, "password": "a-long-test-password"})
    assert counts(member_key=member_key(member)) == {Kind.VISIT: 1}


def test_the_key_is_stable_pseudonymous_and_depends_on_the_secret(member, other_member):
    key = member_key(member)
    assert key == member_key(member) != member_key(other_member)
    assert len(key) == 20 and member.handle not in key
    with override_settings(EVALUATION_SECRET="another secret"):
        assert member_key(member) != key


def test_nothing_is_counted_for_a_post_that_was_refused(board, member):
    with pytest.raises(forum.ForumError):
        forum.start_thread(member, board, "", "No title")
    assert not Participation.objects.exists()


def test_the_moderators_debrief_room_is_not_counted_as_peer_participation(moderator):
    peer_room = Room.objects.create(name="Creative corner", slug="creative", purpose="Making things.")
    debrief = Room.objects.create(
        name="Debrief", slug="debrief", purpose="For the team.", audience=Room.Audience.MODERATORS
    )
    for room in (peer_room, debrief):
        rooms.join_presence(moderator, room, f"socket-{room.slug}")
        chat.send_message(moderator, room, "Evening, everyone")
    assert counts(room_id=peer_room.pk) == {Kind.ROOM_VISIT: 1, Kind.CHAT_MESSAGE: 1}
    assert counts(room_id=debrief.pk) == {}
