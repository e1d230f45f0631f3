"""Chat rooms: opening hours, who is in, ground rules, presence and what hosts do.

Plain functions, one transaction each. Refusals raise RoomError with words for
the member. Host actions are recorded as RoomAction rows (who, what, to whom,
why, when; community.signals.host_acted tells moderation, which logs them) and
announced after commit (community/services/room_events.py):
the room hears what everyone should see; the affected member alone gets a notice.
"""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from config.text import clean_text
from config.words import duration

from ..models import Room, RoomAction, RoomMember, RoomPresence, RuleVersion
from ..participation import Took, record
from ..room_permissions import can_enter, can_moderate, membership_of
from ..signals import host_acted
from . import room_events
from .rules import accept_rules, current_version, publish_rules

MUTE_CHOICES = (5, 15, 60, 24 * 60)  # minutes a host can choose from
MAX_SLOW_MODE = 600


class RoomError(Exception):
    """A room request that cannot be done, with words for the member."""


class RoomFull(RoomError):
    pass


class NotAllowed(RoomError):
    pass


# Opening hours ------------------------------------------------------------------------


def _zone(room: Room) -> ZoneInfo:
    return ZoneInfo(room.time_zone or "Europe/London")


def _override_in_force(room: Room, now: datetime) -> bool:
    return bool(room.override) and (room.override_until is None or now < room.override_until)


def _sessions(room: Room, now: datetime, days: int = 8):
    """(start, end) of each weekly session from the start of yesterday (whose overnight session may still be on),
    in the room's time zone. An overnight session ends on the next day."""
    local = now.astimezone(_zone(room))
    openings = list(room.openings.all())
    for offset in range(-1, days):
        day = (local + timedelta(days=offset)).date()
        for opening in openings:
            if opening.weekday == day.weekday():
                ends_on = day + timedelta(days=1) if opening.overnight else day
                start = datetime.combine(day, opening.starts, tzinfo=_zone(room))
                yield start, datetime.combine(ends_on, opening.ends, tzinfo=_zone(room))


def scheduled_open(room: Room, now: datetime | None = None) -> bool:
    now = now or timezone.now()
    if not room.openings.exists():
        return True
    return any(start <= now < end for start, end in _sessions(room, now))


def is_open(room: Room, now: datetime | None = None) -> bool:
    now = now or timezone.now()
    if _override_in_force(room, now):
        return room.override == Room.Override.OPEN
    return scheduled_open(room, now)


def session_end(room: Room, now: datetime | None = None) -> datetime | None:
    now = now or timezone.now()
    return next((end for start, end in _sessions(room, now) if start <= now < end), None)


def next_opening(room: Room, now: datetime | None = None) -> datetime | None:
    """When a closed room next opens by its hours (None if it has no hours and was closed by a host)."""
    now = now or timezone.now()
    after = room.override_until if _override_in_force(room, now) and room.override_until else now
    return min((start for start, end in _sessions(room, after) if start > after), default=None)


def status_text(room: Room, now: datetime | None = None) -> str:
    now = now or timezone.now()
    zone = _zone(room)
    if is_open(room, now):
        end = room.override_until if _override_in_force(room, now) else session_end(room, now)
        return f"Open now until {end.astimezone(zone):%H:%M}." if end else "Open now."
    opens = next_opening(room, now)
    if opens is None:
        return "Closed for now. A host will open it again."
    local = opens.astimezone(zone)
    when = "today" if local.date() == now.astimezone(zone).date() else f"on {local:%A %-d %B}"
    return f"Closed for now: it opens again {when} at {local:%H:%M}. You can read along until then."


def slow_mode_text(room: Room) -> str:
    """What members read while slow mode is on ("" when it is off)."""
    if not room.slow_mode_seconds:
        return ""
    return f"Slow mode is on: one message every {duration(room.slow_mode_seconds)}, so everyone can keep up."


def hours(room: Room) -> list[str]:
    return [str(opening) for opening in room.openings.all()]


# Membership and ground rules -------------------------------------------------------------


def rules_for(room: Room) -> RuleVersion | None:
    return current_version(room.rules_slug)


def rules_to_accept(user, room: Room) -> RuleVersion | None:
    """The room's current ground rules if this member has not accepted them yet."""
    version = rules_for(room)
    if version is None or version.acceptances.filter(user=user).exists():
        return None
    return version


@transaction.atomic
def accept_room_rules(user, room: Room, version_id: int | None = None) -> None:
    version = rules_for(room)
    if version is None:
        return
    if version_id is not None and version.pk != version_id:
        raise RoomError("The room's ground rules changed while you were reading. Please read the new version.")
    accept_rules(user, version)


def publish_room_rules(room: Room, body: str, change_note: str = "", by=None) -> RuleVersion:
    return publish_rules(room.rules_slug, f"Ground rules for {room.name}", body, change_note, by=by)


@transaction.atomic
def enter(user, room: Room) -> RoomMember | None:
    """Note a member coming into an open room (or check an approved one); refuse anyone else."""
    membership = membership_of(user, room)
    if not can_enter(user, room, membership):
        raise NotAllowed(refusal(user, room, membership))
    if membership is None and room.membership == Room.Membership.OPEN:
        membership, _ = RoomMember.objects.get_or_create(room=room, user=user)
    return membership


