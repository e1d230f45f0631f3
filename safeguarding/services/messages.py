"""Private messages between the safeguarding team and the member a case is about.

A lead writes from the case page; the member reads it on /safeguarding/messages/
as from "the safeguarding team" (never a lead's handle) and may reply once to
each message. Only the case's member and leads can see a case's messages.

The member hears of a message at once, wherever they are: a notification ("The
safeguarding team sent you a message", never the words) raises the header's count,
and a `safeguarding.message` event puts the unread banner on the page they have open.
A message counts as read only when they say so (mark_read, by POST) or reply to it;
opening the page is not reading it.
"""

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from accounts import notifications
from config.realtime import member_group, send_event_on_commit
from config.text import clean_text

from ..models import Case, CaseHistory, CaseMessage
from ..permissions import can_work_on_case, can_work_on_cases
from .cases import ABOUT_YOU
from .escalation import LEADS_GROUP

TEAM_NAME = "the safeguarding team"
MAX_LENGTH = 4000


class MessageError(Exception):
    """A message that cannot be sent, with a message for the person sending it."""


def _clean(text: str) -> str:
    text = clean_text(text).strip()
    if not text:
        raise MessageError("Please write your message before sending it.")
    if len(text) > MAX_LENGTH:
        raise MessageError(f"Please keep your message to {MAX_LENGTH} characters or fewer.")
    return text


@transaction.atomic
def send_to_member(lead, case: Case, text: str) -> CaseMessage:
    if not can_work_on_cases(lead):
        raise MessageError("Only safeguarding leads and administrators can message members about a case.")
    if not can_work_on_case(lead, case):
        raise MessageError(ABOUT_YOU)
    text = _clean(text)
    message = CaseMessage.objects.create(case=case, author=lead, text=text)
    CaseHistory.objects.create(case=case, actor=lead, action="messaged member")
    notifications.notify_from_team(case.member, reverse("safeguarding_messages"))
    _send_unread_on_commit(case.member)
    send_event_on_commit(LEADS_GROUP, {"type": "case.changed", "case": case.pk})
    return message


@transaction.atomic
def reply(member, message_id: int, text: str) -> CaseMessage:
    """The member answers one of the team's messages, once."""
    text = _clean(text)
    try:
        message = CaseMessage.objects.select_related("case").get(pk=message_id, from_member=False, case__member=member)
    except CaseMessage.DoesNotExist:
        raise MessageError("That message is no longer here.") from None
    try:
        with transaction.atomic():
            answer = CaseMessage.objects.create(
                case=message.case, author=member, from_member=True, reply_to=message, text=text
            )
    except IntegrityError:
        raise MessageError("You've already replied to this message. The team will be in touch.") from None
    CaseHistory.objects.create(case=message.case, actor=member, action="member replied")
    if message.read_at is None:  # answering a message is reading it
        message.read_at = timezone.now()
        message.save(update_fields=["read_at"])
        _after_reading(member)
    send_event_on_commit(LEADS_GROUP, {"type": "case.changed", "case": message.case_id})
    return answer


def for_member(member):
    """The team's messages to this member, newest first, each with its reply if any."""
    return (
        CaseMessage.objects.filter(case__member=member, from_member=False)
        .select_related("reply")
        .order_by("-created_at", "-pk")
    )


def unread_count(member) -> int:
    if not member.is_authenticated:
        return 0
    return CaseMessage.objects.filter(case__member=member, from_member=False, read_at__isnull=True).count()


@transaction.atomic
def mark_read(member, up_to=None) -> int:
    """The member says they have read the team's messages they were shown (sent at or before up_to, default now).

    Only ever from a POST, never on opening a page; a message that arrived later stays unread.
    """
    now = timezone.now()
    marked = CaseMessage.objects.filter(
        case__member=member, from_member=False, read_at__isnull=True, created_at__lte=up_to or now
    ).update(read_at=now)
    if marked:
        _after_reading(member)
    return marked


def _after_reading(member) -> None:
    if unread_count(member) == 0:
        notifications.mark_team_messages_read(member)
    _send_unread_on_commit(member)


def _send_unread_on_commit(member) -> None:
    """`safeguarding.message` {unread}: open pages show or clear the banner; never the words."""
    send_event_on_commit(
        member_group(member.pk), lambda: {"type": "safeguarding.message", "unread": unread_count(member)}
    )


def for_case(case: Case):
    return case.messages.select_related("author")
