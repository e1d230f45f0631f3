"""Who may see the anonymous metrics: evaluators and administrators only (docs/roles.md)."""

from accounts.roles import Role, has_role


def can_see_metrics(user) -> bool:
    return user.is_authenticated and (has_role(user, Role.EVALUATOR) or has_role(user, Role.ADMINISTRATOR))
