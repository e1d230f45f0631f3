"""WebSockets for live forum pages: one thread, or one board's new conversations.

Thin over community.live. On connect the socket joins the group first and then
replays every event after the page's ?after= id, so an event that arrives
during the replay is queued behind it and any repeat is dropped by id.
"""

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer

from accounts.models import User

from . import live
from .models import Board, Thread
from .permissions import can_see_board, can_see_thread

FORBIDDEN = 4403


class ForumStreamConsumer(AsyncJsonWebsocketConsumer):
    async def connect(self):
        self.viewer = self.scope["user"]
        kwargs = self.scope["url_route"]["kwargs"]
        self.thread_id, self.board_id = kwargs.get("thread_id"), kwargs.get("board_id")
        if not await database_sync_to_async(self._may_watch)():
            await self.close(code=FORBIDDEN)
            return
        self.group = live.thread_group(self.thread_id) if self.thread_id else live.board_group(self.board_id)
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.accept()
        self.last_sent = _after(self.scope)
        for event_id, payload in await database_sync_to_async(self._replay)():
            self.last_sent = event_id
            await self.send_json(payload)

    async def disconnect(self, code):
        if hasattr(self, "group"):
            await self.channel_layer.group_discard(self.group, self.channel_name)

    async def event_forward(self, message):
        event = message["event"]
        if event["id"] <= self.last_sent:
            return
        self.last_sent = event["id"]
        payload = await database_sync_to_async(self._payload)(event)
        if payload is None:
            await self.close(code=FORBIDDEN)
            return
        await self.send_json(payload)

    def _replay(self) -> list[tuple[int, dict]]:
        """Everything after the page's last event, rendered for the viewer checked just now (connect did)."""
        events = live.events_after(self.last_sent, thread_id=self.thread_id, board_id=self.board_id)
        return [(event["id"], live.payload_for(self.viewer, event)) for event in events]

    def _payload(self, event: dict) -> dict | None:
        """Render for the viewer as they are now: roles, blocks and access may have changed since connecting."""
        self.viewer = User.objects.filter(pk=self.viewer.pk, is_active=True).first()
        if self.viewer is None or not self._may_watch():
            return None
        return live.payload_for(self.viewer, event)

    def _may_watch(self) -> bool:
        if self.thread_id:
            thread = Thread.objects.select_related("board", "opening_post").filter(pk=self.thread_id).first()
            return thread is not None and can_see_thread(self.viewer, thread)
        board = Board.objects.filter(pk=self.board_id).first()
        return board is not None and can_see_board(self.viewer, board)


def _after(scope) -> int:
    query = dict(pair.split("=", 1) for pair in scope.get("query_string", b"").decode().split("&") if "=" in pair)
    try:
        return max(0, int(query.get("after", "0")))
    except ValueError:
        return 0
