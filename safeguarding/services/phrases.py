"""Safeguarding leads' own tools for the risk phrase list: list, add, switch off and on, try.

Every change goes through risk.record_list_change() in the same transaction,
which refuses a list that cannot compile; the change is then rolled back and
the lead told why, so a bad phrase never reaches the matcher. Each change is a
RiskListVersion row saying who, when and what.
"""

import contextlib

from django.db import IntegrityError, transaction

from config.text import clean_text

from ..matching import Assessment, Category, Level
from ..models import RiskListVersion, RiskPhrase
from . import risk
from .cases import CaseError, check_lead

TRY_LIMIT = 5000  # characters of pasted text the "try it" box assesses


class PhraseError(Exception):
    """A change to the list that cannot be made, with a message for the lead."""


def _check_lead(user) -> None:
    try:
        check_lead(user)
    except CaseError as refusal:
        raise PhraseError(str(refusal)) from None


def list_phrases(category: str = "", level: str = "", query: str = "", exceptions: bool = False):
    """Phrases (or exceptions) filtered by category, level label and words they contain."""
    rows = RiskPhrase.objects.filter(is_exception=exceptions)
    if category in Category._value2member_map_:
        rows = rows.filter(category=category)
    if level:
        with contextlib.suppress(ValueError):
            rows = rows.filter(level=Level.from_label(level))
    if query.strip():
        rows = rows.filter(text__icontains=query.strip())
    return rows.order_by("-active", "-level", "text")


def add_phrase(lead, text: str, level: str = "high", category: str = "", is_exception: bool = False) -> RiskPhrase:
    """Add a risk phrase (level and category required) or an exception (neither used)."""
    _check_lead(lead)
    text = " ".join(clean_text(text).split())
    if not text:
        raise PhraseError("Please write the phrase.")
    if len(text) > RiskPhrase._meta.get_field("text").max_length:
        raise PhraseError("Please keep a phrase to 120 characters or fewer.")
    if is_exception:
        parsed_level, category = Level.HIGH, ""
    else:
        try:
            parsed_level = Level.from_label(level)
        except ValueError:
            parsed_level = Level.NONE
        if parsed_level is Level.NONE:
            raise PhraseError("Please choose a level: low, medium, high or crisis.")
        if category not in Category._value2member_map_:
            raise PhraseError("Please choose a category.")
    kind = "exception" if is_exception else f"{parsed_level.label} {category.replace('_', ' ')} phrase"
    try:
        with transaction.atomic():
            phrase = RiskPhrase.objects.create(
                text=text, is_exception=is_exception, level=parsed_level, category=category
            )
            risk.record_list_change(lead, f"Added {kind} “{text}”")
    except IntegrityError:
        raise PhraseError(f"“{text}” is already on the list. Reactivate it there if it is switched off.") from None
    except ValueError as problem:
        raise PhraseError(f"That change was not saved: {problem}") from None
    return phrase


def set_active(lead, phrase_id: int, active: bool) -> RiskPhrase:
    """Switch a phrase or exception off (kept, for history) or back on."""
    _check_lead(lead)
    try:
        with transaction.atomic():
            phrase = RiskPhrase.objects.select_for_update().get(pk=phrase_id)
            if phrase.active == active:
                return phrase
            phrase.active = active
            phrase.save(update_fields=["active", "updated_at"])
            kind = "exception" if phrase.is_exception else "phrase"
            risk.record_list_change(lead, f"{'Reactivated' if active else 'Deactivated'} {kind} “{phrase.text}”")
    except RiskPhrase.DoesNotExist:
        raise PhraseError("That phrase is no longer on the list.") from None
    except ValueError as problem:
        raise PhraseError(f"That change was not saved: {problem}") from None
    return phrase


def history():
    return RiskListVersion.objects.select_related("changed_by").order_by("-pk")


def try_text(text: str) -> Assessment:
    """What the current list makes of text, as screening would see it (nothing is recorded)."""
    return risk.assess(text[:TRY_LIMIT])
