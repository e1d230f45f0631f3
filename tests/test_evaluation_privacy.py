"""The attacks of issue 16 item 6 on the anonymous figures and the research exports, each shown to fail.

(a) Subtracting figures for two overlapping date ranges: only whole months and quarters that have ended
    are accepted, everywhere figures leave.
(b) Subtracting a board's figures from the site's: the site, every board and the rest are decided together,
    so a small board's count is never the only unknown; nor is a month's inside its quarter.
(c) Picking a member out of a research export by a rare combination: every row is like at least four others.
(d) Joining an export to public profile facts (join month, the posts on a member's activity page): each
    member matches at least five rows, and no raw count leaves.
"""

import csv
import io
from collections import Counter, defaultdict
from datetime import date, timedelta
from random import Random

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from accounts.roles import Role
from community.models import Board
from evaluation.models import ExportLog, Participation
from evaluation.periods import KINDS, Period, containing
from evaluation.services import exports, research
from evaluation.services.participation import member_key

Kind = Participation.Kind
differencing = pytest.mark.security("re-identification")
reidentification = pytest.mark.security("re-identification")
JANUARY = containing("month", date(2026, 1, 1))
ROW_FACTS = ("pseudonym", "period_from", "period_to")  # the same for every row, or unlinkable


@pytest.fixture
def evaluator(make_member):
    return make_member("evaluator1", roles=(Role.EVALUATOR,))


def log(day: date, kind: str, key: str, board_id: int, count: int = 1) -> None:
    Participation.objects.create(day=day, kind=kind, member_key=key, board_id=board_id, count=count)


def published(client, query: dict, sections=None) -> dict[str, str | None]:
    """The figures of one CSV download (of these sections, or all): a number, or None where it is hidden."""
    rows = csv.DictReader(io.StringIO(client.get("/evaluation/download.csv", query).content.decode()))
    return {
        row["figure"]: None if row["value"].startswith("<") else row["value"]
        for row in rows
        if sections is None or row["section"] in sections
    }


def possible_values(total, parts: list) -> set[int]:
    """What the first part could be, from 0 to 4, given the total and the other parts as published (None:
    hidden, so anything from 0 up). Nothing happens outside the boards here, so the parts add up exactly."""
    target, others = parts[0], parts[1:]
    if total is None:
        return set(range(5))
    known = sum(int(value) for value in others if value is not None)
    hidden_others = sum(value is None for value in others)
    rest = int(total) - known
    return {c for c in range(5) if (rest - c >= 0 if hidden_others else rest == c)} if target is None else {int(target)}


# (a) Overlapping date ranges ----------------------------------------------------------------


OVERLAPPING = [(date(2026, 1, 1), date(2026, 1, 30)), (date(2026, 1, 2), date(2026, 1, 31))]


@differencing
@pytest.mark.parametrize("query", [{"period": "custom", "start": "2026-01-01", "end": "2026-01-30"},
                                   {"period": "month", "start": "2026-01-02", "end": "2026-01-31"},
                                   {"period": "week", "on": "2026-01-05"}])  # fmt: skip
@pytest.mark.parametrize("path", ["/evaluation/", "/evaluation/download.csv"])
def test_the_dashboard_and_its_download_refuse_dates_of_ones_own(evaluator, client_for, path, query):
    response = client_for(evaluator).get(path, query)
    assert "whole calendar months and quarters only" in response.content.decode()
    assert not response.get("Content-Disposition") and not ExportLog.objects.exists()


@differencing
@pytest.mark.parametrize(("first", "last"), OVERLAPPING)
def test_export_metrics_refuses_overlapping_dates(db, first, last):
    with pytest.raises(CommandError, match="not a whole calendar month or quarter"):
        call_command("export_metrics", "--from", str(first), "--to", str(last), stdout=io.StringIO())
    assert not ExportLog.objects.exists()


@differencing
@pytest.mark.parametrize(("first", "last"), OVERLAPPING)
def test_the_export_services_refuse_overlapping_dates(evaluator, admin_user, first, last):
    research.set_enabled(admin_user, True)
    with pytest.raises(exports.ExportError):
        exports.do_export(requested_by=evaluator, period=Period(first, last, "custom"))
    with pytest.raises(research.ResearchError):
        research.do_research_export(requested_by=evaluator, period=Period(first, last, "custom"))
    assert not ExportLog.objects.exists()


@differencing
def test_a_period_still_going_on_is_refused_everywhere(evaluator, client_for, admin_user):
    """This month on the 10th and on the 11th would be two overlapping ranges differing by one day."""
    research.set_enabled(admin_user, True)
    month = containing("month", timezone.localdate())
    query = {"period": "month", "on": month.first.isoformat()}
    client = client_for(evaluator)
    assert client.get("/evaluation/download.csv", query).status_code == 400
    assert client.post("/evaluation/research/export.csv", query).status_code == 400
    with pytest.raises(CommandError, match="has not ended yet"):
        call_command("export_metrics", "--from", str(month.first), "--to", str(month.last), stdout=io.StringIO())
    assert not ExportLog.objects.exists()