def refusal(user, room: Room, membership: RoomMember | None = None) -> str:
    membership = membership if membership is not None else membership_of(user, room)
    if membership is not None and membership.status == RoomMember.Status.REMOVED:
        return "A host has removed you from this room, so you can't go back in. Other rooms are still open to you."
    if membership is not None and membership.status == RoomMember.Status.REQUESTED:
        return "You've asked to join this room. A host will look at your request soon."
    return "This room is for members a host has welcomed in. You can ask to join."


@transaction.atomic
def request_to_join(user, room: Room) -> RoomMember:
    membership, created = RoomMember.objects.get_or_create(
        room=room, user=user, defaults={"status": RoomMember.Status.REQUESTED}
    )
    if not created and membership.status == RoomMember.Status.REMOVED:
        raise NotAllowed(refusal(user, room, membership))
    return membership


def set_appearance(user, room: Room, anonymous: bool) -> RoomMember:
    membership = enter(user, room) or RoomMember.objects.get_or_create(room=room, user=user)[0]
    membership.appear_anonymously = anonymous
    membership.save(update_fields=["appear_anonymously"])
    room_events.presence_changed(room.pk)
    return membership


# Presence ------------------------------------------------------------------------------


@transaction.atomic
def join_presence(user, room: Room, socket: str) -> None:
    """Count a socket in the room; refuse a new member when the room is at capacity."""
    if room.capacity:
        room = Room.objects.select_for_update().get(pk=room.pk)
        since = timezone.now() - timedelta(seconds=_ttl())
        present = set(
            RoomPresence.objects.filter(room=room, seen_at__gte=since).values_list("user_id", flat=True).distinct()
        )
        if user.pk not in present and len(present) >= room.capacity and not can_moderate(user, room):
            raise RoomFull("The room is full just now. Please try again in a little while.")
    # Sockets a crashed server never closed stop counting after the TTL; tidy them away here.
    RoomPresence.objects.filter(room=room, seen_at__lt=timezone.now() - timedelta(seconds=_ttl())).delete()
    RoomPresence.objects.update_or_create(socket=socket, defaults={"room": room, "user": user})
    if room.is_peer_space and is_open(room):  # presence rows are not kept, so session attendance is counted here
        record(Took.ROOM_VISIT, user, room_id=room.pk)
    room_events.presence_changed(room.pk)


def is_full_for(user, room: Room) -> bool:
    """Whether a member not yet in the room would be turned away by its capacity just now."""
    if not room.capacity or can_moderate(user, room):
        return False
    since = timezone.now() - timedelta(seconds=_ttl())
    present = set(RoomPresence.objects.filter(room=room, seen_at__gte=since).values_list("user_id", flat=True))
    return user.pk not in present and len(present) >= room.capacity


def touch_presence(socket: str) -> None:
    RoomPresence.objects.filter(socket=socket).update(seen_at=timezone.now())


@transaction.atomic
def leave_presence(socket: str) -> None:
    row = RoomPresence.objects.filter(socket=socket).first()
    if row is not None:
        row.delete()
        room_events.presence_changed(row.room_id)


def _ttl() -> int:
    from django.conf import settings

    return settings.CHAT_PRESENCE_TTL


# Host actions -----------------------------------------------------------------------------


def members_to_choose(host, room: Room) -> list[RoomMember]:
    """Who a host can choose on the host page: the room's members but themselves, whoever spoke last first."""
    rows = RoomMember.objects.filter(room=room, status=RoomMember.Status.APPROVED).exclude(user=host)
    rows = rows.select_related("user").order_by(F("last_message_at").desc(nulls_last=True), "user__handle")
    return [row for row in rows if row.user.is_active]


def chosen_member(host, room: Room, user_id: int | None, status: str = RoomMember.Status.APPROVED):
    """The member a host chose from the room's list (or from those asking to join); RoomError for anyone else."""
    membership = (
        RoomMember.objects.filter(room=room, user_id=user_id, status=status, user__is_active=True)
        .exclude(user=host)
        .select_related("user")
        .first()
    )
    if membership is None:
        raise RoomError("Please choose someone in this room from the list.")
    return membership.user


def _check_host(host, room: Room) -> None:
    if not can_moderate(host, room):
        raise NotAllowed("Only this room's hosts can do that.")


def _record(room: Room, host, kind: str, reason: str = "", **fields) -> RoomAction:
    reason = clean_text(reason).strip()[:500]
    action = RoomAction.objects.create(room=room, actor=host, kind=kind, reason=reason, **fields)
    host_acted.send(sender=RoomAction, action=action)
    return action


