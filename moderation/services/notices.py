"""Private notices telling a member what a moderator did, and which rule, in plain words."""

from django.utils import timezone

from ..models import MemberNotice


def send_notice(member, headline: str, *, rule: str = "", reason: str = "", link: str = "") -> MemberNotice:
    return MemberNotice.objects.create(member=member, headline=headline, rule=rule, reason=reason, link=link)


def unread_count(member) -> int:
    return MemberNotice.objects.filter(member=member, read_at__isnull=True).count()


def mark_all_read(member) -> None:
    MemberNotice.objects.filter(member=member, read_at__isnull=True).update(read_at=timezone.now())
