"""Small-number suppression: the one place that decides which figures may be shown or exported.

The dashboard, the CSV download, export_metrics and the check-in analysis all
decide here, on the same reports, so they can never disagree about what is
hidden. The rules, in order:

1. Primary: any count below the threshold (EVALUATION_SUPPRESS_BELOW, default 5),
   zero included, is shown as "<5".
2. Secondary: a count that is a part of a total (a group: the parts add up to
   the total) must not be recoverable by subtraction. Groups run inside one
   report (active members = both + only gave + only received + neither) and
   between reports a reader can set side by side (a Release: the site's replies
   in a month = each board's replies + what happened outside the listed boards).
   Some parts are never shown but could be worked out (the rest outside the
   boards, a total minus its part): they are unpublished figures, protected like
   any small count. Whenever a hidden or small cell would be the only unknown
   of a group, the smallest count still shown in that group is hidden too,
   repeating until nothing changes.
3. Audit: the groups are then solved as linear equations (every shown figure
   known, and, to be safe, every zero known too, since a reader can often tell
   a figure must be zero: a board that did not exist yet). Any small cell that
   the equations still pin down (tables of boards by figures can be solved
   through several groups at once) gets one more cell of its groups hidden,
   until none is pinned down.
4. Dependent figures (ratios, shares, medians) are suppressed when any count
   they were computed from (depends_on) is suppressed; a median or percentile
   depends on the count of values it summarises.

A quarter never says more than its months: nested_hidden() hides a quarter's
count when the same count is hidden in one of its months (metrics.build_view).

Row-level research exports leave through k_anonymous() at the end of this
module: every row must look exactly like at least k - 1 others on everything a
reader might know about a member, or be generalised step by step until it does,
or be dropped.
"""

from collections import Counter, defaultdict
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field

from django.conf import settings

from .stats import median, percentile

PRIME = 2**61 - 1  # the audit's arithmetic is modulo this prime, exact for these small integer equations

Cell = tuple[str, str]  # (report name, figure key)


def threshold() -> int:
    return int(getattr(settings, "EVALUATION_SUPPRESS_BELOW", 5))


def suppressed_label(below: int | None = None) -> str:
    return f"<{threshold() if below is None else below}"


@dataclass
class Figure:
    """One number in a report: a count, or a value derived from counts (depends_on).

    published False: a count that is never shown but that a reader could work
    out from the groups (it takes part in suppression, never in display).
    additive False: a count of distinct members, which is not the sum of the same
    count over boards or over the months of a quarter (a member can be in several),
    so it is not linked to them.
    """

    key: str
    label: str
    value: float | int | None
    kind: str = "count"  # count | ratio | share | minutes | change
    depends_on: tuple[str, ...] = ()
    charted: bool = True
    published: bool = True
    additive: bool = True


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


def remainder(key: str, label: str, total: int, part: int) -> Figure:
    """The unpublished rest of a total once one part is taken away (a total minus its part is a figure too)."""
    return Figure(key, label, total - part, published=False, charted=False)


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


@dataclass
class Release:
    """Reports a reader can set side by side, decided together; links are groups between them."""

    reports: dict[str, Report]
    links: list[tuple[Cell, tuple[Cell, ...]]] = field(default_factory=list)

    def cells(self) -> dict[Cell, Figure]:
        return {
            (name, key): figure for name, report in self.reports.items() for key, figure in report.figures().items()
        }

    def groups(self) -> list[tuple[Cell, ...]]:
        """Every group as (total, *parts), within each report and between them."""
        within = [
            ((name, total), *((name, part) for part in parts))
            for name, report in self.reports.items()
            for total, parts in report.groups
        ]
        return within + [(total, *parts) for total, parts in self.links]


