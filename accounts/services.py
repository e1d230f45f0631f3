"""Changes to accounts: profile text, age band, roles, data export and deletion."""

import secrets

from allauth.account.models import EmailAddress
from allauth.usersessions.models import UserSession
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from community.markup import MarkdownRefused, render_markdown, shown_text
from community.services.rules import check_house_rules_accepted
from config.text import clean_text
from evaluation.services import checkins
from safeguarding.services.escalation import screen

from .exports import export_settings
from .models import User
from .personal_data import exported_sections
from .roles import Role, roles_of


class ProfileError(Exception):
    """Profile text that cannot be saved, with a message for the member (who keeps their words)."""


def update_about(user: User, about: str) -> User:
    """Profile text is member writing other members read, so the house rules and Markdown's bounds apply.

    It is rendered before the transaction; a refusal leaves the saved profile as it was.
    """
    check_house_rules_accepted(user)
    about = clean_text(about).strip()
    try:
        about_html = render_markdown(about)
    except MarkdownRefused as refused:
        raise ProfileError(str(refused)) from None
    with transaction.atomic():
        user.about, user.about_html = about, about_html
        user.save(update_fields=["about", "about_html"])
        screen(user, user.about, "profile", user.pk, shown_as=shown_text(user.about))
    return user


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
    member"), and every session the member had is ended. Wellbeing check-in
    answers are deleted, as when the member withdraws from them.
    """
    checkins.withdraw(user)
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
