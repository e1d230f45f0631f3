"""export_metrics prints the dashboard's figures as CSV or JSON, suppressed, and logs every run."""

import csv
import io
import json
from datetime import date

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from evaluation.models import ExportLog, Participation
from evaluation.periods import containing

Kind = Participation.Kind


QUARTER = ("--from", "2026-01-01", "--to", "2026-03-31")


def rows_of(text: str) -> dict[str, dict]:
    return {row["figure"]: row for row in csv.DictReader(io.StringIO(text))}


def export(*args: str) -> str:
    out, err = io.StringIO(), io.StringIO()
    call_command("export_metrics", *args, stdout=out, stderr=err)
    return out.getvalue()


@pytest.fixture
def quarter(db):
    rows = [Participation(day=date(2026, 2, 3), kind=Kind.REPLY, member_key=f"k{n}", board_id=1) for n in range(12)]
    rows += [Participation(day=date(2026, 2, 3), kind=Kind.THREAD, member_key="k0", board_id=1)]
    Participation.objects.bulk_create(rows)


def test_csv_has_one_row_per_figure_with_small_numbers_suppressed(quarter):
    rows = rows_of(export(*QUARTER))
    assert rows["active"]["value"] == "12"
    assert rows["threads"]["value"] == "<5"
    assert (rows["active"]["period_from"], rows["active"]["period_to"], rows["active"]["board"]) == (
        "2026-01-01",
        "2026-03-31",
        "all",
    )


def test_a_suppressed_activity_count_cannot_be_recovered_from_the_total(quarter):
    rows = rows_of(export(*QUARTER))
    parts = ("threads", "replies", "chat_messages", "reactions")
    assert sum(rows[part]["value"] == "<5" for part in parts) >= 2


def test_json_has_the_same_figures(quarter):
    document = json.loads(export("--from", "2026-01-01", "--to", "2026-03-31", "--format", "json"))
    figures = {figure["key"]: figure["value"] for section in document["sections"] for figure in section["figures"]}
    assert (figures["active"], figures["threads"], document["suppressed_below"]) == (12, "<5", 5)
    assert document["period"] == {"from": "2026-01-01", "to": "2026-03-31", "label": "Q1 2026 (Jan to Mar)"}


def test_one_board(quarter, board):
    rows = list(csv.DictReader(io.StringIO(export("--from", "2026-01-01", "--to", "2026-03-31", "--board", "anxiety"))))
    assert {row["board"] for row in rows} == {"anxiety"}
    assert ExportLog.objects.get().board_slug == "anxiety"


def test_every_run_is_logged_as_the_command_line(quarter):
    export("--from", "2026-01-01", "--to", "2026-03-31", "--format", "json")
    log = ExportLog.objects.get()
    assert (log.who, log.requested_by, log.channel, log.file_format) == ("command line", None, "command", "json")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--from", "2026-03-01", "--to", "2026-01-01"), "before --from"),
        (("--from", "1 March", "--to", "2026-04-01"), "YYYY-MM-DD"),
        (("--from", "2026-01-01", "--to", "2026-03-31", "--board", "nowhere"), "no board 'nowhere'"),
        (("--from", "2026-01-01", "--to", "2026-02-15"), "not a whole calendar month or quarter"),
        (("--from", "2026-01-05", "--to", "2026-01-11"), "2026-01-01 to 2026-01-31"),
        (("--from", "2026-01-01", "--to", "2026-12-31"), "not a whole calendar month or quarter"),
    ],
)
def test_mistakes_are_explained(db, args, message):
    with pytest.raises(CommandError, match=message):
        export(*args)
    assert not ExportLog.objects.exists()


def test_a_month_still_going_on_is_refused(db):
    month = containing("month", timezone.localdate())
    with pytest.raises(CommandError, match="has not ended yet"):
        export("--from", month.first.isoformat(), "--to", month.last.isoformat())
    assert not ExportLog.objects.exists()
