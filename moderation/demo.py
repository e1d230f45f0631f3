"""Demo moderation for seed_demo: the demo peer moderator's training is confirmed by the demo lead, they moderate
every board and host the demo rooms that name them (community.demo.ROOMS), and a few watched words, one of each
action, added by them."""

from community.demo import ROOMS

from .models import ModeratorScope, WatchedWord
from .services import training

Action = WatchedWord.Action
DEMO_WATCHED_WORDS = (
    (
        "kys",
        Action.BLOCK,
        "We don't allow telling anyone to hurt themselves, even as a joke. Please change your words; they're kept.",
    ),
    ("crypto investment", Action.HOLD, ""),
    ("whatsapp me", Action.FLAG, ""),
)


def seed_moderation(people: dict, boards: dict, rooms: dict) -> None:
    """The demo moderator's training is confirmed; they moderate every board and host the rooms that say so."""
    moderator = people["moderator"]
    training.confirm_all(moderator, by=people["safeguarding"])
    for board in boards.values():
        ModeratorScope.objects.get_or_create(moderator=moderator, board=board)
    for spec in ROOMS:
        for handle in spec.hosts:
            ModeratorScope.objects.get_or_create(moderator=people[handle], room=rooms[spec.slug])


def seed_watched_words(people: dict) -> list[WatchedWord]:
    return [
        WatchedWord.objects.get_or_create(
            text=text, defaults={"action": action, "message": message, "added_by": people["moderator"]}
        )[0]
        for text, action, message in DEMO_WATCHED_WORDS
    ]
