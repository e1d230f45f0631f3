"""The leads' dashboard socket: told when any case changes, so the page refreshes its list.

The lead is checked again on every event, fresh from the database, so a lead
who signs out of the role (or is deleted) stops hearing at once; and a lead never
hears of a case about themselves (safeguarding/permissions.py).
"""

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer

from accounts.models import User

from .models import Case
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
        event = message["event"]
        still_a_lead, about_them = await database_sync_to_async(self._check)(event.get("case"))
        if not still_a_lead:
            await self.close(code=4403)
            return
        if not about_them:
            await self.send_json(event)

    def _check(self, case_id) -> tuple[bool, bool]:
        """(whether the viewer is still a lead, whether the case is about them: they never hear of that one)."""
        lead = User.objects.filter(pk=self.scope["user"].pk, is_active=True).first()
        if lead is None or not can_work_on_cases(lead):
            return False, False
        return True, Case.objects.filter(pk=case_id, member=lead).exists()
