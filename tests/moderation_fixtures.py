"""Shared fixtures for the moderation tests: a reported post, and moderators in each scope."""

import pytest

from accounts.roles import Role
from community.models import Board
from moderation.models import ModeratorScope
from moderation.services import training


@pytest.fixture
def scoped_moderator(moderator, board):
    ModeratorScope.objects.create(moderator=moderator, board=board)
    return moderator


@pytest.fixture
def outside_moderator(make_member, admin_user):
    other_board = Board.objects.create(title="Sleep", slug="sleep", description="Sleep.")
    user = make_member("elsewhere", roles=(Role.MODERATOR,))
    training.confirm_all(user, by=admin_user)
    ModeratorScope.objects.create(moderator=user, board=other_board)
    return user


@pytest.fixture
def untrained_moderator(make_member, board):
    """Promoted to the board, training not yet confirmed."""
    user = make_member("newmod", roles=(Role.MODERATOR,))
    ModeratorScope.objects.create(moderator=user, board=board)
    return user
