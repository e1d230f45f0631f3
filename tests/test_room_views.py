"""Room pages work without JavaScript: rules first, sending, refusals keeping the words, history, host tools."""

import re

import pytest

from community.models import ChatMessage, Room, RoomAction, RoomMember
from community.room_permissions import can_moderate
from community.services import chat, rooms
from moderation.models import Reason, ReviewItem, TargetType


@pytest.fixture
def room(db):
    return Room.objects.create(name="Carers' cuppa", slug="carers-cuppa", purpose="For those who care for someone.")


@pytest.fixture
def host(make_host, room):
    return make_host(room)


def test_rooms_are_listed(room, member, client_for):
    page = client_for(member).get("/rooms/")
    assert "Carers&#x27; cuppa" in page.content.decode()


def test_room_rules_come_first_then_the_composer(room, member, host, client_for):
    version = rooms.publish_room_rules(room, "Listen more than you advise.", by=host)
    client = client_for(member)
    page = client.get("/rooms/carers-cuppa/")
    assert "I agree to these ground rules" in page.content.decode()
    assert 'id="composer-form"' not in page.content.decode()
    client.post("/rooms/carers-cuppa/rules/", {"version": version.pk})
    page = client.get("/rooms/carers-cuppa/")
    assert 'id="composer-form"' in page.content.decode()


def test_sending_without_javascript_posts_and_shows_the_message(room, member, client_for):
    client = client_for(member)
    response = client.post("/rooms/carers-cuppa/", {"body": "Kettle's on, anyone want a cuppa?"})
    assert response.status_code == 302
    assert "anyone want a cuppa?" in client.get("/rooms/carers-cuppa/").content.decode()


def test_refused_message_keeps_the_words_and_says_why(room, member, client_for):
    response = client_for(member).post("/rooms/carers-cuppa/", {"body": "x" * 2001})
    text = response.content.decode()
    assert response.status_code == 400
    assert "up to 2,000 characters" in text
    assert "x" * 2001 in text


def test_member_page_never_shows_emails(room, member, other_member, client_for):
    chat.send_message(other_member, room, "Hello robin")
    assert other_member.email not in client_for(member).get("/rooms/carers-cuppa/").content.decode()


def test_older_messages_load_by_page(room, member, client_for, settings):
    settings.CHAT_FLOOD_LIMIT = (1000, 10)
    settings.CHAT_PAGE_SIZE = 3
    for n in range(7):
        chat.send_message(member, room, f"Message {n}")
    data = client_for(member).get("/rooms/carers-cuppa/history/?before=5").json()
    assert [m["seq"] for m in data["messages"]] == [2, 3, 4]
    assert data["more"] is True


def test_reporting_says_thank_you_and_joins_the_moderation_queue(room, member, other_member, client_for):
    chat.send_message(other_member, room, "Hmm")
    response = client_for(member).post(
        "/rooms/carers-cuppa/m/1/report/", {"reason": "unkind"}, headers={"Accept": "application/json"}
    )
    assert response.json() == {"ok": True, "text": "Reported, thank you"}
    item = ReviewItem.objects.get()
    assert (item.target_type, item.room, item.reasons) == (TargetType.CHAT_MESSAGE, room, ["unkind"])
    assert item.reports.get().reporter == member


def test_report_form_offers_the_same_reasons_and_keeps_the_note_on_a_refusal(room, member, other_member, client_for):
    chat.send_message(other_member, room, "Hmm")
    client = client_for(member)
    page = client.get("/rooms/carers-cuppa/m/1/report/").content.decode()
    assert all(f'value="{value}"' in page for value in Reason.values)
    response = client.post("/rooms/carers-cuppa/m/1/report/", {"reason": "other", "detail": ""})
    assert response.status_code == 400
    assert "Please tell us a little about what" in response.content.decode()
    response = client.post("/rooms/carers-cuppa/m/1/report/", {"reason": "other", "detail": "Feels pointed"})
    assert response.status_code == 302
    assert ReviewItem.objects.get().reports.get().detail == "Feels pointed"


@pytest.mark.parametrize("page", ["report", "remove"])
def test_the_message_preview_on_the_report_and_remove_pages_has_no_links_to_act(
    page, room, member, other_member, host, client_for
):
    chat.send_message(other_member, room, "Hmm, not nice")
    viewer = member if page == "report" else host
    text = client_for(viewer).get(f"/rooms/carers-cuppa/m/1/{page}/").content.decode()
    preview = text.split('<ol class="chat-log static">')[1].split("</ol>")[0]
    assert "Hmm, not nice" in preview and "sky" in preview
    assert "chat-report" not in preview and "chat-remove" not in preview and "<a " not in preview


def test_host_tools_are_for_hosts_only(room, member, host, client_for):
    assert client_for(member).get("/rooms/carers-cuppa/host/").status_code == 403
    assert client_for(member).post("/rooms/carers-cuppa/m/1/remove/").status_code == 403
    client_for(host).post("/rooms/carers-cuppa/host/", {"action": "slow_mode", "seconds": "20", "reason": "Busy"})
    room.refresh_from_db()
    assert room.slow_mode_seconds == 20
    assert RoomAction.objects.get().reason == "Busy"


