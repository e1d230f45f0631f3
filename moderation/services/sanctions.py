"""Graduated suspensions, and the check the forum calls before a member posts or reacts.

A first suspension lasts MODERATION_SUSPENSION_DAYS[0] days, a second [1],
and the third and later are permanent (None). A suspension is active until
its end time, computed on read; end_expired_suspensions() (a beat task)
records the end, tells the member and writes the log.

Two automatic steps live here too, both written to the log with no actor:
an automatic pause pending review (a Suspension marked automatic, with no end
date and not counted in the graduated scale; a lead lifts it or confirms it
with a suspension), and a formal warning after MODERATION_WARNING_FEEDBACK_COUNT
(3) pieces of feedback citing the same rule within MODERATION_WARNING_WINDOW_DAYS
(365), counted since any earlier warning on that rule.
"""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from community.services.errors import ForumError
from config.words import duration

from ..models import ModerationLog, Suspension
from . import audit, notices

DEFAULT_SUSPENSION_DAYS = (14, 30, None)


class SuspendedError(ForumError):
    """The member is suspended: they can read, but not post or react."""


def suspension_days() -> tuple:
    return tuple(getattr(settings, "MODERATION_SUSPENSION_DAYS", DEFAULT_SUSPENSION_DAYS))


def active_suspension(member, now=None) -> Suspension | None:
    if not member.is_authenticated:
        return None
    now = now or timezone.now()
    return (
        Suspension.objects.filter(member=member, ended_at__isnull=True)
        .filter(Q(ends_at__isnull=True) | Q(ends_at__gt=now))
        .order_by("-starts_at")
        .first()
    )


def check_can_participate(user) -> None:
    """Raise SuspendedError (a ForumError, with a kind message) if the member may not post or react now."""
    suspension = active_suspension(user)
    if suspension is None:
        return
    until = f"until {timezone.localtime(suspension.ends_at):%A %-d %B}" if suspension.ends_at else "for now"
    raise SuspendedError(
        f"Your account is paused {until}, so you can't post or react. "
        f"You can still read, and your notices explain why at {_notices_url()}. "
        "If you need support, the “Need help now?” page is always open to you."
    )


def _notices_url() -> str:
    try:
        return reverse("moderation:notices")
    except NoReverseMatch:
        return "/moderation/notices/"


@transaction.atomic
def suspend(member, reason: str, by=None, now=None) -> Suspension:
    """Start the member's next suspension on the graduated scale; it replaces an automatic pause."""
    now = now or timezone.now()
    _end_pause(member, now)
    number = Suspension.objects.filter(member=member, automatic=False).count() + 1
    days = suspension_days()
    length = days[min(number, len(days)) - 1]
    ends_at = now + timedelta(days=length) if length else None
    suspension = Suspension.objects.create(
        member=member, number=number, starts_at=now, ends_at=ends_at, reason=reason, by=by
    )
    how_long = f"for {duration(length * 24 * 60 * 60)}" if length else "with no end date"
    notices.send_notice(
        member,
        f"Your account has been paused {how_long}: you can read, but not post or react.",
        reason=reason,
        link=reverse("help"),
    )
    audit.log(
        "suspend",
        by=by,
        member=member,
        target_type="member",
        target_id=member.pk,
        reason=reason,
        before="active",
        after=f"suspended {number}",
    )
    return suspension


@transaction.atomic
def end_expired_suspensions(now=None) -> int:
    now = now or timezone.now()
    expired = list(
        Suspension.objects.select_for_update().filter(ended_at__isnull=True, ends_at__isnull=False, ends_at__lte=now)
    )
    for suspension in expired:
        suspension.ended_at = now
        suspension.save(update_fields=["ended_at"])
        notices.send_notice(suspension.member, "Your pause has ended. Welcome back: you can post and react again.")
        audit.log(
            "suspension_ended",
            member=suspension.member,
            target_type="member",
            target_id=suspension.member_id,
            before=f"suspended {suspension.number}",
            after="active",
        )
    return len(expired)


# Automatic pause pending review ------------------------------------------------------


@transaction.atomic
def pause_pending_review(member, reason: str, item=None, now=None) -> Suspension:
    """Pause a member automatically, with no end date, until a lead looks. Call only if not already suspended."""
    now = now or timezone.now()
    pause = Suspension.objects.create(member=member, number=0, starts_at=now, reason=reason, automatic=True)
    notices.send_notice(
        member,
        "Your account is paused for now, while a member of the team looks at some reports. It isn't a decision yet.",
        reason="This happens automatically when several members report different posts of yours in a short time. "
        "You can still read everything. We'll tell you here what happens next.",
        link=reverse("help"),
    )
    audit.log(
        "auto_pause",
        item=item,
        member=member,
        target_type="member",
        target_id=member.pk,
        reason=reason,
        before="active",
        after="paused pending review",
    )
    return pause


@transaction.atomic
def lift_pause(member, reason: str = "", now=None) -> Suspension | None:
    """End an automatic pause and tell the member. The review dispatcher writes the log row."""
    pause = _end_pause(member, now or timezone.now())
    if pause is not None:
        notices.send_notice(
            member,
            "Your pause has been lifted. You can post and react again. Thank you for your patience.",
            reason=reason,
        )
    return pause


def _end_pause(member, now) -> Suspension | None:
    pause = Suspension.objects.select_for_update().filter(member=member, automatic=True, ended_at__isnull=True).first()
    if pause is not None:
        pause.ended_at = now
        pause.save(update_fields=["ended_at"])
    return pause


# Formal warning ----------------------------------------------------------------------

FEEDBACK, FORMAL_WARNING = "feedback", "formal_warning"


def warning_feedback_count() -> int:
    return getattr(settings, "MODERATION_WARNING_FEEDBACK_COUNT", 3)


def warning_window() -> timedelta:
    return timedelta(days=getattr(settings, "MODERATION_WARNING_WINDOW_DAYS", 365))


@transaction.atomic
def warn_after_repeated_feedback(member, rule: str, now=None) -> ModerationLog | None:
    """After enough logged feedback on one rule in the window (since any earlier warning on it), warn formally.

    Call after the latest feedback has been logged.
    """
    if not rule:
        return None
    now = now or timezone.now()
    rows = ModerationLog.objects.filter(member=member, rule=rule, created_at__gt=now - warning_window())
    last_warning = rows.filter(action=FORMAL_WARNING).order_by("-created_at").first()
    feedback = rows.filter(action=FEEDBACK)
    if last_warning is not None:
        feedback = feedback.filter(created_at__gt=last_warning.created_at)
    count = feedback.count()
    if count < warning_feedback_count():
        return None
    reason = f"{count} pieces of feedback about the same rule within {duration(warning_window().total_seconds())}."
    notices.send_notice(
        member,
        "Formal warning: moderators have asked you several times to keep to the same rule.",
        rule=rule,
        reason=f"{reason} Please read the rule again. If it happens again, your account may be paused for a while.",
        link=reverse("house_rules"),
    )
    return audit.log(
        FORMAL_WARNING,
        member=member,
        target_type="member",
        target_id=member.pk,
        reason=reason,
        rule=rule,
        after="formally warned",
    )
