"""Who may moderate what: the one place the moderation rule lives.

Safeguarding leads and administrators moderate everywhere. A peer moderator
moderates only the boards and rooms in their ModeratorScope rows (in the queue,
and as a host of those rooms: community asks moderator_asked, a receiver of
community.signals.moderator_asked),
and only once a lead or an administrator has confirmed every required training
module with them (they may mark modules read, never confirm them): until then
can_use_queue is false, so the queue pages, every action, the queue socket and
hosting stay closed, and the queue address shows their training instead. Leads
and administrators are not gated (they are staff with their own induction, and
must never be locked out of a safeguarding emergency). Nobody acts on a report
about their own content or profile, nor on an item they reported themselves (they
may report like anyone; the decision is someone else's). Suspensions, and taking a member off
pre-moderation, are for leads and administrators; every other action is open to
anyone who may moderate the item. Muting is in a room, so only for chat
messages. A post waiting for a moderator (pre-moderation, a held watched word)
is approved or rejected rather than left up, hidden or removed; a post held only
for a safeguarding lead may be removed but not hidden, and restoring any post puts
it back to waiting while a hold is left (community.services.moderation).

Watched words are one list for the whole site, kept by leads, administrators and
trained peer moderators who moderate at least one board.
"""

from django.db.models import Q, QuerySet

from accounts.roles import Role, has_role
from community.models import Board, ChatMessage, Post
from community.permissions import is_moderator
from community.services.holds import waits_for_moderator

from .models import ModeratorScope, ReviewItem, TargetType
from .services import training

State = Post.State
MessageState = ChatMessage.State

DISMISS, HIDE, REMOVE, RESTORE, FEEDBACK, MUTE, SUSPEND, LIFT_PAUSE, REFER = (
    "dismiss",
    "hide",
    "remove",
    "restore",
    "feedback",
    "mute",
    "suspend",
    "lift_pause",
    "refer",
)
APPROVE, REJECT, PREMODERATE, END_PREMODERATION, EDIT = (
    "approve",
    "reject",
    "premoderate",
    "end_premoderation",
    "edit",
)
ACTIONS = (
    APPROVE,
    REJECT,
    DISMISS,
    HIDE,
    REMOVE,
    RESTORE,
    EDIT,
    FEEDBACK,
    MUTE,
    PREMODERATE,
    END_PREMODERATION,
    SUSPEND,
    LIFT_PAUSE,
    REFER,
)


def moderates_everywhere(user) -> bool:
    return user.is_authenticated and (has_role(user, Role.SAFEGUARDING_LEAD) or has_role(user, Role.ADMINISTRATOR))


def is_peer_moderator(user) -> bool:
    return user.is_authenticated and has_role(user, Role.MODERATOR)


def moderates_boards(user) -> bool:
    """A peer moderator whose training is complete: their tools are open for their boards."""
    return is_peer_moderator(user) and training.is_complete(user)


def needs_training(user) -> bool:
    return is_peer_moderator(user) and not moderates_everywhere(user) and not training.is_complete(user)


def can_use_queue(user) -> bool:
    return moderates_everywhere(user) or moderates_boards(user)


def in_moderation_team(user) -> bool:
    """Peer moderators (trained or not), leads and administrators: they have a training record of their own."""
    return is_peer_moderator(user) or moderates_everywhere(user)


def can_manage_moderators(user) -> bool:
    """Administrators promote members and assign boards."""
    return user.is_authenticated and has_role(user, Role.ADMINISTRATOR)


def can_confirm_training(user) -> bool:
    """Leads and administrators see every peer moderator's training and confirm it (never their own)."""
    return moderates_everywhere(user)


def board_ids_in_scope(user) -> set[int]:
    return set(ModeratorScope.objects.filter(moderator=user, board__isnull=False).values_list("board_id", flat=True))


def room_ids_in_scope(user) -> set[int]:
    return set(ModeratorScope.objects.filter(moderator=user, room__isnull=False).values_list("room_id", flat=True))


def moderates_board(user, board_id: int) -> bool:
    """A board's moderators: leads and administrators, and trained peer moderators given the board."""
    if moderates_everywhere(user):
        return True
    return moderates_boards(user) and ModeratorScope.objects.filter(moderator=user, board_id=board_id).exists()


def hosts_room(user, room) -> bool:
    """A room's hosts: leads and administrators everywhere, trained peer moderators in the rooms they are given."""
    if moderates_everywhere(user):
        return True
    return moderates_boards(user) and ModeratorScope.objects.filter(moderator=user, room=room).exists()


