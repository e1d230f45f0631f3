"""How fast the evaluation dashboard and the nightly summary are on a year of participation. Prints figures.

    .venv/bin/python bench/evaluation.py                 # 50,000 members, 1,000,000 posts and messages
    .venv/bin/python bench/evaluation.py --scale 0.05    # a quick run at a twentieth of that
    .venv/bin/python bench/evaluation.py --reuse         # time again without refilling

It builds its own SQLite database under var/bench/ (never the development one)
and fills the participation log directly with bulk_create (the log rows that a
year of posts, replies, chat messages, room visits, reactions, reads and sign-ups
would have written; no real posts), plus review items with a report each and some
automatic actions, so the moderation section has rows to count. Then it times:

- aggregate_day: summarising one busy day into DailySummary rows (target under 10 s);
- the dashboard for a quarter, through Django's test client as an evaluator, with
  every day of the year summarised and again with none (target under 500 ms);
  summarised, also a month and one board's quarter. The twelve boards exist as
  Board rows, so every view is decided beside all of them (evaluation/metrics.py).

docs/performance.md records the figures.
"""

import statistics
import time
from collections import Counter
from datetime import date, datetime, timedelta
from random import Random

from bench_django import open_database, parse_scale_arguments

FULL_SIZE = {"members": 50_000, "events": 1_000_000}
YEAR_START = date(2026, 1, 1)
BOARDS = 12
ROOMS = 3
REVIEW_ITEMS = 5_000  # reported or flagged posts in the year, each with one report
BATCH = 20_000
SHARES = {"thread": 0.08, "reply": 0.52, "chat_message": 0.40}  # of posts and messages
REACTIONS_PER_POST = 0.6


def main() -> None:
    args = parse_scale_arguments(__doc__.split("\n\n")[0], default_requests=20)
    size = {name: max(int(count * args.scale), 100) for name, count in FULL_SIZE.items()}
    _database, fresh = open_database("evaluation", args)
    from django.core.management import call_command

    call_command("migrate", verbosity=0)  # also brings a reused database up to date
    started = time.perf_counter()
    if fresh:
        _fill(size)
        print(f"Filled in {time.perf_counter() - started:.1f} s")
    _report(args.requests)


