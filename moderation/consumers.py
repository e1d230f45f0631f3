"""The queue socket: told when any review item changes, so the page refetches its own scoped list.

Events carry only an item id; what each moderator sees is decided by the list view.
A moderator who leaves the team, loses their training or their account is closed
out (config.websocket.MemberSocket).
"""

from channels.db import database_sync_to_async

from config.websocket import NOT_ALLOWED, MemberSocket

from .permissions import can_use_queue
from .services.live import QUEUE_GROUP


class ModerationQueueConsumer(MemberSocket):
    async def open(self):
        if not await database_sync_to_async(self.may_stay)():
            return NOT_ALLOWED
        self.groups = [QUEUE_GROUP]  # Channels leaves self.groups on disconnect
        await self.channel_layer.group_add(QUEUE_GROUP, self.channel_name)
        await self.accept()

    def may_stay(self) -> bool:
        return can_use_queue(self.user)

    async def event_forward(self, message):
        if await self.allowed():
            await self.send_json(message["event"])