def moderator_asked(sender, user, pk: int, **kwargs) -> bool:
    """The receiver of community.signals.moderator_asked: moderates the board, or hosts the room, with this id."""
    return moderates_board(user, pk) if sender is Board else hosts_room(user, pk)


def in_scope_q(user, prefix: str = "") -> Q:
    """Items (or rows reaching items through `prefix`) on this peer moderator's boards or in their rooms."""
    return Q(**{f"{prefix}board_id__in": board_ids_in_scope(user)}) | Q(
        **{f"{prefix}room_id__in": room_ids_in_scope(user)}
    )


def items_visible_to(user, items: QuerySet | None = None) -> QuerySet:
    """The queue leaves out items about the viewer and items they reported: those are for someone else."""
    items = ReviewItem.objects.all() if items is None else items
    if moderates_everywhere(user):
        return items.exclude(member=user).exclude(reports__reporter=user)
    if moderates_boards(user):
        return items.filter(in_scope_q(user)).exclude(member=user).exclude(reports__reporter=user)
    return items.none()


def can_moderate_item(user, item: ReviewItem) -> bool:
    """Member-profile items have neither board nor room: only leads and administrators take those."""
    if not user.is_authenticated or item.member_id == user.pk or item.reports.filter(reporter=user).exists():
        return False
    if moderates_everywhere(user):
        return True
    if not moderates_boards(user):
        return False
    if item.board_id is not None:
        return item.board_id in board_ids_in_scope(user)
    return item.room_id is not None and item.room_id in room_ids_in_scope(user)


def allowed_actions(user, item: ReviewItem) -> list[str]:
    """The actions this viewer may take on this item now, in the order buttons are shown.

    While a member is paused automatically, their item offers "lift the pause" in place of "leave it up",
    so the item cannot be closed with the pause forgotten.
    """
    if not can_moderate_item(user, item):
        return []
    post_state = item.post.state if item.post_id else None
    message_state = item.chat_message.state if item.chat_message_id else None
    sanctions = _sanction_actions(item) if item.member_id and moderates_everywhere(user) else []
    actions = []
    if item.is_open and item.post_id and waits_for_moderator(item.post):
        actions += [APPROVE, REJECT]
    elif item.is_open:
        if LIFT_PAUSE not in sanctions:
            actions.append(DISMISS)
        if post_state == State.PUBLISHED:
            actions.append(HIDE)
        if post_state in (State.PUBLISHED, State.HELD, State.HIDDEN) or message_state in (
            MessageState.PUBLISHED,
            MessageState.HIDDEN,
        ):
            actions.append(REMOVE)
        if post_state in (State.PUBLISHED, State.HIDDEN):
            actions.append(EDIT)
    if post_state in (State.HIDDEN, State.REMOVED) or message_state in (MessageState.HIDDEN, MessageState.REMOVED):
        actions.append(RESTORE)
    if item.member_id:
        actions.append(FEEDBACK)
        if item.room_id:
            actions.append(MUTE)
        if not item.chat_message_id:  # pre-moderation holds forum posts; chat has muting
            actions += _premoderation_actions(user, item.member)
        actions.extend(sanctions)
    actions.append(REFER)
    return actions


def _sanction_actions(item: ReviewItem) -> list[str]:
    """Suspend when not suspended; an automatic pause can be confirmed with a suspension, or lifted."""
    from .services.sanctions import active_suspension

    suspension = active_suspension(item.member)
    if suspension is None:
        return [SUSPEND]
    if suspension.automatic and item.target_type == TargetType.MEMBER:
        return [SUSPEND, LIFT_PAUSE]
    return []


def can_manage_watched_words(user) -> bool:
    return moderates_everywhere(user) or (moderates_boards(user) and bool(board_ids_in_scope(user)))


def can_search_log(user) -> bool:
    return can_use_queue(user)


def log_visible_to(user, rows: QuerySet) -> QuerySet:
    """Peer moderators see the log for items in their scope and their own actions; leads and admins see all.
    Nobody sees rows about themselves (their content, their profile, a concern about them), nor who acted."""
    if moderates_everywhere(user):
        return rows.exclude(member=user)
    if moderates_boards(user):
        return rows.filter(in_scope_q(user, "item__") | Q(actor=user)).exclude(member=user)
    return rows.none()


def _premoderation_actions(user, member) -> list[str]:
    """Anyone who may moderate the item puts a member on pre-moderation; only leads and admins take them off."""
    from .services.gates import active_premoderation

    if active_premoderation(member) is None:
        return [] if is_moderator(member) else [PREMODERATE]  # moderators' posts are never held
    return [END_PREMODERATION] if moderates_everywhere(user) else []