@differencing
def test_any_two_reporting_periods_are_apart_or_one_holds_the_other():
    """So the only way to subtract one from another is a quarter minus its months (tested below)."""
    days = [date(2026, 1, 1) + timedelta(days=offset) for offset in range(0, 365, 3)]
    periods = {containing(kind, day) for kind in KINDS for day in days}
    for one in periods:
        for other in periods:
            apart = one.last < other.first or other.last < one.first
            nested = (one.first <= other.first and other.last <= one.last) or (
                other.first <= one.first and one.last <= other.last
            )
            assert apart or nested, (one, other)


# (b) A board against the site, and a quarter against its months -----------------------------


@pytest.fixture
def three_boards(db):
    """January 2026: two busy boards and one with three replies and two reactions, plus a board with nothing
    (as if it were new: a reader may know its figures are zero)."""
    boards = [Board.objects.create(title=name, slug=name, description=name) for name in ("busy", "steady", "small")]
    Board.objects.create(title="New", slug="new", description="New.")
    for board, members, reactions in zip(boards, (20, 12, 3), (6, 7, 2), strict=True):
        for n in range(members):
            log(date(2026, 1, 5 + n % 20), Kind.REPLY, f"{board.slug}{n}", board.pk)
            log(date(2026, 1, 5 + n % 20), Kind.READ, f"{board.slug}{n}", board.pk)
        for n in range(reactions):
            log(date(2026, 1, 6), Kind.REACTION, f"{board.slug}{n}", board.pk)
    return boards


# Counts that add up over boards: the site's is the boards' added up (nothing happens outside them here).
BY_BOARD = ["threads", "replies", "reactions", "activity_total", "new_threads", "reports_total", "review_items"]
SITE_WIDE = ["retention", "cases", "case_categories", "acknowledgement", "outcomes", "signals", "rooms"]


@differencing
def test_a_small_boards_count_cannot_be_worked_out_from_the_site_and_the_other_boards(
    three_boards, evaluator, client_for
):
    client = client_for(evaluator)
    query = {"period": "month", "on": "2026-01-01"}
    site = published(client, query)
    boards = {slug: published(client, query | {"board": slug}) for slug in ("small", "busy", "steady", "new")}
    assert (boards["small"]["replies"], boards["small"]["reactions"]) == (None, None)
    assert site["replies"] is not None  # 35: the busy boards' replies must not both be shown
    assert possible_values(site["replies"], [boards[slug]["replies"] for slug in boards]) == set(range(5))
    for key in BY_BOARD:
        for slug in ("small", "busy", "steady"):  # the new board's zeros may be known anyway, and are not protected
            others = [boards[other][key] for other in boards if other != slug]
            if boards[slug][key] is None:
                assert len(possible_values(site[key], [None, *others])) > 1, (key, slug)


@differencing
def test_a_board_page_hides_the_site_wide_figures_exactly_as_the_site_page_does(three_boards, evaluator, client_for):
    """Before, a board's page decided the site-wide sections without the site's new members: it showed
    February's cohort of seven that the site's page hid, and 21 new members minus January's twelve and that
    seven gave away March's two."""
    for month, joined in ((1, 12), (2, 7), (3, 2)):
        for n in range(joined):
            Participation.objects.create(day=date(2026, month, 3), kind=Kind.SIGNUP, member_key=f"new{month}-{n}")
    client = client_for(evaluator)
    query = {"period": "quarter", "on": "2026-01-01"}
    site, board = published(client, query, SITE_WIDE), published(client, query | {"board": "small"}, SITE_WIDE)
    assert board and board == site
    new_members = published(client, query)["new_signups"]
    assert site["cohort_2026_03"] is None and None in (new_members, site["cohort_2026_01"], site["cohort_2026_02"])


@differencing
def test_a_quarter_never_shows_a_count_one_of_its_months_hides(db, evaluator, client_for):
    """Three, four and five replies in a board's months: the quarter's twelve minus January's and February's
    (both hidden) or minus March's five would give the small months away, so the quarter hides it too."""
    board = Board.objects.create(title="Small", slug="small", description="Small.")
    for month, replies in ((1, 3), (2, 4), (3, 5)):
        for n in range(replies):
            log(date(2026, month, 10), Kind.REPLY, f"m{month}-{n}", board.pk)
    client = client_for(evaluator)
    months = [published(client, {"period": "month", "on": f"2026-0{m}-01", "board": "small"}) for m in (1, 2, 3)]
    quarter = published(client, {"period": "quarter", "on": "2026-01-01", "board": "small"})
    assert [month["replies"] for month in months] == [None, None, "5"]
    assert quarter["replies"] is None
    for key, value in quarter.items():
        if value is not None and key in months[0] and key in ("replies", "threads", "reactions", "activity_total"):
            assert all(month[key] is not None for month in months), key


