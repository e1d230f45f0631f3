"""The anonymous participation metrics: read-only aggregate queries and the arithmetic on their results.

build_view(period, board) returns the figures a reader sees for a month or
quarter and a board (or the whole site) and which of them are suppressed. Numbers
only: no content, handles, emails or member keys ever leave this module, and
nothing here changes state. Members are counted from the participation log
(evaluation.Participation); responsiveness from forum threads and posts;
safeguarding from cases and risk signals; moderation, chat rooms and retention in
their own modules (moderation_metrics, room_metrics, retention).

Suppression is decided in evaluation/suppression.py, on a Release: for a month,
the site and every board, and the rest outside the listed boards, side by side,
because a reader can ask for each of them and subtract (the site's replies minus
the boards' shown replies would give away a board's hidden few). A quarter is
decided after its months and never shows a count its months hide. All of it is
counted from one fetch of rows (Sources) per request, split by month and board.
docs/evaluation.md defines each figure.
"""

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from functools import cached_property

from django.conf import settings
from django.db.models import OuterRef, Subquery
from django.utils import timezone

from community.models import Board, Post, Room, Thread
from moderation.services import metrics as moderation
from safeguarding.matching import Category, Level
from safeguarding.models import Case, CaseItem, RiskSignal

from . import moderation_metrics, retention, room_metrics, suppression
from .models import Participation
from .periods import KINDS, Period
from .services import summaries
from .stats import ratio
from .suppression import Figure, Release, Report, Section, remainder, waiting_time_figures

Kind = Participation.Kind
# Which kinds of participation make a member active, a giver, a receiver or a reader: summaries.FLAGS.
RETURN_WINDOWS = (7, 30)
CASE_LEVELS = (Level.CRISIS, Level.HIGH, Level.MEDIUM, Level.LOW)
SITE, REST = "site", "rest"  # report names in a release; boards are "board-<id>"
Groups = list[tuple[str, tuple[str, ...]]]


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


def threads_in(period: Period) -> list[tuple[int, datetime, datetime | None]]:
    """(board, started, first published reply by someone else or None) of each conversation started in the period."""
    first_reply = (
        Post.objects.filter(thread=OuterRef("pk"), state=Post.State.PUBLISHED)
        .exclude(author=OuterRef("author"))
        .order_by("created_at")
        .values("created_at")[:1]
    )
    threads = Thread.objects.filter(created_at__gte=period.start(), created_at__lt=period.end())
    threads = threads.annotate(first_reply=Subquery(first_reply))
    return list(threads.values_list("board_id", "created_at", "first_reply"))


def cases_in(period: Period) -> list[tuple]:
    """(level, opened, acknowledged, resolved, outcome, categories) of each case opened in the period.

    Categories come from the case's items; a case can have several."""
    cases = Case.objects.filter(opened_at__gte=period.start(), opened_at__lt=period.end())
    categories = defaultdict(set)
    for case_id, found in CaseItem.objects.filter(case__in=cases).values_list("case_id", "categories"):
        categories[case_id].update(found or ())
    rows = cases.values_list("pk", "level", "opened_at", "acknowledged_at", "resolved_at", "outcome")
    return [(*row, frozenset(categories[pk])) for pk, *row in rows]


