"""Changes to accounts: age band, roles, data export and deletion (profile text is community.services.profile)."""

import secrets

from allauth.account.models import EmailAddress
from allauth.usersessions.models import UserSession
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from .exports import export_settings
from .models import User
from .personal_data import exported_sections
from .roles import Role, roles_of
from .signals import deletion_requested


def grant_role(user: User, role: Role) -> None:
    group, _ = Group.objects.get_or_create(name=role.value)
    user.groups.add(group)
    user.__dict__.pop("_role_names", None)
    if role == Role.ADMINISTRATOR and not user.is_staff:
        user.is_staff = True
        user.save(update_fields=["is_staff"])


def set_age_band(user: User, age_band: str) -> User:
    user.age_band = age_band
    user.save(update_fields=["age_band"])
    return user


def age_bands() -> list[tuple[int, str]]:
    """(account id, age band) of every member who gave one, for research exports; nothing else about them."""
    return list(User.objects.exclude(age_band="").values_list("pk", "age_band"))


def export_account_data(user: User) -> dict:
    account = {
        "handle": user.handle,
        "email": user.email,
        "about": user.about,
        "joined": user.date_joined.isoformat(),
        "age_band": user.age_band,
        "roles": sorted(roles_of(user)),
        "email_addresses": list(EmailAddress.objects.filter(user=user).values("email", "verified", "primary")),
        "settings": export_settings(user),
    }
    return {"account": account, **exported_sections(user)}


@transaction.atomic
def delete_account(user: User) -> None:
    """Remove everything that identifies the member; their posts stay as "Former member".

    The row is kept, anonymised in place, so conversations keep their shape. The
    handle becomes a random one that is never shown (public_name says "Former
    member"), and every session the member had is ended. First the apps above
    delete what must not outlive the account (accounts.signals.deletion_requested:
    the evaluation deletes the wellbeing check-in answers, as when a member withdraws).
    """
    deletion_requested.send(sender=User, user=user)
    for session in UserSession.objects.filter(user=user):
        session.end()
    EmailAddress.objects.filter(user=user).delete()
    user.groups.clear()
    user.handle = f"former-{secrets.token_hex(8)}"
    user.email = None
    user.about = ""
    user.about_html = ""
    user.age_band = ""
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    user.deleted_at = timezone.now()
    user.set_unusable_password()
    user.save()
