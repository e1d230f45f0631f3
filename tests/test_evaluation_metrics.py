"""Each evaluation figure against a hand-built month with known answers (before suppression)."""

from datetime import date, datetime, timedelta

import pytest
from django.utils import timezone

from community.models import Board, Post, Thread
from evaluation.metrics import build_view
from evaluation.models import Participation
from evaluation.periods import Period, PeriodError, check_reportable, containing, from_dates, last_complete
from evaluation.services import summaries
from evaluation.stats import percentile
from safeguarding.matching import Level
from safeguarding.models import Case, CaseItem, RiskSignal

Kind = Participation.Kind
MARCH = Period(date(2026, 3, 1), date(2026, 3, 31), "month")
NOW = timezone.make_aware(datetime(2026, 3, 8, 12, 0))


def at(day: int, hour: int, minute: int = 0, month: int = 3) -> datetime:
    return timezone.make_aware(datetime(2026, month, day, hour, minute))


def log(day: date, kind: str, key: str, board_id: int = 1, count: int = 1, room_id: int = 0) -> None:
    Participation.objects.create(day=day, kind=kind, member_key=key, board_id=board_id, room_id=room_id, count=count)


def values(period: Period = MARCH, board_id: int | None = None) -> dict:
    return {key: figure.value for key, figure in build_view(period, board_id, now=NOW).report.figures().items()}


@pytest.fixture
def month_of_participation(db):
    d = lambda day, month=3: date(2026, month, day)  # noqa: E731
    log(d(2), Kind.REPLY, "a", count=2)  # a gives and receives, and comes back the next day
    log(d(2), Kind.REPLY_RECEIVED, "a")
    log(d(3), Kind.REACTION, "a")
    log(d(25), Kind.THREAD, "b")  # b only receives, and comes back 16 days later
    log(d(25), Kind.REPLY_RECEIVED, "b")
    log(d(10, 4), Kind.THREAD, "b")
    log(d(27), Kind.REACTION, "c")  # c only gives, and comes back after the month, within 7 days
    log(d(2, 4), Kind.REPLY, "c")
    log(d(6), Kind.CHAT_MESSAGE, "d", board_id=0, room_id=1)  # d only chats
    log(d(6), Kind.READ, "e")  # e only reads
    log(d(6), Kind.VISIT, "f", board_id=0)  # f signs in and does nothing else
    log(d(2), Kind.SIGNUP, "g", board_id=0)  # g joins and reads
    log(d(2), Kind.READ, "g")
    log(d(28, 2), Kind.REPLY, "h")  # h took part before the month only


def test_members_active_readers_and_new(month_of_participation):
    figures = values()
    assert (figures["active"], figures["readers"], figures["new_signups"]) == (4, 2, 1)


def test_returning_members_within_7_and_30_days(month_of_participation):
    figures = values()
    assert (figures["returning_7"], figures["returning_30"]) == (2, 3)


def test_support_given_and_received_and_reciprocity(month_of_participation):
    figures = values()
    assert [figures[key] for key in ("both", "only_give", "only_receive", "neither")] == [1, 1, 1, 1]
    assert figures["reciprocity"] == pytest.approx(1 / 3)


def test_activity_counts_sum_the_log(month_of_participation):
    figures = values()
    assert [figures[key] for key in ("threads", "replies", "chat_messages", "reactions", "activity_total")] == [
        1,
        2,
        1,
        2,
        6,
    ]


def test_a_board_counts_only_its_own_participation(month_of_participation):
    log(date(2026, 3, 3), Kind.REPLY, "i", board_id=2)
    log(date(2026, 3, 3), Kind.READ, "e", board_id=2)
    assert (values(board_id=2)["active"], values(board_id=2)["replies"], values(board_id=2)["readers"]) == (1, 1, 1)
    assert values(board_id=1)["active"] == 3  # a, b and c: d chatted in a room, not a board
    assert "new_signups" not in values(board_id=1)


@pytest.fixture
def conversations(board, member, other_member, make_member):
    """Five conversations started in March (and one before it) with known first replies."""
    helper = make_member("helper")

    def conversation(started: datetime, replies=()):
        thread = Thread.objects.create(board=board, title="t", author=member, created_at=started)
        Post.objects.create(thread=thread, author=member, body="x", body_html="x", created_at=started)
        for when, author, state in replies:
            Post.objects.create(thread=thread, author=author, body="x", body_html="x", created_at=when, state=state)

    published, held = Post.State.PUBLISHED, Post.State.HELD
    conversation(at(2, 10), [(at(2, 10, 30), other_member, published)])  # 30 minutes
    conversation(at(3, 10), [(at(3, 10, 5), member, published), (at(3, 15), helper, published)])  # own reply ignored
    conversation(at(4, 10), [(at(4, 10, 10), helper, held), (at(6, 10), helper, published)])  # 2 days
    conversation(at(5, 10))  # no reply after 3 days
    conversation(at(8, 11))  # an hour old, no reply yet
    conversation(at(28, 10, month=2))  # before the month


def test_responsiveness_counts_first_replies_from_others(conversations):
    figures = values()
    counts = ("new_threads", "replied_1h", "replied_24h", "no_reply_24h", "awaiting", "replied")
    assert [figures[key] for key in counts] == [5, 1, 2, 2, 1, 3]
    assert (figures["share_1h"], figures["share_24h"]) == (pytest.approx(0.2), pytest.approx(0.4))


