"""Who may see and do what in the forum: the one place the visibility rule lives.

A board is visible to all members unless it is restricted to a group; then only
that group's members and the moderators see it. Within a visible thread:

- published posts are readable by every member;
- a held post (waiting for a moderator) is readable by its author and moderators;
- a hidden post is readable by moderators only, marked as hidden;
- removed posts (by a moderator or by the author) stay in place as a placeholder.

A thread is listed while its opening post is readable, or was removed by its
author (the conversation carries on without it). Every page and service asks
these functions; the queryset versions and the single-object versions share
the same sets of states, so they cannot drift apart.
"""

from django.db.models import Q, QuerySet

from accounts.roles import Role, has_role
from config.signals import answers
from safeguarding.matching import Level

from .models import Board, Post, Reaction, Thread
from .signals import moderator_asked

State = Post.State
PLACEHOLDER_STATES = frozenset({State.REMOVED, State.REMOVED_BY_AUTHOR})
MODERATOR_READABLE_STATES = frozenset({State.PUBLISHED, State.HELD, State.HIDDEN})
EDITABLE_STATES = frozenset({State.PUBLISHED, State.HELD})
# A thread stays listed when its opening post was removed by the author, not by a moderator.
THREAD_LISTED_WITHOUT_OPENING = frozenset({State.REMOVED_BY_AUTHOR})


def is_moderator(user) -> bool:
    """Peer moderators, safeguarding leads and administrators all moderate."""
    return any(has_role(user, role) for role in (Role.MODERATOR, Role.SAFEGUARDING_LEAD, Role.ADMINISTRATOR))


def moderates_board(user, board_id: int) -> bool:
    """A board's own moderators, as moderation answers community.signals.moderator_asked."""
    return any(answers(moderator_asked, sender=Board, user=user, pk=board_id))


def readable_states(viewer, is_author: bool) -> frozenset[str]:
    """The post states whose words this viewer may read."""
    if is_moderator(viewer):
        return MODERATOR_READABLE_STATES
    return frozenset({State.PUBLISHED, State.HELD}) if is_author else frozenset({State.PUBLISHED})


# Querysets ------------------------------------------------------------------------


def _board_q(viewer, prefix: str = "") -> Q:
    if is_moderator(viewer):
        return Q()
    return Q(**{f"{prefix}restricted_to__isnull": True}) | Q(
        **{f"{prefix}restricted_to__in": viewer.groups.values("pk")}
    )


def _readable_q(viewer, prefix: str = "") -> Q:
    everyone = readable_states(viewer, is_author=False)
    own_only = readable_states(viewer, is_author=True) - everyone
    readable = Q(**{f"{prefix}state__in": everyone})
    if own_only:
        readable |= Q(**{f"{prefix}state__in": own_only, f"{prefix}author": viewer})
    return readable


def _thread_q(viewer, prefix: str = "") -> Q:
    opening = f"{prefix}opening_post__"
    listed = _readable_q(viewer, opening) | Q(**{f"{opening}state__in": THREAD_LISTED_WITHOUT_OPENING})
    return _board_q(viewer, f"{prefix}board__") & listed


def boards_visible_to(viewer, boards: QuerySet | None = None) -> QuerySet:
    boards = Board.objects.all() if boards is None else boards
    return boards.filter(_board_q(viewer)) if viewer.is_authenticated else boards.none()


def threads_visible_to(viewer, threads: QuerySet | None = None) -> QuerySet:
    threads = Thread.objects.all() if threads is None else threads
    return threads.filter(_thread_q(viewer)) if viewer.is_authenticated else threads.none()


def posts_visible_to(viewer, posts: QuerySet | None = None) -> QuerySet:
    """Posts that appear on a thread page for this viewer: readable ones and placeholders."""
    posts = Post.objects.all() if posts is None else posts
    if not viewer.is_authenticated:
        return posts.none()
    shown = _readable_q(viewer) | Q(state__in=PLACEHOLDER_STATES)
    return posts.filter(shown & _thread_q(viewer, "thread__"))


def posts_readable_by(viewer, posts: QuerySet | None = None) -> QuerySet:
    """Posts whose words this viewer may read: for search and activity pages, which show no placeholders."""
    posts = Post.objects.all() if posts is None else posts
    if not viewer.is_authenticated:
        return posts.none()
    return posts.filter(_readable_q(viewer) & _thread_q(viewer, "thread__"))


# Single objects -------------------------------------------------------------------


def can_see_board(viewer, board: Board) -> bool:
    if not viewer.is_authenticated:
        return False
    if board.restricted_to_id is None or is_moderator(viewer):
        return True
    return viewer.groups.filter(pk=board.restricted_to_id).exists()


def can_read_post_text(viewer, post: Post) -> bool:
    """The state part of the rule, for posts already known to be in a thread the viewer can see."""
    return viewer.is_authenticated and post.state in readable_states(viewer, post.author_id == viewer.pk)


def can_see_thread(viewer, thread: Thread) -> bool:
    opening = thread.opening_post
    listed = can_read_post_text(viewer, opening) or opening.state in THREAD_LISTED_WITHOUT_OPENING
    return listed and can_see_board(viewer, thread.board)


def can_see_post(viewer, post: Post) -> bool:
    """Whether the post appears for this viewer at all, with its words or as a placeholder."""
    shown = can_read_post_text(viewer, post) or post.state in PLACEHOLDER_STATES
    return shown and can_see_thread(viewer, post.thread)


def can_edit_post(viewer, post: Post) -> bool:
    """Members edit and remove their own posts while they stand; a moderator's decision is not undone by editing."""
    return viewer.is_authenticated and post.author_id == viewer.pk and post.state in EDITABLE_STATES


def can_quote(post: Post) -> bool:
    """Only published posts are quoted, so a quote never shows words more widely than the post itself."""
    return post.state == State.PUBLISHED


def can_react_to(viewer, post: Post) -> bool:
    """Support goes to others: no reactions on your own posts, or on posts you cannot read."""
    return post.author_id != viewer.pk and can_read_post_text(viewer, post)


GENTLE_REACTIONS = (Reaction.Kind.HUG, Reaction.Kind.HEAR)


def needs_gentle_replies(post: Post) -> bool:
    """Screened at high or crisis risk: its readers see a calm note, and only gentle reactions are offered."""
    return post.risk_level >= Level.HIGH


def reaction_kinds_for(post: Post) -> tuple[str, ...]:
    """ "Well done" and "Same here" under someone in crisis would jar: such a post takes only the gentle ones."""
    return GENTLE_REACTIONS if needs_gentle_replies(post) else tuple(Reaction.Kind.values)


def can_see_revisions(viewer) -> bool:
    return is_moderator(viewer)
