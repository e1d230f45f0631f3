"""The opt-in daily "How are you today?" check-in.

A member chooses to be asked. Each answer is kept only as an anonymous count
(MoodCheckIn: colour and date, no member); the member's own row says only
whether to ask and the day they last answered, so the question shows at most
once a day. Red offers someone from the team: saying yes opens a high case.
"""

from django.db import transaction
from django.utils import timezone

from ..matching import Assessment, Level
from ..models import Case, MoodCheckIn, MoodCheckInChoice
from . import escalation

Colour = MoodCheckIn.Colour
SOURCE = "mood check-in"
ASKED_FOR_CONTACT = (
    "At their daily check-in the member said they are really struggling and would like the team to check in."
)


class CheckInError(Exception):
    """An answer that cannot be taken, with a message for the member."""


def _choice(member) -> MoodCheckInChoice | None:
    return MoodCheckInChoice.objects.filter(member=member).first()


def is_opted_in(member) -> bool:
    choice = _choice(member)
    return bool(choice and choice.opted_in)


def set_opted_in(member, opted_in: bool) -> MoodCheckInChoice:
    choice, _ = MoodCheckInChoice.objects.update_or_create(member=member, defaults={"opted_in": opted_in})
    return choice


def is_due(member) -> bool:
    """Opted in, and not yet answered today."""
    if not member.is_authenticated:
        return False
    choice = _choice(member)
    return bool(choice and choice.opted_in and choice.last_answered_on != timezone.localdate())


@transaction.atomic
def answer(member, colour: str) -> str:
    """Count today's answer once; returns the colour, so the page can respond to it."""
    if colour not in Colour.values:
        raise CheckInError("Please choose green, amber or red.")
    choice = MoodCheckInChoice.objects.select_for_update().filter(member=member, opted_in=True).first()
    if choice is None:
        raise CheckInError("Please turn on the daily check-in first.")
    today = timezone.localdate()
    if choice.last_answered_on == today:
        raise CheckInError("You've already checked in today. Thank you.")
    choice.last_answered_on = today
    choice.save(update_fields=["last_answered_on"])
    MoodCheckIn.objects.create(colour=colour, answered_on=today)
    return colour


def ask_for_contact(member) -> Case:
    """The member answered red and would like someone from the team to check in: a high case."""
    if not is_opted_in(member):
        raise CheckInError("Please turn on the daily check-in first.")
    with transaction.atomic():
        return escalation.escalate(member, ASKED_FOR_CONTACT, Assessment(Level.HIGH, (), ()), source=SOURCE)


def counts(since=None) -> dict[str, int]:
    """Answers per colour, for evaluation."""
    rows = MoodCheckIn.objects.all()
    if since:
        rows = rows.filter(answered_on__gte=since)
    found = dict.fromkeys(Colour.values, 0)
    for colour in rows.values_list("colour", flat=True):
        found[colour] += 1
    return found
