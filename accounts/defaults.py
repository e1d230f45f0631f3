"""One group per role, installed after every migrate (and test flush)."""

from .roles import Role


def install_role_groups(**kwargs) -> None:
    from django.contrib.auth.models import Group

    for role in Role:
        Group.objects.get_or_create(name=role.value)
