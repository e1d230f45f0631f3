"""Demo people for trying the community out: peers, and one of each team role."""

from allauth.account.models import EmailAddress

from community.services.rules import accept_rules, current_version

from .models import User
from .roles import Role
from .services import grant_role, update_about

DEMO_PASSWORD = "demo-pass-2468"

PEER_ABOUT = [
    "Living with anxiety for most of my life. I like walking, tea and bad puns.",
    "Carer for my mum. Here for a bit of headspace and company.",
    "Bipolar II, diagnosed last year. Still working out what helps.",
    "",
    "Lurker turned poster. Depression, on and off. Gardening keeps me going.",
    "Student, OCD. Trying to be kinder to myself.",
    "",
    "New here, finding my feet.",
]
TEAM = [
    ("moderator", Role.MODERATOR, "Peer moderator and member. Been where you are."),
    ("safeguarding", Role.SAFEGUARDING_LEAD, ""),
    ("evaluator", Role.EVALUATOR, ""),
    ("admin", Role.ADMINISTRATOR, ""),
]


def _person(handle: str, about: str) -> User:
    email = f"{handle}@example.org"
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(email=email, handle=handle, password=DEMO_PASSWORD)
    EmailAddress.objects.update_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
    accept_rules(user, current_version())
    if about and user.about != about:
        update_about(user, about)
    return user


def seed_people() -> dict[str, User]:
    people = {f"peer{n}": _person(f"peer{n}", about) for n, about in enumerate(PEER_ABOUT, start=1)}
    for handle, role, about in TEAM:
        people[handle] = _person(handle, about)
        grant_role(people[handle], role)
    admin = people["admin"]
    if not admin.is_superuser:
        admin.is_superuser = True
        admin.save(update_fields=["is_superuser"])
    return people
