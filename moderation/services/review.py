"""The review dispatcher: claiming an item, and performing one action on it.

Actions are data: moderation.permissions.allowed_actions(viewer, item) lists
what this viewer may do now; perform() checks the action is in that list,
checks the version the moderator saw (so two moderators can't both act on a
stale view), runs the action, records a ReviewHistory row and a ModerationLog
row, tells the member in plain words, and announces the change after commit.
A chat message is acted on through the room's own services (community.services
.chat and .rooms), so removing, restoring or muting shows live in the room
exactly as when a host does it there.

A claim shows other moderators who is on it. It lapses CLAIM_LAPSE (15 minutes,
MODERATION_CLAIM_LAPSE_MINUTES) after it was taken if nothing else happened:
computed on read (is_claim_active) and tidied by the lapse_claims beat task.
"""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from community.models import ChatMessage, Post, PostHold
from community.services import chat, rooms
from community.services import moderation as post_moderation
from community.services.forum import ForumError, release_hold
from community.services.notify import reply_url
from config.text import clean_text
from safeguarding.matching import Assessment, Level
from safeguarding.services.escalation import escalate

from .. import permissions as perms
from ..models import REASON_MAX_LENGTH, ReviewHistory, ReviewItem
from . import audit, gates, live, notices, sanctions

Status = ReviewItem.Status
DEFAULT_RULES = (
    "Be kind: disagree without putting anyone down",
    "Keep each other safe: no details of methods or amounts",
    "No advertising, selling or fundraising",
    "Keep personal details private, yours and others'",
    "Stay on topic for the board",
)
REASON_OPTIONAL = frozenset({perms.DISMISS, perms.RESTORE, perms.LIFT_PAUSE, perms.APPROVE, perms.END_PREMODERATION})


class ModerationError(Exception):
    """A moderator-facing reason an action could not be taken."""


class StaleReviewError(ModerationError):
    """Someone else acted on the item since this moderator loaded it."""


def rules() -> tuple[str, ...]:
    return tuple(getattr(settings, "MODERATION_RULES", DEFAULT_RULES))


def claim_lapse() -> timedelta:
    return timedelta(minutes=getattr(settings, "MODERATION_CLAIM_LAPSE_MINUTES", 15))


def is_claim_active(item: ReviewItem, now=None) -> bool:
    now = now or timezone.now()
    return item.status == Status.CLAIMED and item.claimed_at is not None and item.claimed_at + claim_lapse() > now


# Claiming ---------------------------------------------------------------------------


@transaction.atomic
def claim(viewer, item_id: int, version: int) -> ReviewItem:
    item = _locked_item(viewer, item_id, version)
    if not item.is_open:
        raise ModerationError("This item has already been dealt with.")
    if is_claim_active(item) and item.claimed_by_id not in (None, viewer.pk):
        raise ModerationError(f"{item.claimed_by.public_name} is already looking at this.")
    before = item.status
    item.status, item.claimed_by, item.claimed_at = Status.CLAIMED, viewer, timezone.now()
    _transition(viewer, item, "claim", before, "")
    return item


@transaction.atomic
def release(viewer, item_id: int, version: int) -> ReviewItem:
    item = _locked_item(viewer, item_id, version)
    if item.status != Status.CLAIMED:
        raise ModerationError("Nobody is looking at this item.")
    before = item.status
    item.status, item.claimed_by, item.claimed_at = Status.PENDING, None, None
    _transition(viewer, item, "release", before, "")
    return item


@transaction.atomic
def lapse_claims(now=None) -> int:
    """Return claims older than the lapse to the queue. Run by beat; pages also treat them as lapsed on read."""
    now = now or timezone.now()
    stale = ReviewItem.objects.select_for_update().filter(status=Status.CLAIMED, claimed_at__lte=now - claim_lapse())
    count = 0
    for item in stale:
        item.status, item.claimed_by, item.claimed_at = Status.PENDING, None, None
        item.version += 1
        item.save(update_fields=["status", "claimed_by", "claimed_at", "version"])
        ReviewHistory.objects.create(
            item=item,
            action="claim_lapsed",
            from_status=Status.CLAIMED,
            to_status=Status.PENDING,
            note="No action within the time limit.",
        )
        live.queue_changed(item.pk)
        count += 1
    return count


