"""Telling open queue pages that an item changed; each page then refetches its own, scoped list."""

from config.realtime import send_event_on_commit

QUEUE_GROUP = "moderation-queue"


def queue_changed(item_id: int) -> None:
    """Call inside the transaction; the event leaves after commit and names only the item's id."""
    send_event_on_commit(QUEUE_GROUP, {"type": "review.changed", "item": item_id})