@dataclass
class Sources:
    """The rows every figure of a period is counted from, fetched once and split by month and by board.

    Board ids come along so that the site, each board and the rest outside the listed
    boards are all counted from the same rows. Nothing here names a member.
    """

    period: Period
    activity: dict[date, dict[int, Counter]]  # month -> board id (0: none) -> kind -> sum of counts
    signups: dict[date, int]  # month -> members who joined
    threads: list[tuple]  # (board, started, first reply)
    review_items: list[tuple]  # (board, created, first action, status)
    reports: list[tuple]  # (board, made, reason)
    automatic: list[tuple]  # (board, taken, action)
    cases: list[tuple]  # (level, opened, acknowledged, resolved, outcome, categories)
    signals: list[tuple]  # (level, created)
    room_days: list[tuple]  # (day, room, members in it)
    cohort_bitmaps: dict[str, list[int]]  # site-wide "joined" and "active", one bitmap a day from period.first

    @classmethod
    def fetch(cls, period: Period, cohort_bitmaps: dict[str, list[int]]) -> "Sources":
        start, end = period.start(), period.end()
        months = period.months()
        return cls(
            period=period,
            activity={month.first: summaries.activity_by_board(month.first, month.last) for month in months},
            signups={month.first: summaries.signups(month.first, month.last) for month in months},
            threads=threads_in(period),
            review_items=moderation.review_items(start, end),
            reports=moderation.reports(start, end),
            automatic=moderation.automatic_actions(start, end),
            cases=cases_in(period),
            signals=list(
                RiskSignal.objects.filter(created_at__gte=start, created_at__lt=end).values_list("level", "created_at")
            ),
            room_days=summaries.room_attendance(period.first, period.last),
            cohort_bitmaps=cohort_bitmaps,
        )

    def within(self, month: Period) -> "Sources":
        """The same rows cut down to one month of the period."""
        start, end = month.start(), month.end()
        offset = (month.first - self.period.first).days

        def timed(rows, at):
            return [row for row in rows if start <= row[at] < end]

        return Sources(
            period=month,
            activity={month.first: self.activity[month.first]},
            signups={month.first: self.signups[month.first]},
            threads=timed(self.threads, 1),
            review_items=timed(self.review_items, 1),
            reports=timed(self.reports, 1),
            automatic=timed(self.automatic, 1),
            cases=timed(self.cases, 1),
            signals=timed(self.signals, 1),
            room_days=[row for row in self.room_days if month.first <= row[0] <= month.last],
            cohort_bitmaps={flag: days[offset : offset + month.days] for flag, days in self.cohort_bitmaps.items()},
        )

    def for_board(self, column, listed: set[int]) -> "Sources":
        """The rows of one board (a board id), of every board (SITE) or outside the listed boards (REST)."""
        if column == SITE:
            return self

        def wanted(board: int) -> bool:
            return board not in listed if column == REST else board == column

        return replace(
            self,
            activity={
                month: {board: kinds for board, kinds in boards.items() if wanted(board)}
                for month, boards in self.activity.items()
            },
            **{
                name: [row for board, rows in grouped.items() if wanted(board) for row in rows]
                for name, grouped in self._by_board.items()
            },
        )

    @cached_property
    def _by_board(self) -> dict[str, dict[int, list]]:
        """The timed rows of each kind grouped by board (0: none), once, for for_board."""
        grouped = {name: defaultdict(list) for name in ("threads", "review_items", "reports", "automatic")}
        for name, by_board in grouped.items():
            for row in getattr(self, name):
                by_board[row[0] or 0].append(row)
        return grouped

    def activity_totals(self) -> Counter:
        return sum((kinds for boards in self.activity.values() for kinds in boards.values()), Counter())


# The report ------------------------------------------------------------------------


@dataclass
class View:
    """What a reader sees for one period and board: the figures before suppression, and which are hidden."""

    report: Report
    hidden: set[str]

    def shown(self) -> list[tuple[Section, list[suppression.Shown]]]:
        return suppression.apply(self.report, self.hidden)


def build_view(period: Period, board_id: int | None = None, now: datetime | None = None) -> View:
    """Every figure for a month or quarter (and board, when given), and the ones that must stay hidden."""
    if period.kind not in KINDS:
        raise ValueError(f"Figures are only for whole months and quarters, not {period.kind!r}.")
    now = now or timezone.now()
    listed = set(Board.objects.values_list("pk", flat=True)) | ({board_id} if board_id else set())
    per_day = summaries.member_bitmaps(period.first, period.last + timedelta(days=max(RETURN_WINDOWS)), board_id)
    people = member_counts(per_day, period.days)
    site_bitmaps = summaries.member_bitmaps(period.first, period.last) if board_id else per_day
    sources = Sources.fetch(period, {flag: site_bitmaps[flag] for flag in ("joined", "active")})
    rooms = list(Room.objects.values_list("pk", "slug", "name"))
    viewed = _name(board_id)
    if period.kind == "month":
        release = _month_release(sources, listed, rooms, now, people={viewed: people})
        return _view(release, viewed, suppression.decide(release))
    months = []
    for month in period.months():
        release = _month_release(sources.within(month), listed, rooms, now)
        months.append((release.reports, suppression.decide(release)))
    quarter = {SITE: _column_report(sources, SITE, listed, rooms, now, people if not board_id else None)}
    if board_id:
        quarter[viewed] = _column_report(sources, board_id, listed, rooms, now, people)
    forced = {
        (name, key)
        for name, report in quarter.items()
        for key in suppression.nested_hidden(
            report, [(reports[name], {k for n, k in hidden if n == name}) for reports, hidden in months]
        )
    }
    release = Release(quarter)
    return _view(release, viewed, suppression.decide(release, forced=forced))


def _name(board_id) -> str:
    return f"board-{board_id}" if board_id else SITE


