"""The chat room socket: /ws/rooms/<slug>/?after=<last seq seen>&since=<oldest seq shown>.

Thin over community/services. It takes no channel layer: live events come from
this process's fan-out hub (config/fanout.py), which writes one shared text
frame to every local socket in the room.

Connecting, in this order, so nothing falls between the cracks:
1. check the member may enter (refused sockets close before the handshake
   completes: 4404 no such room, 4403 not allowed, 4429 full) and count them present;
2. register with the hub, buffering live frames;
3. send the member's own view of the room (room.state), then every message
   after ?after= from the database, in pages, then placeholders for messages
   removed since ?since=;
4. send the buffered frames it has not already sent (by seq), then live ones.
So a browser sees every message number once, in order, whether it dropped
off for a second or the server restarted.
"""

import json
import uuid

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncWebsocketConsumer
from django.conf import settings
from django.utils import timezone

from config.fanout import hub

from .models import Room
from .room_permissions import can_moderate, can_see_room, membership_of
from .services import chat, room_events, rooms

NOT_FOUND, FORBIDDEN, FULL, REMOVED = 4404, 4403, 4429, 4410


class RoomConsumer(AsyncWebsocketConsumer):
    # No channel layer: one per socket is what this design avoids (docs/decisions/0003-chat-fan-out.md).
    channel_layer_alias = None

    async def connect(self):
        self.user = self.scope["user"]
        self.user_id = self.user.pk
        self.socket_id = uuid.uuid4().hex
        self.room = None
        query = _query(self.scope)
        refused = await database_sync_to_async(self._enter)(self.scope["url_route"]["kwargs"]["slug"])
        if refused:
            await self.close(code=refused)
            return
        self.buffer, self.buffering, self.last = [], True, 0
        self.topic = room_events.topic(self.room.pk)
        room_id = self.room.pk
        await hub.join(
            self.topic,
            self,
            baseline=lambda: database_sync_to_async(room_events.last_seq)(room_id),
            backfill=lambda after, upto: database_sync_to_async(room_events.messages_after)(room_id, after, upto),
            refresh=lambda: database_sync_to_async(room_events.presence_text)(room_id),
        )
        await self.accept()
        state, after = await database_sync_to_async(self._state)(query.get("after"))
        await self.send(text_data=room_events.dumps(state))
        await self._replay(after, query.get("since", 0))
        for text, seq in self.buffer:
            await self._write(text, seq)
        self.buffer, self.buffering = [], False

    async def disconnect(self, code):
        if self.room is None:
            return
        await hub.leave(self.topic, self)
        await database_sync_to_async(rooms.leave_presence)(self.socket_id)

    # From the hub ---------------------------------------------------------------------
    async def fanout_push(self, text: str, seq: int | None, frame: dict) -> None:
        """The hub's one call per socket: frame is the shared ASGI message, written as it is."""
        if self.buffering:
            self.buffer.append((text, seq))
        elif seq is None or seq > self.last:
            if seq is not None:
                self.last = seq
            await self.base_send(frame)

    async def fanout_close(self) -> None:
        await self.close(code=REMOVED)

    async def _write(self, text: str, seq: int | None) -> None:
        if seq is not None:
            if seq <= self.last:
                return
            self.last = seq
        await self.send(text_data=text)

    # From the browser -----------------------------------------------------------------
    async def receive(self, text_data=None, bytes_data=None):
        try:
            data = json.loads(text_data or "{}")
        except ValueError:
            return
        if data.get("type") == "send":
            reply = await database_sync_to_async(self._send_message)(
                str(data.get("body", "")), str(data.get("token", ""))
            )
            await self.send(text_data=room_events.dumps(reply))
        elif data.get("type") == "ping":
            await database_sync_to_async(rooms.touch_presence)(self.socket_id)
            await self.send(text_data='{"type":"pong"}')

    # Database work (in a thread) ---------------------------------------------------------
    def _enter(self, slug: str) -> int | None:
        room = Room.objects.filter(slug=slug).first()
        if room is None or not can_see_room(self.user, room):
            return NOT_FOUND
        try:
            rooms.enter(self.user, room)
            rooms.join_presence(self.user, room, self.socket_id)
        except rooms.RoomFull:
            return FULL
        except rooms.RoomError:
            return FORBIDDEN
        self.room = room
        return None

    def _state(self, after: str | None) -> tuple[dict, int]:
        room = Room.objects.get(pk=self.room.pk)
        membership = membership_of(self.user, room)
        now = timezone.now()
        muted = (
            membership.muted_until if membership and membership.muted_until and membership.muted_until > now else None
        )
        state = {
            **room_events.room_status_event(room, now),
            "type": "room.state",
            "me": self.user_id,
            "host": can_moderate(self.user, room),
            "rules_required": rooms.rules_to_accept(self.user, room) is not None,
            "muted_until": muted.isoformat() if muted else None,
            "last_seq": room.last_seq,
        }
        try:
            start = max(0, int(after))
        except (TypeError, ValueError):
            start = max(0, room.last_seq - settings.CHAT_PAGE_SIZE)
        return state, start

    async def _replay(self, after: int, since) -> None:
        upto = after
        while True:
            batch = await database_sync_to_async(room_events.messages_after)(self.room.pk, after)
            for seq, text in batch:
                await self._write(text, seq)
                after = seq
            if len(batch) < settings.CHAT_REPLAY_LIMIT:
                break
        try:
            since = int(since)
        except (TypeError, ValueError):
            since = 0
        for _seq, text in await database_sync_to_async(room_events.removed_since)(self.room.pk, since, upto):
            await self.send(text_data=text)

    def _send_message(self, body: str, token: str) -> dict:
        try:
            message = chat.send_message(self.user, self.room, body, client_token=token)
        except chat.RoomRulesRequired as refused:
            return {"type": "refused", "token": token, "reason": str(refused), "rules_required": True}
        except rooms.RoomError as refused:
            return {"type": "refused", "token": token, "reason": str(refused)}
        return {"type": "sent", "token": token, "seq": message.seq}


def _query(scope) -> dict:
    pairs = scope.get("query_string", b"").decode().split("&")
    return dict(pair.split("=", 1) for pair in pairs if "=" in pair)
