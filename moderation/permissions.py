"""Who may moderate what: the one place the moderation rule lives.

Safeguarding leads and administrators moderate everywhere. A peer moderator
moderates only the boards and rooms in their ModeratorScope rows: in the queue,
and as a host of those rooms (community/room_permissions.py asks hosts_room).
Nobody acts on a report about their own content or profile. Suspensions are for
leads and administrators; every other action is open to anyone who may
moderate the item. Muting is in a room, so only for chat messages.
"""

from django.db.models import Q, QuerySet

from accounts.roles import Role, has_role
from community.models import ChatMessage, Post

from .models import ModeratorScope, ReviewItem

State = Post.State
MessageState = ChatMessage.State

DISMISS, HIDE, REMOVE, RESTORE, FEEDBACK, MUTE, SUSPEND, REFER = (
    "dismiss",
    "hide",
    "remove",
    "restore",
    "feedback",
    "mute",
    "suspend",
    "refer",
)
ACTIONS = (DISMISS, HIDE, REMOVE, RESTORE, FEEDBACK, MUTE, SUSPEND, REFER)


def moderates_everywhere(user) -> bool:
    return user.is_authenticated and (has_role(user, Role.SAFEGUARDING_LEAD) or has_role(user, Role.ADMINISTRATOR))


def is_peer_moderator(user) -> bool:
    return user.is_authenticated and has_role(user, Role.MODERATOR)


def can_use_queue(user) -> bool:
    return moderates_everywhere(user) or is_peer_moderator(user)


def board_ids_in_scope(user) -> set[int]:
    return set(ModeratorScope.objects.filter(moderator=user, board__isnull=False).values_list("board_id", flat=True))


def room_ids_in_scope(user) -> set[int]:
    return set(ModeratorScope.objects.filter(moderator=user, room__isnull=False).values_list("room_id", flat=True))


def hosts_room(user, room) -> bool:
    """A room's hosts: leads and administrators everywhere, peer moderators in the rooms they are given."""
    if moderates_everywhere(user):
        return True
    return is_peer_moderator(user) and ModeratorScope.objects.filter(moderator=user, room=room).exists()


def in_scope_q(user, prefix: str = "") -> Q:
    """Items (or rows reaching items through `prefix`) on this peer moderator's boards or in their rooms."""
    return Q(**{f"{prefix}board_id__in": board_ids_in_scope(user)}) | Q(
        **{f"{prefix}room_id__in": room_ids_in_scope(user)}
    )


def items_visible_to(user, items: QuerySet | None = None) -> QuerySet:
    items = ReviewItem.objects.all() if items is None else items
    if moderates_everywhere(user):
        return items.exclude(member=user)
    if is_peer_moderator(user):
        return items.filter(in_scope_q(user)).exclude(member=user)
    return items.none()


def can_moderate_item(user, item: ReviewItem) -> bool:
    """Member-profile items have neither board nor room: only leads and administrators take those."""
    if not user.is_authenticated or item.member_id == user.pk:
        return False
    if moderates_everywhere(user):
        return True
    if not is_peer_moderator(user):
        return False
    if item.board_id is not None:
        return item.board_id in board_ids_in_scope(user)
    return item.room_id is not None and item.room_id in room_ids_in_scope(user)


def allowed_actions(user, item: ReviewItem) -> list[str]:
    """The actions this viewer may take on this item now, in the order buttons are shown."""
    if not can_moderate_item(user, item):
        return []
    post_state = item.post.state if item.post_id else None
    message_state = item.chat_message.state if item.chat_message_id else None
    actions = []
    if item.is_open:
        actions.append(DISMISS)
        if post_state in (State.PUBLISHED, State.HELD):
            actions.append(HIDE)
        if post_state in (State.PUBLISHED, State.HELD, State.HIDDEN) or message_state in (
            MessageState.PUBLISHED,
            MessageState.HIDDEN,
        ):
            actions.append(REMOVE)
    if post_state in (State.HIDDEN, State.REMOVED) or message_state in (MessageState.HIDDEN, MessageState.REMOVED):
        actions.append(RESTORE)
    if item.member_id:
        actions.append(FEEDBACK)
        if item.room_id:
            actions.append(MUTE)
        if moderates_everywhere(user) and not _is_suspended(item.member):
            actions.append(SUSPEND)
    actions.append(REFER)
    return actions


def can_search_log(user) -> bool:
    return can_use_queue(user)


def log_visible_to(user, rows: QuerySet) -> QuerySet:
    """Peer moderators see the log for items in their scope and their own actions; leads and admins see all."""
    if moderates_everywhere(user):
        return rows
    if is_peer_moderator(user):
        return rows.filter(in_scope_q(user, "item__") | Q(actor=user))
    return rows.none()


def _is_suspended(member) -> bool:
    from .services.sanctions import active_suspension

    return active_suspension(member) is not None