def _view(release: Release, viewed: str, hidden: set[tuple[str, str]]) -> View:
    """The viewed board's sections, with the site's inserted where a figure is only counted for the whole site.

    Those are the site's very cells, so a board's page and the site's page hide them alike."""
    own = release.reports[viewed].sections
    sections = [(viewed, section) for section in own]
    keys = {section.key for section in own}
    previous = None
    for section in release.reports[SITE].sections:
        if section.key not in keys:
            at = next((i + 1 for i, (_n, s) in enumerate(sections) if s.key == previous), 0)
            sections.insert(at, (SITE, section))
        previous = section.key
    shown_keys = {
        figure.key for name, section in sections for figure in section.figures if (name, figure.key) in hidden
    }
    groups = [group for name in dict.fromkeys((viewed, SITE)) for group in release.reports[name].groups]
    return View(Report(sections=[section for _name, section in sections], groups=groups), shown_keys)


def _month_release(sources: Sources, listed: set[int], rooms, now, people=None) -> Release:
    """The site, every listed board and the rest outside them for one month, linked: the site's count is the
    boards' counts plus the rest's, for every count that adds up (not distinct members)."""
    people = people or {}
    reports = {SITE: _column_report(sources, SITE, listed, rooms, now, people.get(SITE))}
    for board_id in sorted(listed):
        name = _name(board_id)
        reports[name] = _column_report(sources, board_id, listed, rooms, now, people.get(name))
    reports[REST] = _column_report(sources, REST, listed, rooms, now)
    figures = {name: report.figures() for name, report in reports.items() if name != SITE}
    links = []
    for key, figure in reports[SITE].figures().items():
        if figure.kind != "count" or not figure.additive:
            continue
        parts = tuple((name, key) for name, theirs in figures.items() if key in theirs)
        if parts:
            links.append(((SITE, key), parts))
    return Release(reports, links)


def _column_report(sources: Sources, column, listed: set[int], rooms, now, people: Counter | None = None) -> Report:
    """One column of the figures: the whole site (with what is only counted site-wide), a board, or the rest
    outside the listed boards (every figure unpublished: never shown, only used to protect the others)."""
    mine = sources.for_board(column, listed)
    site = column == SITE
    parts: list[tuple[list[Section], Groups]] = []
    if site or people is not None:
        parts.append(_members_section(people, sum(sources.signups.values()) if site else None))
    if people is not None:
        parts.append(_support_section(people))
    parts += [
        _activity_section(mine.activity_totals(), with_chat=column in (SITE, REST)),
        _responsiveness_section(reply_times(((started, first) for _b, started, first in mine.threads), now)),
    ]
    if site:
        parts.append(_safeguarding_sections(sources.cases, sources.signals))
    parts.append(moderation_metrics.sections(mine.review_items, mine.reports, mine.automatic))
    if site:
        parts.append(room_metrics.sections(sources.room_days, rooms))
        parts.append(retention.sections(retention.cohort_counts(sources.cohort_bitmaps, sources.period)))
    report = Report(
        sections=[section for sections, _groups in parts for section in sections],
        groups=[group for _sections, groups in parts for group in groups],
    )
    if column == REST:
        for section in report.sections:
            section.figures = [replace(figure, published=False) for figure in section.figures]
    return report


def _members_section(people: Counter | None, signups: int | None) -> tuple[list[Section], Groups]:
    """New members (whole site only) and, for the board or site being viewed, distinct members."""
    figures, groups = [], []
    if signups is not None:
        figures.append(Figure("new_signups", "New members (joined)", signups))
    if people is not None:
        figures += [
            Figure("active", "Active members (posted, replied, chatted or reacted)", people["active"], additive=False),
            Figure("readers", "Readers (read but did not write)", people["readers"], additive=False),
        ]
        for window in RETURN_WINDOWS:
            returning = people[f"returning_{window}"]
            figures += [
                Figure(f"returning_{window}", f"Active again within {window} days", returning, additive=False),
                replace(
                    remainder(f"not_returning_{window}", "", people["active"], returning),
                    additive=False,
                ),
            ]
            groups.append(("active", (f"returning_{window}", f"not_returning_{window}")))
    note = "" if signups is not None else "New members are counted for the whole site, not by board."
    return [Section("members", "Members", figures, note)], groups


