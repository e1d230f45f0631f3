"""Whether the safeguarding team is around now, for every page's footer; cached briefly."""

from django.conf import settings
from django.core.cache import cache

from .alerts import leads_on_duty

CACHE_KEY = "safeguarding:team-around"
CACHE_SECONDS = 60


def is_around() -> bool:
    around = cache.get(CACHE_KEY)
    if around is None:
        around = leads_on_duty().exists()
        cache.set(CACHE_KEY, around, CACHE_SECONDS)
    return around


def forget() -> None:
    """Call when a lead goes on or off duty, so members see the change at once."""
    cache.delete(CACHE_KEY)


def usual_hours() -> str:
    return settings.SAFEGUARDING_TEAM_HOURS
