"""Scoring check-in answers and the paired-change arithmetic: pure functions, no database.

Instruments are data (evaluation.models.Instrument and InstrumentItem), so the
rules live here once: reverse-scored items are flipped within the item's own
range; a total (sum or mean) needs a minimum number of answered items; a sum
with missing items is prorated (mean of the answered items times the number of
items), the usual convention. Per-item instruments (ONS4) give one score per item.

Confidence intervals use Student's t. scipy is not a dependency, so the
two-sided 95% critical value comes from a table up to 30 degrees of freedom and
from the Cornish-Fisher expansion beyond it (within 0.001 of the exact value).
"""

import math
import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

TOTAL = "total"
Z_975 = 1.959963984540054
T_975 = (  # two-sided 95% critical values of Student's t, for 1 to 30 degrees of freedom
    12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
    2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
    2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042,
)  # fmt: skip


def scored_value(item, value: int) -> int:
    """The value as scored: a reverse-scored item is flipped within its range (1..3 becomes 3..1)."""
    if not item.reverse_scored:
        return value
    values = item.values()
    return min(values) + max(values) - value


def score_keys(instrument, items: Sequence) -> list[str]:
    if instrument.scoring == instrument.Scoring.PER_ITEM:
        return [item.key for item in items]
    return [TOTAL]


def scores(instrument, items: Sequence, answers: Mapping[str, int]) -> dict[str, float | None]:
    """Scores from one check-in's answers (item key to raw value); None where there are too few answers."""
    scored = {item.key: scored_value(item, answers[item.key]) for item in items if item.key in answers}
    if instrument.scoring == instrument.Scoring.PER_ITEM:
        return {item.key: scored.get(item.key) for item in items}
    needed = instrument.min_answered or len(items)
    if not items or len(scored) < needed:
        return {TOTAL: None}
    mean = sum(scored.values()) / len(scored)
    return {TOTAL: mean if instrument.scoring == instrument.Scoring.MEAN else mean * len(items)}


def score_range(instrument, items: Sequence) -> tuple[int, int]:
    """The lowest and highest possible total, for the instrument's description (ONS loneliness: 3 to 9)."""
    lows, highs = [min(item.values()) for item in items], [max(item.values()) for item in items]
    if instrument.scoring == instrument.Scoring.SUM:
        return sum(lows), sum(highs)
    return min(lows), max(highs)


def t_critical_95(degrees_of_freedom: int) -> float:
    """Two-sided 95% critical value of Student's t."""
    if degrees_of_freedom < 1:
        raise ValueError("A t critical value needs at least one degree of freedom.")
    if degrees_of_freedom <= len(T_975):
        return T_975[degrees_of_freedom - 1]
    z, n = Z_975, degrees_of_freedom
    return (
        z
        + (z**3 + z) / (4 * n)
        + (5 * z**5 + 16 * z**3 + 3 * z) / (96 * n**2)
        + (3 * z**7 + 19 * z**5 + 17 * z**3 - 15 * z) / (384 * n**3)
    )


@dataclass
class Change:
    """Paired change (follow-up minus baseline): how many pairs, the mean change and its 95% confidence interval."""

    pairs: int
    mean: float | None
    low: float | None
    high: float | None


def paired_change(pairs: Sequence[tuple[float, float]]) -> Change:
    """Mean of (follow-up - baseline) with a t-based 95% interval; no interval from fewer than two pairs."""
    differences = [after - before for before, after in pairs]
    if not differences:
        return Change(0, None, None, None)
    mean = statistics.fmean(differences)
    if len(differences) < 2:
        return Change(1, mean, None, None)
    half_width = t_critical_95(len(differences) - 1) * statistics.stdev(differences) / math.sqrt(len(differences))
    return Change(len(differences), mean, mean - half_width, mean + half_width)
