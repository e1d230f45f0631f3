"""ASGI middleware that refuses WebSockets from signed-out browsers.

Closing before accepting makes Daphne answer the handshake with HTTP 403, so
no consumer ever runs for an anonymous socket.
"""

from channels.middleware import BaseMiddleware


class SignedInOnly(BaseMiddleware):
    async def __call__(self, scope, receive, send):
        user = scope.get("user")
        if user is None or not user.is_authenticated:
            await receive()  # the websocket.connect message
            await send({"type": "websocket.close", "code": 4401})
            return None
        return await super().__call__(scope, receive, send)
