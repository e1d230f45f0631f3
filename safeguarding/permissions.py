"""Who may see safeguarding cases: leads and administrators only."""

from accounts.roles import Role, has_role


def can_work_on_cases(user) -> bool:
    return user.is_authenticated and (has_role(user, Role.SAFEGUARDING_LEAD) or has_role(user, Role.ADMINISTRATOR))
