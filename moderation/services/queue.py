"""Reading the queue: what a moderator sees, in what order, with the context to decide quickly.

Order: stored priority (reasons and distinct reporters) plus one point per hour
waiting, capped at AGE_CAP, highest first; then oldest first. Age is added on
read so nothing needs recomputing as time passes.
"""

from django.utils import timezone

from community.models import ChatMessage, Post
from community.rendering import post_context
from safeguarding.services.escalation import has_open_case, lead_status_notes

from .. import permissions as perms
from ..models import ModerationLog, ModeratorScope, Reason, ReviewItem, TargetType
from .audit import TEAM_ACTIONS
from .review import is_claim_active

AGE_CAP = 48
CONTEXT_POSTS = 2
CONTEXT_MESSAGES = 5


def effective_priority(item: ReviewItem, now) -> int:
    hours = int((now - item.created_at).total_seconds() // 3600)
    return item.priority + min(hours, AGE_CAP)


def open_items(viewer, *, board: str = "", room: str = "", target_type: str = "", reason: str = "") -> list[dict]:
    now = timezone.now()
    items = perms.items_visible_to(viewer).filter(status__in=ReviewItem.OPEN)
    if board:
        items = items.filter(board__slug=board)
    if room:
        items = items.filter(room__slug=room)
    if target_type in TargetType.values:
        items = items.filter(target_type=target_type)
    items = items.select_related("post__thread__board", "member", "claimed_by", "board", "chat_message", "room")
    rows = []
    for item in items:
        if reason in Reason.values and reason not in item.reasons:
            continue
        claimed = is_claim_active(item, now)
        rows.append(
            {
                "item": item,
                "priority": effective_priority(item, now),
                "claimed_by": item.claimed_by if claimed else None,
                "mine": claimed and item.claimed_by_id == viewer.pk,
            }
        )
    rows.sort(key=lambda row: (-row["priority"], row["item"].created_at))
    return rows


def looks_after(viewer) -> list[str] | None:
    """The boards and rooms a peer moderator's queue comes from, by name; None for those who see everything."""
    if perms.moderates_everywhere(viewer):
        return None
    scopes = ModeratorScope.objects.filter(moderator=viewer).select_related("board", "room")
    boards = sorted(scope.board.title for scope in scopes if scope.board_id)
    return boards + sorted(scope.room.name for scope in scopes if scope.room_id)


def item_context(viewer, item: ReviewItem) -> dict:
    """The thread around the post (or the room around the message), the member's recent moderation history,
    the reports and this item's history.

    The post under review always shows in full; the posts around it only as the thread page would show
    them to this viewer (community.rendering), so words their authors or moderators removed stay removed."""
    context = {"item": item, "claim_active": is_claim_active(item)}
    if item.post_id:
        post = item.post
        around = Post.objects.filter(thread_id=post.thread_id).select_related("author")
        before = list(around.filter(created_at__lt=post.created_at).order_by("-created_at")[:CONTEXT_POSTS])[::-1]
        after = list(around.filter(created_at__gt=post.created_at).order_by("created_at")[:CONTEXT_POSTS])
        # The posts around it as the thread page shows them to this moderator: removed ones as placeholders.
        context.update(
            before=post_context(viewer, before), after=post_context(viewer, after), post=post, thread=post.thread
        )
    elif item.chat_message_id:
        message = item.chat_message
        around = ChatMessage.objects.filter(room_id=message.room_id).select_related("author")
        before = list(around.filter(seq__lt=message.seq).order_by("-seq")[:CONTEXT_MESSAGES])[::-1]
        after = list(around.filter(seq__gt=message.seq).order_by("seq")[:CONTEXT_MESSAGES])
        context.update(before=before, after=after, message=message, room=item.room)
    context["member_history"] = _member_history(viewer, item)
    context["reports"] = item.reports.all()
    context["history"] = item.history.select_related("actor")
    context["open_safeguarding_case"] = bool(item.member_id) and has_open_case(item.member)
    context["lead_status"] = _lead_status(item)
    return context


def _lead_status(item: ReviewItem) -> str:
    """Whether a safeguarding lead has the post or message itself, when screening put it in a case."""
    if item.post_id:
        return lead_status_notes(Post.SCREENED_AS, [item.post_id]).get(item.post_id, "")
    if item.chat_message_id:
        return lead_status_notes(ChatMessage.SCREENED_AS, [item.chat_message_id]).get(item.chat_message_id, "")
    return ""


def _member_history(viewer, item: ReviewItem) -> list:
    """The member's other moderation rows, automatic ones included; concerns about a moderator stay with the leads,
    and rows about a moderator's place in the team (audit.TEAM_ACTIONS) are not about their conduct."""
    if not item.member_id:
        return []
    rows = ModerationLog.objects.filter(member_id=item.member_id).exclude(item=item).exclude(action__in=TEAM_ACTIONS)
    if not perms.moderates_everywhere(viewer):
        rows = rows.exclude(item__target_type=TargetType.CONCERN)
    return list(rows.select_related("actor")[:10])
