"""Looking after moderators: off duty, time active today, and a gentle break suggestion.

Activity is what a moderator does in the queue (opening the queue or an item,
claiming, acting; not the page's background refreshes). Visits less than
MODERATION_SESSION_GAP_MINUTES (10) apart join one ModeratorSession, so time
active today is the sum of today's sessions. After MODERATION_BREAK_AFTER_MINUTES
(120) the queue suggests a break.

Off duty is the moderator's own choice and lasts until they come back: they are
not listed as on duty, and their queue page stops updating itself (no socket,
no polling), so nothing pings them. Their tools still work if they choose to use them.
"""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from accounts.models import User

from ..models import ModeratorSession, OffDuty


def session_gap() -> timedelta:
    return timedelta(minutes=getattr(settings, "MODERATION_SESSION_GAP_MINUTES", 10))


def break_after() -> timedelta:
    return timedelta(minutes=getattr(settings, "MODERATION_BREAK_AFTER_MINUTES", 120))


@transaction.atomic
def record_activity(moderator, now=None) -> ModeratorSession:
    """Extend the moderator's current session, or start one after a gap."""
    now = now or timezone.now()
    latest = ModeratorSession.objects.select_for_update().filter(moderator=moderator).order_by("-last_seen_at").first()
    if latest is not None and now - latest.last_seen_at < session_gap():
        latest.last_seen_at = max(latest.last_seen_at, now)
        latest.save(update_fields=["last_seen_at"])
        return latest
    return ModeratorSession.objects.create(moderator=moderator, started_at=now, last_seen_at=now)


def _start_of_today(now):
    return timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0)


def active_today(now=None) -> dict[int, timedelta]:
    """Each moderator's active time today (local day), by user id; sessions crossing midnight count from midnight."""
    now = now or timezone.now()
    day_start = _start_of_today(now)
    totals: dict[int, timedelta] = {}
    for session in ModeratorSession.objects.filter(last_seen_at__gte=day_start):
        spent = session.last_seen_at - max(session.started_at, day_start)
        totals[session.moderator_id] = totals.get(session.moderator_id, timedelta()) + spent
    return totals


def should_take_break(moderator, now=None) -> bool:
    return not is_off_duty(moderator) and active_today(now).get(moderator.pk, timedelta()) >= break_after()


def is_off_duty(moderator) -> bool:
    return OffDuty.objects.filter(moderator=moderator).exists()


def set_off_duty(moderator, off_duty: bool) -> None:
    if off_duty:
        OffDuty.objects.get_or_create(moderator=moderator)
    else:
        OffDuty.objects.filter(moderator=moderator).delete()


def team_today(now=None) -> list[dict]:
    """Everyone who has moderated today: how long, and whether they are on duty now (recently active, not off duty)."""
    now = now or timezone.now()
    totals = active_today(now)
    off_duty = set(OffDuty.objects.filter(moderator_id__in=totals).values_list("moderator_id", flat=True))
    recent = set(
        ModeratorSession.objects.filter(moderator_id__in=totals, last_seen_at__gt=now - session_gap()).values_list(
            "moderator_id", flat=True
        )
    )
    rows = [
        {
            "moderator": person,
            "active": totals[person.pk],
            "active_label": duration_label(totals[person.pk]),
            "off_duty": person.pk in off_duty,
            "on_duty": person.pk in recent and person.pk not in off_duty,
            "past_break": totals[person.pk] >= break_after(),
        }
        for person in User.objects.filter(pk__in=totals)
    ]
    rows.sort(key=lambda row: (not row["on_duty"], row["moderator"].handle))
    return rows


def duration_label(spent: timedelta) -> str:
    minutes = int(spent.total_seconds() // 60)
    if minutes < 1:
        return "under a minute"
    hours, minutes = divmod(minutes, 60)
    if not hours:
        return f"{minutes} min"
    return f"{hours} h {minutes} min" if minutes else f"{hours} h"
