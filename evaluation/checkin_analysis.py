"""The wellbeing check-ins on the evaluator dashboard: paired change per instrument score, and completion by wave.

Read-only, numbers only. Each member's scores at baseline and at their latest
answered follow-up are paired (follow-up minus baseline); per score the page
shows how many members have a pair, the mean change and its 95% confidence
interval (evaluation/scoring.py). Counts go through evaluation/suppression.py:
fewer than five pairs shows "<5" and hides the mean and interval that depend on
them. Member keys and enrolment ids are used here only to pair answers and
never leave this module.

Change figures must not give away one member's change when the page is compared
over time ((n+1)·m2 - n·m1). So they are taken as of a fixed cut-off, the end of
the last complete calendar quarter (they move once a quarter, not daily), need
EVALUATION_CHANGE_MIN_PAIRS pairs, and means and intervals are rounded to one
decimal place before they leave this module. Completion counts per wave add up
to the members taking part (not yet due or still open is a column of its own),
so they are suppressed as groups.
"""

import csv
import io
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.utils import timezone

from . import periods, scoring, suppression
from .models import CheckIn, CheckInAnswer, CheckInEnrolment, CheckInStudy, Instrument
from .services.checkins import questions, schedule, study
from .suppression import Figure, Report, Section

BASELINE = 0
WAVE_OUTCOMES = ("answered", "skipped", "missed", "not_yet")
NOT_YET = ("due", "upcoming")  # schedule states of a wave still open or still to come
COMPLETION, COMPLETION_TOTAL = "completion", "members:taking_part"
CHANGE_PARTS = ("pairs", "mean", "low", "high")
CSV_COLUMNS = ["section", "score", "label", "figure", "value"]
CSV_PARTS = {"pairs": "members_with_both", "mean": "mean_change", "low": "ci95_low", "high": "ci95_high"}
CHANGE_DECIMALS = 1
NOT_ENOUGH_PAIRS = "not enough pairs yet"


def change_min_pairs() -> int:
    return int(getattr(settings, "EVALUATION_CHANGE_MIN_PAIRS", 10))


def changes_as_of(today: date) -> date:
    """The last day of the last complete calendar quarter: change figures count follow-ups answered by then."""
    return periods.containing("quarter", today).first - timedelta(days=1)


@dataclass
class ChangeRow:
    label: str
    pairs: str
    mean: str
    interval: str


@dataclass
class InstrumentTable:
    key: str
    name: str
    note: str
    rows: list[ChangeRow]


@dataclass
class WaveRow:
    label: str
    answered: str
    skipped: str
    missed: str
    not_yet: str


def scores_by_member(instrument: Instrument, items: list, as_of: date) -> dict[int, dict[int, dict[str, float | None]]]:
    """enrolment id -> wave day -> score key -> score, from check-ins answered on or before as_of."""
    answers = defaultdict(dict)
    rows = CheckInAnswer.objects.filter(
        item__in=items, check_in__state=CheckIn.State.ANSWERED, check_in__completed_at__date__lte=as_of
    ).values_list("check_in__enrolment_id", "check_in__wave_day", "item__key", "value")
    for enrolment_id, wave_day, key, value in rows:
        answers[(enrolment_id, wave_day)][key] = value
    found = defaultdict(dict)
    for (enrolment_id, wave_day), values in answers.items():
        found[enrolment_id][wave_day] = scoring.scores(instrument, items, values)
    return found


def baseline_and_latest(per_wave: dict[int, dict[str, float | None]], key: str) -> tuple[float, float] | None:
    """(baseline, latest follow-up) for one score, or None without both."""
    scored = {day: scores[key] for day, scores in per_wave.items() if scores.get(key) is not None}
    follow_ups = [day for day in scored if day != BASELINE]
    if BASELINE not in scored or not follow_ups:
        return None
    return scored[BASELINE], scored[max(follow_ups)]


def _score_label(instrument: Instrument, items: list, key: str) -> str:
    if key == scoring.TOTAL:
        low, high = scoring.score_range(instrument, items)
        label = f"Total score ({low} to {high})"
        lower_is_better = instrument.lower_is_better
    else:
        item = next(item for item in items if item.key == key)
        label, lower_is_better = item.text, item.lower_is_better
    if not instrument.wellbeing_measure:
        return label
    return f"{label} ({'lower' if lower_is_better else 'higher'} is better)"


def _published(change: scoring.Change) -> scoring.Change:
    """The change as it may be shown: nothing below the minimum of pairs, otherwise rounded to one decimal place."""
    if change.pairs < change_min_pairs():
        return scoring.Change(change.pairs, None, None, None)
    return scoring.Change(
        change.pairs,
        *(None if value is None else round(value, CHANGE_DECIMALS) for value in (change.mean, change.low, change.high)),
    )


def change_sections(instruments: list[tuple[Instrument, list]], as_of: date) -> list[Section]:
    """One section per instrument; per score the pairs (a count) and the mean change and interval that depend on it."""
    sections = []
    for instrument, items in instruments:
        by_member = scores_by_member(instrument, items, as_of)
        figures = []
        for key in scoring.score_keys(instrument, items):
            pairs = [pair for per_wave in by_member.values() if (pair := baseline_and_latest(per_wave, key))]
            change = _published(scoring.paired_change(pairs))
            name, depends = f"{instrument.slug}:{key}", (f"{instrument.slug}:{key}:pairs",)
            label = _score_label(instrument, items, key)
            figures += [
                Figure(f"{name}:pairs", label, change.pairs),
                Figure(f"{name}:mean", label, change.mean, kind="change", depends_on=depends),
                Figure(f"{name}:low", label, change.low, kind="change", depends_on=depends),
                Figure(f"{name}:high", label, change.high, kind="change", depends_on=depends),
            ]
        sections.append(Section(instrument.slug, instrument.name, figures))
    return sections


