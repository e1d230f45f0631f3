"""How fast forum pages are on a big SQLite database. Prints figures; it is not a test.

    .venv/bin/python bench/forum.py                # 5,000 members, 2,000 threads, 100,000 posts
    .venv/bin/python bench/forum.py --scale 0.05   # a quick run at a twentieth of that
    .venv/bin/python bench/forum.py --reuse        # time again without refilling

It builds its own database under var/bench/ (never the development one) with
bulk_create, then requests pages through Django's test client as a signed-in
member and prints the median and 95th-percentile milliseconds per request and
the number of SQL queries each page makes. The target is a median thread page
(50 replies) under 50 ms on SQLite. docs/performance.md records the figures.
"""

import statistics
import time
from datetime import timedelta
from pathlib import Path
from random import Random

from bench_django import BASE_DIR, open_database, parse_scale_arguments

FULL_SIZE = {"members": 5_000, "threads": 2_000, "posts": 100_000}
REACTIONS_PER_POST = 1.5
BATCH = 5_000
SHARE_NOT_PUBLISHED = 0.02  # held, hidden or removed replies, so the visibility rule has work to do


def main() -> None:
    args = parse_scale_arguments(__doc__.split("\n\n")[0], default_requests=200)
    size = {name: max(int(count * args.scale), 50) for name, count in FULL_SIZE.items()}
    database, fresh = open_database("forum", args)

    started = time.perf_counter()
    if fresh:
        _fill(size)
    filled_in = time.perf_counter() - started
    _report(database, fresh, filled_in, args.requests)


def _fill(size: dict[str, int]) -> None:
    from django.core.management import call_command
    from django.db import transaction

    call_command("migrate", verbosity=0)
    with transaction.atomic():  # SQLite checks foreign keys at commit, so threads can name posts made after them
        _bulk_fill(size, Random(2468))


def _bulk_fill(size: dict[str, int], rng: Random) -> None:
    from django.utils import timezone

    from accounts.models import User
    from community.markup import render_markdown
    from community.models import Board, ContentWarning, Post, Reaction, Thread

    bodies = [
        (text, render_markdown(text))
        for text in (
            "Had a rough night but I'm still here. Thank you all for being around.",
            "Sending you a hug. What you wrote about *small steps* really stuck with me.",
            "Same here. Some days getting up is the whole achievement, and that's **fine**.",
            "I tried the breathing thing you mentioned:\n\n- in for four\n- out for six\n\nIt helped a bit.",
            "> Be kind to yourself\n\nI needed to hear that today. Thank you.",
            "Well done for going! It takes a lot of courage. How did it feel afterwards?",
        )
    ]
    warnings = [*ContentWarning.values, "hospital stay"]
    User.objects.bulk_create(
        [
            User(id=n, handle=f"member{n}", email=f"member{n}@bench.invalid", password="!")
            for n in range(1, size["members"] + 1)
        ],
        batch_size=BATCH,
    )
    boards = Board.objects.bulk_create(
        [
            Board(id=n, slug=f"board-{n}", title=f"Board {n}", description="A benchmark board.", position=n)
            for n in range(1, 7)
        ]
    )
    lengths = _thread_lengths(size["threads"], size["posts"], rng)
    start = timezone.now() - timedelta(days=365)
    threads, posts, reactions = [], [], []
    post_id = 0
    for thread_id, length in enumerate(lengths, start=1):
        first_post_id = post_id + 1
        created = start + timedelta(minutes=thread_id * 5)
        for position in range(length):
            post_id += 1
            author_id = rng.randrange(1, size["members"] + 1)
            body, body_html = bodies[post_id % len(bodies)]
            state = Post.State.PUBLISHED
            if position and rng.random() < SHARE_NOT_PUBLISHED:
                state = rng.choice([Post.State.HELD, Post.State.HIDDEN, Post.State.REMOVED_BY_AUTHOR])
            posts.append(
                Post(
                    id=post_id,
                    thread_id=thread_id,
                    author_id=author_id,
                    state=state,
                    body=body,
                    body_html=body_html,
                    content_warning=rng.choice(warnings) if rng.random() < 0.05 else "",
                    quoted_id=rng.randrange(first_post_id, post_id) if position and rng.random() < 0.1 else None,
                    created_at=created + timedelta(minutes=position * 7),
                )
            )
            reactions.extend(_reactions(post_id, author_id, size["members"], rng, Reaction))
        last = posts[-1]
        threads.append(
            Thread(
                id=thread_id,
                board=boards[thread_id % len(boards)],
                title=f"Conversation {thread_id}: how are we all doing this week?",
                slug=f"conversation-{thread_id}",
                author_id=posts[-length].author_id,
                opening_post_id=first_post_id,
                created_at=created,
                last_activity_at=last.created_at,
                last_post_author_id=last.author_id,
                reply_count=length - 1,
            )
        )
        if len(posts) >= BATCH:
            Thread.objects.bulk_create(threads)
            Post.objects.bulk_create(posts)
            threads, posts = [], []
    Thread.objects.bulk_create(threads)
    Post.objects.bulk_create(posts)
    Reaction.objects.bulk_create(reactions, batch_size=BATCH, ignore_conflicts=True)


