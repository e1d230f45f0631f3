"""The anonymous participation metrics: read-only aggregate queries and the arithmetic on their results.

build_report(period, board) returns a suppression.Report of numbers only: no
content, handles, emails or member keys ever leave this module, and nothing here
changes state. Members are counted from the participation log (evaluation.Participation);
responsiveness from forum threads and posts; safeguarding from cases and risk signals;
moderation, chat rooms and retention in their own modules (moderation_metrics, room_metrics, retention).
Suppression is applied afterwards, in one place (evaluation/suppression.py), for
the dashboard and every export alike. docs/evaluation.md defines each figure.
"""

from collections import Counter, defaultdict
from collections.abc import Iterable
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import OuterRef, Subquery
from django.utils import timezone

from community.models import Post, Thread
from safeguarding.matching import Category, Level
from safeguarding.models import Case, CaseItem, RiskSignal

from . import moderation_metrics, retention, room_metrics
from .models import Participation
from .periods import Period
from .services import summaries
from .stats import ratio
from .suppression import Figure, Report, Section, waiting_time_figures

Kind = Participation.Kind
# Which kinds of participation make a member active, a giver, a receiver or a reader: summaries.FLAGS.
RETURN_WINDOWS = (7, 30)
CASE_LEVELS = (Level.CRISIS, Level.HIGH, Level.MEDIUM, Level.LOW)


# Pure arithmetic ------------------------------------------------------------------


def member_counts(per_day: dict[str, list[int]], days_in_period: int) -> Counter:
    """Counts of distinct members from daily member bitmaps (see services/summaries.py).

    per_day maps each flag (active, gave, received, read) to one bitmap per day,
    starting on the period's first day and running up to 30 days past its end, so
    that members can be seen coming back. Bit n is one member.
    """
    in_period = {flag: _union(bitmaps[:days_in_period]) for flag, bitmaps in per_day.items()}
    active, gave, received = in_period["active"], in_period["gave"], in_period["received"]
    counts = Counter(
        active=active.bit_count(),
        readers=(in_period["read"] & ~active).bit_count(),
        both=(active & gave & received).bit_count(),
        only_give=(active & gave & ~received).bit_count(),
        only_receive=(active & received & ~gave).bit_count(),
        neither=(active & ~gave & ~received).bit_count(),
    )
    daily, seen = per_day["active"], 0
    returning = dict.fromkeys(RETURN_WINDOWS, 0)
    for position in range(days_in_period):
        first_time = daily[position] & ~seen  # members whose first active day in the period this is
        seen |= daily[position]
        if first_time:
            for window in RETURN_WINDOWS:
                returning[window] |= first_time & _union(daily[position + 1 : position + 1 + window])
    for window, members in returning.items():
        counts[f"returning_{window}"] = members.bit_count()
    return counts


def _union(bitmaps: Iterable[int]) -> int:
    union = 0
    for bits in bitmaps:
        union |= bits
    return union


def reply_times(threads: Iterable[tuple[datetime, datetime | None]], now: datetime) -> dict:
    """Counts and minutes from (thread started, first reply by someone else or None)."""
    minutes, counts = [], Counter()
    for started, first_reply in threads:
        counts["new_threads"] += 1
        waited = (first_reply - started) if first_reply else None
        if waited is not None:
            minutes.append(waited.total_seconds() / 60)
            counts["replied"] += 1
            counts["replied_1h"] += waited <= timedelta(hours=1)
        if waited is not None and waited <= timedelta(hours=24):
            counts["replied_24h"] += 1
        elif now - started >= timedelta(hours=24):
            counts["no_reply_24h"] += 1
        else:
            counts["awaiting"] += 1
    return {"counts": counts, "minutes": minutes}


def acknowledgement_times(cases: Iterable[tuple[int, datetime, datetime | None]]) -> dict:
    """Counts and minutes from (level, opened, acknowledged or None), against SAFEGUARDING_RESPONSE_MINUTES."""
    targets = settings.SAFEGUARDING_RESPONSE_MINUTES
    minutes, counts = [], Counter()
    for level, opened, acknowledged in cases:
        if acknowledged is None:
            continue
        waited = (acknowledged - opened).total_seconds() / 60
        minutes.append(waited)
        counts["acknowledged"] += 1
        counts["within_target"] += waited <= targets[Level(level).label]
    return {"counts": counts, "minutes": minutes}


# Queries ---------------------------------------------------------------------------


