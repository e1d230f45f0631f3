"""Test plugin: each pytest-xdist worker gets its own Redis database.

Tests clear the cache between them (tests/conftest.py), and on Redis a clear empties
the whole database; two workers sharing one would wipe each other's rate limits and
room state mid-test. Loaded with -p before Django reads its settings, so the worker's
settings, and every Daphne process it starts, see the same REDIS_URL.
"""

import os
from urllib.parse import urlsplit, urlunsplit


def _worker_redis_url(url: str, worker: str) -> str:
    parts = urlsplit(url)
    base = int(parts.path.strip("/") or 0)
    return urlunsplit(parts._replace(path=f"/{(base - int(worker.removeprefix('gw'))) % 16}"))


if os.environ.get("PYTEST_XDIST_WORKER") and os.environ.get("REDIS_URL"):
    os.environ["REDIS_URL"] = _worker_redis_url(os.environ["REDIS_URL"], os.environ["PYTEST_XDIST_WORKER"])
