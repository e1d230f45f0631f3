"""What chat rooms announce live, and how a socket catches up from the database.

Every event is serialised once, when it is published after commit, with the
same include the page uses (community/_message.html); the text travels to
every process once and is written as-is to each local socket (config/fanout.py).
So the live HTML is the same for every viewer: per-viewer controls (a host's
"Remove", "Report" on others' messages) are shown or hidden by the page, never
rendered per viewer.

Server → browser frames (JSON):
  message         {seq, author, author_id, html}      a new message, numbered within the room
  message.removed {seq, html}                         removed by a host or hidden pending review: the placeholder
  message.changed {seq, html}                         hidden, or put back by a moderator: the browser swaps it in place
  room.status     {open, status, slow_mode, slow_mode_text}  opened, closed, slow mode changed
  presence        {people, count}                     who is here now (debounced, from the database)
  notice          {kind, text, until?}                to one member only: muted, unmuted, removed
"""

import json

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone

from config.fanout import CLOSE, EVENT, MESSAGE, REFRESH, encode, hub

from ..models import ChatMessage, Room, RoomPresence


def topic(room_id: int) -> str:
    return f"room-{room_id}"


def render_message(message: ChatMessage) -> str:
    return render_to_string("community/_message.html", {"m": message, "room_slug": message.room.slug})


def message_event(message: ChatMessage) -> dict:
    if message.state != ChatMessage.State.PUBLISHED:
        return {"type": "message.removed", "seq": message.seq, "html": render_message(message)}
    return {
        "type": "message",
        "seq": message.seq,
        "author": message.author.public_name,
        "author_id": message.author_id,
        "html": render_message(message),
    }


def dumps(event: dict) -> str:
    return json.dumps(event, separators=(",", ":"))


def announce_message(message: ChatMessage) -> None:
    hub.publish_on_commit(
        topic(message.room_id), lambda: encode(MESSAGE, dumps(message_event(message)), seq=message.seq)
    )


def announce_removed(message: ChatMessage) -> None:
    hub.publish_on_commit(topic(message.room_id), lambda: encode(EVENT, dumps(message_event(message))))


def announce_changed(message: ChatMessage) -> None:
    """A message already shown was hidden or restored: every browser replaces it with its new look."""
    hub.publish_on_commit(
        topic(message.room_id),
        lambda: encode(EVENT, dumps({"type": "message.changed", "seq": message.seq, "html": render_message(message)})),
    )


def room_status_event(room: Room, now=None) -> dict:
    from .rooms import is_open, slow_mode_text, status_text

    return {
        "type": "room.status",
        "open": is_open(room, now),
        "status": status_text(room, now),
        "slow_mode": room.slow_mode_seconds,
        "slow_mode_text": slow_mode_text(room),
    }


def announce_room_status(room: Room) -> None:
    hub.publish_on_commit(topic(room.pk), lambda: encode(EVENT, dumps(room_status_event(room))))


def notify_member(room_id: int, user_id: int, kind: str, text: str, *, close: bool = False, **extra) -> None:
    """A notice for one member's sockets only; close=True ends them afterwards."""
    event = {"type": "notice", "kind": kind, "text": text, **extra}
    hub.publish_on_commit(topic(room_id), lambda: encode(CLOSE if close else EVENT, dumps(event), to=user_id))


def presence_changed(room_id: int) -> None:
    hub.publish_on_commit(topic(room_id), lambda: encode(REFRESH))


# Reading back -------------------------------------------------------------------------


def present_people(room_id: int) -> tuple[list[str], int]:
    """Names of who is here (handles, or "a member" for those who chose it), and how many."""
    from ..models import RoomMember

    since = timezone.now() - timezone.timedelta(seconds=settings.CHAT_PRESENCE_TTL)
    rows = (
        RoomPresence.objects.filter(room_id=room_id, seen_at__gte=since)
        .values_list("user_id", "user__handle", "user__deleted_at")
        .distinct()
    )
    people = {user_id: "Former member" if deleted else handle for user_id, handle, deleted in rows}
    anonymous = set(
        RoomMember.objects.filter(room_id=room_id, user_id__in=people, appear_anonymously=True).values_list(
            "user_id", flat=True
        )
    )
    named = sorted(name for user_id, name in people.items() if user_id not in anonymous)
    shown = named[: settings.CHAT_PRESENCE_NAMES] + ["a member"] * len(anonymous)
    return shown[: settings.CHAT_PRESENCE_NAMES], len(people)


def presence_text(room_id: int) -> str:
    people, count = present_people(room_id)
    return dumps({"type": "presence", "people": people, "count": count})


def _rows(room_id: int):
    return (
        ChatMessage.objects.filter(room_id=room_id).select_related("author", "room", "reply_to__author").order_by("seq")
    )


def messages_after(room_id: int, after: int, upto: int = 0, limit: int | None = None) -> list[tuple[int, str]]:
    """(seq, frame) for every message after `after` (and before `upto`, if given), oldest first."""
    rows = _rows(room_id).filter(seq__gt=after)
    if upto:
        rows = rows.filter(seq__lt=upto)
    rows = rows[: limit or settings.CHAT_REPLAY_LIMIT]
    return [(message.seq, dumps(message_event(message))) for message in rows]


def removed_since(room_id: int, since: int, upto: int) -> list[tuple[int, str]]:
    """Placeholders for messages the browser already shows (seq since..upto) removed or hidden meanwhile.

    A message put back meanwhile shows as it was once the page is reloaded.
    """
    if not since or since > upto:
        return []
    rows = _rows(room_id).filter(seq__gte=since, seq__lte=upto).exclude(state=ChatMessage.State.PUBLISHED)
    return [(message.seq, dumps(message_event(message))) for message in rows]


def last_seq(room_id: int) -> int:
    return Room.objects.filter(pk=room_id).values_list("last_seq", flat=True).first() or 0
