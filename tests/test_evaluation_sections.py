"""The moderation, chat room and retention figures against hand-built data with known answers, and their suppression."""

import csv
import io
from datetime import date, datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from community.models import Room
from community.services import rooms
from evaluation import retention
from evaluation.metrics import build_view
from evaluation.models import ExportLog, Participation
from evaluation.periods import Period
from evaluation.services import summaries
from evaluation.suppression import Report, suppressed_keys
from moderation.models import ModerationLog, ReviewItem
from moderation.models import Report as MemberReport

Kind = Participation.Kind
Status = ReviewItem.Status
MARCH = Period(date(2026, 3, 1), date(2026, 3, 31), "month")
QUARTER = Period(date(2026, 1, 1), date(2026, 3, 31), "quarter")


def at(day: int, hour: int, minute: int = 0, month: int = 3) -> datetime:
    return timezone.make_aware(datetime(2026, month, day, hour, minute))


def values(period: Period = MARCH, board_id: int | None = None) -> dict:
    return {key: figure.value for key, figure in build_view(period, board_id, now=at(8, 12)).report.figures().items()}


def log(day: date, kind: str, key: str, room_id: int = 0, board_id: int = 0) -> None:
    Participation.objects.create(day=day, kind=kind, member_key=key, room_id=room_id, board_id=board_id)


# Moderation ----------------------------------------------------------------------------


@pytest.fixture
def moderation_week(board, make_member, moderator):
    def item(created, first_action, status, reasons=(), board=None, number=[0]):  # noqa: B006 (a counter)
        number[0] += 1
        made = ReviewItem.objects.create(
            target_type="post", target_id=number[0], board=board, status=status, created_at=created,
            first_action_at=first_action,
        )  # fmt: skip
        for reason in reasons:
            report = MemberReport.objects.create(item=made, reporter=make_member(), reason=reason)
            MemberReport.objects.filter(pk=report.pk).update(created_at=created)
        return made

    hidden = item(at(2, 10), at(2, 10, 30), Status.RESOLVED, ["unkind", "spam"], board=board)  # 30 minutes
    item(at(3, 10), at(3, 12), Status.DISMISSED, ["rules"])  # 2 hours
    item(at(4, 10), None, Status.PENDING, ["unkind"])  # not looked at yet
    item(at(5, 9), at(5, 9, 10), Status.CLAIMED)  # flagged automatically, being looked at after 10 minutes
    before = item(at(27, 10, month=2), at(27, 11, month=2), Status.RESOLVED, ["spam"])  # before the month
    for action, actor, when, about in (
        ("auto_hide", None, at(2, 9), hidden),
        ("auto_pause", None, at(6, 9), None),  # a new kind of automatic action appears by itself
        ("hide", moderator, at(2, 10, 30), hidden),  # by a person: not automatic
        ("auto_hide", None, at(27, 9, month=2), before),
    ):
        ModerationLog.objects.create(action=action, actor=actor, item=about, created_at=when)


def test_reports_by_reason(moderation_week):
    figures = values()
    assert [figures[key] for key in ("reports_total", "reports_unkind", "reports_spam", "reports_rules")] == [
        4,
        2,
        1,
        1,
    ]
    assert (figures["reports_safety"], figures["reports_other"]) == (0, 0)


def test_review_outcomes_and_time_to_first_action(moderation_week):
    figures = values()
    outcomes = ("review_items", "outcome_action_taken", "outcome_left_up", "outcome_open", "review_acted_on")
    assert [figures[key] for key in outcomes] == [4, 1, 1, 2, 3]
    assert (figures["first_action_median"], figures["first_action_p90"]) == (30, 120)


def test_automatic_actions_are_counted_by_name(moderation_week):
    figures = values()
    assert (figures["automatic_total"], figures["automatic_auto_hide"], figures["automatic_auto_pause"]) == (2, 1, 1)
    assert "automatic_hide" not in figures


