"""Times and lengths of time in words, the same on every page, in email and in live events.

duration(seconds) says how long something lasts ("1 hour", "15 minutes",
"1 hour 30 minutes", "1 day"); ago(moment) says how long ago something happened
("just now", "5 minutes ago", "2 days ago"). Both get one and many right
through ngettext, so nothing says "1 hours" or "0 minutes ago". day(moment)
names the day something happened, as a chat's day separators do ("Today",
"Yesterday", "Tuesday 1 December", with the year once it is not this year).
Templates use them as filters after {% load words %} (config/template_words.py).
"""

from datetime import datetime, timedelta

from django.utils import timezone
from django.utils.translation import ngettext

UNITS = (
    (24 * 60 * 60, lambda n: ngettext("%(n)d day", "%(n)d days", n)),
    (60 * 60, lambda n: ngettext("%(n)d hour", "%(n)d hours", n)),
    (60, lambda n: ngettext("%(n)d minute", "%(n)d minutes", n)),
    (1, lambda n: ngettext("%(n)d second", "%(n)d seconds", n)),
)
# For "ago": the largest of these that fits (months and years are near enough at 30 and 365 days).
AGO_UNITS = (
    (365 * 24 * 60 * 60, lambda n: ngettext("%(n)d year", "%(n)d years", n)),
    (30 * 24 * 60 * 60, lambda n: ngettext("%(n)d month", "%(n)d months", n)),
    (7 * 24 * 60 * 60, lambda n: ngettext("%(n)d week", "%(n)d weeks", n)),
    *UNITS[:3],
)
JUST_NOW_SECONDS = 60


def duration(seconds: float) -> str:
    """A length of time, largest units first, leaving out the ones that are zero: 5400 -> "1 hour 30 minutes"."""
    left = max(int(seconds), 0)
    parts = []
    for size, words in UNITS:
        count, left = divmod(left, size)
        if count:
            parts.append(words(count) % {"n": count})
    return " ".join(parts) or ngettext("%(n)d second", "%(n)d seconds", 0) % {"n": 0}


def ago(moment: datetime, now: datetime | None = None) -> str:
    """How long ago, in its largest unit: "just now" under a minute (or for a moment a little ahead of the clock)."""
    elapsed = int(((now or timezone.now()) - moment).total_seconds())
    if elapsed < JUST_NOW_SECONDS:
        return "just now"
    size, words = next(unit for unit in AGO_UNITS if elapsed >= unit[0])
    return f"{words(elapsed // size) % {'n': elapsed // size}} ago"


def day(moment: datetime, now: datetime | None = None) -> str:
    """The day of a moment in the site's time zone: "Today", "Yesterday", "Tuesday 1 December" (or "... 2025")."""
    when = timezone.localtime(moment).date()
    today = timezone.localtime(now or timezone.now()).date()
    if when == today:
        return "Today"
    if when == today - timedelta(days=1):
        return "Yesterday"
    shown = f"{when:%A} {when.day} {when:%B}"
    return shown if when.year == today.year else f"{shown} {when.year}"
