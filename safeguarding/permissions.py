"""Who may see safeguarding cases: leads and administrators, and never a case about themselves.

As in moderation ("nobody decides an item about themselves"), a case about a lead
or an administrator goes to the others: the person it is about does not see it in
the dashboard, its list, the case page, the leads' socket or the alert emails,
and cannot act on it (services/alerts.py says who is alerted instead).
"""

from accounts.roles import Role, has_role


def can_work_on_cases(user) -> bool:
    return user.is_authenticated and (has_role(user, Role.SAFEGUARDING_LEAD) or has_role(user, Role.ADMINISTRATOR))


def can_work_on_case(user, case) -> bool:
    return can_work_on_cases(user) and case.member_id != user.pk


def cases_visible_to(user, cases):
    """The cases this viewer may see and work on: none for members, every one not about them for leads."""
    return cases.exclude(member_id=user.pk) if can_work_on_cases(user) else cases.none()
