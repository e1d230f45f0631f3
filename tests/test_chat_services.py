"""Chat room services: sending, slow mode, flood, mutes, removals, hours, capacity and ground rules."""

from contextlib import suppress
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from community.models import ChatMessage, Room, RoomAction, RoomMember, RoomOpening
from community.services import chat, rooms

LONDON = ZoneInfo("Europe/London")


@pytest.fixture
def room(db):
    return Room.objects.create(name="Creative corner", slug="creative-corner", purpose="Making things together.")


@pytest.fixture
def host(make_host, room):
    return make_host(room)


def test_messages_get_consecutive_numbers_within_their_room(room, member, other_member):
    other_room = Room.objects.create(name="Other", slug="other", purpose="x")
    first = chat.send_message(member, room, "Hello everyone")
    elsewhere = chat.send_message(member, other_room, "Hello there")
    second = chat.send_message(other_member, room, "Hi robin!")
    assert (first.seq, second.seq, elsewhere.seq) == (1, 2, 1)
    room.refresh_from_db()
    assert room.last_seq == 2


def test_message_text_is_escaped_and_links_are_safe(room, member):
    message = chat.send_message(member, room, "<b>hi</b> see https://example.org/help")
    assert "&lt;b&gt;hi&lt;/b&gt;" in message.body_html
    assert 'rel="nofollow noopener noreferrer"' in message.body_html
    assert "<b>" not in message.body_html


def test_too_long_and_empty_messages_are_refused_with_a_reason(room, member):
    with pytest.raises(chat.MessageRefused, match="up to 2,000 characters"):
        chat.send_message(member, room, "x" * 2001)
    with pytest.raises(chat.MessageRefused, match="empty"):
        chat.send_message(member, room, "   ")
    assert not ChatMessage.objects.exists()


def test_retrying_with_the_same_client_token_does_not_duplicate(room, member):
    first = chat.send_message(member, room, "Only once", client_token="abc")
    again = chat.send_message(member, room, "Only once", client_token="abc")
    assert first.pk == again.pk
    assert ChatMessage.objects.count() == 1


def test_slow_mode_makes_a_member_wait_between_messages(room, member, host):
    rooms.set_slow_mode(host, room, 30)
    room.refresh_from_db()
    chat.send_message(member, room, "First")
    with pytest.raises(chat.MessageRefused, match="Slow mode is on"):
        chat.send_message(member, room, "Second")
    RoomMember.objects.filter(user=member).update(last_message_at=timezone.now() - timedelta(seconds=31))
    assert chat.send_message(member, room, "Second").seq == 2
    assert RoomAction.objects.filter(kind=RoomAction.Kind.SLOW_MODE, actor=host).exists()


def test_only_hosts_can_set_slow_mode(room, member):
    with pytest.raises(rooms.NotAllowed):
        rooms.set_slow_mode(member, room, 10)


def test_flood_protection_pauses_a_burst(room, member, settings):
    settings.CHAT_FLOOD_LIMIT = (3, 60)
    for n in range(3):
        chat.send_message(member, room, f"Message {n}")
    with pytest.raises(chat.MessageRefused, match="pause"):
        chat.send_message(member, room, "One too many")


def test_muted_member_cannot_send_and_is_told_until_when(room, member, host):
    rooms.mute_member(host, room, member, 15, reason="Let's take a breather")
    with pytest.raises(chat.MessageRefused, match="paused your messages"):
        chat.send_message(member, room, "Hello?")
    action = RoomAction.objects.get(kind=RoomAction.Kind.MUTE)
    assert (action.actor, action.target, action.reason, action.detail) == (
        host,
        member,
        "Let's take a breather",
        "15 minutes",
    )
    rooms.unmute_member(host, room, member)
    assert chat.send_message(member, room, "Thanks, I'm back").seq == 1


def test_removed_member_cannot_send_or_enter(room, member, host):
    rooms.remove_member(host, room, member, reason="Repeated unkindness")
    with pytest.raises(chat.MessageRefused, match="removed you"):
        chat.send_message(member, room, "Let me back")
    with pytest.raises(rooms.NotAllowed):
        rooms.enter(member, room)


