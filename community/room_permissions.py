"""Who may enter, speak in and moderate a chat room: the one place these rules live.

- Hosts of a room, and site moderators, may always enter and moderate it.
- Anyone else enters an open room unless a host removed them; an on-request
  room only once a host has approved them.
- Speaking also needs the room's current ground rules accepted, the room open,
  and no mute in force; those are checked, with a reason for the member, in
  community/services/chat.py.
"""

from .models import Room, RoomMember
from .permissions import is_moderator


def is_host(user, room: Room) -> bool:
    if not user.is_authenticated:
        return False
    return is_moderator(user) or room.hosts.filter(pk=user.pk).exists()


def membership_of(user, room: Room) -> RoomMember | None:
    if not user.is_authenticated:
        return None
    return RoomMember.objects.filter(room=room, user=user).first()


def can_enter(user, room: Room, membership: RoomMember | None = None) -> bool:
    if not user.is_authenticated or not user.is_active:
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
