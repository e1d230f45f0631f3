"""What the forum asks moderation before and after saving a post: pre-moderation and watched words.

The forum asks through community.signals (post_checking, post_saved), and
checked() and saved() below are the receivers (moderation/apps.py connects them).

check_new_post() / check_edit() run before anything is saved: a blocked
watched word raises ForumError with the entry's message (the member's words
stay in the form); otherwise they say which holds the post gets. New posts by
a member on pre-moderation are held: every member for their first
MODERATION_PREMODERATE_FIRST_POSTS posts (default 2; 0 turns it off), and
anyone a moderator has put on it (a PreModeration row) until a lead or an
administrator takes them off; that member's edits of published posts are held
too. Moderators are never pre-moderated.

post_saved() then puts a held or flagged post in the review queue, with the
reason, a history row and a log row; edit_saved() also marks an edit on the
post's open item (new version, "edited" history row), so nobody approves or
dismisses words they have not seen. The queue's approve action publishes it
(forum.release_hold); reject removes it and tells the member why.
"""

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from community.markup import shown_text
from community.models import Post, PostHold
from community.permissions import is_moderator
from community.services.errors import ForumError
from community.services.gates import Gate

from ..models import PreModeration, ReviewHistory, ReviewItem, TargetType
from . import audit, live, notices, reports, watched_words

Hold = PostHold.Reason
Action = watched_words.Action
DEFAULT_PREMODERATE_FIRST_POSTS = 2
HELD_PRIORITY = 50  # a member is waiting
FLAGGED_PRIORITY = 20
# Posts that went live count towards a new member's first posts; rejected or waiting ones do not.
WENT_LIVE = (Post.State.PUBLISHED, Post.State.HIDDEN, Post.State.REMOVED_BY_AUTHOR)


def premoderate_first_posts() -> int:
    return getattr(settings, "MODERATION_PREMODERATE_FIRST_POSTS", DEFAULT_PREMODERATE_FIRST_POSTS)


# Before saving ----------------------------------------------------------------------


def check_new_post(author, *texts: str) -> Gate:
    """Raise ForumError for a blocked word; otherwise the holds for a new post (title, warning, body)."""
    holds, reasons = [], []
    premoderation = premoderation_reason(author)
    if premoderation:
        holds.append(Hold.PREMODERATION)
        reasons.append(premoderation)
    return _with_watched_words(Gate(tuple(holds), tuple(reasons)), texts)


def check_edit(editor, post: Post, *texts: str) -> Gate:
    """An edit is checked for watched words; a published post edited by a member on pre-moderation waits again.

    Only a PreModeration row (a moderator's decision) holds edits: the first-posts check for new members is
    about new posts, and a new member's approved post may be corrected straight away.
    """
    gate = Gate()
    if post.state == Post.State.PUBLISHED and not is_moderator(editor) and active_premoderation(editor) is not None:
        gate = Gate((Hold.PREMODERATION,), ("edited by a member on pre-moderation",))
    return _with_watched_words(gate, texts)


def _with_watched_words(gate: Gate, texts) -> Gate:
    """Texts are checked as typed and as shown, so Markdown or character references can't hide a word."""
    found = watched_words.find(*texts, *(shown_text(text) for text in texts if text))
    if found is None:
        return gate
    if found.action == Action.BLOCK:
        raise ForumError(found.message)
    reasons = (*gate.reasons, f"watched word: {found.phrase}")
    if found.action == Action.HOLD:
        return Gate((*gate.holds, Hold.WATCHED_WORD), reasons)
    return Gate(gate.holds, reasons, flagged=True)


def premoderation_reason(member) -> str:
    """Why this member's new posts wait for a moderator, in the queue's words; "" if they don't."""
    if is_moderator(member):
        return ""
    if active_premoderation(member) is not None:
        return "member on pre-moderation"
    first = premoderate_first_posts()
    if first and Post.objects.filter(author=member, state__in=WENT_LIVE)[:first].count() < first:
        return "new member: first posts are checked"
    return ""


def active_premoderation(member) -> PreModeration | None:
    return PreModeration.objects.filter(member=member, ended_at__isnull=True).first()


def checked(sender, author, post: Post | None, texts: tuple[str, ...], **kwargs) -> Gate:
    """The receiver of community.signals.post_checking."""
    return check_new_post(author, *texts) if post is None else check_edit(author, post, *texts)


# After saving -----------------------------------------------------------------------


def post_saved(post: Post, gate: Gate) -> ReviewItem | None:
    """Put a held or flagged post in the queue. Call in the transaction that saved it."""
    if not gate.reasons:
        return None
    item, created = reports.needs_review(
        TargetType.POST, post.pk, member=post.author, post=post, board_id=post.thread.board_id
    )
    item.reasons = [*item.reasons, *(reason for reason in gate.reasons if reason not in item.reasons)]
    item.priority = max(item.priority, FLAGGED_PRIORITY if gate.flagged and not gate.holds else HELD_PRIORITY)
    item.version += 1
    item.save(update_fields=["reasons", "priority", "version"])
    action = "held" if gate.holds else "flagged"
    note = "; ".join(gate.reasons)
    ReviewHistory.objects.create(
        item=item, action=action, from_status="" if created else item.status, to_status=item.status, note=note
    )
    audit.log(action, item=item, reason=note, after=post.state)
    live.queue_changed(item.pk)
    return item


def edit_saved(post: Post, gate: Gate) -> ReviewItem | None:
    """After an edit: a post already in the queue gets a new version and an "edited" history row, so a
    moderator who acts on the text as it was before is refused as stale; then post_saved as for new posts.
    Call in the transaction that saved the edit."""
    item = ReviewItem.objects.select_for_update().filter(post=post, status__in=ReviewItem.OPEN).first()
    if item is not None:
        item.version += 1
        item.save(update_fields=["version"])
        ReviewHistory.objects.create(
            item=item,
            action="edited",
            from_status=item.status,
            to_status=item.status,
            note="Edited by the author while waiting for a moderator.",
        )
        live.queue_changed(item.pk)
    return post_saved(post, gate) or item


def saved(sender, post: Post, gate: Gate, edited: bool, **kwargs) -> None:
    """The receiver of community.signals.post_saved."""
    if edited:
        edit_saved(post, gate)
    else:
        post_saved(post, gate)


# Putting a member on pre-moderation, and taking them off ----------------------------


@transaction.atomic
def start_premoderation(member, reason: str, by) -> PreModeration:
    """Called by the review dispatcher, which has checked the moderator may do it."""
    premoderation = active_premoderation(member)
    if premoderation is not None:
        return premoderation
    premoderation = PreModeration.objects.create(member=member, reason=reason, started_by=by)
    notices.send_notice(
        member,
        "For a while, a moderator will look at your posts before others can see them.",
        reason=reason,
    )
    return premoderation


@transaction.atomic
def end_premoderation(member, by) -> None:
    premoderation = active_premoderation(member)
    if premoderation is None:
        return
    premoderation.ended_at, premoderation.ended_by = timezone.now(), by
    premoderation.save(update_fields=["ended_at", "ended_by"])
    notices.send_notice(member, "Your posts go up straight away again. Thank you for your patience.")