def _fill(size: dict[str, int]) -> None:
    from evaluation.models import Participation

    random = Random(2026)
    members = [f"{number:020x}" for number in range(size["members"])]
    # A few members do most of the talking, as in real communities.
    weights = [1 / (rank + 10) for rank in range(len(members))]
    joined = {key: YEAR_START + timedelta(days=random.randrange(365)) for key in members}
    rows: Counter = Counter()
    for key, day in joined.items():
        rows[(day, "signup", key, 0, 0)] += 1
    events = size["events"]
    authors = random.choices(members, weights=weights, k=events)
    others = random.choices(members, weights=weights, k=events)
    kinds = random.choices(list(SHARES), weights=list(SHARES.values()), k=events)
    for author, other, kind in zip(authors, others, kinds, strict=True):
        day = YEAR_START + timedelta(days=random.randrange(365))
        board = random.randrange(1, BOARDS + 1)
        if kind == "chat_message":
            room = random.randrange(1, ROOMS + 1)
            rows[(day, kind, author, 0, room)] += 1
            rows[(day, "room_visit", author, 0, room)] += 1
            rows[(day, "room_visit", other, 0, room)] += 1  # someone who was there to read along
            continue
        rows[(day, kind, author, board, 0)] += 1
        rows[(day, "read", author, board, 0)] = 1
        if kind == "reply":
            rows[(day, "reply_received", other, board, 0)] += 1
        if random.random() < REACTIONS_PER_POST:
            rows[(day, "reaction", other, board, 0)] += 1
            rows[(day, "reaction_received", author, board, 0)] += 1
    for key in random.sample(members, len(members) // 2):  # readers who never write
        for _ in range(4):
            day = YEAR_START + timedelta(days=random.randrange(365))
            rows[(day, "read", key, random.randrange(1, BOARDS + 1), 0)] = 1
    batch = []
    for (day, kind, key, board, room), count in rows.items():
        batch.append(Participation(day=day, kind=kind, member_key=key, board_id=board, room_id=room, count=count))
        if len(batch) >= BATCH:
            Participation.objects.bulk_create(batch)
            batch = []
    Participation.objects.bulk_create(batch)
    print(f"{len(members):,} members, {events:,} posts and messages, {len(rows):,} participation rows")
    _fill_moderation(random, int(REVIEW_ITEMS * size["events"] / FULL_SIZE["events"]))


def _fill_moderation(random: Random, items: int) -> None:
    """Review items with a report each, a first action for most, and an automatic action for some."""
    from django.utils import timezone

    from accounts.models import User
    from moderation.models import ModerationLog, Reason, Report, ReviewItem

    reporters = [
        User.objects.create_user(email=f"reporter{n}@example.org", handle=f"bench-reporter-{n}", password="x" * 12)
        for n in range(20)
    ]
    start = timezone.make_aware(datetime.combine(YEAR_START, datetime.min.time()))
    made = []
    for number in range(items):
        created = start + timedelta(minutes=random.randrange(365 * 24 * 60))
        acted = created + timedelta(minutes=random.expovariate(1 / 240)) if random.random() < 0.9 else None
        status = random.choice(["resolved", "dismissed"]) if acted else "pending"
        made.append(
            ReviewItem(
                target_type="post", target_id=number, status=status, created_at=created, first_action_at=acted,
                resolved_at=acted, reasons=["unkind"], report_count=1,
            )
        )  # fmt: skip
    made = ReviewItem.objects.bulk_create(made)
    Report.objects.bulk_create(
        Report(
            item=item,
            reporter=random.choice(reporters),
            reason=random.choice(Reason.values),
            created_at=item.created_at,
        )
        for item in made
    )
    ModerationLog.objects.bulk_create(
        ModerationLog(action="auto_hide", item=item, created_at=item.created_at) for item in made[::10]
    )
    print(f"{items:,} review items and reports")


def _report(requests: int) -> None:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from accounts.models import User
    from accounts.roles import Role
    from accounts.services import grant_role
    from community.models import Board
    from evaluation.models import DailySummary
    from evaluation.services import summaries

    for number in range(1, BOARDS + 1):  # older benchmark databases had board ids in the log but no boards
        Board.objects.get_or_create(
            pk=number, defaults={"title": f"Board {number}", "slug": f"board-{number}", "description": "Bench."}
        )
    busiest = date(2026, 3, 2)
    started = time.perf_counter()
    rows = summaries.do_build_day(busiest)
    print(f"aggregate_day for {busiest}: {time.perf_counter() - started:.2f} s ({rows} summary rows)")

    evaluator = User.objects.filter(handle="bench-evaluator").first()
    if evaluator is None:
        evaluator = User.objects.create_user(email="evaluator@example.org", handle="bench-evaluator", password="x" * 12)
        grant_role(evaluator, Role.EVALUATOR)
    client = Client(HTTP_HOST="localhost")
    client.force_login(evaluator)
    quarter = "/evaluation/?period=quarter&on=2026-02-15"

    def time_dashboard(label: str, url: str = quarter) -> None:
        client.get(url)
        timings = []
        for _ in range(requests):
            started = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, response.status_code
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        print(
            f"dashboard, {label}: median {statistics.median(timings):.0f} ms, "
            f"max {max(timings):.0f} ms, {len(queries)} SQL queries"
        )

    DailySummary.objects.all().delete()
    time_dashboard("quarter, no summaries (all from the log)")
    started = time.perf_counter()
    for offset in range(365):
        summaries.do_build_day(YEAR_START + timedelta(days=offset))
    print(f"summarising the year: {time.perf_counter() - started:.1f} s")
    time_dashboard("quarter, every day summarised")
    time_dashboard("month, every day summarised", "/evaluation/?period=month&on=2026-02-15")
    time_dashboard("one board's quarter, every day summarised", quarter + "&board=board-3")


if __name__ == "__main__":
    main()
