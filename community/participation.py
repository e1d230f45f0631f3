"""Telling the evaluation that a member took part (community.signals.took_part); community counts nothing itself.

Services call record() inside their transaction, so a rolled-back post is never
counted; pages call record_read(). evaluation.services.participation keeps the counts.
"""

from . import signals


class Took:
    """The kinds of taking part, as the evaluation counts them (evaluation.models.Participation.Kind)."""

    READ = "read"
    THREAD = "thread"
    REPLY = "reply"
    REPLY_RECEIVED = "reply_received"
    REACTION = "reaction"
    REACTION_RECEIVED = "reaction_received"
    CHAT_MESSAGE = "chat_message"
    ROOM_VISIT = "room_visit"


def record(kind: str, user, *, board_id: int = 0, room_id: int = 0, when=None) -> None:
    signals.took_part.send(sender=None, kind=kind, user=user, board_id=board_id, room_id=room_id, when=when)


def record_read(user, board_id: int) -> None:
    record(Took.READ, user, board_id=board_id)
