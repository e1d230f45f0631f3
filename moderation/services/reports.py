"""Members reporting a post, a thread (its opening post), a chat message or a member profile.

Reports on the same target merge into one open ReviewItem (needs_review), with
a count and the list of reasons. "I'm worried about this person's safety"
also opens (or joins) the reported member's safeguarding case at once, via
safeguarding.services.escalation.escalate: a member's worry is taken as seriously
as a high-risk phrase, whatever the words. Any free text a reporter writes is
screened too, because the reporter may be struggling as well.

When MODERATION_AUTO_HIDE_REPORTERS distinct members (default 3) have reported
a published post or chat message, it is hidden pending review: recorded in the
item's history and the log, and reversible with "restore" (or undone by
"leave it up"). A hidden chat message turns, live, into "Hidden while a
moderator looks at it" for everyone in the room.

When MODERATION_AUTO_PAUSE_REPORTERS distinct members (default 5) have reported
at least two different posts by one member within MODERATION_AUTO_PAUSE_HOURS
(24), the member is paused pending review (sanctions.pause_pending_review) and
their member review item records why; a lead lifts the pause or confirms it with
a suspension. Reports a moderator has already left up don't count, nor do
reports from accounts younger than MODERATION_AUTO_PAUSE_MIN_REPORTER_AGE_DAYS
(7), so a handful of throwaway accounts cannot silence someone. Peer moderators,
leads and administrators are never paused automatically; reports about their
posts go to the queue as usual.

A concern about a moderator is a report too, on a CONCERN item about that
moderator: it has no board, so only safeguarding leads and administrators see
it, and never the moderator concerned (nobody sees items about themselves).
"""

from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from community.models import ChatMessage, Post
from community.permissions import can_read_post_text, can_see_post
from community.room_permissions import can_enter
from community.services import chat
from community.services import moderation as post_moderation
from community.services.notify import reply_url
from config.text import clean_text
from safeguarding.matching import Assessment, Level
from safeguarding.services.escalation import escalate, screen

from .. import permissions as perms
from ..models import REPORT_DETAIL_MAX_LENGTH, Reason, Report, ReviewHistory, ReviewItem, TargetType
from . import audit, live, notices, sanctions

REASON_WEIGHTS = {Reason.SAFETY: 100, Reason.UNKIND: 40, Reason.RULES: 30, Reason.OTHER: 20, Reason.SPAM: 10}
PER_REPORTER = 10
DEFAULT_AUTO_HIDE_REPORTERS = 3


class ReportError(Exception):
    """A member-facing reason a report could not be made."""


def auto_hide_reporters() -> int:
    return getattr(settings, "MODERATION_AUTO_HIDE_REPORTERS", DEFAULT_AUTO_HIDE_REPORTERS)


def auto_pause_reporters() -> int:
    return getattr(settings, "MODERATION_AUTO_PAUSE_REPORTERS", 5)


def auto_pause_window() -> timedelta:
    return timedelta(hours=getattr(settings, "MODERATION_AUTO_PAUSE_HOURS", 24))


def compute_priority(reasons: list[str], reporters: int) -> int:
    return sum(REASON_WEIGHTS.get(reason, 0) for reason in reasons) + PER_REPORTER * reporters


def check_report(reason: str, detail: str) -> tuple[str, str]:
    if reason not in Reason.values:
        raise ReportError("Please choose a reason for your report.")
    detail = clean_text(detail).strip()
    if reason == Reason.OTHER and not detail:
        raise ReportError("Please tell us a little about what's wrong, so a moderator can look at it properly.")
    if len(detail) > REPORT_DETAIL_MAX_LENGTH:
        raise ReportError(
            f"Please keep your note to {REPORT_DETAIL_MAX_LENGTH:,} characters; yours is {len(detail):,}."
        )
    return reason, detail


def report_post(reporter, post: Post, reason: str, detail: str = "") -> Report:
    """Report a post (for a thread, pass its opening post)."""
    if not (can_see_post(reporter, post) and can_read_post_text(reporter, post)):
        raise ReportError("This post isn't available to report.")
    if post.author_id == reporter.pk:
        raise ReportError("You can't report your own post. You can edit or remove it instead.")
    reason, detail = check_report(reason, detail)
    return _do_report(
        reporter,
        reason,
        detail,
        target_type=TargetType.POST,
        target_id=post.pk,
        member=post.author,
        post=post,
        board_id=post.thread.board_id,
        sensitive=bool(post.content_warning),
        link=reply_url(post),
        snapshot=post.body,
    )


