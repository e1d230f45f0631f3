"""Per-process fan-out: one serialisation per event per process, no channel-layer hop per socket.

Why this exists: Channels groups cost a channel-layer operation (and a JSON
encode) per recipient per event. A busy chat room with hundreds of sockets
cannot afford that (docs/decisions/0003-chat-fan-out.md). Here instead:

- Each process keeps a registry, topic -> the open sockets in this process.
- publish() serialises an event ONCE, to a text frame, after the transaction
  commits. With REDIS_URL it is PUBLISHed once to the Redis channel of the
  topic; every process with sockets on that topic is SUBSCRIBEd to it once (one
  redis.asyncio connection per process) and writes the same text to each of its
  local sockets. Embedded (no REDIS_URL) it is handed straight to this process's
  event loop.
- Sequenced events carry their number (a chat room's message seq). Each topic
  keeps the highest number it has delivered: a repeat is dropped, and a jump
  (Redis pub/sub is at-most-once; two publishers can race) is filled from the
  database through the topic's backfill callback, once per process, before the
  later event goes out. So sockets see every number in order.
- Events can be addressed to one member (`to`): only that member's sockets get
  them, and `close=True` closes those sockets afterwards (a member removed from a
  room).
- `refresh` events (presence changed) are debounced per topic per process: the
  topic's refresh callback builds one text, read from the database, at most once
  per CHAT_PRESENCE_DEBOUNCE seconds, for all local sockets.
- `access` events tell a member's sockets (or everyone's, with no `to`) that who
  the member is may have changed (config/access.py): every socket joins the
  ACCESS_TOPIC, and the hub calls its `fanout_recheck()`, which must not block.
  After a lost Redis connection every socket re-checks, as rooms catch up.

The module is generic (nothing here knows about rooms), so it lives in config/
beside realtime.py. Sockets implement `user_id`, `async fanout_push(text, seq, frame)`,
`async fanout_close()` and `fanout_recheck()`.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.db import connection, transaction

logger = logging.getLogger(__name__)

MESSAGE, EVENT, CLOSE, REFRESH, ACCESS = "m", "e", "c", "r", "a"
ACCESS_TOPIC = "access"

Backfill = Callable[[int, int], Awaitable[list[tuple[int, str]]]]
Baseline = Callable[[], Awaitable[int]]
Refresh = Callable[[], Awaitable[str]]


def encode(kind: str, text: str = "", to: int | None = None, seq: int | None = None) -> str:
    """The wire form: a short header line, then the text frame exactly as sockets receive it."""
    return f"{kind}:{to or ''}:{seq or ''}\n{text}"


def decode(wire: str) -> tuple[str, int | None, int | None, str]:
    header, _, text = wire.partition("\n")
    kind, to, seq = header.split(":")
    return kind, int(to) if to else None, int(seq) if seq else None, text


@dataclass
class Topic:
    name: str
    sockets: set = field(default_factory=set)
    last: int | None = None
    backfill: Backfill | None = None
    refresh: Refresh | None = None
    refresh_pending: bool = False
    ready: asyncio.Event = field(default_factory=asyncio.Event)


class Hub:
    """This process's registry of topics and sockets, and its one Redis subscription."""

    def __init__(self):
        self.topics: dict[str, Topic] = {}
        self.loop: asyncio.AbstractEventLoop | None = None
        self.queue: asyncio.Queue | None = None
        self.tasks: list[asyncio.Task] = []
        self.pubsub = None
        self.redis = None
        self._sync_redis = None
        self._lock = threading.Lock()

    # Configuration ------------------------------------------------------------------
    @property
    def redis_url(self) -> str:
        return settings.REDIS_URL or ""

    def channel(self, topic: str) -> str:
        # Pub/sub ignores Redis database numbers: the database name keeps test runs apart.
        return f"fanout:{connection.settings_dict['NAME']}:{topic}"

    # Publishing (any thread) ---------------------------------------------------------
    def publish_on_commit(self, topic: str, build: Callable[[], str]) -> None:
        """Publish after the surrounding transaction commits; build() returns the wire text."""
        transaction.on_commit(lambda: self.publish(topic, build()))

    def publish(self, topic: str, wire: str) -> None:
        try:
            if self.redis_url:
                self._redis_client().publish(self.channel(topic), wire)
            elif self.loop is not None and not self.loop.is_closed():
                self.loop.call_soon_threadsafe(self._enqueue, topic, wire)
        except Exception:
            logger.exception("Live update for %s was not sent; sockets catch up from the database", topic)

    def _redis_client(self):
        with self._lock:
            if self._sync_redis is None:
                import redis

                self._sync_redis = redis.Redis.from_url(self.redis_url)
            return self._sync_redis

    def _enqueue(self, topic: str, wire: str) -> None:
        if self.queue is not None:
            self.queue.put_nowait((topic, wire))

    # Sockets (the event loop) ----------------------------------------------------------
    async def join(
        self,
        topic: str,
        socket,
        *,
        baseline: Baseline | None = None,
        backfill: Backfill | None = None,
        refresh: Refresh | None = None,
    ) -> None:
        """Register a socket; returns once this process is surely receiving the topic's events."""
        await self._ensure_running()
        entry = self.topics.get(topic)
        if entry is None:
            entry = self.topics[topic] = Topic(topic, backfill=backfill, refresh=refresh)
            entry.sockets.add(socket)
            try:
                if self.pubsub is not None:
                    await self.pubsub.subscribe(self.channel(topic))
                    await self._confirmed(topic)
                entry.last = await baseline() if baseline else None
            finally:
                entry.ready.set()
        else:
            entry.sockets.add(socket)
            await entry.ready.wait()

    async def leave(self, topic: str, socket) -> None:
        entry = self.topics.get(topic)
        if entry is None:
            return
        entry.sockets.discard(socket)
        if not entry.sockets:
            del self.topics[topic]
            if self.pubsub is not None:
                with contextlib.suppress(Exception):
                    await self.pubsub.unsubscribe(self.channel(topic))

    def local_count(self, topic: str) -> int:
        entry = self.topics.get(topic)
        return len(entry.sockets) if entry else 0

    async def _ensure_running(self) -> None:
        loop = asyncio.get_running_loop()
        if self.loop is loop and self.tasks and not any(task.done() for task in self.tasks):
            return
        await self._reset(loop)

    async def _reset(self, loop) -> None:
        for task in self.tasks:
            task.cancel()
        self.tasks, self.topics, self.loop = [], {}, loop
        self.queue = asyncio.Queue()
        self._confirmations: dict[str, asyncio.Event] = {}
        if self.redis_url:
            import redis.asyncio as aioredis

            self.redis = aioredis.from_url(self.redis_url)
            self.pubsub = self.redis.pubsub()
            await self.pubsub.ping()
            self.tasks.append(loop.create_task(self._read_redis()))
        else:
            self.pubsub = None
        self.tasks.append(loop.create_task(self._dispatch_forever()))

    async def _confirmed(self, topic: str) -> None:
        event = self._confirmations.setdefault(self.channel(topic), asyncio.Event())
        try:
            await asyncio.wait_for(event.wait(), timeout=5)
        finally:
            self._confirmations.pop(self.channel(topic), None)

    async def _read_redis(self) -> None:
        prefix = self.channel("")
        while True:
            try:
                if not self.pubsub.subscribed:
                    await asyncio.sleep(0.02)
                    continue
                message = await self.pubsub.get_message(ignore_subscribe_messages=False, timeout=1.0)
                if message is None or message.get("type") not in ("subscribe", "message"):
                    continue
                channel = message["channel"].decode()
                if message["type"] == "subscribe":
                    if channel in self._confirmations:
                        self._confirmations[channel].set()
                elif message["type"] == "message":
                    self.queue.put_nowait((channel[len(prefix) :], message["data"].decode()))
            except asyncio.CancelledError:
                raise
            except Exception:
                logger.exception("Redis fan-out connection failed; resubscribing")
                await asyncio.sleep(1)
                await self._resubscribe()

    async def _resubscribe(self) -> None:
        """After a lost connection: subscribe again, then fill what was missed from the database."""
        with contextlib.suppress(Exception):
            await self.pubsub.reset()
            for topic in list(self.topics):
                await self.pubsub.subscribe(self.channel(topic))
        for topic in list(self.topics):
            self.queue.put_nowait((topic, encode(MESSAGE, seq=-1)))
        self.queue.put_nowait((ACCESS_TOPIC, encode(ACCESS)))  # a change may have been missed meanwhile

    async def _dispatch_forever(self) -> None:
        while True:
            topic, wire = await self.queue.get()
            try:
                await self.dispatch(topic, wire)
            except Exception:
                logger.exception("Fan-out of an event to %s failed", topic)

    async def dispatch(self, topic: str, wire: str) -> None:
        entry = self.topics.get(topic)
        if entry is None:
            return
        await entry.ready.wait()
        kind, to, seq, text = decode(wire)
        if kind == ACCESS:
            for socket in list(entry.sockets):
                if to is None or socket.user_id == to:
                    socket.fanout_recheck()
            return
        if kind == REFRESH:
            if entry.refresh and not entry.refresh_pending:
                entry.refresh_pending = True
                self.loop.create_task(self._refresh_later(entry))
            return
        if seq == -1:  # resubscribed: catch up to the database's latest
            await self._backfill(entry, None)
            return
        if seq is not None:
            if entry.last is not None and seq <= entry.last:
                return
            if entry.last is not None and seq > entry.last + 1:
                await self._backfill(entry, seq)
                if seq <= entry.last:
                    return
            entry.last = seq
        sockets = list(entry.sockets) if to is None else [s for s in entry.sockets if s.user_id == to]
        await _push_all(sockets, text, seq, close=kind == CLOSE)

    async def _backfill(self, entry: Topic, upto: int | None) -> None:
        if entry.backfill is None or entry.last is None:
            return
        for seq, text in await entry.backfill(entry.last, upto or 0):
            if seq > entry.last:
                entry.last = seq
                await _push_all(list(entry.sockets), text, seq)

    async def _refresh_later(self, entry: Topic) -> None:
        await asyncio.sleep(getattr(settings, "CHAT_PRESENCE_DEBOUNCE", 1.0))
        entry.refresh_pending = False
        if self.topics.get(entry.name) is not entry:
            return
        try:
            text = await entry.refresh()
        except Exception:
            logger.exception("Refreshing %s failed", entry.name)
            return
        await _push_all(list(entry.sockets), text, None)


async def _push_all(sockets: list, text: str, seq: int | None, close: bool = False) -> None:
    """Write one shared ASGI message to each socket.

    A socket that fails (typically it closed while the loop ran; its disconnect
    handler will remove it) must not cost the sockets after it their copy.
    """
    frame = {"type": "websocket.send", "text": text}
    for socket in sockets:
        try:
            await socket.fanout_push(text, seq, frame)
        except Exception as error:
            logger.debug("A socket missed a live frame (%s); it reconnects and catches up", error)
        if close:  # a member removed from a room is disconnected even if the notice could not be written
            with contextlib.suppress(Exception):
                await socket.fanout_close()


hub = Hub()
