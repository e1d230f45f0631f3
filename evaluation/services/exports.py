"""Exports of the aggregate figures (CSV or JSON), each one logged: who, when, which period and board.

The command line and the dashboard's download both call do_export(), so they
produce the same figures with the same suppression (evaluation/suppression.py)
as the page, and only for whole months and quarters that have ended
(evaluation/periods.py). An export holds numbers and labels only.
"""

import csv
import io
import json

from django.db import transaction

from .. import metrics, suppression
from ..models import ExportLog
from ..periods import KINDS, Period, PeriodError, check_reportable

FORMATS = ("csv", "json")
COMMAND_LINE = "command line"
COLUMNS = ["period_from", "period_to", "board", "section", "figure", "label", "value", "unit"]


class ExportError(ValueError):
    pass


def check_format(file_format: str) -> str:
    if file_format not in FORMATS:
        raise ExportError(f"Unknown format {file_format!r}; use csv or json.")
    return file_format


def check_period(period: Period) -> Period:
    """Only whole months and quarters that have ended leave the site (docs/evaluation.md says why)."""
    if period.kind not in KINDS:
        raise ExportError("Figures are only exported for whole calendar months and quarters.")
    try:
        return check_reportable(period)
    except PeriodError as error:
        raise ExportError(str(error)) from None


def do_export(*, requested_by, period: Period, board=None, file_format: str = "csv") -> str:
    """The figures as CSV or JSON text, after suppression; logs the export. requested_by None is the command line."""
    check_format(file_format)
    check_period(period)
    shown = metrics.build_view(period, board.pk if board else None).shown()
    text = (to_json if file_format == "json" else to_csv)(shown, period, board)
    with transaction.atomic():
        ExportLog.objects.create(
            requested_by=requested_by,
            who=requested_by.handle if requested_by else COMMAND_LINE,
            channel=ExportLog.Channel.DOWNLOAD if requested_by else ExportLog.Channel.COMMAND,
            first_day=period.first,
            last_day=period.last,
            board_slug=board.slug if board else "",
            file_format=file_format,
        )
    return text


def export_value(figure: suppression.Shown):
    """A number an analyst can use: "<5" when suppressed, shares as percentages, minutes rounded."""
    if figure.value is None:
        return figure.text if figure.text.startswith("<") else ""
    if figure.kind == "count":
        return int(figure.value)
    if figure.kind == "share":
        return round(figure.value * 100, 1)
    return round(figure.value, 2 if figure.kind == "ratio" else 1)


UNITS = {"count": "count", "share": "percent", "ratio": "ratio", "minutes": "minutes"}


def to_csv(shown, period: Period, board) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for section, figures in shown:
        for figure in figures:
            writer.writerow(
                [
                    period.first.isoformat(),
                    period.last.isoformat(),
                    board.slug if board else "all",
                    section.key,
                    figure.key,
                    figure.label,
                    export_value(figure),
                    UNITS[figure.kind],
                ]
            )
    return out.getvalue()


def to_json(shown, period: Period, board) -> str:
    document = {
        "period": {"from": period.first.isoformat(), "to": period.last.isoformat(), "label": period.label()},
        "board": board.slug if board else None,
        "suppressed_below": suppression.threshold(),
        "sections": [
            {
                "key": section.key,
                "title": section.title,
                "note": section.note,
                "figures": [
                    {"key": f.key, "label": f.label, "value": export_value(f), "unit": UNITS[f.kind]} for f in figures
                ],
            }
            for section, figures in shown
        ],
    }
    return json.dumps(document, indent=2) + "\n"
