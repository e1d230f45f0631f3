"""{% check_in_reminder as reminder %}: the home page's one reminder of a due wellbeing check-in.

Taking the reminder records it (services.checkins.take_reminder), so each
check-in is mentioned once and never again: a gentle nudge, not a nag.
"""

from django import template

from ..services import checkins

register = template.Library()


@register.simple_tag(takes_context=True)
def check_in_reminder(context):
    request = context.get("request")
    user = getattr(request, "user", None)
    return checkins.take_reminder(user) if user is not None and user.is_authenticated else None
