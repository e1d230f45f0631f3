"""The moderation figures: reports by reason, time to a moderator's first action, outcomes, automatic actions.

Read through moderation.services.metrics (plain rows, no content, reporters or
members) and returned as report sections, suppressed with everything else in
evaluation/suppression.py. docs/evaluation.md defines each figure.
"""

from collections import Counter

from moderation.services import metrics as moderation

from .periods import Period
from .suppression import Figure, Section, waiting_time_figures

OUTCOMES = (("action_taken", "Action taken"), ("left_up", "Left up"), ("open", "Not decided yet"))


def sections(period: Period, board_id: int | None) -> tuple[list[Section], list[tuple[str, tuple[str, ...]]]]:
    """The moderation sections and their groups (parts that add up to a total)."""
    start, end = period.start(), period.end()
    reports = moderation.reports_by_reason(start, end, board_id)
    items = moderation.review_items(start, end, board_id)
    automatic = moderation.automatic_actions(start, end, board_id)
    reason_keys = [f"reports_{value}" for value, _label in _reasons(reports)]
    automatic_keys = [f"automatic_{action}" for action in sorted(automatic)]
    groups = [
        ("reports_total", tuple(reason_keys)),
        ("review_items", tuple(f"outcome_{key}" for key, _label in OUTCOMES)),
        ("automatic_total", tuple(automatic_keys)),
    ]
    return [_reports_section(reports), _review_section(items), _automatic_section(automatic)], groups


def _reasons(reports: Counter) -> list[tuple[str, str]]:
    """Every reason members can give, then any other value found (so a new reason is never dropped)."""
    known = moderation.reasons()
    values = {value for value, _label in known}
    return known + [(value, value.replace("_", " ").capitalize()) for value in sorted(reports) if value not in values]


def _reports_section(reports: Counter) -> Section:
    return Section(
        "moderation_reports",
        "Reports by members, by reason",
        [
            Figure("reports_total", "Reports made", sum(reports.values()), charted=False),
            *(Figure(f"reports_{value}", label, reports[value]) for value, label in _reasons(reports)),
        ],
        "Each report by each member counts once; several reports can be about the same post.",
    )


def _review_section(items: list[tuple]) -> Section:
    minutes = [(first - created).total_seconds() / 60 for created, first, _status in items if first]
    outcomes = Counter(moderation.outcome(status) for *_times, status in items)
    return Section(
        "moderation_review",
        "Moderation review: time to first action and outcomes",
        [
            Figure("review_items", "Items for review (reported or flagged automatically)", len(items), charted=False),
            *(Figure(f"outcome_{key}", label, outcomes[key]) for key, label in OUTCOMES),
            Figure("review_acted_on", "Items a moderator acted on", len(minutes), charted=False),
            *waiting_time_figures("first_action", "Time to a moderator's first action", minutes, "review_acted_on"),
        ],
        "Items opened in the period. Action taken: a moderator hid, removed or otherwise acted; left up: "
        "a moderator decided no action was needed.",
    )


def _automatic_section(automatic: Counter) -> Section:
    figures = [Figure("automatic_total", "Automatic actions", sum(automatic.values()), charted=False)]
    figures += [
        Figure(f"automatic_{action}", action.replace("_", " ").capitalize(), automatic[action])
        for action in sorted(automatic)
    ]
    return Section(
        "moderation_automatic",
        "Automatic moderation actions",
        figures,
        "Actions the site took by itself, for example hiding a post after several reports, before a moderator looked.",
    )