def decide(release: Release, below: int | None = None, forced: set[Cell] = frozenset()) -> set[Cell]:
    """Every cell of the release that must not be shown, after the four rules above. forced: hidden from the start."""
    below = threshold() if below is None else below
    cells = release.cells()
    hidden = {cell for cell, figure in cells.items() if figure.published and _small(figure, below)}
    hidden |= forced & cells.keys()
    _Protection(cells, release.groups(), hidden, below).run()
    for (name, key), figure in cells.items():
        if figure.kind != "count" and any((name, dependency) in hidden for dependency in figure.depends_on):
            hidden.add((name, key))
    return hidden


def suppressed_keys(report: Report, below: int | None = None) -> set[str]:
    """Every figure key of one report on its own that must not be shown."""
    return {key for _name, key in decide(Release({"": report}), below)}


def nested_hidden(report: Report, months: list[tuple[Report, set[str]]]) -> set[str]:
    """Keys of a quarter's counts to hide because the same count is hidden in one of its months (given as
    (month report, its hidden keys)). A quarter's count is the sum of its months' (or, for a cohort cell, the
    same figure), so shown only when every month shows it (or it is zero there, which is taken as known), it
    tells a reader nothing the months do not."""

    hidden_there = {
        key for month, hidden in months for key, figure in month.figures().items() if key in hidden and figure.value
    }
    return {
        key
        for key, figure in report.figures().items()
        if figure.kind == "count" and figure.additive and key in hidden_there
    }


def _small(figure: Figure, below: int) -> bool:
    return figure.kind == "count" and (figure.value or 0) < below


class _Protection:
    """Rules 2 and 3: hide more cells until no small cell can be worked out from the groups.

    A zero is hidden as "<5" but taken as known: a reader can often tell that a figure must be zero (a
    board that did not exist yet; "under 24 hours old" for a period that ended days ago), so zeros never
    count as protection, and protecting them would spend other figures on what may be known anyway.
    """

    def __init__(self, cells: dict[Cell, Figure], groups: list[tuple[Cell, ...]], hidden: set[Cell], below: int):
        self.cells, self.hidden, self.below = cells, hidden, below
        self.groups = [group for group in groups if all(cell in cells for cell in group)]
        self.groups_of = defaultdict(list)
        for group in self.groups:
            for cell in group:
                self.groups_of[cell].append(group)

    def run(self) -> None:
        given_up: set[Cell] = set()
        while True:
            self._cover_groups()
            pinned = [cell for cell in self._pinned_down() if cell not in given_up]
            if not pinned:
                return
            for cell in pinned:
                if not self._hide_one_more(self.groups_of[cell]):
                    given_up.add(cell)  # nothing left to hide around it

    def _value(self, cell: Cell) -> float:
        return self.cells[cell].value or 0

    def _unknown(self, cell: Cell) -> bool:
        """Not shown and not zero: a reader cannot know it without solving for it."""
        return (cell in self.hidden or not self.cells[cell].published) and self._value(cell) != 0

    def _guarded(self, cell: Cell) -> bool:
        """An unknown that must not be the only unknown of a group: hidden (for any reason), or an unpublished
        small count. An unpublished large count may be worked out: that is what it is for."""
        figure = self.cells[cell]
        return self._unknown(cell) and figure.kind == "count" and (figure.published or _small(figure, self.below))

    def _cover_groups(self) -> None:
        changed = True
        while changed:
            changed = False
            for group in self.groups:
                unknown = [cell for cell in group if self._unknown(cell)]
                if len(unknown) == 1 and self._guarded(unknown[0]) and self._hide_one_more([group]):
                    changed = True

    def _hide_one_more(self, groups) -> bool:
        """Hide the smallest count still shown in these groups (a part rather than the total); False if none."""
        candidates = [
            (cell is group[0], self._value(cell), cell)
            for group in groups
            for cell in group
            if cell not in self.hidden and self.cells[cell].published and self._value(cell) != 0
        ]
        if not candidates:
            return False
        self.hidden.add(min(candidates)[2])
        return True

    def _pinned_down(self) -> list[Cell]:
        """Small unknown cells that the groups' equations determine, by Gaussian elimination.

        The unknown cells are the variables; shown figures and zeros are constants and drop out. With every
        pivot row fully reduced, a cell is determined exactly when its pivot row has no other unknown.
        """
        unknown = {cell for cell in self.cells if self._unknown(cell)}
        pivots: dict[Cell, dict[Cell, int]] = {}  # pivot cell -> its row
        for total, *parts in self.groups:
            row: dict[Cell, int] = defaultdict(int)
            for cell, coefficient in ((total, -1), *((part, 1) for part in parts)):
                if cell in unknown:
                    row[cell] = (row[cell] + coefficient) % PRIME
            row = _reduce({cell: value for cell, value in row.items() if value}, pivots)
            if not row:
                continue
            pivot = min(row)
            inverse = pow(row[pivot], PRIME - 2, PRIME)
            row = {cell: value * inverse % PRIME for cell, value in row.items()}
            for other in pivots.values():
                if pivot in other:
                    _subtract(other, row, other[pivot])
            pivots[pivot] = row
        return sorted(cell for cell, row in pivots.items() if len(row) == 1 and _small(self.cells[cell], self.below))


