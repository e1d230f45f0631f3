"""Demo moderation for seed_demo: the demo peer moderator's training is confirmed by the demo lead, they moderate every
board, and a few watched words, one of each action, added by them."""

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


def seed_moderation(people: dict, boards: dict) -> None:
    moderator = people["moderator"]
    training.confirm_all(moderator, by=people["safeguarding"])
    for board in boards.values():
        ModeratorScope.objects.get_or_create(moderator=moderator, board=board)


def seed_watched_words(people: dict) -> list[WatchedWord]:
    return [
        WatchedWord.objects.get_or_create(
            text=text, defaults={"action": action, "message": message, "added_by": people["moderator"]}
        )[0]
        for text, action, message in DEMO_WATCHED_WORDS
    ]
