"""Sending, removing, hiding and restoring chat messages, and reading a room's history.

send_message() is the heart of it: inside one transaction it takes the room's
row lock, checks everything that could refuse the message (membership, ground
rules, opening hours, mute, slow mode, flood), gives the message the room's
next sequence number and saves it. Only after commit is it announced, so the
numbers browsers see follow commit order with no gaps: a browser that
reconnects asking for "everything after 41" gets 42, 43, ... from the database.
"""

import html

import bleach
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from config.text import clean_text
from config.words import duration
from safeguarding.services.escalation import screen

from ..markup import LINKABLE_URL, set_link_rel
from ..models import CHAT_MESSAGE_MAX_LENGTH, ChatMessage, Room, RoomMember
from ..participation import Took, record
from ..room_permissions import can_enter, can_moderate
from . import room_events
from .errors import ForumError
from .gates import blocking_message, check_can_participate
from .rooms import (
    NotAllowed,
    RoomError,
    _check_host,
    _record,
    is_open,
    refusal,
    rules_to_accept,
    slow_mode_text,
    status_text,
)


class MessageRefused(RoomError):
    """The message was not sent; the text says why and what to do. The composer keeps the words."""


class RoomRulesRequired(MessageRefused):
    def __init__(self, version):
        super().__init__("Please read and accept this room's ground rules before you send a message.")
        self.version = version


_linker = bleach.Linker(callbacks=[set_link_rel], parse_email=False, url_re=LINKABLE_URL)


def render_text(body: str) -> str:
    """Plain text to HTML: everything escaped, web addresses made links, line breaks kept."""
    return _linker.linkify(html.escape(body, quote=False)).replace("\n", "<br>")


# Sending ----------------------------------------------------------------------------------


def _flood_key(user_id: int) -> str:
    return f"chat-flood:{user_id}"


def _check_flood(user) -> None:
    limit, _ = settings.CHAT_FLOOD_LIMIT
    if cache.get(_flood_key(user.pk), 0) >= limit:
        raise MessageRefused(
            "That's a lot of messages very quickly, so let's pause for a few seconds. Your words are kept."
        )


def _count_flood(user) -> None:
    """Count a message in the member's current burst: the window opens at its first message, not on the clock."""
    _, seconds = settings.CHAT_FLOOD_LIMIT
    key = _flood_key(user.pk)
    cache.add(key, 0, timeout=seconds)
    try:
        cache.incr(key)
    except ValueError:  # the window closed between add and incr
        cache.set(key, 1, timeout=seconds)


def check_can_send(user, room: Room, membership: RoomMember | None, body: str, now=None) -> str:
    """Everything that could refuse a message, in the order a member would want to hear it; returns the text."""
    now = now or timezone.now()
    try:
        check_can_participate(user)
    except ForumError as suspended:
        raise MessageRefused(str(suspended)) from None
    host = can_moderate(user, room)
    if not can_enter(user, room, membership):
        raise MessageRefused(refusal(user, room, membership))
    version = rules_to_accept(user, room)
    if version is not None:
        raise RoomRulesRequired(version)
    if not is_open(room, now):
        raise MessageRefused(status_text(room, now))
    if membership is not None and membership.muted_until and membership.muted_until > now:
        local = timezone.localtime(membership.muted_until)
        raise MessageRefused(f"A host has paused your messages here until {local:%H:%M}. You can still read along.")
    body = clean_text(body or "").strip()
    if not body:
        raise MessageRefused("Your message is empty. Write something, then send.")
    if len(body) > CHAT_MESSAGE_MAX_LENGTH:
        raise MessageRefused(
            f"Messages can be up to {CHAT_MESSAGE_MAX_LENGTH:,} characters; yours has {len(body):,}. "
            "Could you shorten it or send it in two parts?"
        )
    if blocked := blocking_message(user, room, body):
        raise MessageRefused(blocked)
    if not host and room.slow_mode_seconds and membership is not None and membership.last_message_at:
        wait = room.slow_mode_seconds - (now - membership.last_message_at).total_seconds()
        if wait > 0:
            raise MessageRefused(f"{slow_mode_text(room)} You can send again in {duration(int(wait) + 1)}.")
    if not host:
        _check_flood(user)
    return body


