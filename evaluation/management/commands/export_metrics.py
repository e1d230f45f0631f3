"""Print the anonymous evaluation figures for a month or quarter as CSV or JSON, with small numbers suppressed."""

from django.core.management.base import BaseCommand, CommandError

from community.models import Board
from evaluation.management.dates import parse_day
from evaluation.periods import PeriodError, from_dates
from evaluation.services import exports
from evaluation.suppression import threshold


class Command(BaseCommand):
    help = (
        "Print the same anonymous figures as the evaluation dashboard for one whole calendar month or quarter that "
        "has ended, FROM its first day TO its last, as CSV or JSON. Other dates are refused: figures for overlapping "
        "dates could be subtracted to reveal small numbers. Figures below EVALUATION_SUPPRESS_BELOW (5 unless set) "
        'are printed as "<5", and figures that would let someone work them out are hidden too. Every run is logged '
        "(who: command line). Example: python manage.py export_metrics --from 2026-01-01 --to 2026-03-31 "
        "--format csv > q1.csv"
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--from", dest="first", required=True, help="First day of the month or quarter, as YYYY-MM-DD."
        )
        parser.add_argument("--to", dest="last", required=True, help="Its last day, as YYYY-MM-DD (e.g. 2026-03-31).")
        parser.add_argument(
            "--format", dest="file_format", choices=exports.FORMATS, default="csv", help="csv (default) or json."
        )
        parser.add_argument(
            "--board", metavar="SLUG", help="Only this board, by its web address (e.g. anxiety). Default: every board."
        )

    def handle(self, *args, first, last, file_format, board, **options):
        first, last = parse_day(first), parse_day(last)
        if last < first:
            raise CommandError("--to is before --from. Please swap them.")
        try:
            period = exports.check_period(from_dates(first, last))
        except (PeriodError, exports.ExportError) as error:
            raise CommandError(str(error)) from None
        chosen_board = None
        if board:
            chosen_board = Board.objects.filter(slug=board).first()
            if chosen_board is None:
                slugs = ", ".join(Board.objects.values_list("slug", flat=True)) or "none yet"
                raise CommandError(f"There is no board {board!r}. Boards: {slugs}.")
        text = exports.do_export(requested_by=None, period=period, board=chosen_board, file_format=file_format)
        self.stdout.write(text, ending="")
        self.stderr.write(f"Exported {period.label()}; figures below {threshold()} suppressed; logged.")
