"""The append-only moderation log: one row per action, automatic (by=None) or human."""

from ..models import ModerationLog, ReviewItem

# Rows about the team itself (a promotion, a moderator's boards, their training), not about anyone's conduct.
TEAM_ACTIONS = ("promote", "set_boards", "confirm_training")


def log(
    action: str,
    *,
    by=None,
    item: ReviewItem | None = None,
    member=None,
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
    return ModerationLog.objects.create(
        actor=by,
        action=action,
        item=item,
        member=member,
        target_type=target_type,
        target_id=target_id,
        reason=reason[:500],
        rule=rule,
        before=before,
        after=after,
    )
