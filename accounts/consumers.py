"""The member's own live stream: site-wide notices and their notifications' unread count."""

from config.realtime import EVERY_MEMBER, member_group
from config.websocket import MemberSocket


class MemberStreamConsumer(MemberSocket):
    async def open(self):
        self.groups = [EVERY_MEMBER, member_group(self.user_id)]
        for group in self.groups:
            await self.channel_layer.group_add(group, self.channel_name)
        await self.accept()

    async def event_forward(self, message):
        if await self.allowed():
            await self.send_json(message["event"])