def report_chat_message(reporter, message: ChatMessage, reason: str, detail: str = "") -> Report:
    if not can_enter(reporter, message.room) or message.state != ChatMessage.State.PUBLISHED:
        raise ReportError("This message isn't available to report.")
    if message.author_id == reporter.pk:
        raise ReportError("That's your own message. If you'd like it gone, ask a host.")
    reason, detail = check_report(reason, detail)
    return _do_report(
        reporter,
        reason,
        detail,
        target_type=TargetType.CHAT_MESSAGE,
        target_id=message.pk,
        member=message.author,
        chat_message=message,
        room_id=message.room_id,
        link=message.get_absolute_url(),
        snapshot=message.body,
    )


def report_member(reporter, member, reason: str, detail: str = "") -> Report:
    if member.pk == reporter.pk:
        raise ReportError("You can't report yourself.")
    if not member.is_active or member.deleted_at:
        raise ReportError("This member's profile isn't available to report.")
    reason, detail = check_report(reason, detail)
    return _do_report(
        reporter,
        reason,
        detail,
        target_type=TargetType.MEMBER,
        target_id=member.pk,
        member=member,
        link=reverse("profile", args=[member.handle]),
        snapshot=member.about,
    )


def raise_concern(reporter, moderator, detail: str) -> Report:
    """A member's concern about how a moderator acted, for the safeguarding leads and administrators only."""
    if moderator.pk == reporter.pk:
        raise ReportError("You can't raise a concern about yourself.")
    if not perms.in_moderation_team(moderator):
        raise ReportError("We couldn't find a moderator with that name. Please check how it's spelled.")
    reason, detail = check_report(Reason.OTHER, detail)
    return _do_report(
        reporter,
        reason,
        detail,
        target_type=TargetType.CONCERN,
        target_id=moderator.pk,
        member=moderator,
        link=reverse("profile", args=[moderator.handle]),
    )


@transaction.atomic
def _do_report(
    reporter,
    reason,
    detail,
    *,
    target_type,
    target_id,
    member,
    post=None,
    board_id=None,
    chat_message=None,
    room_id=None,
    sensitive=False,
    link="",
    snapshot="",
) -> Report:
    item, created = needs_review(
        target_type,
        target_id,
        member=member,
        post=post,
        board_id=board_id,
        chat_message=chat_message,
        room_id=room_id,
    )
    if item.reports.filter(reporter=reporter).exists():
        raise ReportError("You've already reported this, thank you. A moderator will look at it.")
    report = Report.objects.create(item=item, reporter=reporter, reason=reason, detail=detail)
    if reason not in item.reasons:
        item.reasons = [*item.reasons, reason]
    item.report_count = item.reports.count()
    item.priority = compute_priority(item.reasons, item.report_count)
    item.sensitive = item.sensitive or sensitive or reason == Reason.SAFETY
    item.version += 1
    item.save(update_fields=["reasons", "report_count", "priority", "sensitive", "version"])
    ReviewHistory.objects.create(
        item=item,
        action="reported" if created else "report_added",
        from_status="" if created else item.status,
        to_status=item.status,
        note=Reason(reason).label,
    )
    if detail:
        screen(reporter, detail, "report", report.pk, link)
    if reason == Reason.SAFETY:
        note = f"A member reported this as a safety worry. Their note: {detail}" if detail else snapshot
        escalate(
            member,
            note or "A member reported a safety worry.",
            Assessment(Level.HIGH, (), ()),
            "moderation report",
            item.pk,
            link,
        )
    if item.report_count >= auto_hide_reporters():
        if post is not None and post.state == Post.State.PUBLISHED:
            _auto_hide_post(item, post)
        elif chat_message is not None and chat_message.state == ChatMessage.State.PUBLISHED:
            _auto_hide_message(item, chat_message)
    if post is not None:
        _pause_if_widely_reported(member)
    live.queue_changed(item.pk)
    return report


def needs_review(
    target_type: str, target_id: int, *, member=None, post=None, board_id=None, chat_message=None, room_id=None
) -> tuple[ReviewItem, bool]:
    """The open item for this target, locked, or a new one. Safe when two reports race.

    Call inside a transaction.
    """
    open_items = ReviewItem.objects.select_for_update().filter(
        target_type=target_type, target_id=target_id, status__in=ReviewItem.OPEN
    )
    existing = open_items.first()
    if existing:
        return existing, False
    try:
        with transaction.atomic():
            item = ReviewItem.objects.create(
                target_type=target_type,
                target_id=target_id,
                member=member,
                post=post,
                board_id=board_id,
                chat_message=chat_message,
                room_id=room_id,
            )
            return item, True
    except IntegrityError:
        return open_items.get(), False


def _auto_hide_post(item: ReviewItem, post: Post) -> None:
    before = post_moderation.hide_post(post)
    _record_auto_hide(item, before, Post.State.HIDDEN, "post", reply_url(post))


def _auto_hide_message(item: ReviewItem, message: ChatMessage) -> None:
    before = chat.hide_message(message)
    _record_auto_hide(item, before, ChatMessage.State.HIDDEN, "message", message.get_absolute_url())


