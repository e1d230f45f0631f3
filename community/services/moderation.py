"""Moderators changing a post: hide, remove, restore, and edit with a visible note.

Called by the moderation app's dispatcher (moderation.services.review), which
has already checked that the moderator may act. Each function locks the
thread row, changes the state, recomputes the thread summary and records the
change for live pages, all in one transaction. They return the state before
the change, for the audit log.

None of them publishes a post that something still holds (PostHold rows not
yet released): a held post cannot be hidden (only approved, rejected or
removed), and restoring a post puts it back to waiting (HELD) while a hold is
left, so taking it down and restoring it never skips a safeguarding lead.
"""

from django.db import transaction
from django.utils import timezone

from config.text import clean_text

from ..models import MODERATOR_NOTE_MAX_LENGTH, Post, PostHold, Thread
from . import notify
from .forum import ForumError, check_body, check_markup, refresh_thread_activity, replace_text

State = Post.State
HIDEABLE = frozenset({State.PUBLISHED})
REMOVABLE = frozenset({State.PUBLISHED, State.HELD, State.HIDDEN})
RESTORABLE = frozenset({State.HIDDEN, State.REMOVED})


def hide_post(post: Post) -> str:
    """Hide a published post (moderators still see it, marked as hidden). Reversible with restore_post."""
    return _change_state(post, HIDEABLE, lambda: State.HIDDEN, "Only a post that is up can be hidden.")


def remove_post(post: Post) -> str:
    """Remove a post: it stays in place as a placeholder. Reversible with restore_post."""
    return _change_state(post, REMOVABLE, lambda: State.REMOVED, "This post has already been removed.")


def restore_post(post: Post) -> str:
    """Put a hidden or removed post back, as the moderator's approval: holds waiting for a moderator are released.

    A post still held for a safeguarding lead goes back to waiting for them (HELD), not up.
    """

    def restored_state() -> str:
        open_holds = post.holds.filter(released_at__isnull=True)
        open_holds.filter(reason__in=PostHold.MODERATOR_REASONS).update(released_at=timezone.now())
        return State.HELD if open_holds.exists() else State.PUBLISHED

    return _change_state(post, RESTORABLE, restored_state, "Only a hidden or removed post can be restored.")


def edit_post(moderator, post: Post, body: str, note: str) -> str:
    """Change a post's words (to take out a phone number, say): the old words stay as a revision for
    moderators, and everyone reading sees "Edited by a moderator" with the note. Returns the post's state."""
    body, note = check_body(body), " ".join(clean_text(note).split())
    if not note:
        raise ForumError("Please say what you changed: it is shown under the post.")
    if len(note) > MODERATOR_NOTE_MAX_LENGTH:
        raise ForumError(f"Please keep the note under the post to {MODERATOR_NOTE_MAX_LENGTH} characters.")
    check_markup(body)
    with transaction.atomic():
        Thread.objects.select_for_update().get(pk=post.thread_id)
        replace_text(moderator, post, body, post.content_warning, moderator_note=note)
        notify.post_changed(post)
    return post.state


@transaction.atomic
def _change_state(post: Post, allowed: frozenset[str], new_state, refusal: str) -> str:
    """`new_state` is called once the row is locked and checked, so it sees the post's holds as they are now."""
    thread = Thread.objects.select_for_update().get(pk=post.thread_id)
    post.refresh_from_db(fields=["state"])
    if post.state not in allowed:
        raise ForumError(refusal)
    before = post.state
    post.state = new_state()
    post.save(update_fields=["state"])
    refresh_thread_activity(thread)
    notify.post_changed(post)
    return before