def _thread_lengths(threads: int, posts: int, rng: Random) -> list[int]:
    """Mostly short threads and a few long ones, adding up to at least `posts`; the first is the longest."""
    average = posts / threads
    lengths = [max(2, int(rng.expovariate(1 / average))) for _ in range(threads)]
    while sum(lengths) < posts:
        lengths[rng.randrange(threads)] += 1
    lengths.sort(reverse=True)
    return lengths


def _reactions(post_id: int, author_id: int, members: int, rng: Random, Reaction) -> list:
    count = int(REACTIONS_PER_POST * 2 * rng.random() + 0.5)
    givers = {rng.randrange(1, members + 1) for _ in range(count)} - {author_id}
    kinds = Reaction.Kind.values
    return [
        Reaction(post_id=post_id, giver_id=giver, receiver_id=author_id, kind=kinds[(post_id + giver) % len(kinds)])
        for giver in givers
    ]


def _report(database: Path, fresh: bool, filled_in: float, requests: int) -> None:
    from django.test import Client

    from accounts.models import User
    from community.models import Board, Post, Reaction, Thread

    viewer = User.objects.get(pk=1)
    client = Client(HTTP_HOST="localhost")
    client.force_login(viewer)
    longest = Thread.objects.order_by("-reply_count").first()
    board = Board.objects.get(pk=longest.board_id)
    pages = [
        ("thread page, 50 replies", f"{longest.get_absolute_url()}?page=2"),
        ("board page, 30 threads", board.get_absolute_url()),
        ("latest activity", "/forum/latest/"),
        ("search (substring on SQLite)", "/forum/search/?q=courage"),
    ]
    counts = (User.objects.count(), Thread.objects.count(), Post.objects.count(), Reaction.objects.count())
    print(f"Forum benchmark on SQLite: {database.relative_to(BASE_DIR)}")
    print(
        "  {:,} members, {:,} threads, {:,} posts, {:,} reactions; {}".format(
            *counts, f"filled in {filled_in:.1f} s" if fresh else "reused"
        )
    )
    print(f"  {requests} timed requests per page, as a signed-in member\n")
    print(f"  {'page':<32}{'median ms':>10}{'p95 ms':>10}{'queries':>9}")
    for label, url in pages:
        median, p95, queries = _time(client, url, requests)
        print(f"  {label:<32}{median:>10.1f}{p95:>10.1f}{queries:>9}")


def _time(client, url: str, requests: int) -> tuple[float, float, int]:
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    reset_queries()
    with CaptureQueriesContext(connection) as queries:
        _get(client, url)
    query_count = len(queries.captured_queries)  # read now: the next request clears the log
    for _ in range(5):
        _get(client, url)
    timings = []
    for _ in range(requests):
        started = time.perf_counter()
        _get(client, url)
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings), statistics.quantiles(timings, n=20)[18], query_count


def _get(client, url: str) -> None:
    response = client.get(url)
    if response.status_code != 200:
        raise SystemExit(f"{url} answered {response.status_code}; the benchmark needs a 200.")


if __name__ == "__main__":
    main()