def test_time_to_first_reply_median_and_90th_percentile(conversations):
    figures = values()
    assert (figures["reply_median"], figures["reply_p90"]) == (300, 2 * 24 * 60)


def test_responsiveness_for_one_board(conversations, member):
    other = Board.objects.create(title="Sleep", slug="sleep", description="Sleep.")
    Thread.objects.create(board=other, title="t", author=member, created_at=at(2, 9))
    assert values(board_id=other.pk)["new_threads"] == 1
    assert values()["new_threads"] == 6


@pytest.fixture
def cases(make_member):
    def case(level, opened, acknowledged=None, outcome="", categories=()):
        made = Case.objects.create(
            member=make_member(), level=level, status=Case.Status.RESOLVED if outcome else Case.Status.OPEN
        )
        resolved = acknowledged if outcome else None
        Case.objects.filter(pk=made.pk).update(
            opened_at=opened, acknowledged_at=acknowledged, resolved_at=resolved, outcome=outcome
        )
        for category_list in categories:
            CaseItem.objects.create(case=made, source="forum post", snapshot="", level=level, categories=category_list)

    case(Level.CRISIS, at(2, 10), at(2, 10, 3), Case.Outcome.SIGNPOSTED, [["suicide"], ["self_harm", "suicide"]])
    case(Level.HIGH, at(3, 10), at(3, 11), Case.Outcome.REFERRED, [["suicide"]])
    case(Level.MEDIUM, at(4, 10))
    case(Level.CRISIS, at(20, 10, month=2), at(20, 10, 1, month=2), Case.Outcome.FALSE_ALARM)  # before the month
    before = at(28, 9, month=2)
    for level, when in ((Level.HIGH, at(2, 9)), (Level.LOW, at(3, 9)), (Level.LOW, at(3, 9)), (Level.LOW, before)):
        signal = RiskSignal.objects.create(level=level, categories=[], source="forum post")
        RiskSignal.objects.filter(pk=signal.pk).update(created_at=when)


def test_cases_by_level_category_and_outcome(cases):
    figures = values()
    assert [figures[f"cases_{level}"] for level in ("crisis", "high", "medium", "low")] == [1, 1, 1, 0]
    assert (figures["cases_opened"], figures["category_suicide"], figures["category_self_harm"]) == (3, 2, 1)
    assert (figures["outcome_signposted"], figures["outcome_referred"], figures["outcome_unresolved"]) == (1, 1, 1)
    assert figures["outcome_false_alarm"] == 0


def test_time_to_acknowledge_against_the_response_targets(cases):
    figures = values()  # crisis in 3 minutes (target 5), high in 60 (target 30), medium not yet
    assert (figures["cases_acknowledged"], figures["within_target"]) == (2, 1)
    assert figures["share_within_target"] == pytest.approx(1 / 3)
    assert (figures["ack_median"], figures["ack_p90"]) == (31.5, 60)


def test_risk_signals_by_level(cases):
    figures = values()
    assert (figures["signals_total"], figures["signals_high"], figures["signals_low"]) == (3, 1, 2)


def test_percentile_is_nearest_rank():
    assert percentile(list(range(1, 11)), 0.9) == 9
    assert percentile([], 0.9) is None


@pytest.mark.parametrize(
    ("kind", "first", "last"),
    [("month", date(2026, 2, 1), date(2026, 2, 28)), ("quarter", date(2026, 1, 1), date(2026, 3, 31))],
)
def test_periods_contain_the_chosen_day(kind, first, last):
    period = containing(kind, date(2026, 2, 12))
    assert (period.first, period.last) == (first, last)


def test_the_latest_period_shown_is_the_last_one_that_has_ended():
    assert last_complete("month", date(2026, 3, 1)).label() == "February 2026"
    assert last_complete("quarter", date(2026, 3, 31)).label() == "Q4 2025 (Oct to Dec)"


def test_a_period_still_going_on_is_refused_with_the_reason():
    with pytest.raises(PeriodError, match=r"has not ended yet.*comparing two days"):
        check_reportable(containing("month", date(2026, 3, 10)), today=date(2026, 3, 31))
    assert check_reportable(containing("month", date(2026, 3, 10)), today=date(2026, 4, 1)).label() == "March 2026"


@pytest.mark.parametrize(
    ("first", "last"), [(date(2026, 1, 1), date(2026, 1, 31)), (date(2026, 1, 1), date(2026, 3, 31))]
)
def test_whole_months_and_quarters_are_the_only_date_ranges(first, last):
    assert (from_dates(first, last).first, from_dates(first, last).last) == (first, last)


@pytest.mark.parametrize(
    ("first", "last"),
    [
        (date(2026, 1, 1), date(2026, 1, 30)),
        (date(2026, 1, 2), date(2026, 1, 31)),
        (date(2026, 1, 1), date(2026, 6, 30)),
    ],
)
def test_any_other_date_range_is_refused_naming_the_whole_periods_nearby(first, last):
    with pytest.raises(PeriodError, match=r"not a whole calendar month or quarter.*2026-01-01 to 2026-03-31"):
        from_dates(first, last)


def test_figures_are_the_same_from_nightly_summaries(month_of_participation):
    from_log, board_from_log = values(), values(board_id=1)
    for offset in range(45):
        summaries.do_build_day(date(2026, 2, 25) + timedelta(days=offset))
    Participation.objects.filter(kind=Kind.READ).delete()  # the summaries, not the log, are read now
    assert values() == from_log
    assert values(board_id=1) == board_from_log
