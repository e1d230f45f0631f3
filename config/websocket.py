"""What every WebSocket shares: who may open one, how many, and who the member still is.

- `SameOriginOnly` (ASGI middleware) refuses a handshake whose Origin is not
  this site's own scheme, host and port (or one of CSRF_TRUSTED_ORIGINS), as
  Django's CSRF check does for forms; the Host must be in ALLOWED_HOSTS.
- `SignedInOnly` refuses signed-out browsers. Both close before accepting, so
  Daphne answers the handshake with HTTP 403 and no consumer runs.
- `MemberSocket` is the base of every consumer. It holds one of the member's
  SOCKETS_PER_MEMBER slots while open (counted in the cache across processes,
  each slot expiring unless its process refreshes it, so a crashed process
  frees its slots), re-checks the member whenever their access version changes
  (config/access.py), and reads every browser frame through config.frames.

Close codes (docs/realtime.md has the table): 4401 signed out or the account is
gone, 4403 no longer allowed here, 4429 too many sockets open for the account.
Consumers add their own (a room's 4404, 4410).
"""

import asyncio
import json
import logging
import uuid
from types import SimpleNamespace
from urllib.parse import parse_qs, urlsplit

from asgiref.sync import sync_to_async
from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncWebsocketConsumer
from channels.middleware import BaseMiddleware
from channels.security.websocket import WebsocketDenier
from django.conf import settings
from django.contrib import auth
from django.core.cache import cache
from django.http.request import split_domain_port, validate_host
from django.utils.module_loading import import_string

from . import access
from .fanout import ACCESS_TOPIC, hub
from .frames import FrameError, Schema, parse_frame

logger = logging.getLogger(__name__)

SIGNED_OUT, NOT_ALLOWED, TOO_MANY = 4401, 4403, 4429
TRY_AGAIN = 1013  # the re-check itself failed (the database, say): the browser reconnects and is checked afresh


# Handshake ---------------------------------------------------------------------------


class SignedInOnly(BaseMiddleware):
    async def __call__(self, scope, receive, send):
        user = scope.get("user")
        if user is None or not user.is_authenticated:
            await receive()  # the websocket.connect message
            await send({"type": "websocket.close", "code": SIGNED_OUT})
            return None
        return await super().__call__(scope, receive, send)


class SameOriginOnly:
    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] == "websocket" and not same_origin(scope):
            return await WebsocketDenier()(scope, receive, send)
        return await self.app(scope, receive, send)


def same_origin(scope) -> bool:
    """Whether the browser's Origin is this site (scheme, host and port) and the Host is allowed."""
    headers = {name.decode("latin1"): value.decode("latin1") for name, value in scope.get("headers", [])}
    host = headers.get("host", "")
    if settings.USE_X_FORWARDED_HOST and "x-forwarded-host" in headers:
        host = headers["x-forwarded-host"].split(",")[0].strip()
    domain, port = split_domain_port(host)
    if not domain or not validate_host(domain, settings.ALLOWED_HOSTS):
        return False
    origin = _origin(headers.get("origin", ""))
    if origin is None:
        return False
    if origin == (_scheme(scope, headers), domain, _port(_scheme(scope, headers), port)):
        return True
    return origin in {_origin(trusted) for trusted in settings.CSRF_TRUSTED_ORIGINS}


def _origin(text: str) -> tuple[str, str, int] | None:
    try:
        parts = urlsplit(text.strip().lower())
        return (parts.scheme, parts.hostname, _port(parts.scheme, parts.port)) if parts.hostname else None
    except ValueError:  # a port that is not a number
        return None


def _scheme(scope, headers: dict) -> str:
    """The connection's scheme; behind a trusted proxy config.proxy has already set it from X-Forwarded-Proto."""
    return "https" if scope.get("scheme") in ("wss", "https") else "http"


def _port(scheme: str, port) -> int:
    return int(port) if port else (443 if scheme == "https" else 80)


# Open sockets per member ---------------------------------------------------------------


class Slots:
    """SOCKETS_PER_MEMBER numbered slots per member in the cache, each a key holding the socket's id.

    A socket claims a free slot with an atomic add; its process touches the slots
    of its open sockets every third of SOCKET_SLOT_SECONDS, so the slots of a
    process that crashed expire on their own.
    """

    def __init__(self):
        self.held: dict[str, str] = {}
        self.task: asyncio.Task | None = None

    def claim(self, user_id: int, socket_id: str) -> str | None:
        keys = [f"sockets:{user_id}:{n}" for n in range(settings.SOCKETS_PER_MEMBER)]
        taken = cache.get_many(keys)
        for key in keys:
            if key not in taken and cache.add(key, socket_id, settings.SOCKET_SLOT_SECONDS):
                self.held[key] = socket_id
                return key
        return None

    def release(self, key: str, socket_id: str) -> None:
        self.held.pop(key, None)
        if cache.get(key) == socket_id:
            cache.delete(key)

    def refresh(self) -> None:
        for key in list(self.held):
            cache.touch(key, settings.SOCKET_SLOT_SECONDS)

    def keep_fresh(self) -> None:
        """Make sure this event loop refreshes the slots (one task per process)."""
        loop = asyncio.get_running_loop()
        if self.task is None or self.task.done() or self.task.get_loop() is not loop:
            self.task = loop.create_task(self._refresh_forever())

    async def _refresh_forever(self) -> None:
        while True:
            await asyncio.sleep(settings.SOCKET_SLOT_SECONDS / 3)
            try:
                await sync_to_async(self.refresh)()
            except Exception:
                logger.exception("Refreshing the open-socket slots failed; they are tried again shortly")


