"""Indicators combine raw figures: a rate is Σ numerator / Σ denominator, never a mean of rates."""

from __future__ import annotations

from decimal import Decimal

import pytest

from kehoach.execution.choices import Aggregation, Comparator
from kehoach.execution.indicators import (
    IndicatorError,
    Observation,
    aggregate,
    aggregate_by_unit,
    meets,
)

D = Decimal


def obs(v, den=None):
    return Observation(D(v), None if den is None else D(den))


def test_attendance_rate_is_computed_from_raw_counts_not_an_average_of_percentages():
    # Cell 1: 49 of 50 members (98%); cell 2: 90 of 100 (90%). Mean of rates would be 94%.
    per_unit, overall = aggregate_by_unit(Aggregation.RATE, [(1, obs(49, 50)), (2, obs(90, 100))])
    assert per_unit[1].value == D("98.00")
    assert per_unit[2].value == D("90.00")
    assert (overall.numerator, overall.denominator, overall.value) == (D(139), D(150), D("92.67"))
    assert meets(overall.value, Comparator.GE, D(98)) is False
    assert meets(per_unit[1].value, Comparator.GE, D(98)) is True


def test_a_rate_over_several_sessions_sums_the_counts_of_every_session():
    got = aggregate(Aggregation.RATE, [obs(20, 20), obs(10, 20), obs(30, 30)])
    assert got.value == D("85.71")  # 60 / 70


def test_sum_adds_articles_published_across_units_and_periods():
    assert aggregate(Aggregation.SUM, [obs(3), obs(5), obs(0)]).value == D(8)


def test_minimum_lets_the_weakest_unit_decide():
    _, overall = aggregate_by_unit(Aggregation.MINIMUM, [(1, obs(4)), (2, obs(1)), (3, obs(6))])
    assert overall.value == D(1)
    assert meets(overall.value, Comparator.GE, D(2)) is False


def test_all_done_is_one_only_when_every_unit_is_done():
    got = aggregate(Aggregation.ALL_DONE, [obs(1), obs(1), obs(0)])
    assert (got.value, got.done, got.count) == (D(0), 2, 3)
    assert aggregate(Aggregation.ALL_DONE, [obs(1), obs(1)]).value == D(1)


def test_no_figures_give_no_value_and_no_verdict():
    for rule in Aggregation.values:
        assert aggregate(rule, []).value is None
    assert meets(None, Comparator.GE, D(1)) is None


@pytest.mark.parametrize(
    "bad",
    [obs(5, None), obs(5, 0), obs(6, 5), obs(-1, 5)],
    ids=["no base", "zero base", "more than base", "negative"],
)
def test_a_rate_refuses_figures_without_a_valid_base(bad):
    with pytest.raises(IndicatorError):
        aggregate(Aggregation.RATE, [bad])


@pytest.mark.parametrize(
    ("comparator", "value", "expected"),
    [(">=", 98, True), (">", 98, False), ("<=", 98, True), ("<", 97, True), ("=", 98, True)],
)
def test_comparators(comparator, value, expected):
    assert meets(D(value), comparator, D(98)) is expected
