"""Graduated suspensions, and the check the forum calls before a member posts or reacts.

A first suspension lasts MODERATION_SUSPENSION_DAYS[0] days, a second [1],
and the third and later are permanent (None). A suspension is active until
its end time, computed on read; end_expired_suspensions() (a beat task)
records the end, tells the member and writes the log.
"""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from community.services.errors import ForumError

from ..models import Suspension
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
    """Start the member's next suspension on the graduated scale."""
    now = now or timezone.now()
    number = Suspension.objects.filter(member=member).count() + 1
    days = suspension_days()
    length = days[min(number, len(days)) - 1]
    ends_at = now + timedelta(days=length) if length else None
    suspension = Suspension.objects.create(
        member=member, number=number, starts_at=now, ends_at=ends_at, reason=reason, by=by
    )
    how_long = f"for {length} days" if length else "with no end date"
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
