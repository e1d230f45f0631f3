"""Watched words: moderators' list of words and phrases, and what happens to writing that contains one.

Each entry has an action: block (the writing is refused with the entry's
message, and the writer keeps their words), hold (a forum post waits for a
moderator) or flag (it is published and goes to the queue). Matching is
safeguarding's engine (safeguarding.matching.Matcher): whole words only, case,
accents, look-alike letters and punctuation folded, so "class" never matches
"ass" and "Café" matches "cafe". No gap words: a phrase's words must be adjacent.

Risk comes first: writing that safeguarding's risk list rates medium or above
for the writer themselves (anything but harm to others) is never refused by a
block word, or it would never be screened and nobody
would hear of it. It is held for a moderator instead (a chat message, which
cannot wait, is sent), so it is saved and screened like any other writing.

Like the risk list, the compiled matcher is kept per process and rebuilt when
the list changes: each process compares a version (from the shared cache,
falling back to the table) with the one it built from. A change clears the
cached version after commit, so every process rebuilds within VERSION_TTL.
"""

import threading
from dataclasses import dataclass
from functools import lru_cache

from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import Count, Max

from config.text import clean_text
from safeguarding.matching import Category, Level, Matcher, normalise
from safeguarding.services import risk

from .. import permissions as perms
from ..models import WatchedWord
from . import audit

Action = WatchedWord.Action
VERSION_KEY = "moderation:watched-words-version"
VERSION_TTL = 30
DEFAULT_BLOCK_MESSAGE = (
    "That includes words we don't allow here. Please change them and try again; your words are kept."
)
# Which action wins when a text has several watched words: the strictest.
SEVERITY = {Action.FLAG: Level.LOW, Action.HOLD: Level.MEDIUM, Action.BLOCK: Level.HIGH}

_built: dict = {"version": None, "matcher": None}
_lock = threading.Lock()


class WatchedWordError(Exception):
    """A change to the list that cannot be made, with a message for the moderator."""


@dataclass(frozen=True)
class WatchedPhrase:
    """What the matcher reports for a watched word: its text, its action (as category) and message."""

    phrase: str
    level: Level
    category: str
    message: str = ""

    @classmethod
    def from_entry(cls, entry: tuple[str, str, str]) -> "WatchedPhrase":
        text, action, message = entry
        if not normalise(text).text.split():
            raise ValueError(f"“{text}” has no letters or digits to match.")
        return cls(text, SEVERITY[action], action, message)


@dataclass(frozen=True)
class Found:
    """The strictest watched word in some writing."""

    phrase: str
    action: str
    message: str


# Matching ---------------------------------------------------------------------------


def find(*texts: str) -> Found | None:
    """The strictest watched word in any of the texts (a title, a content warning, a body), or None."""
    matcher, phrases = current_matcher()
    if not phrases:
        return None
    matches = [match for text in texts if text for match in matcher.assess(text).matches]
    if not matches:
        return None
    strictest = max(matches, key=lambda match: match.level)
    entry = phrases[strictest.phrase]
    action = entry.category
    if action == Action.BLOCK and _shows_risk(texts):
        action = Action.HOLD
    return Found(entry.phrase, action, entry.message or DEFAULT_BLOCK_MESSAGE)


def _shows_risk(texts) -> bool:
    """Risk to the writer themselves, at medium or above. Telling someone else to harm themselves ("kys")
    is what block words are for, so harm to others doesn't lift a block."""
    return any(
        match.level >= Level.MEDIUM and match.category != Category.HARM_TO_OTHERS
        for text in texts
        if text
        for match in risk.assess(text).matches
    )


def blocking_message(text: str) -> str:
    """The message to refuse text with, if it has a blocked word; "" otherwise. For chat, which only blocks."""
    found = find(text)
    return found.message if found is not None and found.action == Action.BLOCK else ""


def current_matcher() -> tuple[Matcher, dict[str, WatchedPhrase]]:
    version = _list_version()
    if _built["version"] != version:
        with _lock:
            if _built["version"] != version:
                _built["matcher"], _built["version"] = _build(), version
    return _built["matcher"]


def _build() -> tuple[Matcher, dict[str, WatchedPhrase]]:
    return _matcher_for(tuple(WatchedWord.objects.order_by("pk").values_list("text", "action", "message")))


@lru_cache(maxsize=4)
def _matcher_for(rows: tuple) -> tuple[Matcher, dict[str, WatchedPhrase]]:
    phrases = {text: WatchedPhrase.from_entry((text, action, message)) for text, action, message in rows}
    return Matcher(rows, phrase_from_entry=WatchedPhrase.from_entry), phrases


def _reads_as(one: str, other: str) -> bool:
    """Whether two entries are the same words once case, accents and punctuation are folded."""
    return normalise(one).text.split() == normalise(other).text.split()


def _list_version() -> str:
    version = cache.get(VERSION_KEY)
    if version is None:
        stats = WatchedWord.objects.aggregate(count=Count("pk"), newest=Max("pk"), latest=Max("added_at"))
        version = f"{stats['count']}:{stats['newest']}:{stats['latest']}"
        cache.set(VERSION_KEY, version, VERSION_TTL)
    return version


def _list_changed() -> None:
    _build()  # refuse a list that cannot compile, before anyone relies on it
    transaction.on_commit(lambda: cache.delete(VERSION_KEY))


# Managing the list ------------------------------------------------------------------


def _check_manager(user) -> None:
    if not perms.can_manage_watched_words(user):
        raise WatchedWordError("Only moderators and administrators can change the watched words.")


def list_words():
    return WatchedWord.objects.select_related("added_by")


def add_word(by, text: str, action: str, message: str = "") -> WatchedWord:
    _check_manager(by)
    text, message = " ".join(clean_text(text).split()), " ".join(clean_text(message).split())
    if not text:
        raise WatchedWordError("Please write the word or phrase.")
    if len(text) > WatchedWord._meta.get_field("text").max_length:
        raise WatchedWordError("Please keep a word or phrase to 120 characters or fewer.")
    if action not in Action.values:
        raise WatchedWordError("Please choose what should happen: block, hold or flag.")
    if len(message) > WatchedWord._meta.get_field("message").max_length:
        raise WatchedWordError("Please keep the message to 300 characters or fewer.")
    same = next((word for word in WatchedWord.objects.values_list("text", flat=True) if _reads_as(word, text)), None)
    if same is not None:
        raise WatchedWordError(f"“{text}” reads the same as “{same}”, which is already on the list.")
    try:
        with transaction.atomic():
            word = WatchedWord.objects.create(text=text, action=action, message=message, added_by=by)
            _list_changed()
            audit.log(
                "watched_word_added",
                by=by,
                target_type="watched_word",
                target_id=word.pk,
                reason=f"“{text}”: {Action(action).label}",
            )
    except IntegrityError:
        raise WatchedWordError(f"“{text}” is already on the list.") from None
    except ValueError as problem:
        raise WatchedWordError(f"That was not saved: {problem}") from None
    return word


@transaction.atomic
def remove_word(by, word_id: int) -> None:
    _check_manager(by)
    word = WatchedWord.objects.select_for_update().filter(pk=word_id).first()
    if word is None:
        raise WatchedWordError("That word is no longer on the list.")
    summary = f"“{word.text}”: {word.get_action_display()}"
    word.delete()
    _list_changed()
    audit.log("watched_word_removed", by=by, target_type="watched_word", target_id=word_id, reason=summary)