def _support_section(people: Counter) -> tuple[list[Section], Groups]:
    givers_or_receivers = people["both"] + people["only_give"] + people["only_receive"]
    counts = [
        ("both", "Active members who both gave and received support"),
        ("only_give", "Only gave support"),
        ("only_receive", "Only received support"),
        ("neither", "Neither (for example only started conversations or chatted)"),
    ]
    section = Section(
        "support",
        "Peer support given and received",
        [
            *(Figure(key, label, people[key], additive=False) for key, label in counts),
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
    return [section], [("active", tuple(key for key, _label in counts))]


ACTIVITY = {
    "threads": (Kind.THREAD, "Conversations started"),
    "replies": (Kind.REPLY, "Replies"),
    "chat_messages": (Kind.CHAT_MESSAGE, "Chat messages"),
    "reactions": (Kind.REACTION, "Reactions"),
}


def _activity_section(activity: Counter, with_chat: bool) -> tuple[list[Section], Groups]:
    """Sums of the log's counts. Chat is never in a board, so a board's activity has no chat line."""
    keys = [key for key in ACTIVITY if with_chat or key != "chat_messages"]
    figures = [Figure(key, ACTIVITY[key][1], activity.get(ACTIVITY[key][0], 0)) for key in keys]
    figures.append(Figure("activity_total", "All activity", sum(figure.value for figure in figures), charted=False))
    note = "" if with_chat else "Chat rooms are for the whole site, so a board's activity has no chat messages."
    groups = [
        ("activity_total", tuple(keys)),
        # Two counts of new conversations from different sources: if one is hidden, so is the other.
        ("threads", ("new_threads",)),
        ("new_threads", ("threads",)),
    ]
    return [Section("activity", "Activity", figures, note)], groups


def _responsiveness_section(replies: dict) -> tuple[list[Section], Groups]:
    counts, minutes = replies["counts"], replies["minutes"]
    new, replied, within_day = counts["new_threads"], counts["replied"], counts["replied_24h"]
    section = Section(
        "responsiveness",
        "Responsiveness to new conversations",
        [
            Figure("new_threads", "New conversations", new),
            Figure("replied_1h", "Replied to within 1 hour", counts["replied_1h"]),
            Figure("replied_24h", "Replied to within 24 hours", within_day),
            Figure("no_reply_24h", "No reply after 24 hours", counts["no_reply_24h"]),
            Figure("awaiting", "Under 24 hours old, no reply yet", counts["awaiting"]),
            Figure("replied", "Replied to at any time", replied, charted=False),
            remainder("replied_1h_to_24h", "", within_day, counts["replied_1h"]),
            remainder("replied_after_24h", "", replied, within_day),
            remainder("never_replied", "", new, replied),
            Figure(
                "share_1h",
                "Share replied to within 1 hour",
                ratio(counts["replied_1h"], new),
                kind="share",
                depends_on=("replied_1h", "new_threads"),
            ),
            Figure(
                "share_24h",
                "Share replied to within 24 hours",
                ratio(within_day, new),
                kind="share",
                depends_on=("replied_24h", "new_threads"),
            ),
            *waiting_time_figures("reply", "Time to first reply", minutes, "replied"),
        ],
        "A reply is the first published reply by someone other than the person who started the conversation.",
    )
    groups = [
        ("new_threads", ("replied_24h", "no_reply_24h", "awaiting")),
        ("replied_24h", ("replied_1h", "replied_1h_to_24h")),
        ("replied", ("replied_24h", "replied_after_24h")),
        ("new_threads", ("replied", "never_replied")),
    ]
    return [section], groups


def _safeguarding_sections(cases: list[tuple], signal_rows: list[tuple]) -> tuple[list[Section], Groups]:
    levels = Counter(level for level, *_ in cases)
    outcomes = Counter((outcome if resolved else "unresolved") for *_, resolved, outcome, _categories in cases)
    categories = Counter(category for *_, found in cases for category in found)
    acknowledged = acknowledgement_times((level, opened, ack) for level, opened, ack, *_ in cases)
    ack_counts, ack_minutes = acknowledged["counts"], acknowledged["minutes"]
    signals = Counter(level for level, _created in signal_rows)
    site_wide = "Safeguarding figures are for the whole site, whichever board is chosen."
    sections = [
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
                remainder("outside_target", "", ack_counts["acknowledged"], ack_counts["within_target"]),
                remainder("not_acknowledged", "", len(cases), ack_counts["acknowledged"]),
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
    groups = [
        ("cases_opened", tuple(f"cases_{level.label}" for level in CASE_LEVELS)),
        ("cases_opened", (*(f"outcome_{outcome}" for outcome in Case.Outcome.values), "outcome_unresolved")),
        ("cases_acknowledged", ("within_target", "outside_target")),
        ("cases_opened", ("cases_acknowledged", "not_acknowledged")),
        ("signals_total", tuple(f"signals_{level.label}" for level in CASE_LEVELS)),
    ]
    return sections, groups
