"""The one way real-time events leave the server.

Services call send_event_on_commit(); the event reaches the channel-layer group
only after the surrounding transaction commits, so no browser hears of a change
that was rolled back. A failing channel layer (Redis down) is logged and never
breaks the request: the database is the record, pages catch up on load.
"""

import logging
from collections.abc import Callable

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction

logger = logging.getLogger(__name__)

EVERY_MEMBER = "members"


def member_group(user_id: int) -> str:
    return f"member-{user_id}"


def send_event_on_commit(group: str, event: dict | Callable[[], dict]) -> None:
    """Send event to group once the transaction commits.

    Pass a callable to build the event after commit, from committed data (an
    unread count, say).
    """
    transaction.on_commit(lambda: _send_now(group, event() if callable(event) else event))


def _send_now(group: str, event: dict) -> None:
    try:
        async_to_sync(get_channel_layer().group_send)(group, {"type": "event.forward", "event": event})
    except Exception:
        logger.exception("Real-time event to %s was not sent; pages will catch up on load", group)
