"""Reading dates given on the command line, with a message a volunteer can act on."""

from datetime import date

from django.core.management.base import CommandError


def parse_day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"{text!r} is not a date. Write dates as YYYY-MM-DD, e.g. 2026-01-31.") from None