def test_host_removes_a_message_and_the_record_says_who_and_why(room, member, host):
    message = chat.send_message(member, room, "Something unkind")
    chat.remove_message(host, message, "Not in keeping with our ground rules")
    message.refresh_from_db()
    assert message.state == ChatMessage.State.REMOVED
    action = RoomAction.objects.get(kind=RoomAction.Kind.REMOVE_MESSAGE)
    assert (action.actor, action.target, action.message, action.reason) == (
        host,
        member,
        message,
        "Not in keeping with our ground rules",
    )


def test_members_cannot_remove_messages(room, member, other_member):
    message = chat.send_message(member, room, "Hello")
    with pytest.raises(rooms.NotAllowed):
        chat.remove_message(other_member, message)


def _at(weekday_date: str, clock: str) -> datetime:
    return datetime.fromisoformat(f"{weekday_date}T{clock}").replace(tzinfo=LONDON)


def test_room_is_open_only_in_its_hours_and_says_when_it_next_opens(room, member):
    RoomOpening.objects.create(room=room, weekday=RoomOpening.Weekday.TUESDAY, starts=time(19), ends=time(20, 30))
    tuesday = "2026-11-24"
    assert rooms.is_open(room, _at(tuesday, "19:30"))
    assert not rooms.is_open(room, _at(tuesday, "20:30"))
    assert rooms.next_opening(room, _at(tuesday, "21:00")) == _at("2026-12-01", "19:00")
    assert "opens again on Tuesday 1 December at 19:00" in rooms.status_text(room, _at(tuesday, "21:00"))
    assert "until 20:30" in rooms.status_text(room, _at(tuesday, "19:10"))


def test_an_overnight_session_runs_past_midnight_into_the_next_day(room):
    RoomOpening.objects.create(room=room, weekday=RoomOpening.Weekday.FRIDAY, starts=time(22), ends=time(2))
    friday, saturday = "2026-11-27", "2026-11-28"
    assert not rooms.is_open(room, _at(friday, "21:59"))
    assert rooms.is_open(room, _at(friday, "23:30"))
    assert rooms.is_open(room, _at(saturday, "01:59"))
    assert not rooms.is_open(room, _at(saturday, "02:00"))
    assert not rooms.is_open(room, _at(saturday, "23:30"))  # Saturdays have no session
    assert "Open now until 02:00" in rooms.status_text(room, _at(friday, "23:30"))
    assert rooms.session_end(room, _at(saturday, "00:30")) == _at(saturday, "02:00")
    assert rooms.next_opening(room, _at(saturday, "03:00")) == _at("2026-12-04", "22:00")
    assert rooms.hours(room) == ["Fridays 22:00-02:00 (into Saturday)"]


def test_a_session_cannot_start_and_end_at_the_same_time(room):
    with pytest.raises(ValidationError, match="ends at another time"):
        RoomOpening(room=room, weekday=RoomOpening.Weekday.FRIDAY, starts=time(22), ends=time(22)).full_clean()
    RoomOpening(room=room, weekday=RoomOpening.Weekday.FRIDAY, starts=time(22), ends=time(2)).full_clean()


def test_summer_time_is_respected(room):
    RoomOpening.objects.create(room=room, weekday=RoomOpening.Weekday.TUESDAY, starts=time(19), ends=time(20))
    july_evening_utc = datetime(2026, 7, 7, 18, 30, tzinfo=ZoneInfo("UTC"))  # 19:30 in London (BST)
    assert rooms.is_open(room, july_evening_utc)


def test_messages_are_refused_while_the_room_is_closed(room, member):
    today = timezone.localtime().weekday()
    RoomOpening.objects.create(room=room, weekday=(today + 3) % 7, starts=time(10), ends=time(11))
    with pytest.raises(chat.MessageRefused, match="Closed for now"):
        chat.send_message(member, room, "Anyone here?")


