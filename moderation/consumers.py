"""The queue socket: told when any review item changes, so the page refetches its own scoped list.

Events carry only an item id; what each moderator sees is decided by the list view.
"""

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer

from .permissions import can_use_queue
from .services.live import QUEUE_GROUP


class ModerationQueueConsumer(AsyncJsonWebsocketConsumer):
    async def connect(self):
        if not await database_sync_to_async(can_use_queue)(self.scope["user"]):
            await self.close(code=4403)
            return
        await self.channel_layer.group_add(QUEUE_GROUP, self.channel_name)
        await self.accept()

    async def disconnect(self, code):
        await self.channel_layer.group_discard(QUEUE_GROUP, self.channel_name)

    async def event_forward(self, message):
        await self.send_json(message["event"])
