"""Template filters for times in words (config/words.py): {% load words %}.

{{ moment|ago }}            "just now", "5 minutes ago"
{{ moment|day }}            "Today", "Yesterday", "Tuesday 1 December"
{{ seconds|duration }}      "1 hour", "45 seconds"
{{ minutes|duration:"minutes" }}, {{ days|duration:"days" }} for values in other units
"""

from django import template

from . import words

register = template.Library()
SECONDS_IN = {"seconds": 1, "minutes": 60, "hours": 60 * 60, "days": 24 * 60 * 60}


@register.filter
def ago(moment) -> str:
    return words.ago(moment) if moment else ""


@register.filter
def day(moment) -> str:
    return words.day(moment) if moment else ""


@register.filter
def duration(value, unit: str = "seconds") -> str:
    return words.duration(float(value) * SECONDS_IN[unit])