def test_moderation_for_one_board(moderation_week, board):
    figures = values(board_id=board.pk)
    assert (figures["review_items"], figures["reports_total"], figures["automatic_total"]) == (1, 2, 1)


def test_moderation_counts_are_suppressed_and_a_median_of_few_times_is_hidden(moderation_week):
    shown = {figure.key: figure.text for _section, figures in build_view(MARCH).shown() for figure in figures}
    assert shown["reports_total"] == "<5" and shown["first_action_median"] == "<5"


# Chat rooms ----------------------------------------------------------------------------


@pytest.fixture
def two_rooms(db):
    circle = Room.objects.create(name="Evening circle", slug="evening", purpose="Talk.")
    morning = Room.objects.create(name="Morning coffee", slug="morning", purpose="Talk.")
    Room.objects.create(name="Quiet room", slug="quiet", purpose="Talk.")
    d = lambda day, month=3: date(2026, month, day)  # noqa: E731
    log(d(2), Kind.ROOM_VISIT, "a", circle.pk)  # a and b at Monday's circle, a also chats
    log(d(2), Kind.ROOM_VISIT, "b", circle.pk)
    log(d(2), Kind.CHAT_MESSAGE, "a", circle.pk)
    log(d(4), Kind.ROOM_VISIT, "c", circle.pk)  # c alone on Wednesday
    for key in "def":
        log(d(3), Kind.CHAT_MESSAGE, key, morning.pk)
    log(d(10, 4), Kind.ROOM_VISIT, "a", circle.pk)  # after the month
    log(d(3), Kind.REPLY, "a", board_id=1)  # forum activity is no session
    return circle, morning


def test_sessions_held_and_attendance_per_room(two_rooms):
    figures = values()
    assert (figures["room_sessions_total"], figures["room_attendance_total"]) == (3, 6)
    assert (figures["room_evening_sessions"], figures["room_evening_attendance"]) == (2, 3)
    assert figures["room_evening_per_session"] == pytest.approx(1.5)
    assert (figures["room_morning_sessions"], figures["room_morning_attendance"]) == (1, 3)
    assert (figures["room_quiet_sessions"], figures["room_quiet_per_session"]) == (0, None)


def test_sessions_are_the_same_from_nightly_summaries(two_rooms):
    from_log = values()
    for day in (2, 3, 4):
        summaries.do_build_day(date(2026, 3, day))
    Participation.objects.filter(day__in=[date(2026, 3, 2), date(2026, 3, 3)]).delete()  # now only in summaries
    assert {key: value for key, value in values().items() if key.startswith("room_")} == {
        key: value for key, value in from_log.items() if key.startswith("room_")
    }


def test_entering_an_open_room_is_recorded_and_a_closed_one_is_not(two_rooms, member):
    circle, morning = two_rooms
    rooms.join_presence(member, circle, "socket-1")  # no opening hours: always open
    Room.objects.filter(pk=morning.pk).update(override=Room.Override.CLOSED)
    morning.refresh_from_db()
    rooms.join_presence(member, morning, "socket-2")
    visits = Participation.objects.filter(kind=Kind.ROOM_VISIT, day=timezone.localdate())
    assert list(visits.values_list("room_id", flat=True)) == [circle.pk]


# Retention -----------------------------------------------------------------------------


@pytest.fixture
def cohorts(db):
    d = lambda month, day: date(2026, month, day)  # noqa: E731
    for key, joined in (("a", d(1, 5)), ("b", d(1, 20)), ("c", d(2, 3)), ("d", d(3, 9)), ("z", d(4, 2))):
        log(joined, Kind.SIGNUP, key)
    log(d(1, 6), Kind.REPLY, "a", board_id=1)  # a: active in January and March
    log(d(3, 30), Kind.CHAT_MESSAGE, "a", room_id=1)
    log(d(2, 14), Kind.THREAD, "b", board_id=1)  # b: only in February, and reads in March (not active)
    log(d(3, 14), Kind.READ, "b", board_id=1)
    log(d(2, 3), Kind.REACTION, "c", board_id=1)  # c: February and March
    log(d(3, 1), Kind.REPLY, "c", board_id=1)
    log(d(4, 1), Kind.REPLY, "d", board_id=1)  # d: only after the quarter