def completion(current: CheckInStudy, today: date) -> tuple[int, dict[int, dict[str, int]]]:
    """Members taking part, and per wave how many answered, skipped, missed it (its window closed) or not yet.

    Each wave's four counts add up to the members taking part.
    """
    done = defaultdict(dict)
    for enrolment_id, wave_day, state in CheckIn.objects.exclude(state=CheckIn.State.OPEN).values_list(
        "enrolment_id", "wave_day", "state"
    ):
        done[enrolment_id][wave_day] = state
    counts = {day: dict.fromkeys(WAVE_OUTCOMES, 0) for day in current.wave_days}
    enrolments = CheckInEnrolment.objects.filter(study=current).values_list("pk", "consented_on")
    for enrolment_id, consented_on in enrolments:
        for wave in schedule(current, consented_on, done[enrolment_id], today):
            counts[wave.day]["not_yet" if wave.state in NOT_YET else wave.state] += 1
    return len(enrolments), counts


def _wave_name(day: int) -> str:
    return "Baseline (day 0)" if day == BASELINE else f"Day {day}"


def _wave_key(day: int, outcome: str) -> str:
    return f"wave_{day}:{outcome}"


def completion_section(taking_part: int, counts: dict[int, dict[str, int]]) -> tuple[Section, list]:
    """The completion counts and their groups: each wave's outcomes add up to the members taking part."""
    figures = [Figure(COMPLETION_TOTAL, "Members taking part now", taking_part)]
    groups = []
    for day, states in counts.items():
        figures += [Figure(_wave_key(day, state), f"{_wave_name(day)}: {state}", n) for state, n in states.items()]
        groups.append((COMPLETION_TOTAL, tuple(_wave_key(day, state) for state in states)))
    return Section(COMPLETION, "Check-ins answered, skipped and missed, by wave", figures), groups


def build_report(today: date | None = None) -> Report:
    """Completion (today) and paired change (as of the last quarter's end), before suppression. Numbers only."""
    today = today or timezone.localdate()
    taking_part, counts = completion(study(), today)
    completion_figures, groups = completion_section(taking_part, counts)
    changes = change_sections(questions(), changes_as_of(today))
    return Report(sections=[completion_figures, *changes], groups=groups)


def _signed(value: float) -> str:
    return f"{value:+.{CHANGE_DECIMALS}f}".replace("-", "\N{MINUS SIGN}")


def _change_row(pairs: Figure, mean: Figure, low: Figure, high: Figure, hidden: set[str]) -> ChangeRow:
    if pairs.key in hidden:
        return ChangeRow(pairs.label, suppression.suppressed_label(), "", "")
    shown = suppression.display(pairs, hidden)
    if _too_few_pairs(pairs):
        return ChangeRow(pairs.label, shown, NOT_ENOUGH_PAIRS, NOT_ENOUGH_PAIRS)
    return ChangeRow(
        label=pairs.label,
        pairs=shown,
        mean=_signed(mean.value) if mean.value is not None else "none",
        interval=f"{_signed(low.value)} to {_signed(high.value)}" if low.value is not None else "none",
    )


def _too_few_pairs(pairs: Figure) -> bool:
    return pairs.value < change_min_pairs()


def _change_rows(section: Section, hidden: set[str]) -> list[ChangeRow]:
    figures = {figure.key: figure for figure in section.figures}
    keys = [figure.key.removesuffix(":pairs") for figure in section.figures if figure.key.endswith(":pairs")]
    return [_change_row(*(figures[f"{key}:{part}"] for part in CHANGE_PARTS), hidden) for key in keys]


def dashboard(today: date | None = None) -> dict:
    """Everything the dashboard's check-in section shows, suppressed."""
    report = build_report(today)
    hidden = suppression.suppressed_keys(report)
    completion_figures, *instrument_sections = report.sections
    shown = {figure.key: suppression.display(figure, hidden) for figure in completion_figures.figures}
    instruments = {instrument.slug: instrument for instrument in Instrument.objects.all()}
    descriptive = "Descriptive: how often members say they gave and got support."
    return {
        "as_of": changes_as_of(today or timezone.localdate()),
        "min_pairs": change_min_pairs(),
        "taking_part": shown[COMPLETION_TOTAL],
        "waves": [
            WaveRow(_wave_name(day), *(shown[f"wave_{day}:{state}"] for state in WAVE_OUTCOMES))
            for day in study().wave_days
        ],
        "tables": [
            InstrumentTable(
                section.key,
                section.title,
                "" if instruments[section.key].wellbeing_measure else descriptive,
                _change_rows(section, hidden),
            )
            for section in instrument_sections
        ],
    }


def to_csv(report: Report, as_of: date) -> str:
    """The same figures as the page, suppressed, one per row: "<5" when hidden, empty when there is nothing.

    Each instrument starts with an as_of row: the day its change figures were taken.
    """
    hidden = suppression.suppressed_keys(report)
    figures = report.figures()
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for section in report.sections:
        if section.key != COMPLETION:
            writer.writerow([section.key, "", f"{section.title}: follow-ups answered by", "as_of", as_of.isoformat()])
        for figure in section.figures:
            name, _, part = figure.key.rpartition(":")
            if figure.key in hidden:
                value = suppression.suppressed_label()
            elif figure.kind == "change" and any(_too_few_pairs(figures[key]) for key in figure.depends_on):
                value = NOT_ENOUGH_PAIRS
            elif figure.value is None:
                value = ""
            else:
                value = int(figure.value) if figure.kind == "count" else figure.value
            score = name.removeprefix(f"{section.key}:")
            writer.writerow([section.key, score, figure.label, CSV_PARTS.get(part, part), value])
    return out.getvalue()
