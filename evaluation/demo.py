"""Demo wellbeing check-ins for seed_demo: six peers with a baseline and a one-month follow-up, one who skipped.

Enough pairs (five or more) for the dashboard's check-in tables to show the
count rather than "<5", though fewer than the ten a change figure needs, so the
demo shows "not enough pairs yet". The follow-ups are dated well before the end
of the last complete quarter, so they are counted. Idempotent: members who
already opted in are left alone.
"""

from datetime import timedelta

from django.utils import timezone

from .models import InstrumentItem
from .services import checkins

DAYS_AGO = 130  # follow-ups 100 days ago: before the last quarter's end, at most 92 days back
# (baseline, one month) per peer: life satisfaction, worthwhile, happiness, anxiety, then the three loneliness items.
ANSWERS = {
    "peer1": ((4, 5, 3, 8, 3, 3, 2), (5, 5, 5, 6, 2, 2, 2)),
    "peer2": ((6, 6, 5, 6, 2, 2, 2), (6, 7, 6, 5, 2, 1, 2)),
    "peer3": ((3, 4, 2, 9, 3, 3, 3), (4, 4, 4, 7, 3, 2, 2)),
    "peer4": ((5, 6, 6, 5, 2, 2, 1), (5, 6, 5, 6, 2, 2, 1)),
    "peer5": ((2, 3, 3, 8, 3, 3, 3), (4, 5, 4, 6, 2, 3, 2)),
    "peer6": ((7, 7, 6, 4, 1, 2, 1), (7, 8, 7, 4, 1, 1, 1)),
}
SKIPPED_BASELINE = "peer7"
KEYS = ("life_satisfaction", "worthwhile", "happiness", "anxiety", "lack_companionship", "left_out", "isolated")


def seed_check_ins(people: dict) -> None:
    items = {item.key: item.pk for item in InstrumentItem.objects.filter(key__in=KEYS)}
    joined = timezone.localdate() - timedelta(days=DAYS_AGO)
    for handle, waves in ANSWERS.items():
        if checkins.enrolment_of(people[handle]):
            continue
        checkins.opt_in(people[handle], today=joined)
        for wave_day, values in zip((0, 30), waves, strict=True):
            answers = {items[key]: value for key, value in zip(KEYS, values, strict=True)}
            checkins.answer(people[handle], wave_day, answers, today=joined + timedelta(days=wave_day))
    if not checkins.enrolment_of(people[SKIPPED_BASELINE]):
        checkins.opt_in(people[SKIPPED_BASELINE], today=joined)
        checkins.skip(people[SKIPPED_BASELINE], 0, today=joined)
