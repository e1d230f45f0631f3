"""Scheduled evaluation work: the nightly summary of the participation log."""

from datetime import date

from celery import shared_task

from .services import summaries


@shared_task
def aggregate_day(day: str | None = None) -> int:
    """Summarise one day (ISO date; yesterday by default, for beat shortly after midnight)."""
    return summaries.do_build_day(date.fromisoformat(day) if day else summaries.yesterday())
