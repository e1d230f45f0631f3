"""Demo watched words for seed_demo: one of each action, added by the demo moderator."""

from .models import WatchedWord

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


def seed_watched_words(people: dict) -> list[WatchedWord]:
    return [
        WatchedWord.objects.get_or_create(
            text=text, defaults={"action": action, "message": message, "added_by": people["moderator"]}
        )[0]
        for text, action, message in DEMO_WATCHED_WORDS
    ]
