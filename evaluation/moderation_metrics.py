"""The moderation figures: reports by reason, time to a moderator's first action, outcomes, automatic actions.

Read through moderation.services.metrics (plain rows, no content, reporters or
members) and returned as report sections, suppressed with everything else in
evaluation/suppression.py. docs/evaluation.md defines each figure.
"""

from collections import Counter

from moderation.services import metrics as moderation

from .suppression import Figure, Section, remainder, waiting_time_figures

OUTCOMES = (("action_taken", "Action taken"), ("left_up", "Left up"), ("open", "Not decided yet"))


def sections(items: list[tuple], reports: list[tuple], automatic: list[tuple]) -> tuple[list[Section], list]:
    """The moderation sections and their groups (parts that add up to a total), from the rows of
    moderation.services.metrics for one period and board (the caller picks the rows)."""
    reasons = Counter(reason for _board, _made, reason in reports)
    actions = Counter(action for _board, _taken, action in automatic)
    reason_keys = [f"reports_{value}" for value, _label in _reasons(reasons)]
    automatic_keys = [f"automatic_{action}" for action in sorted(actions)]
    groups = [
        ("reports_total", tuple(reason_keys)),
        ("review_items", tuple(f"outcome_{key}" for key, _label in OUTCOMES)),
        ("review_items", ("review_acted_on", "review_not_acted_on")),
        ("automatic_total", tuple(automatic_keys)),
    ]
    times = [(created, first, status) for _board, created, first, status in items]
    return [_reports_section(reasons), _review_section(times), _automatic_section(actions)], groups


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
            remainder("review_not_acted_on", "", len(items), len(minutes)),
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
