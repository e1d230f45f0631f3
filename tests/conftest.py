"""Fixtures every test can use: members in each role, signed in or not."""

import itertools

import pytest
from allauth.account.models import EmailAddress
from django.core.cache import cache
from django.test import Client

from accounts.models import User
from accounts.roles import Role
from accounts.services import grant_role
from community.models import Board
from community.services import forum
from community.services.rules import accept_rules, current_version
from moderation.models import ModeratorScope
from moderation.services import training

_numbers = itertools.count(1)


@pytest.fixture(autouse=True)
def empty_cache():
    """Rate limits and cooldowns live in the cache; no test inherits another's."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def make_member(db):
    """make_member(handle=None, roles=(), accepted_rules=True) -> a verified, active member."""

    def make(handle: str | None = None, roles: tuple[Role, ...] = (), accepted_rules: bool = True) -> User:
        handle = handle or f"member{next(_numbers)}"
        user = User.objects.create_user(email=f"{handle}@example.org", handle=handle, password="a-long-test-password")
        EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
        for role in roles:
            grant_role(user, role)
        if accepted_rules and current_version():
            accept_rules(user, current_version())
        return user

    return make


@pytest.fixture
def member(make_member) -> User:
    return make_member("robin")


@pytest.fixture
def other_member(make_member) -> User:
    return make_member("sky")


@pytest.fixture
def lead(make_member) -> User:
    return make_member("lead", roles=(Role.SAFEGUARDING_LEAD,))


@pytest.fixture
def moderator(make_member, admin_user) -> User:
    """A peer moderator whose training the administrator confirmed (tests of untrained moderators make their own)."""
    user = make_member("kindmod", roles=(Role.MODERATOR,))
    training.confirm_all(user, by=admin_user)
    return user


@pytest.fixture
def make_host(make_member, admin_user):
    """make_host(room, handle="hostly", user=None) -> a trained peer moderator given the room as a scope: its host."""

    def make(room, handle: str = "hostly", user: User | None = None) -> User:
        user = user or make_member(handle, roles=(Role.MODERATOR,))
        training.confirm_all(user, by=admin_user)
        ModeratorScope.objects.create(moderator=user, room=room)
        return user

    return make


@pytest.fixture
def client_for():
    """client_for(user) -> a test Client signed in as that user."""

    def sign_in(user: User) -> Client:
        client = Client()
        client.force_login(user)
        return client

    return sign_in


@pytest.fixture
def admin_user(make_member) -> User:
    """An administrator (replaces pytest-django's, which knows nothing of handles)."""
    user = make_member("siteadmin", roles=(Role.ADMINISTRATOR,))
    user.is_superuser = True
    user.save(update_fields=["is_superuser"])
    return user


@pytest.fixture
def board(db) -> Board:
    return Board.objects.create(title="Anxiety", slug="anxiety", description="Living with anxiety.")


@pytest.fixture
def thread(board, other_member):
    """A conversation started by other_member (sky), for member (robin) to join."""
    return forum.start_thread(other_member, board, "Panic on the bus", "It happened again today.")
