"""Private notices telling a member what a moderator did, and which rule, in plain words."""

from django.utils import timezone

from ..models import MemberNotice


def send_notice(member, headline: str, *, rule: str = "", reason: str = "", link: str = "") -> MemberNotice:
    return MemberNotice.objects.create(member=member, headline=headline, rule=rule, reason=reason, link=link)


def unread_count(member) -> int:
    return MemberNotice.objects.filter(member=member, read_at__isnull=True).count()


def mark_all_read(member, up_to=None) -> None:
    """Mark read the notices the member was shown: those sent at or before up_to (default: now)."""
    now = timezone.now()
    MemberNotice.objects.filter(member=member, read_at__isnull=True, created_at__lte=up_to or now).update(read_at=now)
