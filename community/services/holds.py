"""Holding a post back: one PostHold row per reason, so each reason is released on its own.

Kept apart from forum.py because safeguarding's screening (notify.writing_saved)
holds posts too, and forum.py imports notify. Releasing, which may publish the
post, is forum.release_hold.
"""

from ..models import Post, PostHold

State = Post.State


def hold_post(post: Post, reason: str) -> None:
    """Record why the post waits; a published post becomes held. The caller refreshes the thread summary."""
    PostHold.objects.create(post=post, reason=reason)
    if post.state == State.PUBLISHED:
        post.state = State.HELD
        post.save(update_fields=["state"])


def waits_for_moderator(post: Post) -> bool:
    """Held, and some of what holds it is for a moderator to approve (not only a safeguarding lead)."""
    return (
        post.state == State.HELD
        and post.holds.filter(reason__in=PostHold.MODERATOR_REASONS, released_at__isnull=True).exists()
    )
