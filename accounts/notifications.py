"""In-app notifications: creating them as things happen, reading them, the daily digest.

notify() is called by other apps' services inside their own transaction, so a
notification exists exactly when the reply or reaction that caused it does. The
member's live unread count is sent after commit.
"""

from django.conf import settings
from django.core.mail import send_mail
from django.db.models import Count, Q
from django.db.models.functions import Coalesce
from django.template.loader import render_to_string
from django.utils import timezone

from config.realtime import member_group, send_event_on_commit

from .models import DETAIL_SEPARATOR, Notification, User
from .selfcare import blocked_either_way

WANTS_KIND = {
    Notification.Kind.REPLY: "notify_replies",
    Notification.Kind.QUOTE: "notify_quotes",
    Notification.Kind.REACTION: "notify_reactions",
}


def wants(recipient: User, kind: str, actor: User) -> bool:
    """The recipient asked for this kind, is around to hear it, and has no block with the actor."""
    return (
        recipient.pk != actor.pk
        and recipient.is_active
        and not recipient.is_on_break()
        and getattr(recipient, WANTS_KIND[kind])
        and not blocked_either_way(recipient.pk, actor.pk)
    )


def notify(recipient: User, kind: str, actor: User, target_key: str, url: str, subject: str, detail: str = ""):
    """Record that actor did something for recipient; consolidates with an unread notification on the same target.

    Consolidating adds the actor, and the detail if it is new (each one once, in the order first given: for a
    post's reactions, "a hug" then "“I hear you”"), to the one row, which moves to the top.
    """
    if not wants(recipient, kind, actor):
        return None
    notification = (
        Notification.objects.select_for_update()
        .filter(recipient=recipient, kind=kind, target_key=target_key, read_at__isnull=True)
        .first()
    )
    if notification is None:
        notification = Notification.objects.create(
            recipient=recipient, kind=kind, target_key=target_key, url=url, subject=subject[:200], detail=detail
        )
    else:
        if detail and detail not in notification.details:
            notification.detail = DETAIL_SEPARATOR.join([*notification.details, detail])
        notification.save(update_fields=["detail", "updated_at"])
    notification.actors.add(actor)
    send_unread_count_on_commit(recipient)
    return notification


TEAM_TARGET = "safeguarding:messages"


def notify_from_team(recipient: User, url: str) -> Notification | None:
    """Tell the member the safeguarding team wrote to them; never the words, never which lead.

    It has no actors and no choice to turn it off, and it reaches a member on a break:
    the team writes because it is worried about them (the daily digest still skips them).
    Consolidates while unread, like any notification.
    """
    if not recipient.is_active:
        return None
    kind, target = Notification.Kind.TEAM_MESSAGE, TEAM_TARGET
    unread = Notification.objects.select_for_update().filter(
        recipient=recipient, kind=kind, target_key=target, read_at__isnull=True
    )
    notification = unread.first() or Notification.objects.create(
        recipient=recipient, kind=kind, target_key=target, url=url, subject="the safeguarding team"
    )
    notification.save(update_fields=["updated_at"])
    send_unread_count_on_commit(recipient)
    return notification


def mark_team_messages_read(user: User) -> None:
    """The member has read the team's messages: their notification is read too."""
    marked = user.notifications.filter(
        kind=Notification.Kind.TEAM_MESSAGE, target_key=TEAM_TARGET, read_at__isnull=True
    ).update(read_at=timezone.now())
    if marked:
        send_unread_count_on_commit(user)


def unread_count(user: User) -> int:
    return user.notifications.filter(read_at__isnull=True).count()


def send_unread_count_on_commit(user: User) -> None:
    send_event_on_commit(member_group(user.pk), lambda: {"type": "notifications.unread", "count": unread_count(user)})


def recent(user: User, limit: int = 50) -> list[Notification]:
    return list(user.notifications.prefetch_related("actors")[:limit])


def mark_all_read(user: User, up_to=None) -> int:
    """Mark read what the member was shown: unread notifications last updated at or before up_to (default: now)."""
    now = timezone.now()
    marked = user.notifications.filter(read_at__isnull=True, updated_at__lte=up_to or now).update(read_at=now)
    if marked:
        send_unread_count_on_commit(user)
    return marked


def describe(notification: Notification) -> str:
    """The line a member reads, naming people by their public name at the time of reading."""
    if notification.kind == Notification.Kind.TEAM_MESSAGE:
        return "The safeguarding team sent you a message"
    actors = list(notification.actors.all())
    someone = actors[-1].public_name if actors else "Someone"
    count = len(actors)
    if notification.kind == Notification.Kind.REACTION:
        who = someone if count == 1 else f"{count} people"
        return f"{who} sent {_and(notification.details)} to your post in “{notification.subject}”"
    if notification.kind == Notification.Kind.QUOTE:
        return f"{someone} quoted you in {notification.subject}"
    if count == 1:
        return f"{someone} replied to {notification.subject}"
    return f"{count} people replied to {notification.subject}"


def _and(words: list[str]) -> str:
    """["a hug", "“I hear you”", "“Well done”"] -> "a hug, “I hear you” and “Well done”"."""
    if len(words) < 2:
        return words[0] if words else "something"
    return f"{', '.join(words[:-1])} and {words[-1]}"


def send_daily_digests(now=None) -> int:
    """Email members who chose a digest and have unread notifications since their last one.

    The email says how many, never what: words shared here stay here.
    """
    now = now or timezone.now()
    unread_since_last = Q(
        notifications__read_at__isnull=True,
        notifications__updated_at__gt=Coalesce("last_digest_at", "date_joined"),
    )
    members = (
        User.objects.filter(daily_digest=True, is_active=True, email__isnull=False)
        .exclude(on_break_until__gt=now)
        .annotate(waiting=Count("notifications", filter=unread_since_last))
    )
    sent, seen = 0, []
    for member in members.iterator():
        seen.append(member.pk)
        if member.waiting:
            body = render_to_string("accounts/digest_email.txt", {"member": member, "waiting": member.waiting})
            send_mail(f"{settings.SITE_NAME}: {member.waiting} new notifications", body, None, [member.email])
            sent += 1
    User.objects.filter(pk__in=seen).update(last_digest_at=now)
    return sent