slots = Slots()


# The consumers' base -----------------------------------------------------------------------


class MemberSocket(AsyncWebsocketConsumer):
    """The base of every consumer: a member's socket that keeps checking who the member is.

    Subclasses implement `open()` (their connect: checks, groups, accept; it
    returns a close code to refuse with, or None) and `may_stay()` (sync, run in a
    thread with `self.user` fresh from the session: whether the member may still
    have this socket). They call `await self.allowed()` before delivering an event
    from the channel layer, and set `frames` (config.frames) with a method
    `on_<type>(frame)` for each type the browser may send.

    Re-checking: when the member's access version changes (a push from any
    process, or a token that differs on a browser frame or a delivery), the socket
    loads the member again from the session (4401 if signed out, deleted or
    deactivated) and asks may_stay() (4403 if not). Until that answer, deliveries
    wait; `access_confirmed()` runs after a re-check the member passed.
    """

    frames: Schema = {}
    max_frame_chars = 1024

    async def open(self) -> int | None:
        await self.accept()
        return None

    def may_stay(self) -> bool:
        return True

    async def access_confirmed(self) -> None:
        """After a re-check the member passed (the room flushes frames held meanwhile)."""

    # Connecting and leaving -----------------------------------------------------------------
    async def connect(self):
        self.user = self.scope["user"]
        self.user_id = self.user.pk
        self.socket_id = uuid.uuid4().hex
        self.closed, self.pushes, self._lock, self._tasks = False, 0, asyncio.Lock(), set()
        self.slot = await sync_to_async(slots.claim)(self.user_id, self.socket_id)
        if self.slot is None:
            await self.accept()  # then closed with the code, so the page can say why
            await self.close(code=TOO_MANY)
            return
        slots.keep_fresh()
        self.token = await sync_to_async(access.token)(self.user_id)  # noted before anything is checked
        await hub.join(ACCESS_TOPIC, self)  # from here on, a change anywhere is pushed to this socket
        refused = await self.open()
        if refused:
            await self.close(code=refused)
            await self._leave()
            return
        await self.allowed()  # a change between noting the token and joining the hub was not pushed

    async def disconnect(self, code):
        self.closed = True
        await self._leave()

    async def _leave(self) -> None:
        await hub.leave(ACCESS_TOPIC, self)
        if self.slot is not None:
            slot, self.slot = self.slot, None
            await sync_to_async(slots.release)(slot, self.socket_id)

    async def close(self, code=None, reason=None):
        self.closed = True
        await super().close(code=code, reason=reason)

    # Checking who the member is --------------------------------------------------------------
    @property
    def holding(self) -> bool:
        """A change was pushed and the re-check has not answered yet: deliveries wait."""
        return self.pushes > 0

    async def allowed(self) -> bool:
        """Whether to go on. One cache read; if the access version changed, a re-check (closing if lost)."""
        if not self.closed and (self.holding or await sync_to_async(access.token)(self.user_id) != self.token):
            await self._recheck()
        return not self.closed

    def fanout_recheck(self) -> None:
        """The hub's push: this member's access changed somewhere. Hold deliveries and re-check now."""
        if not self.closed:
            self.pushes += 1
            task = asyncio.get_running_loop().create_task(self._recheck())
            self._tasks.add(task)  # the loop keeps only a weak reference
            task.add_done_callback(self._tasks.discard)

    async def _recheck(self) -> None:
        try:
            await self._check_again()
        except Exception:
            logger.exception("Re-checking a socket's member failed; closing it so the browser reconnects")
            await self.close(code=TRY_AGAIN)

    async def _check_again(self) -> None:
        async with self._lock:
            pushes = self.pushes
            fresh = await sync_to_async(access.token)(self.user_id)  # read before the check, as at connect
            if self.closed or (not pushes and fresh == self.token):
                return  # closed, or another re-check answered meanwhile
            code = await database_sync_to_async(self._access_code)()
            if code:
                await self.close(code=code)
                return
            self.token, self.pushes = fresh, self.pushes - pushes
        if not self.holding:
            await self.access_confirmed()

    def _access_code(self) -> int | None:
        user = signed_in_user(self.scope)
        if not user.is_authenticated or user.pk != self.user_id:
            return SIGNED_OUT
        self.user = self.scope["user"] = user  # roles, training and the rest as they are now
        return None if self.may_stay() else NOT_ALLOWED

    # From the browser -------------------------------------------------------------------------
    async def receive(self, text_data=None, bytes_data=None):
        if not await self.allowed():
            return
        try:
            frame = parse_frame(text_data, self.frames, self.max_frame_chars)
        except FrameError as refused:
            await self.send_json(refused.as_event())
            return
        await getattr(self, f"on_{frame['type']}")(frame)

    async def send_json(self, content: dict) -> None:
        await self.send(text_data=json.dumps(content))


def query_param(scope, name: str) -> str | None:
    """One value from the socket's query string (?after=12), None if absent; never fails on odd bytes."""
    values = parse_qs(scope.get("query_string", b"").decode("latin1")).get(name)
    return values[0] if values else None


def signed_in_user(scope):
    """The member the socket's session belongs to now, from the session store: AnonymousUser if it
    ended (signed out, deleted, password changed elsewhere) or the account is no longer active."""
    engine = import_string(f"{settings.SESSION_ENGINE}.SessionStore")
    return auth.get_user(SimpleNamespace(session=engine(scope["session"].session_key)))
