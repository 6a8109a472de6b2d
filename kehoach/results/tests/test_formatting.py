"""Figures the Vietnamese way, and rates from raw counts (pure)."""

from decimal import Decimal

from kehoach.results.formatting import (
    figure_text,
    rate_percent,
    target_text,
    vn_date,
    vn_number,
    vn_percent,
)


def test_numbers_take_a_decimal_comma_and_dots_between_thousands():
    assert vn_number(Decimal("1234567.50")) == "1.234.567,5"
    assert vn_number("100.00") == "100"
    assert vn_number(0) == "0"
    assert vn_number(None) == ""


def test_percentages_drop_trailing_zeros():
    assert vn_percent(Decimal("98.50")) == "98,5%"
    assert vn_percent(Decimal("92.67")) == "92,67%"
    assert vn_percent(Decimal("100.00")) == "100%"


def test_a_rate_is_written_with_its_raw_counts():
    figure = {"numerator": "139.00", "denominator": "150.00", "value": "92.67", "count": 2}
    assert figure_text("rate", figure) == "139/150 (92,67%)"


def test_a_rate_is_the_ratio_of_the_sums_not_the_mean_of_the_percentages():
    # 49/50 = 98% and 90/100 = 90%: the mean would be 94%, the rate is 139/150.
    assert rate_percent(49 + 90, 50 + 100) == Decimal("92.67")
    assert rate_percent(1, 0) is None


def test_sums_carry_their_measure_unit_and_all_done_counts_units():
    assert figure_text("sum", {"value": "1234", "count": 9}, "tin bài") == "1.234 tin bài"
    assert figure_text("all_done", {"value": "0", "count": 50, "done": 45}) == "45/50 (90%)"
    assert figure_text("all_done", {"value": "1", "count": 3, "done": None}) == "Tất cả hoàn thành"
    assert figure_text("sum", None) == ""


def test_targets_read_as_comparisons():
    assert target_text(">=", "98.00", "rate") == "≥ 98%"
    assert target_text("<=", "5", "sum", "vụ") == "≤ 5 vụ"
    assert target_text(">=", None, "sum") == ""


def test_dates_are_day_month_year():
    assert vn_date("2026-09-14") == "14/09/2026"