def _reduce(row: dict[Cell, int], pivots: dict[Cell, dict[Cell, int]]) -> dict[Cell, int]:
    for cell in [cell for cell in row if cell in pivots]:
        if row.get(cell):
            _subtract(row, pivots[cell], row[cell])
    return row


def _subtract(row: dict[Cell, int], pivot_row: dict[Cell, int], times: int) -> None:
    """row -= times * pivot_row, modulo PRIME, dropping cells that become zero."""
    for cell, value in pivot_row.items():
        updated = (row.get(cell, 0) - times * value) % PRIME
        if updated:
            row[cell] = updated
        else:
            row.pop(cell, None)


def display(figure: Figure, hidden: set[str], below: int | None = None) -> str:
    """The figure as it may be shown: "<5" when suppressed, "none" when there is nothing to compute."""
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


def apply(
    report: Report, hidden: set[str] | None = None, below: int | None = None
) -> list[tuple[Section, list[Shown]]]:
    """The published figures as they may leave the server: suppressed values replaced by "<5", numbers dropped.

    hidden: the keys decided with the rest of a release (metrics.build_view); the report alone otherwise.
    """
    hidden = suppressed_keys(report, below) if hidden is None else hidden
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
                if figure.published
            ],
        )
        for section in report.sections
    ]


# Row-level exports ---------------------------------------------------------------------


@dataclass
class Anonymised:
    """The rows that may leave (id -> quasi-identifiers as exported), and what was done, for the export log."""

    rows: dict[Hashable, tuple]
    treatment: dict


def k_anonymous(
    items: dict[Hashable, object], describe: Callable[[object, int], tuple], steps: list[str], k: int | None = None
) -> Anonymised:
    """Every kept row shares its quasi-identifiers with at least k - 1 others (k: the threshold).

    describe(item, step) gives an item's quasi-identifiers after `step` generalisations (0: as coarsened
    to start with; steps names each further one, coarsest last). Rows in groups smaller than k go one step
    further, group by group, the others stay as they are; rows still in a small group after the last step
    are dropped. The treatment says how many rows ended at each step and how many were dropped.
    """
    k = threshold() if k is None else k
    step_of = dict.fromkeys(items, 0)

    def rare() -> list[Hashable]:
        sizes = Counter(describe(items[key], step_of[key]) for key in items)
        return [key for key in items if sizes[describe(items[key], step_of[key])] < k]

    for step in range(1, len(steps) + 1):
        for key in rare():
            step_of[key] = step
    dropped = set(rare())
    kept = {key: describe(items[key], step_of[key]) for key in items if key not in dropped}
    at_step = Counter(step_of[key] for key in kept)
    treatment = {
        "k": k,
        "rows_before": len(items),
        "rows_exported": len(kept),
        "generalised": {name: at_step[number] for number, name in enumerate(steps, start=1)},
        "dropped": len(dropped),
    }
    return Anonymised(kept, treatment)
