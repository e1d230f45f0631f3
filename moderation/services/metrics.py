"""Read-only figures for the evaluation dashboard: plain rows and counts, never content, reporters or members.

Evaluation reads moderation through these functions rather than the models, so
the moderation tables can change without the evaluation noticing. Nothing here
changes state. Action names are whatever the moderation log holds, so a new
automatic action (auto-pause, a chat screen) simply appears as a new count.
"""

from datetime import datetime

from ..models import ModerationLog, Reason, Report, ReviewItem


def review_items(start: datetime, end: datetime) -> list[tuple]:
    """(board or None, created, first moderator action or None, status) of each review item opened in [start, end)."""
    items = ReviewItem.objects.filter(created_at__gte=start, created_at__lt=end)
    return list(items.values_list("board_id", "created_at", "first_action_at", "status"))


def reasons() -> list[tuple[str, str]]:
    """(value, label) of every report reason, in the order members see them."""
    return list(Reason.choices)


def outcome(status: str) -> str:
    """A review item's outcome: "action_taken", "left_up" or "open"."""
    if status in ReviewItem.OPEN:
        return "open"
    return "action_taken" if status == ReviewItem.Status.RESOLVED else "left_up"


def reports(start: datetime, end: datetime) -> list[tuple]:
    """(board of the item reported or None, made at, reason) of each member report made in [start, end)."""
    made = Report.objects.filter(created_at__gte=start, created_at__lt=end)
    return list(made.values_list("item__board_id", "created_at", "reason"))


def automatic_actions(start: datetime, end: datetime) -> list[tuple]:
    """(board of the item or None, taken at, action) of each automatic action (a log row with no actor) in
    [start, end)."""
    actions = ModerationLog.objects.filter(actor__isnull=True, created_at__gte=start, created_at__lt=end)
    return list(actions.values_list("item__board_id", "created_at", "action"))
