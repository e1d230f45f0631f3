"""The wellbeing check-ins on the evaluator dashboard: paired change per instrument score, and completion by wave.

Read-only, numbers only. Each member's scores at baseline and at their latest
answered follow-up are paired (follow-up minus baseline); per score the page
shows how many members have a pair, the mean change and its 95% confidence
interval (evaluation/scoring.py). Counts go through evaluation/suppression.py:
fewer than five pairs shows "<5" and hides the mean and interval that depend on
them. Member keys and enrolment ids are used here only to pair answers and
never leave this module.
"""

import csv
import io
from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from . import scoring, suppression
from .models import CheckIn, CheckInAnswer, CheckInEnrolment, CheckInStudy, Instrument
from .services.checkins import questions, schedule, study
from .suppression import Figure, Report, Section

BASELINE = 0
WAVE_OUTCOMES = ("answered", "skipped", "missed")
COMPLETION, COMPLETION_TOTAL = "completion", "members:taking_part"
CHANGE_PARTS = ("pairs", "mean", "low", "high")
CSV_COLUMNS = ["section", "score", "label", "figure", "value"]
CSV_PARTS = {"pairs": "members_with_both", "mean": "mean_change", "low": "ci95_low", "high": "ci95_high"}


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


def scores_by_member(instrument: Instrument, items: list) -> dict[int, dict[int, dict[str, float | None]]]:
    """enrolment id -> wave day -> score key -> score, from answered check-ins."""
    answers = defaultdict(dict)
    rows = CheckInAnswer.objects.filter(item__in=items, check_in__state=CheckIn.State.ANSWERED).values_list(
        "check_in__enrolment_id", "check_in__wave_day", "item__key", "value"
    )
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


def change_sections(instruments: list[tuple[Instrument, list]]) -> list[Section]:
    """One section per instrument; per score the pairs (a count) and the mean change and interval that depend on it."""
    sections = []
    for instrument, items in instruments:
        by_member = scores_by_member(instrument, items)
        figures = []
        for key in scoring.score_keys(instrument, items):
            pairs = [pair for per_wave in by_member.values() if (pair := baseline_and_latest(per_wave, key))]
            change = scoring.paired_change(pairs)
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
    """Members taking part, and per wave how many answered, skipped or missed it (its window closed)."""
    done = defaultdict(dict)
    for enrolment_id, wave_day, state in CheckIn.objects.exclude(state=CheckIn.State.OPEN).values_list(
        "enrolment_id", "wave_day", "state"
    ):
        done[enrolment_id][wave_day] = state
    counts = {day: dict.fromkeys(WAVE_OUTCOMES, 0) for day in current.wave_days}
    enrolments = CheckInEnrolment.objects.filter(study=current).values_list("pk", "consented_on")
    for enrolment_id, consented_on in enrolments:
        for wave in schedule(current, consented_on, done[enrolment_id], today):
            if wave.state in counts[wave.day]:
                counts[wave.day][wave.state] += 1
    return len(enrolments), counts


def _wave_name(day: int) -> str:
    return "Baseline (day 0)" if day == BASELINE else f"Day {day}"


def completion_section(taking_part: int, counts: dict[int, dict[str, int]]) -> Section:
    figures = [Figure(COMPLETION_TOTAL, "Members taking part now", taking_part)]
    for day, states in counts.items():
        figures += [Figure(f"wave_{day}:{state}", f"{_wave_name(day)}: {state}", n) for state, n in states.items()]
    return Section(COMPLETION, "Check-ins answered, skipped and missed, by wave", figures)


def build_report(today: date | None = None) -> Report:
    """Completion and paired change, before suppression. Numbers and fixed labels only."""
    taking_part, counts = completion(study(), today or timezone.localdate())
    return Report(sections=[completion_section(taking_part, counts), *change_sections(questions())])


def _signed(value: float) -> str:
    return f"{value:+.2f}".replace("-", "\N{MINUS SIGN}")


def _change_rows(section: Section, hidden: set[str]) -> list[ChangeRow]:
    figures = {figure.key: figure for figure in section.figures}
    rows = []
    for key in [figure.key.removesuffix(":pairs") for figure in section.figures if figure.key.endswith(":pairs")]:
        pairs, mean, low, high = (figures[f"{key}:{part}"] for part in CHANGE_PARTS)
        if pairs.key in hidden:
            rows.append(ChangeRow(pairs.label, suppression.suppressed_label(), "", ""))
            continue
        rows.append(
            ChangeRow(
                label=pairs.label,
                pairs=suppression.display(pairs, hidden),
                mean=_signed(mean.value) if mean.value is not None else "none",
                interval=f"{_signed(low.value)} to {_signed(high.value)}" if low.value is not None else "none",
            )
        )
    return rows


def dashboard(today: date | None = None) -> dict:
    """Everything the dashboard's check-in section shows, suppressed."""
    report = build_report(today)
    hidden = suppression.suppressed_keys(report)
    completion_figures, *instrument_sections = report.sections
    shown = {figure.key: suppression.display(figure, hidden) for figure in completion_figures.figures}
    instruments = {instrument.slug: instrument for instrument in Instrument.objects.all()}
    descriptive = "Descriptive: how often members say they gave and got support."
    return {
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


def to_csv(report: Report) -> str:
    """The same figures as the page, suppressed, one per row: "<5" when hidden, empty when there is nothing."""
    hidden = suppression.suppressed_keys(report)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for section in report.sections:
        for figure in section.figures:
            name, _, part = figure.key.rpartition(":")
            if figure.key in hidden:
                value = suppression.suppressed_label()
            elif figure.value is None:
                value = ""
            else:
                value = int(figure.value) if figure.kind == "count" else round(figure.value, 3)
            score = name.removeprefix(f"{section.key}:")
            writer.writerow([section.key, score, figure.label, CSV_PARTS.get(part, part), value])
    return out.getvalue()
