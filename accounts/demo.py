"""Demo people for trying the community out: peers, and one of each team role.

Their profile texts and house-rules acceptance are community.demo.seed_profiles."""

from allauth.account.models import EmailAddress

from .models import User
from .roles import Role
from .services import grant_role

DEMO_PASSWORD = "demo-pass-2468"

PEERS = 8
TEAM = [
    ("moderator", Role.MODERATOR),
    ("safeguarding", Role.SAFEGUARDING_LEAD),
    ("evaluator", Role.EVALUATOR),
    ("admin", Role.ADMINISTRATOR),
]


def _person(handle: str) -> User:
    email = f"{handle}@example.org"
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(email=email, handle=handle, password=DEMO_PASSWORD)
    EmailAddress.objects.update_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
    return user


def seed_people() -> dict[str, User]:
    people = {f"peer{n}": _person(f"peer{n}") for n in range(1, PEERS + 1)}
    for handle, role in TEAM:
        people[handle] = _person(handle)
        grant_role(people[handle], role)
    admin = people["admin"]
    if not admin.is_superuser:
        admin.is_superuser = True
        admin.save(update_fields=["is_superuser"])
    return people
