"""The safeguarding team: who the leads are, who is on duty, and whether anyone is around now.

is_around() is for every page's footer, cached briefly; forget() clears it when a
lead goes on or off duty (alerts.set_on_duty), so members see the change at once.
"""

from django.conf import settings
from django.core.cache import cache
from django.db.models import Q

from accounts.models import User
from accounts.roles import Role

CACHE_KEY = "safeguarding:team-around"
CACHE_SECONDS = 60


def leads():
    return User.objects.filter(groups__name=Role.SAFEGUARDING_LEAD.value, is_active=True).distinct()


def administrators():
    in_role = Q(groups__name=Role.ADMINISTRATOR.value) | Q(is_superuser=True)
    return User.objects.filter(in_role, is_active=True).distinct()


def leads_on_duty():
    return leads().filter(duty__on_duty=True)


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