def cells(figures: dict, month: str, months_after: int) -> list:
    return [figures[f"cohort_{month}_m{after}_active"] for after in range(months_after)]


def test_retention_triangle_by_joining_month(cohorts):
    figures = values(QUARTER)
    assert [figures[f"cohort_2026_{m}"] for m in ("01", "02", "03")] == [2, 1, 1]
    assert cells(figures, "2026_01", 3) == [1, 1, 1]
    assert cells(figures, "2026_02", 2) == [1, 1]
    assert cells(figures, "2026_03", 1) == [0]
    assert "cohort_2026_03_m1_active" not in figures  # April is after the quarter
    assert figures["cohort_2026_01_m1_share"] == pytest.approx(0.5)
    assert figures["cohort_2026_01_m1_inactive"] == 1


def test_retention_is_site_wide_when_a_board_is_chosen(cohorts):
    assert cells(values(QUARTER, board_id=1), "2026_01", 3) == [1, 1, 1]


def test_retention_is_the_same_from_nightly_summaries(cohorts):
    def retention_figures():
        return {key: value for key, value in values(QUARTER).items() if key.startswith("cohort_")}

    from_log = retention_figures()
    for day in (date(2026, 1, 5), date(2026, 1, 6), date(2026, 2, 3), date(2026, 3, 30)):
        summaries.do_build_day(day)
    Participation.objects.filter(day__in=[date(2026, 1, 5), date(2026, 3, 30)]).delete()  # now only in summaries
    assert retention_figures() == from_log


def test_a_cohort_cell_cannot_be_worked_out_from_the_cohort_size():
    cohort = {date(2026, 1, 1): {"size": 20, "active": [18, 9]}}
    (section,), groups = retention.sections(cohort)
    hidden = suppressed_keys(Report([section], groups))
    # Two members were not active in January: their count and the 18 it would be taken from are both hidden.
    assert {"cohort_2026_01_m0_inactive", "cohort_2026_01_m0_active", "cohort_2026_01_m0_share"} <= hidden
    assert not hidden & {"cohort_2026_01", "cohort_2026_01_m1_active", "cohort_2026_01_m1_share"}


def test_the_dashboard_shows_the_cohort_triangle_as_a_table(cohorts, make_member, client_for):
    from accounts.roles import Role

    evaluator = make_member("evaluator1", roles=(Role.EVALUATOR,))
    page = client_for(evaluator).get("/evaluation/", {"period": "quarter", "on": "2026-02-01"}).content.decode()
    assert "<caption>Retention by monthly cohort" in page
    assert '<th scope="row">January 2026</th>' in page
    assert '<th scope="col" class="number">2 months later</th>' in page
    assert "Reports by members, by reason" in page and "Chat room sessions and attendance" in page


def test_export_metrics_prints_the_new_sections_suppressed(cohorts, moderation_week, two_rooms):
    out = io.StringIO()
    call_command("export_metrics", "--from", "2026-01-01", "--to", "2026-03-31", stdout=out, stderr=io.StringIO())
    rows = {row["figure"]: row for row in csv.DictReader(io.StringIO(out.getvalue()))}
    assert {rows[key]["section"] for key in ("cohort_2026_01_m2_share", "reports_unkind", "room_evening_sessions")} == {
        "retention",
        "moderation_reports",
        "rooms",
    }
    hidden = ("cohort_2026_01", "cohort_2026_01_m2_share", "automatic_auto_pause", "first_action_median")
    assert {rows[key]["value"] for key in hidden} == {"<5"}
    # Five items in the quarter, but February's one and March's four are hidden in their months, and a quarter
    # never shows a count that one of its months hides (it could be set against the other months).
    assert rows["review_items"]["value"] == "<5"
    assert ExportLog.objects.get().kind == ExportLog.Kind.AGGREGATE
