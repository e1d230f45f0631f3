"""The risk matcher built from the database list, one per process, rebuilt when the list changes.

Leads edit RiskPhrase rows; every edit records a RiskListVersion. Each process
keeps the matcher it built with the version number it built from, and checks
the newest number (from the shared cache, falling back to the database) before
assessing, so a change reaches every Daphne and Celery process within seconds.
Compiling takes about two seconds for three thousand phrases, so matchers are
kept by the list's content: a new version with the same phrases, or a change
that is undone, reuses the one already built. Servers build theirs at start-up
(warm_in_background), because the first message screened would otherwise wait
for the build inside its chat room's lock, holding up everyone in the room.
"""

import logging
import threading
from functools import lru_cache

from django.core.cache import cache
from django.db import connection, transaction

from .. import default_phrases
from ..matching import Assessment, Level, Matcher
from ..models import RiskListVersion, RiskPhrase

VERSION_KEY = "safeguarding:risk-list-version"
VERSION_TTL = 30

_built: dict = {"version": None, "matcher": None}
_lock = threading.Lock()
logger = logging.getLogger(__name__)


def assess(text: str) -> Assessment:
    return current_matcher().assess(text)


def current_matcher() -> Matcher:
    version = latest_version()
    if _built["version"] != version:
        with _lock:
            if _built["version"] != version:
                _built["matcher"], _built["version"] = build_matcher(), version
    return _built["matcher"]


def warm_in_background() -> threading.Thread:
    """Build this process's matcher on a thread of its own, so no member's message waits for it."""
    thread = threading.Thread(target=_warm, name="risk-matcher-warm-up", daemon=True)
    thread.start()
    return thread


def _warm() -> None:
    try:
        current_matcher()
    except Exception:
        logger.exception("Building the risk matcher at start-up failed; the first message screened will build it")
    finally:
        connection.close()


def build_matcher() -> Matcher:
    rows = (
        RiskPhrase.objects.filter(active=True).order_by("pk").values_list("text", "is_exception", "level", "category")
    )
    return _matcher_for(tuple(rows))


@lru_cache(maxsize=4)
def _matcher_for(rows: tuple) -> Matcher:
    entries = [(text, Level(level).label, category) for text, is_exception, level, category in rows if not is_exception]
    exceptions = [text for text, is_exception, _, _ in rows if is_exception]
    return Matcher(entries, exceptions, **default_phrases.WORDING)


def latest_version() -> int:
    version = cache.get(VERSION_KEY)
    if version is None:
        version = RiskListVersion.objects.values_list("pk", flat=True).first() or 0
        cache.set(VERSION_KEY, version, VERSION_TTL)
    return version


@transaction.atomic
def record_list_change(by, summary: str) -> RiskListVersion:
    """Call after any change to RiskPhrase rows; processes rebuild on their next assessment."""
    build_matcher()  # refuse a list that cannot compile, before anyone relies on it
    version = RiskListVersion.objects.create(changed_by=by, summary=summary[:300])
    transaction.on_commit(lambda: cache.set(VERSION_KEY, version.pk, VERSION_TTL))
    return version
