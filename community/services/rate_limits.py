"""Per-member limits on how fast new threads and replies can be posted.

settings.FORUM_RATE_LIMITS maps an action to (count, seconds): at most `count`
of that action in each window of `seconds`. Counts live in the cache (Redis in
production, so every process shares them), in fixed windows: simple, atomic
with cache.incr, and generous enough that a member in full flow never meets it
while a flood of posts does.
"""

import time

from django.conf import settings
from django.core.cache import cache

THREAD = "thread"
REPLY = "reply"


MESSAGES = {
    THREAD: "You've started {limit} conversations in a short while, so let's pause for a moment. "
    "You can start another in {wait}. Your words are kept below.",
    REPLY: "You've sent {limit} replies in a short while, so let's pause for a moment. "
    "You can reply again in {wait}. Your words are kept below.",
}


class RateLimited(Exception):
    """The member has reached the limit for this action; the message says when they can go on."""

    def __init__(self, action: str, limit: int, retry_after: int):
        self.action, self.limit, self.retry_after = action, limit, retry_after
        super().__init__(MESSAGES[action].format(limit=limit, wait=_in_words(retry_after)))


def _in_words(seconds: int) -> str:
    if seconds < 50:
        return "less than a minute"
    minutes = round(seconds / 60)
    return "about a minute" if minutes <= 1 else f"about {minutes} minutes"


def _window(action: str) -> tuple[int, int, int]:
    """(limit, seconds, index of the current window) for an action."""
    limit, seconds = settings.FORUM_RATE_LIMITS[action]
    return limit, seconds, int(time.time() // seconds)


def _key(user, action: str, window: int) -> str:
    return f"forum-rate:{action}:{user.pk}:{window}"


def check_rate_limit(user, action: str) -> None:
    limit, seconds, window = _window(action)
    if cache.get(_key(user, action, window), 0) >= limit:
        retry_after = (window + 1) * seconds - int(time.time())
        raise RateLimited(action, limit, max(retry_after, 1))


def record_action(user, action: str) -> None:
    """Count one more; call after the post is saved, so refused posts don't use up the allowance."""
    _, seconds, window = _window(action)
    key = _key(user, action, window)
    cache.add(key, 0, timeout=seconds)
    try:
        cache.incr(key)
    except ValueError:  # the window expired between add() and incr()
        cache.set(key, 1, timeout=seconds)
