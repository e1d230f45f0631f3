"""The leads' dashboard socket: told when any case changes, so the page refreshes its list.

The lead is checked again on every event, fresh from the database, so a lead
who signs out of the role (or is deleted) stops hearing at once.
"""

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer

from accounts.models import User

from .permissions import can_work_on_cases
from .services.escalation import LEADS_GROUP


class LeadsConsumer(AsyncJsonWebsocketConsumer):
    async def connect(self):
        if not await database_sync_to_async(can_work_on_cases)(self.scope["user"]):
            await self.close(code=4403)
            return
        await self.channel_layer.group_add(LEADS_GROUP, self.channel_name)
        await self.accept()

    async def disconnect(self, code):
        await self.channel_layer.group_discard(LEADS_GROUP, self.channel_name)

    async def event_forward(self, message):
        if not await database_sync_to_async(self._still_a_lead)():
            await self.close(code=4403)
            return
        await self.send_json(message["event"])

    def _still_a_lead(self) -> bool:
        lead = User.objects.filter(pk=self.scope["user"].pk, is_active=True).first()
        return lead is not None and can_work_on_cases(lead)
