"""Chat room sessions held and attendance per session, from the participation log.

A session is a room on a day when at least one member was in it while it was
open (entered, Participation kind room_visit) or chatted; its attendance is the
number of distinct members who did either. Presence rows are deleted as people
leave, so the log is the only record that outlives the session; the nightly
summary keeps each room's members per day (DailyRoomAttendance). Rooms open at
most once a day in practice; two openings on one day count as one session.
"""

from collections import defaultdict

from .stats import ratio
from .suppression import Figure, Section


def attendance_by_session(room_days) -> dict[int, list[int]]:
    """{room id: [distinct members at each session]} from (day, room, members) rows (summaries.room_attendance)."""
    per_room = defaultdict(list)
    for _day, room_id, members in room_days:
        per_room[room_id].append(members)
    return per_room


def sections(room_days, rooms) -> tuple[list[Section], list[tuple[str, tuple[str, ...]]]]:
    """The section for the period's (day, room, members) rows; rooms: (id, slug, name) of every room listed."""
    per_room = attendance_by_session(room_days)
    known = {pk for pk, _slug, _name in rooms}
    rooms = list(rooms) + [(pk, f"room-{pk}", "A room no longer listed") for pk in sorted(per_room.keys() - known)]
    figures = [
        Figure(
            "room_sessions_total", "Sessions held, all rooms", sum(len(s) for s in per_room.values()), charted=False
        ),
        Figure(
            "room_attendance_total",
            "Attendance, all rooms (members per session, added up)",
            sum(sum(s) for s in per_room.values()),
            charted=False,
        ),
    ]
    for pk, slug, name in rooms:
        held = per_room.get(pk, [])
        figures += [
            Figure(f"room_{slug}_sessions", f"{name}: sessions held", len(held)),
            Figure(f"room_{slug}_attendance", f"{name}: attendance", sum(held), charted=False),
            Figure(
                f"room_{slug}_per_session",
                f"{name}: average attendance per session",
                ratio(sum(held), len(held)),
                kind="ratio",
                depends_on=(f"room_{slug}_sessions", f"room_{slug}_attendance"),
            ),
        ]
    slugs = [slug for _pk, slug, _name in rooms]
    groups = [
        ("room_sessions_total", tuple(f"room_{slug}_sessions" for slug in slugs)),
        ("room_attendance_total", tuple(f"room_{slug}_attendance" for slug in slugs)),
    ]
    section = Section(
        "rooms",
        "Chat room sessions and attendance",
        figures,
        "A session is a day on which at least one member was in the room while it was open, or chatted there; "
        "attendance is how many different members did. Rooms are for the whole site, whichever board is chosen.",
    )
    return [section], groups
