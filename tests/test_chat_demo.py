"""The demo rooms: seeded once, with ground rules, hours, a short history and the demo moderator as host."""

from django.core.management import call_command

from accounts.models import User
from community.models import ChatMessage, Room
from community.room_permissions import can_enter, can_moderate
from community.services.rooms import rules_for


def test_seed_demo_adds_four_rooms_once_with_rules_and_history(db):
    call_command("seed_demo", "--force")
    call_command("seed_demo", "--force")
    rooms = {room.slug: room for room in Room.objects.all()}
    assert set(rooms) == {"evening-check-in", "carers-cuppa", "creative-corner", "moderators-debrief"}
    assert all(rules_for(room) is not None for room in rooms.values())
    assert rooms["evening-check-in"].openings.count() == 7
    assert [str(o) for o in rooms["carers-cuppa"].openings.all()] == ["Tuesdays 19:00-20:30"]
    assert not rooms["creative-corner"].openings.exists()
    history = ChatMessage.objects.filter(room=rooms["creative-corner"]).order_by("seq")
    assert [m.seq for m in history] == [1, 2, 3, 4]
    assert rooms["creative-corner"].last_seq == 4


def test_demo_moderator_hosts_the_rooms_and_only_the_team_enters_the_debrief_room(db):
    call_command("seed_demo", "--force")
    moderator, peer = User.objects.get(handle="moderator"), User.objects.get(handle="peer2")
    assert all(can_moderate(moderator, room) for room in Room.objects.all())
    assert not any(can_moderate(peer, room) for room in Room.objects.all())
    debrief = Room.objects.get(slug="moderators-debrief")
    assert debrief.name == "Moderators' debrief room"
    assert debrief.audience == Room.Audience.MODERATORS
    assert can_enter(moderator, debrief) and not can_enter(peer, debrief)