def _membership_for_action(room: Room, target, status: str | None = None) -> RoomMember:
    """The target's membership row, locked; created with `status` (what the action makes them) if they have none.

    A mute or unmute passes no status: it never changes who may come in. Its new row is only what
    entering would give them, which in an on-request room is nothing, so there it is refused.
    """
    membership = RoomMember.objects.select_for_update().filter(room=room, user=target).first()
    if membership is not None:
        return membership
    if status is None and room.membership != Room.Membership.OPEN:
        raise RoomError(f"{target.public_name} isn't in this room, so there is nothing to change for them here.")
    membership, _ = RoomMember.objects.select_for_update().get_or_create(
        room=room, user=target, defaults={"status": status or RoomMember.Status.APPROVED}
    )
    return membership


@transaction.atomic
def mute_member(host, room: Room, target, minutes: int, reason: str = "") -> RoomMember:
    _check_host(host, room)
    if minutes not in MUTE_CHOICES:
        raise RoomError("Please choose how long the mute lasts.")
    if target.pk == host.pk:
        raise RoomError("You can't mute yourself.")
    membership = _membership_for_action(room, target)
    membership.muted_until = timezone.now() + timedelta(minutes=minutes)
    membership.save(update_fields=["muted_until"])
    until = membership.muted_until.astimezone(_zone(room))
    _record(room, host, RoomAction.Kind.MUTE, reason, target=target, detail=duration(minutes * 60))
    because = f" The reason: {reason.strip()}" if reason.strip() else ""
    room_events.notify_member(
        room.pk,
        target.pk,
        "muted",
        f"A host has paused your messages in this room until {until:%H:%M}. You can still read along.{because}",
        until=membership.muted_until.isoformat(),
    )
    return membership


@transaction.atomic
def unmute_member(host, room: Room, target) -> RoomMember:
    _check_host(host, room)
    membership = _membership_for_action(room, target)
    membership.muted_until = None
    membership.save(update_fields=["muted_until"])
    _record(room, host, RoomAction.Kind.UNMUTE, target=target)
    room_events.notify_member(room.pk, target.pk, "unmuted", "You can send messages in this room again.")
    return membership


@transaction.atomic
def remove_member(host, room: Room, target, reason: str = "") -> RoomMember:
    _check_host(host, room)
    if can_moderate(target, room):
        raise RoomError("Hosts and moderators can't be removed from a room here; please speak to an administrator.")
    # Announced (after commit) before the membership changes, so the notice reaches the member's sockets
    # before the change to their access (config/access.py) has them re-check and close.
    because = f" The reason: {reason.strip()}" if reason.strip() else ""
    room_events.notify_member(
        room.pk,
        target.pk,
        "removed",
        f"A host has removed you from {room.name}.{because} Other rooms and the forum are still open to you.",
        close=True,
    )
    membership = _membership_for_action(room, target, RoomMember.Status.REMOVED)
    membership.status = RoomMember.Status.REMOVED
    membership.save(update_fields=["status"])
    RoomPresence.objects.filter(room=room, user=target).delete()
    _record(room, host, RoomAction.Kind.REMOVE_MEMBER, reason, target=target)
    room_events.presence_changed(room.pk)
    return membership


@transaction.atomic
def approve_member(host, room: Room, target) -> RoomMember:
    _check_host(host, room)
    membership = _membership_for_action(room, target, RoomMember.Status.APPROVED)
    membership.status = RoomMember.Status.APPROVED
    membership.save(update_fields=["status"])
    _record(room, host, RoomAction.Kind.APPROVE, target=target)
    return membership


@transaction.atomic
def set_slow_mode(host, room: Room, seconds: int, reason: str = "") -> Room:
    _check_host(host, room)
    if not 0 <= seconds <= MAX_SLOW_MODE:
        raise RoomError(f"Slow mode can be 0 (off) to {MAX_SLOW_MODE} seconds.")
    room = Room.objects.select_for_update().get(pk=room.pk)
    room.slow_mode_seconds = seconds
    room.save(update_fields=["slow_mode_seconds"])
    _record(room, host, RoomAction.Kind.SLOW_MODE, reason, detail=duration(seconds) if seconds else "off")
    room_events.announce_room_status(room)
    return room


@transaction.atomic
def close_early(host, room: Room, reason: str = "") -> Room:
    """Close now, until the current session would have ended (or until a host opens it, with no hours)."""
    _check_host(host, room)
    room = Room.objects.select_for_update().get(pk=room.pk)
    room.override, room.override_until = Room.Override.CLOSED, session_end(room)
    room.save(update_fields=["override", "override_until"])
    _record(room, host, RoomAction.Kind.CLOSE, reason)
    room_events.announce_room_status(room)
    return room


@transaction.atomic
def open_early(host, room: Room, reason: str = "") -> Room:
    """Open now: until the next session ends, or until a host closes it."""
    _check_host(host, room)
    room = Room.objects.select_for_update().get(pk=room.pk)
    now = timezone.now()
    upcoming = next(((s, e) for s, e in _sessions(room, now) if e > now), None)
    room.override, room.override_until = Room.Override.OPEN, upcoming[1] if upcoming else None
    if not room.openings.exists():
        room.override, room.override_until = Room.Override.NONE, None
    room.save(update_fields=["override", "override_until"])
    _record(room, host, RoomAction.Kind.OPEN, reason)
    room_events.announce_room_status(room)
    return room