def threads_in(period: Period, board_id: int | None) -> list[tuple[datetime, datetime | None]]:
    first_reply = (
        Post.objects.filter(thread=OuterRef("pk"), state=Post.State.PUBLISHED)
        .exclude(author=OuterRef("author"))
        .order_by("created_at")
        .values("created_at")[:1]
    )
    threads = Thread.objects.filter(created_at__gte=period.start(), created_at__lt=period.end())
    if board_id:
        threads = threads.filter(board_id=board_id)
    return list(threads.annotate(first_reply=Subquery(first_reply)).values_list("created_at", "first_reply"))


def cases_in(period: Period):
    return Case.objects.filter(opened_at__gte=period.start(), opened_at__lt=period.end())


def case_categories(period: Period) -> Counter:
    """How many cases opened in the period had each category, from any item (a case can have several)."""
    per_case = defaultdict(set)
    for case_id, categories in CaseItem.objects.filter(case__in=cases_in(period)).values_list("case_id", "categories"):
        per_case[case_id].update(categories or ())
    return Counter(category for categories in per_case.values() for category in categories)


# The report ------------------------------------------------------------------------


def build_report(period: Period, board_id: int | None = None, now: datetime | None = None) -> Report:
    """Every figure for the period (and board, when given), before suppression."""
    now = now or timezone.now()
    longest_return = max(RETURN_WINDOWS)
    per_day = summaries.member_bitmaps(period.first, period.last + timedelta(days=longest_return), board_id)
    people = member_counts(per_day, period.days)
    activity = summaries.activity_totals(period.first, period.last, board_id)
    replies = reply_times(threads_in(period, board_id), now)
    sections = [
        _members_section(people, None if board_id else summaries.signups(period.first, period.last)),
        _support_section(people),
        _activity_section(activity),
        _responsiveness_section(replies),
        *_safeguarding_sections(period),
    ]
    groups = [
        ("active", ("both", "only_give", "only_receive", "neither")),
        ("activity_total", ("threads", "replies", "chat_messages", "reactions")),
        ("new_threads", ("replied_24h", "no_reply_24h", "awaiting")),
        ("cases_opened", tuple(f"cases_{level.label}" for level in CASE_LEVELS)),
        ("cases_opened", (*(f"outcome_{outcome}" for outcome in Case.Outcome.values), "outcome_unresolved")),
        ("signals_total", tuple(f"signals_{level.label}" for level in CASE_LEVELS)),
        # Two counts of new conversations from different sources: if one is hidden, so is the other.
        ("threads", ("new_threads",)),
        ("new_threads", ("threads",)),
    ]
    site_bitmaps = summaries.member_bitmaps(period.first, period.last) if board_id else per_day
    for more_sections, more_groups in (
        moderation_metrics.sections(period, board_id),
        room_metrics.sections(period),
        retention.sections(retention.cohort_counts(site_bitmaps, period), site_wide_signups=not board_id),
    ):
        sections += more_sections
        groups += more_groups
    return Report(sections=sections, groups=groups)


def _members_section(people: Counter, signups: int | None) -> Section:
    figures = []
    if signups is not None:
        figures.append(Figure("new_signups", "New members (joined)", signups))
    figures += [
        Figure("active", "Active members (posted, replied, chatted or reacted)", people["active"]),
        Figure("readers", "Readers (read but did not write)", people["readers"]),
        Figure("returning_7", "Active again within 7 days", people["returning_7"]),
        Figure("returning_30", "Active again within 30 days", people["returning_30"]),
    ]
    note = "" if signups is not None else "New members are counted for the whole site, not by board."
    return Section("members", "Members", figures, note)


def _support_section(people: Counter) -> Section:
    givers_or_receivers = people["both"] + people["only_give"] + people["only_receive"]
    return Section(
        "support",
        "Peer support given and received",
        [
            Figure("both", "Active members who both gave and received support", people["both"]),
            Figure("only_give", "Only gave support", people["only_give"]),
            Figure("only_receive", "Only received support", people["only_receive"]),
            Figure("neither", "Neither (for example only started conversations or chatted)", people["neither"]),
            Figure(
                "reciprocity",
                "Reciprocity (share of those giving or receiving who did both)",
                ratio(people["both"], givers_or_receivers),
                kind="ratio",
                depends_on=("both", "only_give", "only_receive"),
            ),
        ],
        "Giving is replying or reacting to others; receiving is getting a reply or a reaction.",
    )


