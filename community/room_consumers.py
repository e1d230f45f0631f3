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

While it is open, config.websocket.MemberSocket re-checks the member whenever
their access changes (signed out, deleted, a role or scope gone, removed from
the room): live frames wait for the answer, then go out or the socket closes.
"""

from collections import deque

from channels.db import database_sync_to_async
from django.conf import settings
from django.utils import timezone

from config.fanout import hub
from config.websocket import MemberSocket, query_param

from .models import CHAT_MESSAGE_MAX_LENGTH, Room
from .room_permissions import can_enter, can_moderate, can_see_room, membership_of
from .services import chat, room_events, rooms

NOT_FOUND, FORBIDDEN, FULL, REMOVED = 4404, 4403, 4429, 4410


class RoomConsumer(MemberSocket):
    # No channel layer: one per socket is what this design avoids (docs/decisions/0003-chat-fan-out.md).
    channel_layer_alias = None
    frames = {"send": {"body": str, "token": str}, "reply": {"body": str, "token": str, "reply_to": int}, "ping": {}}
    max_frame_chars = 6 * CHAT_MESSAGE_MAX_LENGTH + 512  # a full message even if every character is escaped
    room = None

    async def open(self):
        refused = await database_sync_to_async(self._enter)(self.scope["url_route"]["kwargs"]["slug"])
        if refused:
            return refused
        self.buffer, self.buffering, self.live, self.last = deque(), True, False, 0
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
        state, after = await database_sync_to_async(self._state)(query_param(self.scope, "after"))
        await self.send(text_data=room_events.dumps(state))
        await self._replay(after, query_param(self.scope, "since"))
        await self._flush()
        self.live = True

    def may_stay(self) -> bool:
        room = Room.objects.filter(pk=self.room.pk).first()
        return room is not None and can_enter(self.user, room)

    async def disconnect(self, code):
        await super().disconnect(code)
        if self.room is None:
            return
        await hub.leave(self.topic, self)
        await database_sync_to_async(rooms.leave_presence)(self.socket_id)

    # From the hub ---------------------------------------------------------------------
    async def fanout_push(self, text: str, seq: int | None, frame: dict) -> None:
        """The hub's one call per socket: frame is the shared ASGI message, written as it is.

        Held while connecting, and while a change to the member's access is re-checked."""
        if self.buffering or self.holding:
            self.buffer.append((text, seq))
        elif seq is None or seq > self.last:
            if seq is not None:
                self.last = seq
            await self.base_send(frame)

    async def fanout_close(self) -> None:
        await self.close(code=REMOVED)

    async def access_confirmed(self) -> None:
        if self.room is not None and self.live:
            await self._flush()

    async def _flush(self) -> None:
        """Write the held frames (skipping seqs already sent), unless a re-check starts meanwhile."""
        self.buffering = True
        while self.buffer and not self.holding and not self.closed:
            await self._write(*self.buffer.popleft())
        self.buffering = False

    async def _write(self, text: str, seq: int | None) -> None:
        if seq is not None:
            if seq <= self.last:
                return
            self.last = seq
        await self.send(text_data=text)

    # From the browser (checked by config.frames first) -------------------------------------
    async def on_send(self, frame: dict) -> None:
        answer = await database_sync_to_async(self._send_message)(frame["body"], frame["token"])
        await self.send(text_data=room_events.dumps(answer))

    async def on_reply(self, frame: dict) -> None:
        answer = await database_sync_to_async(self._send_message)(frame["body"], frame["token"], frame["reply_to"])
        await self.send(text_data=room_events.dumps(answer))

    async def on_ping(self, frame: dict) -> None:
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
            start = min(max(0, int(after)), room.last_seq)
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
            since = min(max(0, int(since)), upto)
        except (TypeError, ValueError):
            since = 0
        for _seq, text in await database_sync_to_async(room_events.removed_since)(self.room.pk, since, upto):
            await self.send(text_data=text)

    def _send_message(self, body: str, token: str, reply_to: int | None = None) -> dict:
        try:
            message = chat.send_message(self.user, self.room, body, client_token=token, reply_to=reply_to)
        except chat.RoomRulesRequired as refused:
            return {"type": "refused", "token": token, "reason": str(refused), "rules_required": True}
        except rooms.RoomError as refused:
            return {"type": "refused", "token": token, "reason": str(refused)}
        return {"type": "sent", "token": token, "seq": message.seq}
