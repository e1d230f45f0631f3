"""Demo moderation team: the demo peer moderator has finished training and moderates every board."""

from .models import ModeratorScope
from .services import training


def seed_moderation(people: dict, boards: dict) -> None:
    moderator = people["moderator"]
    training.confirm_all(moderator)
    for board in boards.values():
        ModeratorScope.objects.get_or_create(moderator=moderator, board=board)
