"""Print the anonymous evaluation figures for a period as CSV or JSON, with small numbers suppressed."""

from django.core.management.base import BaseCommand, CommandError

from community.models import Board
from evaluation.management.dates import parse_day
from evaluation.periods import LONGEST_CUSTOM_DAYS, Period
from evaluation.services import exports
from evaluation.suppression import threshold


class Command(BaseCommand):
    help = (
        "Print the same anonymous figures as the evaluation dashboard, for the days FROM to TO (both included), "
        'as CSV or JSON. Figures below EVALUATION_SUPPRESS_BELOW (5 unless set) are printed as "<5", and '
        "figures that would let someone work them out are hidden too. Every run is logged (who: command line). "
        "Example: python manage.py export_metrics --from 2026-01-01 --to 2026-03-31 --format csv > q1.csv"
    )

    def add_arguments(self, parser):
        parser.add_argument("--from", dest="first", required=True, help="First day, as YYYY-MM-DD (e.g. 2026-01-01).")
        parser.add_argument("--to", dest="last", required=True, help="Last day, included, as YYYY-MM-DD.")
        parser.add_argument(
            "--format", dest="file_format", choices=exports.FORMATS, default="csv", help="csv (default) or json."
        )
        parser.add_argument(
            "--board", metavar="SLUG", help="Only this board, by its web address (e.g. anxiety). Default: every board."
        )

    def handle(self, *args, first, last, file_format, board, **options):
        period = Period(parse_day(first), parse_day(last))
        if period.last < period.first:
            raise CommandError("--to is before --from. Please swap them.")
        if period.days > LONGEST_CUSTOM_DAYS:
            raise CommandError(f"Please export at most {LONGEST_CUSTOM_DAYS} days at a time.")
        chosen_board = None
        if board:
            chosen_board = Board.objects.filter(slug=board).first()
            if chosen_board is None:
                slugs = ", ".join(Board.objects.values_list("slug", flat=True)) or "none yet"
                raise CommandError(f"There is no board {board!r}. Boards: {slugs}.")
        text = exports.do_export(requested_by=None, period=period, board=chosen_board, file_format=file_format)
        self.stdout.write(text, ending="")
        self.stderr.write(f"Exported {period.label()}; figures below {threshold()} suppressed; logged.")
