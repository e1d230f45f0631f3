"""Summarise days of the participation log for the evaluation dashboard (nightly, beat does yesterday)."""

from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from evaluation.management.dates import parse_day
from evaluation.services import summaries


class Command(BaseCommand):
    help = (
        "Build the evaluation dashboard's daily summaries for the days FROM to TO (both included), for example "
        "after installing, or if the nightly task did not run. Safe to run again: each day is replaced, never "
        "added twice. Today is never summarised (it is still going on). "
        "Example: python manage.py build_summaries --from 2026-01-01 --to 2026-03-31"
    )

    def add_arguments(self, parser):
        parser.add_argument("--from", dest="first", required=True, help="First day, as YYYY-MM-DD.")
        parser.add_argument("--to", dest="last", help="Last day, included (default: yesterday).")

    def handle(self, *args, first, last, **options):
        first, last = parse_day(first), parse_day(last) if last else summaries.yesterday()
        last = min(last, timezone.localdate() - timedelta(days=1))
        if last < first:
            raise CommandError("There are no whole days to summarise: --to is before --from, or --from is today.")
        day = first
        while day <= last:
            summaries.do_build_day(day)
            day += timedelta(days=1)
        self.stdout.write(f"Summarised {(last - first).days + 1} days, {first} to {last}.")
