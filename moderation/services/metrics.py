"""Read-only figures for the evaluation dashboard: plain rows and counts, never content, reporters or members.

Evaluation reads moderation through these functions rather than the models, so
the moderation tables can change without the evaluation noticing. Nothing here
changes state. Action names are whatever the moderation log holds, so a new
automatic action (auto-pause, a chat screen) simply appears as a new count.
"""

from collections import Counter
from datetime import datetime

from ..models import ModerationLog, Reason, Report, ReviewItem


def review_items(start: datetime, end: datetime, board_id: int | None = None) -> list[tuple]:
    """(created, first moderator action or None, status) of each review item opened in [start, end)."""
    items = ReviewItem.objects.filter(created_at__gte=start, created_at__lt=end)
    if board_id:
        items = items.filter(board_id=board_id)
    return list(items.values_list("created_at", "first_action_at", "status"))


def reasons() -> list[tuple[str, str]]:
    """(value, label) of every report reason, in the order members see them."""
    return list(Reason.choices)


def outcome(status: str) -> str:
    """A review item's outcome: "action_taken", "left_up" or "open"."""
    if status in ReviewItem.OPEN:
        return "open"
    return "action_taken" if status == ReviewItem.Status.RESOLVED else "left_up"


def reports_by_reason(start: datetime, end: datetime, board_id: int | None = None) -> Counter:
    """How many member reports were made in [start, end), by reason."""
    reports = Report.objects.filter(created_at__gte=start, created_at__lt=end)
    if board_id:
        reports = reports.filter(item__board_id=board_id)
    return Counter(reports.values_list("reason", flat=True))


def automatic_actions(start: datetime, end: datetime, board_id: int | None = None) -> Counter:
    """How many times each automatic action (a log row with no actor) was taken in [start, end)."""
    actions = ModerationLog.objects.filter(actor__isnull=True, created_at__gte=start, created_at__lt=end)
    if board_id:
        actions = actions.filter(item__board_id=board_id)
    return Counter(actions.values_list("action", flat=True))
