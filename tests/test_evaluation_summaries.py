"""The nightly summary: whole days from DailySummary, other days from the log, same totals either way."""

import io
from datetime import date

import pytest
from django.core.management import call_command
from django.utils import timezone

from evaluation.metrics import build_view
from evaluation.models import DailySummary, Participation
from evaluation.periods import Period
from evaluation.services import summaries
from evaluation.tasks import aggregate_day

Kind = Participation.Kind


@pytest.fixture
def two_days(db):
    for day in (date(2026, 3, 2), date(2026, 3, 3)):
        for n in range(6):
            Participation.objects.create(day=day, kind=Kind.REPLY, member_key=f"k{n}", board_id=1, count=2)
        Participation.objects.create(day=day, kind=Kind.SIGNUP, member_key=f"new{day.day}", board_id=0)


def test_a_day_is_summarised_per_board_and_kind(two_days):
    aggregate_day("2026-03-02")
    summary = DailySummary.objects.get(day=date(2026, 3, 2), kind=Kind.REPLY)
    assert (summary.board_id, summary.total, summary.members) == (1, 12, 6)


def test_summarising_again_replaces_the_day_instead_of_adding(two_days):
    summaries.do_build_day(date(2026, 3, 2))
    summaries.do_build_day(date(2026, 3, 2))
    assert DailySummary.objects.filter(day=date(2026, 3, 2), kind=Kind.REPLY).count() == 1


def test_totals_mix_summarised_days_with_the_log_and_agree(two_days):
    period = Period(date(2026, 3, 1), date(2026, 3, 31), "month")
    before = build_view(period).report.figures()
    summaries.do_build_day(date(2026, 3, 2))
    Participation.objects.filter(day=date(2026, 3, 2)).update(count=100)  # the summary, not the log, is read now
    after = build_view(period).report.figures()
    assert before["replies"].value == after["replies"].value == 24
    assert before["new_signups"].value == after["new_signups"].value == 2
    assert summaries.activity_by_board(period.first, period.last)[1][Kind.REPLY] == 24


def test_today_is_always_read_from_the_log(db):
    today = timezone.localdate()
    Participation.objects.create(day=today, kind=Kind.REPLY, member_key="k", board_id=1)
    summaries.do_build_day(today)
    Participation.objects.create(day=today, kind=Kind.REPLY, member_key="k2", board_id=1)
    assert summaries.activity_by_board(today, today)[1][Kind.REPLY] == 2


def test_the_command_summarises_a_range_of_days(two_days):
    out = io.StringIO()
    call_command("build_summaries", "--from", "2026-03-01", "--to", "2026-03-03", stdout=out)
    assert "Summarised 3 days" in out.getvalue()
    assert set(DailySummary.objects.values_list("day", flat=True)) == {date(2026, 3, 2), date(2026, 3, 3)}
