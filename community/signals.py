"""Signals other apps may connect to.

host_acted(sender=RoomAction, action=RoomAction)
    Sent by community.services.rooms whenever a host acts in a room (mute,
    unmute, removing a member or a message, slow mode, closing or opening early,
    welcoming a member in), inside the transaction that made the change, once
    its RoomAction row is saved. Moderation writes it to its log. Receivers must
    be quick and must not raise for ordinary conditions.
"""

from django.dispatch import Signal

host_acted = Signal()
