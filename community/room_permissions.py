"""Who may see, enter, speak in and moderate a chat room: the one place these rules live.

- A room's hosts are the peer moderators given it in their ModeratorScope,
  and every safeguarding lead and administrator (moderation.permissions
  answers community.signals.moderator_asked);
  hosts may always enter and moderate it.
- A moderators' room (Room.Audience.MODERATORS) is for peer moderators, leads
  and administrators only: it is not listed for anyone else and cannot be
  entered, so it is as if it did not exist.
- Anyone else enters an open room unless a host removed them; an on-request
  room only once a host has approved them.
- Speaking also needs the room's current ground rules accepted, the room open,
  and no mute in force; those are checked, with a reason for the member, in
  community/services/chat.py.
"""

from config.signals import answers

from .models import Room, RoomMember
from .permissions import is_moderator
from .signals import moderator_asked


def is_host(user, room: Room) -> bool:
    return user.is_authenticated and any(answers(moderator_asked, sender=Room, user=user, pk=room.pk))


def can_see_room(user, room: Room) -> bool:
    return room.audience == Room.Audience.MEMBERS or (user.is_authenticated and is_moderator(user))


def visible_rooms(user, rooms):
    return rooms if user.is_authenticated and is_moderator(user) else rooms.filter(audience=Room.Audience.MEMBERS)


def membership_of(user, room: Room) -> RoomMember | None:
    if not user.is_authenticated:
        return None
    return RoomMember.objects.filter(room=room, user=user).first()


def can_enter(user, room: Room, membership: RoomMember | None = None) -> bool:
    if not user.is_authenticated or not user.is_active or not can_see_room(user, room):
        return False
    if is_host(user, room):
        return True
    membership = membership if membership is not None else membership_of(user, room)
    if membership is not None and membership.status == RoomMember.Status.REMOVED:
        return False
    if room.membership == Room.Membership.OPEN:
        return True
    return membership is not None and membership.status == RoomMember.Status.APPROVED


def can_moderate(user, room: Room) -> bool:
    return is_host(user, room)