# Performing an action ---------------------------------------------------------------


@transaction.atomic
def perform(
    viewer,
    item_id: int,
    action: str,
    version: int,
    reason: str = "",
    rule: str = "",
    minutes: int | None = None,
    body: str = "",
) -> ReviewItem:
    """Check the action is allowed for this viewer on the version they saw, then do it. One transaction.

    `minutes` is how long a mute in the room lasts (one of rooms.MUTE_CHOICES); `body` is a post's new
    words for an edit, whose reason is also the note shown under the post. Other actions ignore both.
    """
    item = _locked_item(viewer, item_id, version)
    if action not in perms.allowed_actions(viewer, item):
        raise ModerationError("That action isn't available on this item any more.")
    reason = " ".join(clean_text(reason).split())
    if not reason and action not in REASON_OPTIONAL:
        raise ModerationError("Please give a short reason: the member will read it.")
    if len(reason) > REASON_MAX_LENGTH:
        raise ModerationError(f"Please keep the reason to {REASON_MAX_LENGTH} characters.")
    if rule and rule not in rules():
        raise ModerationError("Please choose one of the listed rules.")
    before_status = item.status
    handler = globals()[f"_perform_{action}"]
    options = {perms.MUTE: {"minutes": minutes}, perms.EDIT: {"body": body}}.get(action, {})
    try:
        state_before, state_after, to_status = handler(viewer, item, reason, rule, **options)
    except (ForumError, rooms.RoomError) as error:
        raise ModerationError(str(error)) from None
    item.status = to_status
    if to_status not in ReviewItem.OPEN:
        item.resolved_at = item.resolved_at or timezone.now()
        item.claimed_by, item.claimed_at = None, None
    _transition(viewer, item, action, before_status, reason, rule)
    audit.log(
        action, by=viewer, item=item, reason=_with_rule(reason, rule), rule=rule, before=state_before, after=state_after
    )
    if action == perms.FEEDBACK:
        sanctions.warn_after_repeated_feedback(item.member, rule)
    return item


def _perform_approve(viewer, item, reason, rule):
    """Publish a post waiting for a moderator; if a safeguarding lead still has to look, it waits for them."""
    if release_hold(item.post, PostHold.MODERATOR_REASONS):
        _tell(item, "Your post has been approved and is up now, at the time you wrote it.", reason, rule)
    return Post.State.HELD, _state(item), Status.RESOLVED


def _perform_reject(viewer, item, reason, rule):
    before = post_moderation.remove_post(item.post)
    _tell(item, "A moderator didn't approve your post, so it won't appear.", reason, rule)
    return before, Post.State.REMOVED, Status.RESOLVED


def _perform_premoderate(viewer, item, reason, rule):
    gates.start_premoderation(item.member, _with_rule(reason, rule), by=viewer)
    return "", "pre-moderated", item.status


def _perform_end_premoderation(viewer, item, reason, rule):
    gates.end_premoderation(item.member, by=viewer)
    return "pre-moderated", "", item.status


def _perform_dismiss(viewer, item, reason, rule):
    if item.auto_hidden and _state(item) in (Post.State.HIDDEN, ChatMessage.State.HIDDEN):
        before = _put_back(viewer, item)
        _tell(item, f"Your {_noun(item)} is back up: a moderator looked at it and left it up.", reason, rule)
        return before, _state(item), Status.DISMISSED
    return _state(item), _state(item), Status.DISMISSED


def _perform_edit(viewer, item, reason, rule, body):
    state = post_moderation.edit_post(viewer, item.post, body, note=reason)
    _tell(item, "A moderator has edited one of your posts. A note under it says so.", reason, rule)
    return state, state, Status.RESOLVED


def _perform_hide(viewer, item, reason, rule):
    before = post_moderation.hide_post(item.post)
    _tell(item, "A moderator has hidden one of your posts.", reason, rule)
    return before, Post.State.HIDDEN, Status.RESOLVED


def _perform_remove(viewer, item, reason, rule):
    before = _state(item)
    if item.chat_message_id:
        chat.remove_message(viewer, item.chat_message, reason)
        item.chat_message.refresh_from_db(fields=["state"])
    else:
        post_moderation.remove_post(item.post)
    _tell(item, f"A moderator has removed one of your {_noun(item)}s.", reason, rule)
    return before, _state(item), Status.RESOLVED


