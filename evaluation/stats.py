"""The small arithmetic every metrics module shares: median, nearest-rank percentile, ratio."""

import math
import statistics
from collections.abc import Sequence


def median(values: Sequence[float]) -> float | None:
    return statistics.median(values) if values else None


def percentile(values: Sequence[float], share: float) -> float | None:
    """Nearest-rank percentile: the smallest value with at least share of the values at or below it."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(math.ceil(share * len(ordered)) - 1, 0)]


def ratio(numerator: int, denominator: int) -> float | None:
    return numerator / denominator if denominator else None
