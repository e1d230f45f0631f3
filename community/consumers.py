"""WebSockets for live forum pages: one thread, or one board's new conversations.

Thin over community.live. On connect the socket joins the group first and then
replays every event after the page's ?after= id, so an event that arrives
during the replay is queued behind it and any repeat is dropped by id. Each
event is rendered for the viewer as they are now (config.websocket.MemberSocket
re-checks the member when their access changes; the thread or board is checked
here on every event, since it can change without them).
"""

from channels.db import database_sync_to_async

from config.websocket import NOT_ALLOWED, MemberSocket, query_param

from . import live
from .models import Board, Thread
from .permissions import can_see_board, can_see_thread


class ForumStreamConsumer(MemberSocket):
    async def open(self):
        kwargs = self.scope["url_route"]["kwargs"]
        self.thread_id, self.board_id = kwargs.get("thread_id"), kwargs.get("board_id")
        if not await database_sync_to_async(self.may_stay)():
            return NOT_ALLOWED
        group = live.thread_group(self.thread_id) if self.thread_id else live.board_group(self.board_id)
        self.groups = [group]  # Channels leaves self.groups on disconnect
        await self.channel_layer.group_add(group, self.channel_name)
        await self.accept()
        self.last_sent = _after(self.scope)
        for event_id, payload in await database_sync_to_async(self._replay)():
            self.last_sent = event_id
            await self.send_json(payload)

    async def event_forward(self, message):
        event = message["event"]
        if event["id"] <= self.last_sent or not await self.allowed():
            return
        self.last_sent = event["id"]
        payload = await database_sync_to_async(self._payload)(event)
        if payload is None:
            await self.close(code=NOT_ALLOWED)
            return
        await self.send_json(payload)

    def _replay(self) -> list[tuple[int, dict]]:
        """Everything after the page's last event, rendered for the viewer checked just now (open did)."""
        self.last_sent = min(self.last_sent, live.last_event_id())  # an ?after= from the future would mute it
        events = live.events_after(self.last_sent, thread_id=self.thread_id, board_id=self.board_id)
        return [(event["id"], live.payload_for(self.user, event)) for event in events]

    def _payload(self, event: dict) -> dict | None:
        """Rendered for the viewer, if they may still watch: the thread or board may have changed."""
        return live.payload_for(self.user, event) if self.may_stay() else None

    def may_stay(self) -> bool:
        if self.thread_id:
            thread = Thread.objects.select_related("board", "opening_post").filter(pk=self.thread_id).first()
            return thread is not None and can_see_thread(self.user, thread)
        board = Board.objects.filter(pk=self.board_id).first()
        return board is not None and can_see_board(self.user, board)


def _after(scope) -> int:
    try:
        return max(0, int(query_param(scope, "after") or 0))
    except ValueError:
        return 0