def _activity_section(activity: dict[str, int]) -> Section:
    counts = {
        "threads": activity.get(Kind.THREAD, 0),
        "replies": activity.get(Kind.REPLY, 0),
        "chat_messages": activity.get(Kind.CHAT_MESSAGE, 0),
        "reactions": activity.get(Kind.REACTION, 0),
    }
    labels = {
        "threads": "Conversations started",
        "replies": "Replies",
        "chat_messages": "Chat messages",
        "reactions": "Reactions",
    }
    figures = [Figure(key, labels[key], value) for key, value in counts.items()]
    figures.append(Figure("activity_total", "All activity", sum(counts.values()), charted=False))
    return Section("activity", "Activity", figures)


def _responsiveness_section(replies: dict) -> Section:
    counts, minutes = replies["counts"], replies["minutes"]
    return Section(
        "responsiveness",
        "Responsiveness to new conversations",
        [
            Figure("new_threads", "New conversations", counts["new_threads"]),
            Figure("replied_1h", "Replied to within 1 hour", counts["replied_1h"]),
            Figure("replied_24h", "Replied to within 24 hours", counts["replied_24h"]),
            Figure("no_reply_24h", "No reply after 24 hours", counts["no_reply_24h"]),
            Figure("awaiting", "Under 24 hours old, no reply yet", counts["awaiting"]),
            Figure("replied", "Replied to at any time", counts["replied"], charted=False),
            Figure(
                "share_1h",
                "Share replied to within 1 hour",
                ratio(counts["replied_1h"], counts["new_threads"]),
                kind="share",
                depends_on=("replied_1h", "new_threads"),
            ),
            Figure(
                "share_24h",
                "Share replied to within 24 hours",
                ratio(counts["replied_24h"], counts["new_threads"]),
                kind="share",
                depends_on=("replied_24h", "new_threads"),
            ),
            *waiting_time_figures("reply", "Time to first reply", minutes, "replied"),
        ],
        "A reply is the first published reply by someone other than the person who started the conversation.",
    )


def _safeguarding_sections(period: Period) -> list[Section]:
    cases = list(cases_in(period).values_list("level", "opened_at", "acknowledged_at", "resolved_at", "outcome"))
    levels = Counter(level for level, *_ in cases)
    outcomes = Counter((outcome if resolved else "unresolved") for *_, resolved, outcome in cases)
    categories = case_categories(period)
    acknowledged = acknowledgement_times((level, opened, ack) for level, opened, ack, *_ in cases)
    ack_counts, ack_minutes = acknowledged["counts"], acknowledged["minutes"]
    signals = Counter(
        RiskSignal.objects.filter(created_at__gte=period.start(), created_at__lt=period.end()).values_list(
            "level", flat=True
        )
    )
    site_wide = "Safeguarding figures are for the whole site, whichever board is chosen."
    return [
        Section(
            "cases",
            "Safeguarding cases opened, by level",
            [
                Figure("cases_opened", "Cases opened", len(cases), charted=False),
                *(Figure(f"cases_{level.label}", level.label.capitalize(), levels[level]) for level in CASE_LEVELS),
            ],
            site_wide,
        ),
        Section(
            "case_categories",
            "Safeguarding cases by category",
            [
                Figure(f"category_{value}", value.replace("_", " ").capitalize(), categories[value])
                for value in Category
            ],
            "A case can have more than one category, so these do not add up to the cases opened.",
        ),
        Section(
            "acknowledgement",
            "Time to acknowledge a safeguarding case",
            [
                Figure("cases_acknowledged", "Cases acknowledged", ack_counts["acknowledged"]),
                Figure("within_target", "Acknowledged within the response target", ack_counts["within_target"]),
                Figure(
                    "share_within_target",
                    "Share of cases opened that were acknowledged within target",
                    ratio(ack_counts["within_target"], len(cases)),
                    kind="share",
                    depends_on=("within_target", "cases_opened"),
                ),
                *waiting_time_figures("ack", "Time to acknowledge", ack_minutes, "cases_acknowledged"),
            ],
            "Response targets are set for the site by level, for example "
            f"{settings.SAFEGUARDING_RESPONSE_MINUTES['crisis']} minutes for a crisis.",
        ),
        Section(
            "outcomes",
            "Safeguarding case outcomes",
            [
                *(Figure(f"outcome_{value}", label, outcomes[value]) for value, label in Case.Outcome.choices),
                Figure("outcome_unresolved", "Not resolved yet", outcomes["unresolved"]),
            ],
            "Outcomes of the cases opened in the period.",
        ),
        Section(
            "signals",
            "Risk signals in what members wrote, by level",
            [
                Figure("signals_total", "Risk signals", sum(signals.values()), charted=False),
                *(Figure(f"signals_{level.label}", level.label.capitalize(), signals[level]) for level in CASE_LEVELS),
            ],
            "Counted when writing is assessed at any level above none; no text is kept.",
        ),
    ]
