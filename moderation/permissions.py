"""Who may moderate what: the one place the moderation rule lives.

Safeguarding leads and administrators moderate everywhere. A peer moderator
moderates only the boards in their ModeratorScope rows. Nobody acts on a
report about their own content or profile. Suspensions, and taking a member off
pre-moderation, are for leads and administrators; every other action is open to
anyone who may moderate the item. A post waiting for a moderator (pre-moderation,
a held watched word) is approved or rejected rather than left up, hidden or removed.

Watched words are one list for the whole site, kept by leads, administrators and
peer moderators who moderate at least one board.
"""

from django.db.models import Q, QuerySet

from accounts.roles import Role, has_role
from community.models import Post
from community.permissions import is_moderator
from community.services.holds import waits_for_moderator

from .models import ModeratorScope, ReviewItem

State = Post.State

DISMISS, HIDE, REMOVE, RESTORE, FEEDBACK, SUSPEND, REFER = (
    "dismiss",
    "hide",
    "remove",
    "restore",
    "feedback",
    "suspend",
    "refer",
)
APPROVE, REJECT, PREMODERATE, END_PREMODERATION = ("approve", "reject", "premoderate", "end_premoderation")
ACTIONS = (APPROVE, REJECT, DISMISS, HIDE, REMOVE, RESTORE, FEEDBACK, PREMODERATE, END_PREMODERATION, SUSPEND, REFER)


def moderates_everywhere(user) -> bool:
    return user.is_authenticated and (has_role(user, Role.SAFEGUARDING_LEAD) or has_role(user, Role.ADMINISTRATOR))


def is_peer_moderator(user) -> bool:
    return user.is_authenticated and has_role(user, Role.MODERATOR)


def can_use_queue(user) -> bool:
    return moderates_everywhere(user) or is_peer_moderator(user)


def board_ids_in_scope(user) -> set[int]:
    return set(ModeratorScope.objects.filter(moderator=user).values_list("board_id", flat=True))


def items_visible_to(user, items: QuerySet | None = None) -> QuerySet:
    items = ReviewItem.objects.all() if items is None else items
    if moderates_everywhere(user):
        return items.exclude(member=user)
    if is_peer_moderator(user):
        return items.filter(board_id__in=board_ids_in_scope(user)).exclude(member=user)
    return items.none()


def can_moderate_item(user, item: ReviewItem) -> bool:
    """Member-profile items have no board: only leads and administrators take those."""
    if not user.is_authenticated or item.member_id == user.pk:
        return False
    if moderates_everywhere(user):
        return True
    return is_peer_moderator(user) and item.board_id is not None and item.board_id in board_ids_in_scope(user)


def allowed_actions(user, item: ReviewItem) -> list[str]:
    """The actions this viewer may take on this item now, in the order buttons are shown."""
    if not can_moderate_item(user, item):
        return []
    post_state = item.post.state if item.post_id else None
    actions = []
    if item.is_open and item.post_id and waits_for_moderator(item.post):
        actions += [APPROVE, REJECT]
    elif item.is_open:
        actions.append(DISMISS)
        if post_state in (State.PUBLISHED, State.HELD):
            actions.append(HIDE)
        if post_state in (State.PUBLISHED, State.HELD, State.HIDDEN):
            actions.append(REMOVE)
    if post_state in (State.HIDDEN, State.REMOVED):
        actions.append(RESTORE)
    if item.member_id:
        actions.append(FEEDBACK)
        if not _is_premoderated(item.member):
            if not is_moderator(item.member):  # moderators' posts are never held
                actions.append(PREMODERATE)
        elif moderates_everywhere(user):
            actions.append(END_PREMODERATION)
        if moderates_everywhere(user) and not _is_suspended(item.member):
            actions.append(SUSPEND)
    actions.append(REFER)
    return actions


def can_manage_watched_words(user) -> bool:
    return moderates_everywhere(user) or (is_peer_moderator(user) and bool(board_ids_in_scope(user)))


def can_search_log(user) -> bool:
    return can_use_queue(user)


def log_visible_to(user, rows: QuerySet) -> QuerySet:
    """Peer moderators see the log for their boards' items and their own actions; leads and admins see all."""
    if moderates_everywhere(user):
        return rows
    if is_peer_moderator(user):
        return rows.filter(Q(item__board_id__in=board_ids_in_scope(user)) | Q(actor=user))
    return rows.none()


def _is_premoderated(member) -> bool:
    from .services.gates import active_premoderation

    return active_premoderation(member) is not None


def _is_suspended(member) -> bool:
    from .services.sanctions import active_suspension

    return active_suspension(member) is not None