def test_host_removes_a_message_from_the_page(room, member, host, client_for):
    chat.send_message(member, room, "Something unkind")
    client_for(host).post("/rooms/carers-cuppa/m/1/remove/", {"reason": "Please keep it kind"})
    assert ChatMessage.objects.get().state == ChatMessage.State.REMOVED
    assert "Removed by a moderator" in client_for(member).get("/rooms/carers-cuppa/").content.decode()


def test_host_mutes_a_member_chosen_from_the_room(room, member, other_member, make_member, host, client_for):
    chat.send_message(other_member, room, "Earlier")
    chat.send_message(member, room, "Something unkind")
    make_member("notinroom")
    client = client_for(host)
    page = client.get("/rooms/carers-cuppa/host/").content.decode()
    assert '<select id="member" name="member"' in page and 'name="handle"' not in page
    choices = page.split('<select id="member"')[1].split("</select>")[0]
    assert choices.index("robin") < choices.index("sky")  # who spoke last first
    assert "notinroom" not in choices and "hostly" not in choices
    client.post("/rooms/carers-cuppa/host/", {"action": "mute", "member": member.pk, "minutes": "15"})
    assert RoomMember.objects.get(room=room, user=member).is_muted


def test_durations_say_one_and_many_right_on_the_host_page_and_in_the_room(room, member, host, client_for):
    rooms.set_slow_mode(host, room, 1)
    host_page = client_for(host).get("/rooms/carers-cuppa/host/").content.decode()
    choices = host_page.split('<select id="minutes"')[1].split("</select>")[0]
    labels = re.findall(r'<option value="\d+">([^<]+)</option>', choices)
    assert labels == ["5 minutes", "15 minutes", "1 hour", "1 day"]
    assert "one message every 1 second." in host_page
    room_page = client_for(member).get("/rooms/carers-cuppa/").content.decode()
    assert "Slow mode is on: one message every 1 second, so everyone can keep up." in room_page
    assert "1 seconds" not in host_page + room_page


def test_host_cannot_choose_someone_outside_the_room(room, make_member, host, client_for):
    outsider = make_member("notinroom")
    response = client_for(host).post(
        "/rooms/carers-cuppa/host/", {"action": "mute", "member": outsider.pk, "minutes": "15"}, follow=True
    )
    assert "Please choose someone in this room" in response.content.decode()
    assert not RoomMember.objects.filter(user=outsider).exists()


def test_removed_member_sees_why_at_the_door(room, member, host, client_for):
    rooms.remove_member(host, room, member, "Repeated unkindness")
    response = client_for(member).get("/rooms/carers-cuppa/")
    assert response.status_code == 403
    assert "removed you from this room" in response.content.decode()


def test_on_request_room_offers_to_ask(room, member, client_for):
    room.membership = Room.Membership.ON_REQUEST
    room.save()
    client = client_for(member)
    assert "Ask to join" in client.get("/rooms/carers-cuppa/").content.decode()
    client.post("/rooms/carers-cuppa/ask/")
    assert "A host will look at your request soon" in client.get("/rooms/carers-cuppa/").content.decode()


def test_signed_out_visitors_are_sent_to_log_in(room, client):
    assert client.get("/rooms/carers-cuppa/").status_code == 302


def test_administrator_creates_a_room_with_hours_hosts_and_ground_rules(admin_user, moderator, client_for):
    client = client_for(admin_user)
    assert client.get("/admin/community/room/add/").status_code == 200
    response = client.post(
        "/admin/community/room/add/",
        {
            "name": "Evening check-in",
            "slug": "evening-check-in",
            "purpose": "A gentle end to the day.",
            "ground_rules": "Be gentle with each other.",
            "rules_change_note": "",
            "membership": "open",
            "capacity": "",
            "time_zone": "Europe/London",
            "audience": "members",
            "slow_mode_seconds": "0",
            "position": "0",
            "openings-TOTAL_FORMS": "1",
            "openings-INITIAL_FORMS": "0",
            "openings-0-weekday": "1",
            "openings-0-starts": "19:00",
            "openings-0-ends": "20:30",
            "moderator_scopes-TOTAL_FORMS": "1",
            "moderator_scopes-INITIAL_FORMS": "0",
            "moderator_scopes-0-moderator": str(moderator.pk),
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    room = Room.objects.get(slug="evening-check-in")
    assert [scope.moderator for scope in room.moderator_scopes.all()] == [moderator]
    assert can_moderate(moderator, room)
    assert [str(o) for o in room.openings.all()] == ["Tuesdays 19:00-20:30"]
    assert rooms.rules_for(room).body == "Be gentle with each other."
    assert client.get(f"/admin/community/room/{room.pk}/change/").status_code == 200


def test_status_says_when_the_room_is_full(room, member, other_member, client_for):
    room.capacity = 1
    room.save()
    rooms.join_presence(other_member, room, "socket-1")
    assert client_for(member).get("/rooms/carers-cuppa/status/").json()["full"] is True
