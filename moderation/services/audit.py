"""The append-only moderation log: one row per action, automatic (by=None) or human.

A host's actions in a room reach the log through community.signals.host_acted
(log_room_action). When the review dispatcher acts on a chat message through the
room's services, it writes the row itself, with its item, so it runs them inside
queue_action() and the room's own record of that action is not logged twice.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from community.models import RoomAction

from ..models import ModerationLog, ReviewItem, TargetType

# Rows about the team itself (a promotion, a moderator's boards and rooms, their training), not about anyone's
# conduct. "set_boards" is the name of such rows from before rooms were chosen there too.
TEAM_ACTIONS = ("promote", "set_scope", "set_boards", "confirm_training")

Kind = RoomAction.Kind
# A host's action in a room -> (the log's action, its before and after); welcoming a member in is not moderation.
ROOM_ACTIONS = {
    Kind.REMOVE_MESSAGE: ("remove_message", "published", "removed"),
    Kind.MUTE: ("mute", "", "muted {detail}"),
    Kind.UNMUTE: ("unmute", "muted", ""),
    Kind.REMOVE_MEMBER: ("remove_member", "", "removed from the room"),
    Kind.SLOW_MODE: ("slow_mode", "", "{detail}"),
    Kind.CLOSE: ("close_room", "", "closed early"),
    Kind.OPEN: ("open_room", "", "opened early"),
}

_in_queue_action: ContextVar[bool] = ContextVar("in_queue_action", default=False)


def log(
    action: str,
    *,
    by=None,
    item: ReviewItem | None = None,
    member=None,
    room=None,
    target_type: str = "",
    target_id: int | None = None,
    reason: str = "",
    rule: str = "",
    before: str = "",
    after: str = "",
) -> ModerationLog:
    if item is not None:
        target_type = target_type or item.target_type
        target_id = target_id if target_id is not None else item.target_id
        member = member if member is not None else item.member
        room = room if room is not None else item.room
    return ModerationLog.objects.create(
        actor=by,
        action=action,
        item=item,
        member=member,
        room=room,
        target_type=target_type,
        target_id=target_id,
        reason=reason[:500],
        rule=rule,
        before=before,
        after=after,
    )


@contextmanager
def queue_action() -> Iterator[None]:
    """The review dispatcher logs what happens inside this block itself (room actions included)."""
    token = _in_queue_action.set(True)
    try:
        yield
    finally:
        _in_queue_action.reset(token)


def log_room_action(sender, action: RoomAction, **kwargs) -> None:
    """Receiver of community.signals.host_acted: a host's action in a room, as a log row."""
    if _in_queue_action.get() or action.kind not in ROOM_ACTIONS:
        return
    name, before, after = ROOM_ACTIONS[action.kind]
    if action.message_id:
        target = {"target_type": TargetType.CHAT_MESSAGE, "target_id": action.message_id}
    elif action.target_id:
        target = {"target_type": TargetType.MEMBER, "target_id": action.target_id}
    else:
        target = {"target_type": "room", "target_id": action.room_id}
    log(
        name,
        by=action.actor,
        member=action.target,
        room=action.room,
        reason=action.reason,
        before=before,
        after=after.format(detail=action.detail),
        **target,
    )
