"""Reporting periods: a week (Monday to Sunday), a calendar month or quarter, or any dates in between.

Days are local dates (Europe/London), the same days the participation log uses;
start() and end() turn them into the aware datetimes that bound threads, posts
and cases.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.utils import timezone

KINDS = ("week", "month", "quarter", "custom")
LONGEST_CUSTOM_DAYS = 400


@dataclass(frozen=True)
class Period:
    first: date
    last: date  # inclusive
    kind: str = "custom"

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1

    def start(self) -> datetime:
        return timezone.make_aware(datetime.combine(self.first, time.min))

    def end(self) -> datetime:
        """The first moment after the period."""
        return timezone.make_aware(datetime.combine(self.last + timedelta(days=1), time.min))

    def label(self) -> str:
        if self.kind == "month":
            return self.first.strftime("%B %Y")
        if self.kind == "quarter":
            return f"Q{(self.first.month - 1) // 3 + 1} {self.first.year} ({self.first:%b} to {self.last:%b})"
        return f"{_day(self.first)} to {_day(self.last)}"


def _day(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def containing(kind: str, day: date) -> Period:
    """The week, month or quarter that contains day."""
    if kind == "week":
        first = day - timedelta(days=day.weekday())
        return Period(first, first + timedelta(days=6), "week")
    if kind == "month":
        first = day.replace(day=1)
        return Period(first, _month_end(first), "month")
    if kind == "quarter":
        first = date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
        return Period(first, _month_end(first.replace(month=first.month + 2)), "quarter")
    raise ValueError(f"Unknown period {kind!r}; use one of {', '.join(KINDS)}.")


def _month_end(first: date) -> date:
    following = date(first.year + (first.month == 12), first.month % 12 + 1, 1)
    return following - timedelta(days=1)
