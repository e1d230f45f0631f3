"""Tags for safeguarding's small includes, so other apps' templates include them without extra context."""

from django import template

from ..services import mood, team

register = template.Library()


@register.simple_tag(takes_context=True)
def check_in_due(context) -> bool:
    """Whether to show the signed-in member today's "How are you today?" question."""
    request = context.get("request")
    user = getattr(request, "user", None)
    return bool(user is not None and mood.is_due(user))


@register.simple_tag
def team_is_around() -> bool:
    return team.is_around()


@register.simple_tag
def team_usual_hours() -> str:
    return team.usual_hours()
