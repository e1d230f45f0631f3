"""The leads' dashboard socket: told when any case changes, so the page refreshes its list.

A lead who leaves the role (or whose account goes) is closed out at once
(config.websocket.MemberSocket); and a lead never hears of a case about
themselves (safeguarding/permissions.py).
"""

from channels.db import database_sync_to_async

from config.websocket import NOT_ALLOWED, MemberSocket

from .models import Case
from .permissions import can_work_on_cases
from .services.escalation import LEADS_GROUP


class LeadsConsumer(MemberSocket):
    async def open(self):
        if not await database_sync_to_async(self.may_stay)():
            return NOT_ALLOWED
        self.groups = [LEADS_GROUP]  # Channels leaves self.groups on disconnect
        await self.channel_layer.group_add(LEADS_GROUP, self.channel_name)
        await self.accept()

    def may_stay(self) -> bool:
        return can_work_on_cases(self.user)

    async def event_forward(self, message):
        event = message["event"]
        if await self.allowed() and not await database_sync_to_async(self._about_them)(event.get("case")):
            await self.send_json(event)

    def _about_them(self, case_id) -> bool:
        return Case.objects.filter(pk=case_id, member_id=self.user_id).exists()
