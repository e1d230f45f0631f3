"""Reporting periods: whole calendar months and quarters that have ended, and nothing else.

Figures are only ever published for these fixed periods. Dates of one's own
(or weeks, which straddle months) would let a reader subtract two overlapping
ranges and read off the days where they differ; a month or quarter still going
on is such a range in disguise (this month on the 10th and on the 11th differ
by one day). Months nest inside quarters, and quarters never overlap, so the
only relation left between two periods is "a quarter is its three months",
which suppression handles (evaluation/suppression.py and metrics.build_release).

Days are local dates (Europe/London), the same days the participation log uses;
start() and end() turn them into the aware datetimes that bound threads, posts
and cases.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.utils import timezone

KINDS = ("month", "quarter")


class PeriodError(ValueError):
    """A period that cannot be reported on, with words for the evaluator or operator."""


@dataclass(frozen=True)
class Period:
    first: date
    last: date  # inclusive
    kind: str = "month"

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1

    def start(self) -> datetime:
        return timezone.make_aware(datetime.combine(self.first, time.min))

    def end(self) -> datetime:
        """The first moment after the period."""
        return timezone.make_aware(datetime.combine(self.last + timedelta(days=1), time.min))

    def label(self) -> str:
        if self.kind == "quarter":
            return f"Q{(self.first.month - 1) // 3 + 1} {self.first.year} ({self.first:%b} to {self.last:%b})"
        return self.first.strftime("%B %Y")

    def months(self) -> list["Period"]:
        """The calendar months the period is made of (a month is made of itself)."""
        months, first = [], self.first
        while first <= self.last:
            month = containing("month", first)
            months.append(month)
            first = month.last + timedelta(days=1)
        return months


def containing(kind: str, day: date) -> Period:
    """The month or quarter that contains day."""
    if kind == "month":
        first = day.replace(day=1)
        return Period(first, _month_end(first), "month")
    if kind == "quarter":
        first = date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
        return Period(first, _month_end(first.replace(month=first.month + 2)), "quarter")
    raise PeriodError(f"Unknown period {kind!r}; use one of {', '.join(KINDS)}.")


def last_complete(kind: str, today: date | None = None) -> Period:
    """The latest month or quarter that has ended: what the dashboard shows first."""
    today = today or timezone.localdate()
    return containing(kind, containing(kind, today).first - timedelta(days=1))


def check_reportable(period: Period, today: date | None = None) -> Period:
    """The period itself if figures may be published for it; PeriodError if it has not ended yet."""
    today = today or timezone.localdate()
    if period.last >= today:
        latest = last_complete(period.kind, today)
        raise PeriodError(
            f"{period.label()} has not ended yet. Figures are given for whole months and quarters once they are "
            f"over, so that one day cannot be worked out by comparing two days' figures. The latest is "
            f"{latest.label()}."
        )
    return period


def from_dates(first: date, last: date) -> Period:
    """The month or quarter that runs exactly from first to last; PeriodError naming the nearest ones otherwise."""
    for kind in KINDS:
        period = containing(kind, first)
        if (period.first, period.last) == (first, last):
            return period
    month, quarter = containing("month", first), containing("quarter", first)
    raise PeriodError(
        f"{first} to {last} is not a whole calendar month or quarter. Only those are given, so that figures for "
        f"overlapping dates cannot be subtracted to reveal small numbers. For example: {month.first} to "
        f"{month.last} ({month.label()}) or {quarter.first} to {quarter.last} ({quarter.label()})."
    )


def _month_end(first: date) -> date:
    following = date(first.year + (first.month == 12), first.month % 12 + 1, 1)
    return following - timedelta(days=1)
