"""{% load evaluation %}{% if user|can_see_metrics %}: for the "Evaluation" link in the site's navigation."""

from django import template

from ..permissions import can_see_metrics as _can_see_metrics

register = template.Library()


@register.filter
def can_see_metrics(user) -> bool:
    return _can_see_metrics(user)
