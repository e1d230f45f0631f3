"""The member's own live stream: site-wide notices and, later, their notifications."""

from channels.generic.websocket import AsyncJsonWebsocketConsumer

from config.realtime import EVERY_MEMBER, member_group


class MemberStreamConsumer(AsyncJsonWebsocketConsumer):
    async def connect(self):
        self.groups = [EVERY_MEMBER, member_group(self.scope["user"].pk)]
        for group in self.groups:
            await self.channel_layer.group_add(group, self.channel_name)
        await self.accept()

    async def event_forward(self, message):
        await self.send_json(message["event"])