@transaction.atomic
def send_message(user, room: Room, body: str, client_token: str = "", reply_to: int | None = None) -> ChatMessage:
    """Save a message with the room's next number and announce it after commit.

    Sending again with the same client_token (a browser retrying after a dropped
    connection) returns the message already saved instead of a second copy.
    reply_to is the seq of an earlier message in this room the member answers: kept
    only while that message is published (a reply to one removed or hidden meanwhile
    is sent without the reference, so the member's words are never refused for it).
    """
    room = Room.objects.select_for_update().get(pk=room.pk)
    client_token = (client_token or "")[:40]
    if client_token:
        existing = ChatMessage.objects.filter(room=room, author=user, client_token=client_token).first()
        if existing is not None:
            return existing
    now = timezone.now()
    membership = RoomMember.objects.select_for_update().filter(room=room, user=user).first()
    body = check_can_send(user, room, membership, body, now)
    if membership is None:
        membership = RoomMember.objects.create(room=room, user=user)
    seq = room.last_seq + 1
    Room.objects.filter(pk=room.pk).update(last_seq=seq)
    message = ChatMessage.objects.create(
        room=room,
        seq=seq,
        author=user,
        body=body,
        body_html=render_text(body),
        client_token=client_token,
        reply_to=_replied_to(room, reply_to),
        created_at=now,
    )
    membership.last_message_at = now
    membership.save(update_fields=["last_message_at"])
    screen(user, body, ChatMessage.SCREENED_AS, message.pk, reverse("room", args=[room.slug]))
    if room.is_peer_space:
        record(Took.CHAT_MESSAGE, user, room_id=room.pk, when=now)
    if not can_moderate(user, room):
        _count_flood(user)  # a rolled-back send may count once too often: harmless
    room_events.announce_message(message)
    return message


def _replied_to(room: Room, seq: int | None) -> ChatMessage | None:
    if not seq:
        return None
    return (
        ChatMessage.objects.select_related("author")
        .filter(room=room, seq=seq, state=ChatMessage.State.PUBLISHED)
        .first()
    )


# Hosts and moderators ------------------------------------------------------------------
# Members report messages through moderation.services.reports (one queue for
# everything); the moderation dispatcher calls these to act on a message.


@transaction.atomic
def remove_message(host, message: ChatMessage, reason: str = "") -> ChatMessage:
    """Replace a message with "removed by a moderator" for everyone, live; the author is told why."""
    room = message.room
    _check_host(host, room)
    message = ChatMessage.objects.select_for_update().select_related("author", "room").get(pk=message.pk)
    if message.state == ChatMessage.State.REMOVED:
        return message
    message.state, message.removed_at = ChatMessage.State.REMOVED, timezone.now()
    message.save(update_fields=["state", "removed_at"])
    _record(room, host, "remove_message", reason, target=message.author, message=message)
    room_events.announce_removed(message)
    because = f" The reason: {reason.strip()}" if reason.strip() else ""
    room_events.notify_member(
        room.pk, message.author_id, "message_removed", f"A host removed one of your messages in {room.name}.{because}"
    )
    return message


@transaction.atomic
def hide_message(message: ChatMessage) -> str:
    """Hide a published message from the room, live, while a moderator looks at it; returns the state before.

    Done automatically when several members report it (moderation.services.reports).
    """
    return _change_state(message, {ChatMessage.State.PUBLISHED}, ChatMessage.State.HIDDEN)


@transaction.atomic
def restore_message(host, message: ChatMessage) -> str:
    """Put a hidden or removed message back where it was, live; returns the state before."""
    _check_host(host, message.room)
    return _change_state(message, {ChatMessage.State.HIDDEN, ChatMessage.State.REMOVED}, ChatMessage.State.PUBLISHED)


def _change_state(message: ChatMessage, allowed: set[str], new_state: str) -> str:
    message = ChatMessage.objects.select_for_update().select_related("author", "room").get(pk=message.pk)
    if message.state not in allowed:
        raise RoomError("This message has changed since you looked. Please look again.")
    before = message.state
    message.state = new_state
    message.removed_at = None if new_state == ChatMessage.State.PUBLISHED else timezone.now()
    message.save(update_fields=["state", "removed_at"])
    room_events.announce_changed(message)
    return before


# History ----------------------------------------------------------------------------------


def recent_messages(room: Room, before: int | None = None, limit: int | None = None) -> list[ChatMessage]:
    """The newest messages (or the newest before seq `before`), oldest first."""
    limit = limit or settings.CHAT_PAGE_SIZE
    rows = ChatMessage.objects.filter(room=room).select_related("author", "room", "reply_to__author")
    if before is not None:
        rows = rows.filter(seq__lt=before)
    return list(reversed(rows.order_by("-seq")[:limit]))


def check_may_read(user, room: Room) -> None:
    if not can_enter(user, room):
        raise NotAllowed(refusal(user, room))
