"""Project configuration: settings and plumbing below every app, and the composition root above them.

Below: settings, env, realtime, fanout, websocket, http, middleware, signals, the Celery app.
Above (may import every app): asgi, routing, urls, management (seed_demo). docs/architecture.md."""

from .celery import app as celery_app

__all__ = ["celery_app"]
