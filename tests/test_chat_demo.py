"""The demo rooms: seeded once, with ground rules, hours and a short history."""

from django.core.management import call_command

from community.models import ChatMessage, Room
from community.services.rooms import rules_for


def test_seed_demo_adds_three_rooms_once_with_rules_and_history(db):
    call_command("seed_demo", "--force")
    call_command("seed_demo", "--force")
    rooms = {room.slug: room for room in Room.objects.all()}
    assert set(rooms) == {"evening-check-in", "carers-cuppa", "creative-corner"}
    assert all(rules_for(room) is not None for room in rooms.values())
    assert rooms["evening-check-in"].openings.count() == 7
    assert [str(o) for o in rooms["carers-cuppa"].openings.all()] == ["Tuesdays 19:00-20:30"]
    assert not rooms["creative-corner"].openings.exists()
    history = ChatMessage.objects.filter(room=rooms["creative-corner"]).order_by("seq")
    assert [m.seq for m in history] == [1, 2, 3, 4]
    assert rooms["creative-corner"].last_seq == 4
