"""Small-number suppression: the one place that decides which figures may be shown or exported.

The dashboard and every export call apply() on the same Report, so the two can
never disagree about what is hidden. The rules:

1. Primary: any count below the threshold (EVALUATION_SUPPRESS_BELOW, default 5),
   zero included, is shown as "<5".
2. Complementary: a count that is a part of a total (Report.groups) must not be
   recoverable by subtraction. If exactly one cell of a group (its parts and its
   total) is suppressed, the smallest part still shown is suppressed as well. A
   cell can belong to several groups (active members is both a row of "Members"
   and the total of "Peer support"), so this repeats until nothing changes.
3. Dependent figures (ratios, shares, medians) are suppressed when any count they
   were computed from (depends_on) is suppressed; a median or percentile depends on
   the count of values it summarises, so it is hidden when that is below the threshold.
"""

from dataclasses import dataclass, field

from django.conf import settings

from .stats import median, percentile

SUPPRESSED = "suppressed"


def threshold() -> int:
    return int(getattr(settings, "EVALUATION_SUPPRESS_BELOW", 5))


def suppressed_label(below: int | None = None) -> str:
    return f"<{threshold() if below is None else below}"


@dataclass
class Figure:
    """One number in a report: a count, or a value derived from counts (depends_on)."""

    key: str
    label: str
    value: float | int | None
    kind: str = "count"  # count | ratio | share | minutes
    depends_on: tuple[str, ...] = ()
    charted: bool = True


def waiting_time_figures(key: str, label: str, minutes, depends_on: str) -> tuple[Figure, Figure]:
    """The median and 90th percentile of a waiting time, each hidden with the count it is drawn from."""

    return (
        Figure(f"{key}_median", f"{label}, median", median(minutes), kind="minutes", depends_on=(depends_on,)),
        Figure(
            f"{key}_p90",
            f"{label}, 90th percentile",
            percentile(minutes, 0.9),
            kind="minutes",
            depends_on=(depends_on,),
        ),
    )


@dataclass
class Section:
    key: str
    title: str
    figures: list[Figure]
    note: str = ""


@dataclass
class Report:
    sections: list[Section]
    # (total key, part keys): the parts add up to the total.
    groups: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)

    def figures(self) -> dict[str, Figure]:
        return {figure.key: figure for section in self.sections for figure in section.figures}


def suppressed_keys(report: Report, below: int | None = None) -> set[str]:
    """Every figure key that must not be shown, after primary, complementary and dependent suppression."""
    below = threshold() if below is None else below
    figures = report.figures()
    hidden = {key for key, figure in figures.items() if figure.kind == "count" and (figure.value or 0) < below}
    changed = True
    while changed:
        changed = False
        for total, parts in report.groups:
            cells = [total, *parts]
            if not parts or sum(cell in hidden for cell in cells) != 1:
                continue
            shown_parts = [part for part in parts if part not in hidden]
            if not shown_parts:  # only the total is hidden, so every part is below it: hide one more
                shown_parts = list(parts)
            smallest = min(shown_parts, key=lambda part: (figures[part].value or 0, part))
            if smallest in hidden:
                continue
            hidden.add(smallest)
            changed = True
    for key, figure in figures.items():
        if figure.kind == "count":
            continue
        if any(dependency in hidden for dependency in figure.depends_on):
            hidden.add(key)
    return hidden


def display(figure: Figure, hidden: set[str], below: int | None = None) -> str:
    """The figure as it may be shown: "<5" when suppressed, "not available" when there is nothing to compute."""
    if figure.key in hidden:
        return suppressed_label(below)
    if figure.value is None:
        return "none"
    if figure.kind == "count":
        return f"{int(figure.value):,}"
    if figure.kind == "share":
        return f"{figure.value * 100:.0f}%"
    if figure.kind == "ratio":
        return f"{figure.value:.2f}"
    if figure.kind == "minutes":
        return _minutes(figure.value)
    return str(figure.value)


def _minutes(value: float) -> str:
    if value < 60:
        return f"{value:.0f} min"
    if value < 48 * 60:
        return f"{value / 60:.1f} h"
    return f"{value / (24 * 60):.1f} days"


@dataclass
class Shown:
    """A figure after suppression, ready for a template or an export."""

    key: str
    label: str
    text: str
    value: float | int | None  # None when suppressed: never leaves this module otherwise
    kind: str
    charted: bool


def apply(report: Report, below: int | None = None) -> list[tuple[Section, list[Shown]]]:
    """The report as it may leave the server: suppressed values replaced by "<5" and their numbers dropped."""
    hidden = suppressed_keys(report, below)
    return [
        (
            section,
            [
                Shown(
                    key=figure.key,
                    label=figure.label,
                    text=display(figure, hidden, below),
                    value=None if figure.key in hidden else figure.value,
                    kind=figure.kind,
                    charted=figure.charted,
                )
                for figure in section.figures
            ],
        )
        for section in report.sections
    ]
