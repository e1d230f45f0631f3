"""Wellbeing check-ins: opting in, answering or skipping each wave, one reminder, withdrawing.

A member opts in explicitly (CheckInEnrolment keeps the consent text they agreed
to). Waves open on the study's days after opting in (baseline on the day itself)
and stay open for its window. Each wave is answered or skipped at most once; a
skipped wave keeps no answers. The home page shows one reminder per wave, the
first time the member comes home while it is open, and never again.
Withdrawing, or deleting the account, deletes the enrolment and every answer.

Answers are tied to the member only so that baseline and follow-up can be paired
and the member can download or delete them; evaluators see only the suppressed
aggregates in evaluation/checkin_analysis.py.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone

from ..defaults import STUDY_SLUG
from ..models import CheckIn, CheckInAnswer, CheckInEnrolment, CheckInStudy, Instrument
from ..periods import Period

State = CheckIn.State


class CheckInError(Exception):
    """A request that cannot be taken, with a message for the member."""


@dataclass
class Wave:
    day: int
    opens: date
    closes: date  # the first day it is no longer open
    state: str  # answered | skipped | due | upcoming | missed

    @property
    def label(self) -> str:
        return wave_label(self.day)


def wave_label(day: int) -> str:
    if day == 0:
        return "First check-in"
    months = max(round(day / 30), 1)
    return f"Check-in at about {months} month{'s' if months > 1 else ''}"


def study() -> CheckInStudy:
    return CheckInStudy.objects.get(slug=STUDY_SLUG)


def enrolment_of(member) -> CheckInEnrolment | None:
    if not member.is_authenticated:
        return None
    return CheckInEnrolment.objects.filter(member=member).select_related("study").first()


def questions() -> list[tuple[Instrument, list]]:
    """The active instruments with their items, in the order members see them."""
    instruments = Instrument.objects.filter(active=True).prefetch_related("items")
    return [(instrument, list(instrument.items.all())) for instrument in instruments]


@transaction.atomic
def opt_in(member, today: date | None = None) -> CheckInEnrolment:
    """Record the member's consent; the baseline check-in is due at once. Opting in twice changes nothing."""
    current = study()
    enrolment, _created = CheckInEnrolment.objects.get_or_create(
        member=member,
        defaults={
            "study": current,
            "consented_on": today or timezone.localdate(),
            "consent_text": current.consent_text,
        },
    )
    return enrolment


def waves(enrolment: CheckInEnrolment, today: date | None = None) -> list[Wave]:
    done = dict(enrolment.waves.exclude(state=State.OPEN).values_list("wave_day", "state"))
    return schedule(enrolment.study, enrolment.consented_on, done, today or timezone.localdate())


def schedule(study: CheckInStudy, consented_on: date, done: dict[int, str], today: date) -> list[Wave]:
    """Every wave of the study for someone who opted in on consented_on; done maps wave day to answered or skipped."""
    found = []
    for day in sorted(study.wave_days):
        opens = consented_on + timedelta(days=day)
        closes = opens + timedelta(days=study.window_days)
        if day in done:
            state = done[day]
        elif today < opens:
            state = "upcoming"
        elif today < closes:
            state = "due"
        else:
            state = "missed"
        found.append(Wave(day, opens, closes, state))
    return found


def due_wave(member, today: date | None = None) -> Wave | None:
    """The earliest open wave the member has neither answered nor skipped, if any."""
    enrolment = enrolment_of(member)
    return _due(enrolment, today) if enrolment else None


def _due(enrolment: CheckInEnrolment, today: date | None) -> Wave | None:
    return next((wave for wave in waves(enrolment, today) if wave.state == "due"), None)


def _open_check_in(member, wave_day: int, today: date | None) -> CheckIn:
    wave = due_wave(member, today)
    if wave is None or wave.day != wave_day:
        raise CheckInError("This check-in isn't open at the moment.")
    check_in, _ = CheckIn.objects.select_for_update().get_or_create(enrolment=enrolment_of(member), wave_day=wave_day)
    if check_in.state != State.OPEN:
        raise CheckInError("You've already done this check-in. Thank you.")
    return check_in


@transaction.atomic
def answer(member, wave_day: int, values: dict[int, int], today: date | None = None) -> CheckIn:
    """Save a wave's answers (item id to value). Any question may be left out, but not all of them."""
    check_in = _open_check_in(member, wave_day, today)
    items = {item.pk: item for _instrument, items in questions() for item in items}
    answers = []
    for item_id, value in values.items():
        item = items.get(item_id)
        if item is None or value not in item.values():
            raise CheckInError("One of the answers wasn't one of the choices. Please try again.")
        answers.append(CheckInAnswer(check_in=check_in, item=item, value=value))
    if not answers:
        raise CheckInError("Please answer at least one question, or skip this check-in.")
    CheckInAnswer.objects.bulk_create(answers)
    _finish(check_in, State.ANSWERED, today)
    return check_in


@transaction.atomic
def skip(member, wave_day: int, today: date | None = None) -> CheckIn:
    """Record the wave as skipped: no answers are kept, and it is not asked again."""
    check_in = _open_check_in(member, wave_day, today)
    _finish(check_in, State.SKIPPED, today)
    return check_in


def _finish(check_in: CheckIn, state: str, today: date | None) -> None:
    """Record the outcome; completed_at is now, or the start of today when a day is given (tests, demo data)."""
    check_in.state = state
    check_in.completed_at = timezone.now() if today is None else Period(today, today).start()
    check_in.save(update_fields=["state", "completed_at"])


def take_reminder(member, today: date | None = None) -> Wave | None:
    """The wave to remind the member of, once: recorded as reminded, so it is never shown again."""
    enrolment = enrolment_of(member)
    wave = _due(enrolment, today) if enrolment else None
    if wave is None:
        return None
    check_in, _ = CheckIn.objects.get_or_create(enrolment=enrolment, wave_day=wave.day)
    first_time = CheckIn.objects.filter(pk=check_in.pk, reminded_at__isnull=True).update(reminded_at=timezone.now())
    return wave if first_time else None


@transaction.atomic
def withdraw(member) -> int:
    """Stop the check-ins and delete every answer the member gave; returns how many answers were deleted."""
    enrolment = enrolment_of(member)
    if enrolment is None:
        return 0
    deleted = CheckInAnswer.objects.filter(check_in__enrolment=enrolment).delete()[0]
    enrolment.delete()
    return deleted


def export_answers(member) -> dict | None:
    """The member's own consent and answers, for their data download."""
    enrolment = enrolment_of(member)
    if enrolment is None:
        return None
    in_question_order = CheckInAnswer.objects.select_related("item__instrument").order_by(
        "item__instrument__order", "item__order"
    )
    check_ins = enrolment.waves.exclude(state=State.OPEN).prefetch_related(Prefetch("answers", in_question_order))
    return {
        "consented_on": enrolment.consented_on.isoformat(),
        "consent_text": enrolment.consent_text,
        "check_ins": [
            {
                "wave": wave_label(check_in.wave_day),
                "state": check_in.state,
                "completed_at": check_in.completed_at.isoformat() if check_in.completed_at else None,
                "answers": [
                    {
                        "questionnaire": answer.item.instrument.name,
                        "question": answer.item.text,
                        "answer": dict(answer.item.options).get(answer.value, str(answer.value)),
                        "value": answer.value,
                    }
                    for answer in check_in.answers.all()
                ],
            }
            for check_in in check_ins.order_by("wave_day")
        ],
    }