def _record_auto_hide(item: ReviewItem, before: str, after: str, noun: str, link: str) -> None:
    item.auto_hidden = True
    item.save(update_fields=["auto_hidden"])
    note = f"Hidden automatically after {item.report_count} members reported it; waiting for a moderator."
    ReviewHistory.objects.create(
        item=item, action="auto_hidden", from_status=item.status, to_status=item.status, note=note
    )
    audit.log("auto_hide", item=item, reason=note, before=before, after=after)
    notices.send_notice(
        item.member,
        f"One of your {noun}s is hidden for now, while a volunteer moderator looks at it.",
        reason=f"This happens automatically when several members ask us to check a {noun}. It isn't a decision yet.",
        link=link,
    )


def auto_pause_min_reporter_age() -> timedelta:
    return timedelta(days=getattr(settings, "MODERATION_AUTO_PAUSE_MIN_REPORTER_AGE_DAYS", 7))


def _pause_if_widely_reported(member) -> None:
    """Members of the moderation team are never paused automatically: reports about them wait for a person."""
    if perms.in_moderation_team(member) or sanctions.active_suspension(member) is not None:
        return
    now = timezone.now()
    recent = (
        Report.objects.filter(
            item__target_type=TargetType.POST,
            item__member=member,
            created_at__gt=now - auto_pause_window(),
            reporter__date_joined__lte=now - auto_pause_min_reporter_age(),
        )
        .exclude(item__status=ReviewItem.Status.DISMISSED)
        .values_list("reporter_id", "item__target_id", "reason")
    )
    reporters = {reporter for reporter, _, _ in recent}
    posts = {post for _, post, _ in recent}
    if len(reporters) < auto_pause_reporters() or len(posts) < 2:
        return
    note = (
        f"Paused automatically after {len(reporters)} members reported {len(posts)} different posts "
        f"within {auto_pause_window().total_seconds() / 3600:.0f} hours; waiting for a lead."
    )
    item, created = needs_review(TargetType.MEMBER, member.pk, member=member)
    item.reasons = list(dict.fromkeys([*item.reasons, *(reason for _, _, reason in recent)]))
    item.priority = max(item.priority, compute_priority(item.reasons, len(reporters)))
    item.version += 1
    item.save(update_fields=["reasons", "priority", "version"])
    ReviewHistory.objects.create(
        item=item, action="auto_paused", from_status="" if created else item.status, to_status=item.status, note=note
    )
    sanctions.pause_pending_review(member, note, item=item)
    live.queue_changed(item.pk)


def reports_by(reporter):
    """The member's own reports, newest first, with each item's outcome (never details)."""
    return Report.objects.filter(reporter=reporter).select_related("item").order_by("-created_at")


def outcome_for(item: ReviewItem) -> str:
    if item.status == ReviewItem.Status.RESOLVED:
        return "We took action. Thank you for helping keep the community kind."
    if item.status == ReviewItem.Status.DISMISSED:
        return "We reviewed it and left it up."
    return "Waiting for a moderator."


@transaction.atomic
def flag_concern(sender, member, source: str, source_id: int | None, categories: list[str], **kwargs) -> None:
    """Receiver for safeguarding's concern_found: a forum post or chat message screened at medium risk
    goes to the queue.

    It is marked as a safety worry and blurred; the moderator's "refer to
    safeguarding" action hands it to a lead in one step.
    """
    target = _screened_target(source, source_id)
    if target is None:
        return
    target_type, where = target
    item, created = needs_review(target_type, source_id, member=member, **where)
    if Reason.SAFETY not in item.reasons:
        item.reasons = [*item.reasons, Reason.SAFETY]
    item.priority = compute_priority(item.reasons, item.report_count)
    item.sensitive = True
    item.version += 1
    item.save(update_fields=["reasons", "priority", "sensitive", "version"])
    found = ", ".join(category.replace("_", " ") for category in categories) or "distress"
    ReviewHistory.objects.create(
        item=item,
        action="screened",
        from_status="" if created else item.status,
        to_status=item.status,
        note=f"Risk screening found a possible safeguarding concern ({found}).",
    )
    live.queue_changed(item.pk)


def _screened_target(source: str, source_id: int | None) -> tuple[str, dict] | None:
    """The review target type, and where the content is, for screened content that can be reviewed."""
    if source == Post.SCREENED_AS and source_id is not None:
        post = Post.objects.select_related("thread").filter(pk=source_id).first()
        if post is not None:
            return TargetType.POST, {"post": post, "board_id": post.thread.board_id}
    if source == ChatMessage.SCREENED_AS and source_id is not None:
        message = ChatMessage.objects.filter(pk=source_id).first()
        if message is not None:
            return TargetType.CHAT_MESSAGE, {"chat_message": message, "room_id": message.room_id}
    return None
