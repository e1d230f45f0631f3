"""ASGI entry point: HTTP through Django, WebSockets through Channels.

Every request first has its client address and scheme taken from X-Forwarded-*
only if a trusted proxy sent them (config/proxy.py). WebSockets pass the
same-origin check (scheme, host and port) and session authentication, and a
socket without a signed-in member is refused before it is accepted. A server
process builds its safeguarding risk matcher as it starts (SAFEGUARDING_WARM_UP).
"""

import gc
import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
django_asgi_app = get_asgi_application()

from channels.auth import AuthMiddlewareStack  # noqa: E402  (needs Django set up)
from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from django.conf import settings  # noqa: E402

from config.proxy import TrustedProxyHeaders  # noqa: E402
from config.routing import websocket_urlpatterns  # noqa: E402
from config.websocket import SameOriginOnly, SignedInOnly  # noqa: E402
from safeguarding.services import risk  # noqa: E402

if settings.SAFEGUARDING_WARM_UP:
    risk.warm_in_background()

if settings.SERVER_GC_TUNING:
    # The cyclic garbage collector stops the event loop while it walks every tracked object; with a
    # thousand sockets open its passes held chat deliveries up by about 100 ms (docs/performance.md).
    # What start-up loaded is never garbage, so it leaves those passes; young collections run less
    # often. Reference counting still frees almost everything at once; only cycles wait a little.
    gc.freeze()
    gc.set_threshold(50_000, 50, 100)

application = TrustedProxyHeaders(
    ProtocolTypeRouter(
        {
            "http": django_asgi_app,
            "websocket": SameOriginOnly(AuthMiddlewareStack(SignedInOnly(URLRouter(websocket_urlpatterns)))),
        }
    )
)
