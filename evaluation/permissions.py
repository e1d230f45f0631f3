"""Who may see the anonymous metrics: evaluators and administrators only (docs/roles.md)."""

from django.http import Http404

from accounts.roles import Role, has_role


def can_see_metrics(user) -> bool:
    return user.is_authenticated and (has_role(user, Role.EVALUATOR) or has_role(user, Role.ADMINISTRATOR))


def require_metrics_access(request) -> None:
    """Refuse everyone else with a 404, as if the evaluation pages did not exist."""
    if not can_see_metrics(request.user):
        raise Http404("No such page.")