# (c) and (d) Research exports ----------------------------------------------------------------


@pytest.fixture
def unique_population(db, admin_user):
    """Forty members who are each unique as the log has them: their own reply count (1 to 40), a join month
    spread over two years, and one of three age bands. Their public side: the join month on the profile and
    every conversation and reply on the activity page, so exactly these thread and reply counts."""
    from accounts.models import User
    from accounts.services import set_age_band

    random, public = Random(6), {}
    for n in range(40):
        person = User.objects.create_user(email=f"p{n}@example.org", handle=f"person{n}", password="x" * 12)
        set_age_band(person, random.choice(["18-24", "25-34", "35-44"]))
        key, joined = member_key(person), date(2025 + n % 2, 1 + n % 12, 1)
        Participation.objects.create(day=joined, kind=Kind.SIGNUP, member_key=key)
        threads = n % 3
        log(date(2026, 1, 5), Kind.REPLY, key, 1, count=n + 1)
        log(date(2026, 1, 6), Kind.READ, key, 1, count=random.randint(1, 30))
        if threads:
            log(date(2026, 1, 7), Kind.THREAD, key, 1, count=threads)
        public[person.handle] = {"joined": joined, "thread": threads, "reply": n + 1}
    research.set_enabled(admin_user, True)
    return public


def research_rows(evaluator) -> list[dict]:
    text, _count = research.do_research_export(requested_by=evaluator, period=JANUARY)
    return list(csv.DictReader(io.StringIO(text)))


@reidentification
def test_every_combination_in_a_research_export_is_shared_by_at_least_five_rows(unique_population, evaluator):
    rows = research_rows(evaluator)
    classes = Counter(tuple(value for column, value in row.items() if column not in ROW_FACTS) for row in rows)
    assert rows and min(classes.values()) >= 5
    log_entry = ExportLog.objects.get()
    assert log_entry.rows == len(rows) and log_entry.treatment["rows_before"] == 40
    assert log_entry.treatment["dropped"] + len(rows) == 40


@reidentification
def test_members_unique_in_the_log_are_never_unique_rows(unique_population, evaluator):
    raw = Counter((facts["joined"], facts["thread"], facts["reply"]) for facts in unique_population.values())
    assert set(raw.values()) == {1}  # before the export, everyone stands alone
    rows = research_rows(evaluator)
    assert not [row for row in rows if sum(other == row | {"pseudonym": other["pseudonym"]} for other in rows) < 5]


def could_be(value: str, count: int) -> bool:
    """Could an exported value stand for this count: itself, a band holding it (1-4, 20 or more), or not shown."""
    if value == "not shown":
        return True
    if value.isdigit():
        return int(value) == count
    if value.endswith(" or more"):
        return count >= int(value.removesuffix(" or more"))
    lowest, highest = value.split("-")
    return int(lowest) <= count <= int(highest)


def consistent(row: dict, facts: dict) -> bool:
    """Could this row be the member, given what anyone can read on their profile and activity page?"""
    joined = facts["joined"]
    if row["joined"] not in (f"{joined.year}-Q{(joined.month - 1) // 3 + 1}", str(joined.year), "not shown"):
        return row["joined"] == f"{joined:%Y-%m}"  # a join month, as exports used to give
    return all(could_be(row[kind], facts[kind]) for kind in ("thread", "reply"))


@reidentification
def test_an_export_cannot_be_joined_to_public_post_counts(unique_population, evaluator):
    rows = research_rows(evaluator)
    for handle, facts in unique_population.items():
        assert sum(consistent(row, facts) for row in rows) >= 5 or not any(consistent(r, facts) for r in rows), handle
    for row in rows:  # no raw count at all: reply counts 1 to 40 would each point at one member
        activity = [value for column, value in row.items() if column not in (*ROW_FACTS, "age_band", "joined")]
        assert not [value for value in activity if value.isdigit() and value != "0"], row


@reidentification
def test_fifteen_rows_unique_on_age_join_month_and_counts_are_no_longer_unique(db, evaluator, admin_user):
    """The review's case: fifteen members, each with their own join month and counts, all unique before."""
    for n in range(15):
        key = f"k{n}"
        Participation.objects.create(day=date(2025, 1 + n % 12, 1 + n), kind=Kind.SIGNUP, member_key=key)
        log(date(2026, 1, 5), Kind.REPLY, key, 1, count=1 + n)
    research.set_enabled(admin_user, True)
    try:
        rows = research_rows(evaluator)
    except research.ResearchError:
        rows = []
    by_values = defaultdict(int)
    for row in rows:
        by_values[tuple(value for column, value in row.items() if column not in ROW_FACTS)] += 1
    assert all(size >= 5 for size in by_values.values())
