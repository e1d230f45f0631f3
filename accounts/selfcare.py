"""Self-care tools a member controls: muted words, blocking, taking a break.

None of these tell anyone anything: a blocked member is not told, and a member
on a break is simply not notified. They change only what the member sees and
hears.
"""

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from config.text import clean_text

from .models import Block, MutedWord, User

MAX_MUTED_WORDS = 50


class SelfCareError(Exception):
    """A self-care request that cannot be done, with a message for the member."""


def fold(text: str) -> str:
    """Case- and accent-insensitive form of text, for whole-word comparisons."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def mute_word(user: User, phrase: str) -> MutedWord:
    phrase = " ".join(clean_text(phrase).split())
    if not 2 <= len(phrase) <= 60:
        raise SelfCareError("A muted word or phrase needs 2 to 60 characters.")
    if user.muted_words.count() >= MAX_MUTED_WORDS:
        raise SelfCareError(f"You can mute up to {MAX_MUTED_WORDS} words. Remove one to add another.")
    muted, _ = MutedWord.objects.get_or_create(user=user, phrase=phrase)
    return muted


def unmute_word(user: User, muted_word_id: int) -> None:
    user.muted_words.filter(pk=muted_word_id).delete()


def block_member(blocker: User, blocked: User) -> Block:
    if blocker.pk == blocked.pk:
        raise SelfCareError("You can't block yourself.")
    block, _ = Block.objects.get_or_create(blocker=blocker, blocked=blocked)
    return block


def unblock_member(blocker: User, blocked: User) -> None:
    Block.objects.filter(blocker=blocker, blocked=blocked).delete()


def blocked_either_way(a_id: int, b_id: int) -> bool:
    return Block.objects.filter(Q(blocker_id=a_id, blocked_id=b_id) | Q(blocker_id=b_id, blocked_id=a_id)).exists()


@transaction.atomic
def take_break(user: User, until: datetime) -> User:
    if until <= timezone.now():
        raise SelfCareError("Please choose a time in the future for your break to end.")
    user.on_break_until = until
    user.save(update_fields=["on_break_until"])
    return user


def come_back(user: User) -> User:
    user.on_break_until = None
    user.save(update_fields=["on_break_until"])
    return user


@dataclass
class ReadingFilter:
    """What one reader has asked not to see, loaded once per page (two queries)."""

    blocked_ids: frozenset[int] = frozenset()
    muted: re.Pattern | None = None
    muted_phrases: list[str] = field(default_factory=list)

    @classmethod
    def for_reader(cls, reader) -> "ReadingFilter":
        if not reader.is_authenticated:
            return cls()
        pairs = Block.objects.filter(Q(blocker=reader) | Q(blocked=reader)).values_list("blocker_id", "blocked_id")
        blocked = {other for pair in pairs for other in pair if other != reader.pk}
        phrases = list(reader.muted_words.values_list("phrase", flat=True))
        pattern = None
        if phrases:
            alternatives = "|".join(re.escape(fold(phrase)) for phrase in sorted(phrases, key=len, reverse=True))
            pattern = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")
        return cls(blocked_ids=frozenset(blocked), muted=pattern, muted_phrases=phrases)

    def collapse_reason(self, author_id: int | None, text: str) -> str:
        """Why this reader sees a piece of writing collapsed, or "" to show it."""
        if author_id in self.blocked_ids:
            return "Hidden because you blocked this member, or they blocked you."
        if self.muted and self.muted.search(fold(text)):
            return "Collapsed because it contains a word you muted."
        return ""