def _perform_restore(viewer, item, reason, rule):
    """A post still held for a safeguarding lead goes back to waiting for them (post_moderation.restore_post)."""
    before = _put_back(viewer, item)
    if _state(item) == Post.State.HELD:
        _tell(item, "Your post is back, and goes up once it has been looked at.", reason, rule)
    else:
        _tell(item, f"Your {_noun(item)} is back up. Thank you for your patience.", reason, rule)
    return before, _state(item), Status.DISMISSED


def _perform_mute(viewer, item, reason, rule, minutes=None):
    """Pause the member's messages in the item's room; the room tells them live, the notice says why."""
    room = item.room
    membership = rooms.mute_member(viewer, room, item.member, minutes or 0, _with_rule(reason, rule))
    until = timezone.localtime(membership.muted_until)
    _tell(item, f"A moderator has paused your messages in {room.name} until {until:%H:%M}.", reason, rule)
    return "", f"muted {minutes} minutes", Status.RESOLVED


def _perform_feedback(viewer, item, reason, rule):
    _tell(item, "A moderator has a note for you.", reason, rule)
    return _state(item), _state(item), Status.RESOLVED


def _perform_suspend(viewer, item, reason, rule):
    suspension = sanctions.suspend(item.member, _with_rule(reason, rule), by=viewer)
    return "active", f"suspended {suspension.number}", Status.RESOLVED


def _perform_lift_pause(viewer, item, reason, rule):
    sanctions.lift_pause(item.member, reason)
    return "paused pending review", "active", Status.DISMISSED


def _perform_refer(viewer, item, reason, rule):
    text = f"Referred by a moderator: {reason}"
    if item.post_id:
        text += f"\n\n{item.post.body}"
    elif item.chat_message_id:
        text += f"\n\n{item.chat_message.body}"
    escalate(item.member, text, Assessment(Level.HIGH, (), ()), "moderator referral", item.pk, _link(item), by=viewer)
    return _state(item), _state(item), item.status


# Helpers ----------------------------------------------------------------------------


def _locked_item(viewer, item_id: int, version: int) -> ReviewItem:
    item = (
        ReviewItem.objects.select_for_update(of=("self",))
        .select_related("post__thread", "member", "chat_message__room", "room")
        .filter(pk=item_id)
        .first()
    )
    if item is None or not perms.can_moderate_item(viewer, item):
        raise ModerationError("This item isn't available to you.")
    if item.version != version:
        raise StaleReviewError("Someone else has acted on this since you opened it. Here is how it looks now.")
    return item


def _transition(viewer, item: ReviewItem, action: str, before: str, note: str, rule: str = "") -> None:
    now = timezone.now()
    item.first_action_at = item.first_action_at or now
    item.version += 1
    item.save()
    ReviewHistory.objects.create(
        item=item,
        actor=viewer,
        action=action,
        from_status=before,
        to_status=item.status,
        note=_with_rule(note, rule),
        created_at=now,
    )
    live.queue_changed(item.pk)


def _tell(item: ReviewItem, headline: str, reason: str, rule: str) -> None:
    if item.member_id:
        notices.send_notice(item.member, headline, rule=rule, reason=reason, link=_link(item))


def _link(item: ReviewItem) -> str:
    if item.post_id:
        return reply_url(item.post)
    if item.chat_message_id:
        return item.chat_message.get_absolute_url()
    if item.member_id:
        return reverse("profile", args=[item.member.handle])
    return ""


def _state(item: ReviewItem) -> str:
    if item.post_id:
        return item.post.state
    return item.chat_message.state if item.chat_message_id else ""


def _noun(item: ReviewItem) -> str:
    return "message" if item.chat_message_id else "post"


def _put_back(viewer, item: ReviewItem) -> str:
    """Restore the post or chat message (its state on the item is refreshed); returns its state before."""
    if item.chat_message_id:
        before = chat.restore_message(viewer, item.chat_message)
        item.chat_message.refresh_from_db(fields=["state"])
        return before
    return post_moderation.restore_post(item.post)


def _with_rule(reason: str, rule: str) -> str:
    return f"{reason} (rule: {rule})" if rule else reason
