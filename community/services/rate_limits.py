"""Per-member limits on how fast threads, replies, edits, reactions and previews can come.

settings.FORUM_RATE_LIMITS maps an action to (count, seconds): at most `count`
of that action in each window of `seconds`. Counts live in the cache (Redis in
production, so every process shares them), in fixed windows: generous enough
that a member in full flow never meets them while a flood does. A slot is taken
with one atomic increment before the action, so parallel requests cannot all
slip through, and given back if the action is refused for another reason.
"""

import time
from contextlib import contextmanager, suppress

from django.conf import settings
from django.core.cache import cache

THREAD = "thread"
REPLY = "reply"
EDIT = "edit"
REACT = "react"
PREVIEW = "preview"


MESSAGES = {
    THREAD: "You've started {limit} conversations in a short while, so let's pause for a moment. "
    "You can start another in {wait}. Your words are kept below.",
    REPLY: "You've sent {limit} replies in a short while, so let's pause for a moment. "
    "You can reply again in {wait}. Your words are kept below.",
    EDIT: "You've made {limit} edits in a short while, so let's pause for a moment. "
    "You can edit again in {wait}. Your words are kept below.",
    REACT: "That's a lot of reactions in a short while, so let's pause for a moment. You can react again in {wait}.",
    PREVIEW: "That's a lot of previews in a short while, so let's pause for a moment. "
    "You can preview again in {wait}; your words are still in the box.",
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


@contextmanager
def slot(user, action: str):
    """Take one of the member's slots for this action, or raise RateLimited; given back if the action fails."""
    limit, seconds, window = _window(action)
    key = _key(user, action, window)
    cache.add(key, 0, timeout=seconds)
    try:
        used = cache.incr(key)
    except ValueError:  # the window expired between add() and incr()
        cache.set(key, 1, timeout=seconds)
        used = 1
    if used > limit:
        _give_back(key)
        raise RateLimited(action, limit, max((window + 1) * seconds - int(time.time()), 1))
    try:
        yield
    except BaseException:
        _give_back(key)
        raise


def _give_back(key: str) -> None:
    with suppress(ValueError):  # the window has already expired
        cache.decr(key)
