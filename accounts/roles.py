"""The roles people hold, modelled as Django groups.

Every active account is a member. The other roles are added on top: a peer
moderator is still a member, bound by the same rules. docs/roles.md has the
table of who may see and do what.
"""

from django.db import models


class Role(models.TextChoices):
    MODERATOR = "Peer moderators", "Peer moderator"
    SAFEGUARDING_LEAD = "Safeguarding leads", "Safeguarding lead"
    EVALUATOR = "Evaluators", "Evaluator"
    ADMINISTRATOR = "Administrators", "Administrator"


def roles_of(user) -> frozenset[str]:
    """The role group names a user holds, cached on the user object for the request."""
    if not user.is_authenticated:
        return frozenset()
    if not hasattr(user, "_role_names"):
        user._role_names = frozenset(user.groups.values_list("name", flat=True))
    return user._role_names


def has_role(user, role: Role) -> bool:
    if role == Role.ADMINISTRATOR and user.is_authenticated and user.is_superuser:
        return True
    return role.value in roles_of(user)
