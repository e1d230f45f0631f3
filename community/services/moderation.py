"""Moderators changing a post's state: hide, remove, restore.

Called by the moderation app's dispatcher (moderation.services.review), which
has already checked that the moderator may act. Each function locks the
thread row, changes the state, recomputes the thread summary and records the
change for live pages, all in one transaction. They return the state before
the change, for the audit log.
"""

from django.db import transaction

from ..models import Post, Thread
from . import notify
from .forum import ForumError, refresh_thread_activity

State = Post.State
HIDEABLE = frozenset({State.PUBLISHED, State.HELD})
REMOVABLE = frozenset({State.PUBLISHED, State.HELD, State.HIDDEN})
RESTORABLE = frozenset({State.HIDDEN, State.REMOVED})


def hide_post(post: Post) -> str:
    """Hide a post (moderators still see it, marked as hidden). Reversible with restore_post."""
    return _change_state(post, HIDEABLE, State.HIDDEN, "Only a post that is up can be hidden.")


def remove_post(post: Post) -> str:
    """Remove a post: it stays in place as a placeholder. Reversible with restore_post."""
    return _change_state(post, REMOVABLE, State.REMOVED, "This post has already been removed.")


def restore_post(post: Post) -> str:
    """Put a hidden or removed post back up."""
    return _change_state(post, RESTORABLE, State.PUBLISHED, "Only a hidden or removed post can be restored.")


@transaction.atomic
def _change_state(post: Post, allowed: frozenset[str], new_state: str, refusal: str) -> str:
    thread = Thread.objects.select_for_update().get(pk=post.thread_id)
    post.refresh_from_db(fields=["state"])
    if post.state not in allowed:
        raise ForumError(refusal)
    before = post.state
    post.state = new_state
    post.save(update_fields=["state"])
    refresh_thread_activity(thread)
    notify.post_changed(post)
    return before
