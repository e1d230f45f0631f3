"""Retention by monthly cohort: of the members who joined in each month, how many were active in each month after.

Cohorts are the calendar months of the period (a month or a quarter), made of the
members whose sign-up falls in them; a cohort is followed to the end of the period,
so a quarter gives a triangle of six cells and past periods never change. A cell
means the same in a month and in its quarter (cohort_2026_01_m0_active), so the
quarter hides it whenever the month does (suppression.nested_hidden). Active is
the dashboard's active (posted, replied, chatted or reacted). Everything comes from
the daily member bitmaps (services/summaries.py: the "joined" and "active" flags),
so a quarter of cohorts is a few hundred small rows.

Each cell has its count of active members, the count not active (so that a small
number of lapsed members cannot be worked out by subtraction: both are parts of
the cohort) and the share; suppression hides whichever would give a small number away.
"""

from dataclasses import dataclass
from datetime import date

from .periods import Period
from .stats import ratio
from .suppression import Figure, Section, Shown


def cohort_months(period: Period) -> list[date]:
    return [month.first for month in period.months()]


def cohort_counts(per_day: dict[str, list[int]], period: Period) -> dict[date, dict]:
    """{cohort month: {"size": n, "active": [active in the joining month, the month after, ...]}}.

    per_day holds one bitmap per day for the "joined" and "active" flags, index 0
    being the period's first day (it may run on past the period; that is ignored).
    """
    months = period.months()
    spans = [((month.first - period.first).days, (month.last - period.first).days + 1) for month in months]
    joined = [_union(per_day["joined"][start:stop]) for start, stop in spans]
    active = [_union(per_day["active"][start:stop]) for start, stop in spans]
    return {
        month.first: {
            "size": joined[index].bit_count(),
            "active": [(joined[index] & later).bit_count() for later in active[index:]],
        }
        for index, month in enumerate(months)
    }


def _union(bitmaps) -> int:
    union = 0
    for bits in bitmaps:
        union |= bits
    return union


def _key(month: date) -> str:
    return f"cohort_{month:%Y_%m}"


def sections(cohorts: dict[date, dict]) -> tuple[list[Section], list]:
    figures, groups = [], []
    for month, cohort in cohorts.items():
        size_key = _key(month)
        figures.append(Figure(size_key, f"Joined in {month:%B %Y}", cohort["size"], charted=False))
        for after, active in enumerate(cohort["active"]):
            cell = f"{size_key}_m{after}"
            when = _after_label(after)
            figures += [
                Figure(f"{cell}_active", f"Joined {month:%B %Y}, active {when}", active, charted=False),
                Figure(
                    f"{cell}_inactive",
                    f"Joined {month:%B %Y}, not active {when}",
                    cohort["size"] - active,
                    charted=False,
                ),
                Figure(
                    f"{cell}_share",
                    f"Joined {month:%B %Y}, share active {when}",
                    ratio(active, cohort["size"]),
                    kind="share",
                    depends_on=(f"{cell}_active", f"{cell}_inactive"),
                ),
            ]
            groups.append((size_key, (f"{cell}_active", f"{cell}_inactive")))
    groups.append(("new_signups", tuple(_key(month) for month in cohorts)))
    note = (
        "Members who joined in each month of the period, and how many of them were active (posted, replied, "
        "chatted or reacted) in the month they joined and each month after, up to the end of the period. "
        "Cohorts are for the whole site, whichever board is chosen."
    )
    return [Section("retention", "Retention by monthly cohort", figures, note)], groups


def _after_label(after: int) -> str:
    if after == 0:
        return "in the month they joined"
    return "1 month later" if after == 1 else f"{after} months later"


@dataclass
class TriangleRow:
    label: str
    size: str
    cells: list[str]


def triangle(shown: list[Shown], cohorts: list[date]) -> tuple[list[str], list[TriangleRow]]:
    """The suppressed figures laid out as a cohort table: one row per joining month, one column per month after."""
    by_key = {figure.key: figure for figure in shown}
    columns = [_after_label(after).capitalize() for after in range(len(cohorts))]
    rows = []
    for month in cohorts:
        size_key = _key(month)
        cells, after = [], 0
        while f"{size_key}_m{after}_share" in by_key:
            share, active = by_key[f"{size_key}_m{after}_share"], by_key[f"{size_key}_m{after}_active"]
            cells.append(f"{share.text} ({active.text})" if share.value is not None else active.text)
            after += 1
        cells += [""] * (len(columns) - len(cells))  # months after the end of the period
        rows.append(TriangleRow(f"{month:%B %Y}", by_key[size_key].text, cells))
    return columns, rows