def test_host_can_close_early_and_open_again(room, member, host):
    rooms.close_early(host, room, "Quiet night")
    room.refresh_from_db()
    assert not rooms.is_open(room)
    with pytest.raises(chat.MessageRefused):
        chat.send_message(member, room, "Hello")
    rooms.open_early(host, room)
    room.refresh_from_db()
    assert rooms.is_open(room)
    assert [a.kind for a in RoomAction.objects.order_by("created_at")] == ["close", "open"]


def test_room_at_capacity_turns_a_new_member_away(room, member, other_member, make_member):
    room.capacity = 1
    room.save()
    rooms.join_presence(member, room, "socket-1")
    rooms.join_presence(member, room, "socket-2")  # the same member in a second tab still fits
    with pytest.raises(rooms.RoomFull):
        rooms.join_presence(other_member, room, "socket-3")
    rooms.leave_presence("socket-1")
    rooms.leave_presence("socket-2")
    rooms.join_presence(other_member, room, "socket-3")


def test_member_must_accept_room_rules_before_sending_and_again_after_a_change(room, member, host):
    rooms.publish_room_rules(room, "Be kind.", by=host)
    with pytest.raises(chat.RoomRulesRequired):
        chat.send_message(member, room, "Hello")
    rooms.accept_room_rules(member, room)
    chat.send_message(member, room, "Hello")
    rooms.publish_room_rules(room, "Be kind. No advice about medication.", change_note="Medication", by=host)
    RoomMember.objects.filter(user=member).update(last_message_at=None)
    with pytest.raises(chat.RoomRulesRequired):
        chat.send_message(member, room, "Hello again")
    assert member.rule_acceptances.filter(version__book__slug="room-creative-corner").count() == 1


def test_on_request_room_needs_a_hosts_approval(room, member, host):
    room.membership = Room.Membership.ON_REQUEST
    room.save()
    with pytest.raises(rooms.NotAllowed):
        rooms.enter(member, room)
    rooms.request_to_join(member, room)
    with pytest.raises(chat.MessageRefused, match="asked to join"):
        chat.send_message(member, room, "Hello")
    rooms.approve_member(host, room, member)
    assert chat.send_message(member, room, "Thank you for having me").seq == 1


def test_presence_shows_handles_or_a_member(room, member, other_member):
    from community.services.room_events import present_people

    rooms.join_presence(member, room, "a")
    rooms.join_presence(other_member, room, "b")
    rooms.set_appearance(other_member, room, True)
    assert present_people(room.pk) == (["robin", "a member"], 2)


@pytest.mark.security("permissions")
@pytest.mark.parametrize("steps", [("mute",), ("mute", "unmute"), ("unmute",)])
def test_muting_or_unmuting_a_non_member_never_lets_them_into_an_on_request_room(room, member, host, steps):
    room.membership = Room.Membership.ON_REQUEST
    room.save()
    for step in steps:
        with suppress(rooms.RoomError):
            if step == "mute":
                rooms.mute_member(host, room, member, 15)
            else:
                rooms.unmute_member(host, room, member)
    with pytest.raises(rooms.NotAllowed):
        rooms.enter(member, room)
    assert not RoomMember.objects.filter(room=room, user=member, status=RoomMember.Status.APPROVED).exists()


def test_a_host_is_told_a_non_member_of_an_on_request_room_has_nothing_to_mute(room, member, host):
    room.membership = Room.Membership.ON_REQUEST
    room.save()
    with pytest.raises(rooms.RoomError, match="robin isn't in this room"):
        rooms.mute_member(host, room, member, 15)
    assert not RoomAction.objects.exists()


def test_a_member_waiting_to_join_can_be_muted_and_still_waits(room, member, host):
    room.membership = Room.Membership.ON_REQUEST
    room.save()
    rooms.request_to_join(member, room)
    rooms.mute_member(host, room, member, 15)
    rooms.unmute_member(host, room, member)
    assert RoomMember.objects.get(room=room, user=member).status == RoomMember.Status.REQUESTED


def test_muting_a_member_who_has_not_visited_an_open_room_yet_still_works(room, member, host):
    rooms.mute_member(host, room, member, 15)
    with pytest.raises(chat.MessageRefused, match="paused your messages"):
        chat.send_message(member, room, "Hello?")
