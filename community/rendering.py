"""Everything community/_post.html needs to show posts to one viewer, in a fixed number of queries.

post_context(viewer, posts) returns one PostView per post. The thread page
passes a whole page of posts; a live update passes a list of one. Either way it
costs at most one query for reactions and two for the viewer's blocks and muted
words (plus the viewer's roles, cached on the user), however many posts,
reactions or viewers there are; where a post was screened at high or crisis
risk and the viewer moderates its board, two more say whether a lead has it. Pass posts loaded
with select_related("author", "quoted__author") and their thread, as
community.queries.thread_posts() does; anything missing is fetched once for
the whole list, not once per post.
"""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Q, prefetch_related_objects

from accounts.selfcare import ReadingFilter
from safeguarding.services.escalation import lead_status_notes

from .models import Post, Reaction
from .permissions import (
    can_edit_post,
    can_quote,
    can_react_to,
    can_read_post_text,
    can_see_revisions,
    is_moderator,
    moderates_board,
    needs_gentle_replies,
    reaction_kinds_for,
)

State = Post.State
PLACEHOLDERS = {
    State.REMOVED: "This post was removed by a moderator.",
    State.REMOVED_BY_AUTHOR: "This post was removed by the author.",
}
STATUS_NOTES = {
    State.HELD: "Waiting for a moderator. Only you and the moderators can see it for now.",
    State.HIDDEN: "Hidden by a moderator. Members can't see this post.",
}
MODERATOR_HELD_NOTE = "Held for a moderator to check. Its author and moderators can see it."


@dataclass(frozen=True)
class ReactionCount:
    kind: str
    label: str
    count: int
    given: bool


@dataclass(frozen=True)
class PostView:
    """One post as one viewer sees it. `readable` False means show only `placeholder`."""

    post: Post
    readable: bool
    is_opening: bool
    placeholder: str
    status_note: str
    quote_readable: bool
    reactions: tuple[ReactionCount, ...]
    can_quote: bool
    can_react: bool
    can_edit: bool
    can_see_revisions: bool
    collapse_reason: str
    crisis_note: bool  # screened at high or crisis risk, and the viewer is not its writer (who is offered help)
    lead_status: str  # for the board's moderators: whether a lead has it (escalation.LEAD_STATUS_NOTES)

    @property
    def has_reactions(self) -> bool:
        return any(reaction.count for reaction in self.reactions)


def post_context(viewer, posts) -> list[PostView]:
    posts = list(posts)
    prefetch_related_objects(posts, "author", "thread", "quoted__author")
    readable = {post.pk for post in posts if can_read_post_text(viewer, post)}
    tallies = _reaction_tallies(viewer, readable)
    moderator_view = can_see_revisions(viewer)
    reading = ReadingFilter.for_reader(viewer)
    noted = [
        post for post in posts if post.pk in readable and post.author_id != viewer.pk and needs_gentle_replies(post)
    ]
    noted_ids = {post.pk for post in noted}
    lead_status = _lead_status(viewer, noted)
    return [
        PostView(
            post=post,
            readable=post.pk in readable,
            is_opening=post.thread.opening_post_id == post.pk,
            placeholder=PLACEHOLDERS.get(post.state, ""),
            status_note=_status_note(viewer, post),
            quote_readable=post.quoted is not None and can_read_post_text(viewer, post.quoted),
            reactions=tuple(
                ReactionCount(kind, label, *tallies[post.pk].get(kind, (0, False)))
                for kind, label in Reaction.Kind.choices
                if kind in reaction_kinds_for(post)
            ),
            can_quote=post.pk in readable and can_quote(post),
            can_react=post.pk in readable and can_react_to(viewer, post),
            can_edit=can_edit_post(viewer, post),
            can_see_revisions=moderator_view and post.edited_at is not None,
            collapse_reason=reading.collapse_reason(post.author_id, post.body) if post.pk in readable else "",
            crisis_note=post.pk in noted_ids,
            lead_status=lead_status.get(post.pk, ""),
        )
        for post in posts
    ]


def _lead_status(viewer, posts: list[Post]) -> dict[int, str]:
    """For the moderators of each post's board: whether a safeguarding lead has it, never what the case holds."""
    if not posts or not is_moderator(viewer):
        return {}
    boards = {board_id for board_id in {post.thread.board_id for post in posts} if moderates_board(viewer, board_id)}
    return lead_status_notes(Post.SCREENED_AS, [post.pk for post in posts if post.thread.board_id in boards])


def _reaction_tallies(viewer, post_ids: set[int]) -> dict[int, dict[str, tuple[int, bool]]]:
    """{post id: {kind: (count, given by viewer)}} in one query."""
    tallies: dict[int, dict[str, tuple[int, bool]]] = defaultdict(dict)
    if not post_ids:
        return tallies
    rows = (
        Reaction.objects.filter(post_id__in=post_ids)
        .values("post_id", "kind")
        .annotate(count=Count("pk"), given=Count("pk", filter=Q(giver_id=viewer.pk)))
        .order_by()
    )
    for row in rows:
        tallies[row["post_id"]][row["kind"]] = (row["count"], row["given"] > 0)
    return tallies


def _status_note(viewer, post: Post) -> str:
    if post.state == State.HELD and post.author_id != viewer.pk:
        return MODERATOR_HELD_NOTE
    return STATUS_NOTES.get(post.state, "")
