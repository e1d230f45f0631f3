"""Scoring check-in answers (reverse-scored items, incomplete answers) and the paired-change arithmetic."""

import pytest

from evaluation.models import Instrument, InstrumentItem
from evaluation.scoring import TOTAL, paired_change, score_range, scored_value, scores, t_critical_95

ONE_TO_FIVE = [[value, str(value)] for value in range(1, 6)]


def instrument(scoring="sum", min_answered=0):
    return Instrument(slug="test", name="Test", scoring=scoring, min_answered=min_answered)


def item(key, reverse=False, options=ONE_TO_FIVE):
    return InstrumentItem(key=key, text=key, options=options, reverse_scored=reverse)


def test_a_reverse_scored_item_is_flipped_within_its_own_range():
    assert [scored_value(item("a", reverse=True), value) for value in (1, 2, 3, 4, 5)] == [5, 4, 3, 2, 1]
    zero_to_ten = [[value, str(value)] for value in range(11)]
    assert scored_value(item("b", reverse=True, options=zero_to_ten), 3) == 7
    assert scored_value(item("c"), 3) == 3


def test_a_total_adds_reverse_scored_items_the_right_way_round():
    items = [item("a"), item("b", reverse=True), item("c")]
    assert scores(instrument("sum"), items, {"a": 4, "b": 2, "c": 5}) == {TOTAL: 4 + 4 + 5}
    assert scores(instrument("mean"), items, {"a": 4, "b": 2, "c": 5}) == {TOTAL: pytest.approx(13 / 3)}


def test_a_total_needs_every_item_unless_a_minimum_is_set_then_it_is_prorated():
    items = [item("a"), item("b"), item("c"), item("d")]
    assert scores(instrument("sum"), items, {"a": 4, "b": 2, "c": 5}) == {TOTAL: None}
    assert scores(instrument("sum", min_answered=3), items, {"a": 4, "b": 2, "c": 5}) == {TOTAL: pytest.approx(44 / 3)}
    assert scores(instrument("sum", min_answered=3), items, {"a": 4, "b": 2}) == {TOTAL: None}
    assert scores(instrument("sum"), items, {}) == {TOTAL: None}


def test_per_item_instruments_score_each_answered_item_and_leave_the_rest_empty():
    items = [item("happiness"), item("anxiety")]
    assert scores(instrument("per_item"), items, {"happiness": 4}) == {"happiness": 4, "anxiety": None}


def test_score_range_of_a_sum_and_of_a_mean():
    items = [item(key, options=[[1, "Hardly ever"], [2, "Some"], [3, "Often"]]) for key in "abc"]
    assert score_range(instrument("sum"), items) == (3, 9)
    assert score_range(instrument("mean"), items) == (1, 3)


@pytest.mark.parametrize(
    ("degrees_of_freedom", "expected"),
    # Published two-sided 95% values of Student's t.
    [(1, 12.706), (4, 2.776), (10, 2.228), (30, 2.042), (31, 2.0395), (40, 2.0211), (60, 2.0003), (120, 1.9799)],
)
def test_t_critical_values_match_the_published_table(degrees_of_freedom, expected):
    assert t_critical_95(degrees_of_freedom) == pytest.approx(expected, abs=0.001)


def test_t_critical_values_approach_the_normal_value():
    assert t_critical_95(100_000) == pytest.approx(1.95996, abs=0.0001)
    with pytest.raises(ValueError):
        t_critical_95(0)


def test_paired_change_against_a_hand_computed_example():
    # Changes 1, 2, 3, 4, 5: mean 3, SD sqrt(2.5) = 1.5811, SE 0.7071; t(4) = 2.776; half-width 1.9630.
    pairs = [(5, 6), (5, 7), (2, 5), (1, 5), (0, 5)]
    change = paired_change(pairs)
    assert change.pairs == 5
    assert change.mean == pytest.approx(3)
    assert change.low == pytest.approx(1.0370, abs=0.001)
    assert change.high == pytest.approx(4.9630, abs=0.001)


def test_paired_change_with_too_few_pairs_has_no_interval():
    assert paired_change([]).mean is None
    one = paired_change([(3, 5)])
    assert (one.pairs, one.mean, one.low, one.high) == (1, 2, None, None)
