"""The check-in analysis as CSV for evaluators, logged like every other export (ExportLog, figures "check_ins").

The figures are the dashboard's (evaluation/checkin_analysis.py), suppressed the
same way: completion up to the day of the export, change figures as of the end of
the last complete quarter (each instrument's as_of row).
"""

from django.db import transaction
from django.db.models import Min
from django.utils import timezone

from .. import checkin_analysis
from ..models import CheckInEnrolment, ExportLog


def export_check_ins(*, requested_by) -> str:
    today = timezone.localdate()
    text = checkin_analysis.to_csv(checkin_analysis.build_report(today), checkin_analysis.changes_as_of(today))
    first_day = CheckInEnrolment.objects.aggregate(first=Min("consented_on"))["first"] or today
    with transaction.atomic():
        ExportLog.objects.create(
            requested_by=requested_by,
            who=requested_by.handle,
            channel=ExportLog.Channel.DOWNLOAD,
            figures=ExportLog.Figures.CHECK_INS,
            first_day=first_day,
            last_day=today,
            file_format="csv",
        )
    return text
