"""Reporting periods follow Decree 09/2019 by default, across year ends, with configurable deadlines."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kehoach.execution.choices import Cycle, DeadlineKind
from kehoach.execution.periods import (
    CutoffRule,
    DeadlineRule,
    PeriodRuleError,
    check_rules,
    make_period,
    period_containing,
    periods_between,
)

D = dt.date


def spans(periods):
    return [(p.key, p.start, p.end) for p in periods]


class TestDecree09CutOff:
    def test_a_monthly_report_covers_the_15th_of_the_previous_month_to_the_14th(self):
        january = make_period(Cycle.MONTHLY, 2025, 1)
        assert (january.start, january.end) == (D(2024, 12, 15), D(2025, 1, 14))
        assert january.label == "Tháng 1/2025"

    def test_monthly_periods_between_two_dates_cross_the_year_end(self):
        got = periods_between(Cycle.MONTHLY, D(2024, 11, 20), D(2025, 2, 10))
        assert spans(got) == [
            ("2024-M12", D(2024, 11, 15), D(2024, 12, 14)),
            ("2025-M01", D(2024, 12, 15), D(2025, 1, 14)),
            ("2025-M02", D(2025, 1, 15), D(2025, 2, 14)),
        ]

    def test_a_quarter_runs_from_the_15th_of_the_month_before_to_the_14th_of_its_last_month(self):
        got = periods_between(Cycle.QUARTERLY, D(2024, 10, 1), D(2025, 4, 1))
        assert spans(got) == [
            ("2024-Q4", D(2024, 9, 15), D(2024, 12, 14)),
            ("2025-Q1", D(2024, 12, 15), D(2025, 3, 14)),
            ("2025-Q2", D(2025, 3, 15), D(2025, 6, 14)),
        ]
        assert got[1].label == "Quý I/2025"

    def test_the_first_half_starts_on_15_december_of_the_previous_year(self):
        got = periods_between(Cycle.HALF_YEAR, D(2024, 12, 1), D(2025, 12, 31))
        assert spans(got) == [
            ("2024-H2", D(2024, 6, 15), D(2024, 12, 14)),
            ("2025-H1", D(2024, 12, 15), D(2025, 6, 14)),
            ("2025-H2", D(2025, 6, 15), D(2025, 12, 14)),
            ("2026-H1", D(2025, 12, 15), D(2026, 6, 14)),
        ]
        assert [p.label for p in got[1:3]] == ["6 tháng đầu năm 2025", "6 tháng cuối năm 2025"]

    def test_nine_months_run_from_15_december_to_14_september_and_leave_a_gap(self):
        nine = make_period(Cycle.NINE_MONTHS, 2025, 1)
        assert (nine.start, nine.end, nine.label) == (
            D(2024, 12, 15),
            D(2025, 9, 14),
            "9 tháng năm 2025",
        )
        assert period_containing(Cycle.NINE_MONTHS, D(2024, 12, 20)) == nine
        assert period_containing(Cycle.NINE_MONTHS, D(2025, 10, 1)) is None

    def test_the_last_days_of_december_belong_to_the_next_years_annual_report(self):
        annual = period_containing(Cycle.ANNUAL, D(2024, 12, 31))
        assert annual is not None
        assert (annual.key, annual.start, annual.end) == (
            "2025-Y",
            D(2024, 12, 15),
            D(2025, 12, 14),
        )


class TestCalendarCutOff:
    def test_cut_off_day_1_gives_calendar_quarters(self):
        q4 = make_period(
            Cycle.QUARTERLY,
            2024,
            4,
            cutoff=CutoffRule(day=1),
            deadline=DeadlineRule(DeadlineKind.DAY_OF_NEXT_MONTH, 5),
        )
        assert (q4.start, q4.end) == (D(2024, 10, 1), D(2024, 12, 31))
        # 5 January 2025 is a Sunday: the deadline moves to Monday 6 January, across the year end.
        assert q4.deadline == D(2025, 1, 6)


class TestDeadlines:
    def test_the_default_deadline_is_the_20th_of_the_periods_last_month(self):
        assert make_period(Cycle.MONTHLY, 2025, 1).deadline == D(2025, 1, 20)

    def test_a_deadline_on_a_weekend_moves_to_the_next_working_day(self):
        # 20 September 2025 is a Saturday.
        assert make_period(Cycle.NINE_MONTHS, 2025, 1).deadline == D(2025, 9, 22)
        assert make_period(Cycle.QUARTERLY, 2025, 3).deadline == D(2025, 9, 22)

    def test_a_listed_holiday_is_not_a_working_day(self):
        p = make_period(Cycle.QUARTERLY, 2025, 3, holidays={D(2025, 9, 22)})
        assert p.deadline == D(2025, 9, 23)

    def test_days_after_cut_off_count_calendar_days_then_skip_the_weekend(self):
        rule = DeadlineRule(DeadlineKind.DAYS_AFTER_CUTOFF, 1)
        # June 2025 ends Saturday 14 June; one day later is Sunday; Monday 16 June is due.
        assert make_period(Cycle.MONTHLY, 2025, 6, deadline=rule).deadline == D(2025, 6, 16)

    def test_a_deadline_on_or_before_the_cut_off_is_refused(self):
        with pytest.raises(PeriodRuleError, match="phải sau ngày chốt số liệu"):
            make_period(Cycle.QUARTERLY, 2025, 1, deadline=DeadlineRule("day_of_last_month", 6))
        with pytest.raises(PeriodRuleError):
            check_rules(CutoffRule(day=1), DeadlineRule(DeadlineKind.DAY_OF_LAST_MONTH, 25))

    def test_an_earlier_cut_off_allows_an_earlier_deadline(self):
        # "By the 6th of the quarter's last month" needs data cut off before the 6th.
        rule = DeadlineRule(DeadlineKind.DAY_OF_LAST_MONTH, 6)
        check_rules(CutoffRule(day=5), rule)
        q1 = make_period(Cycle.QUARTERLY, 2025, 1, cutoff=CutoffRule(day=5), deadline=rule)
        assert (q1.start, q1.end, q1.deadline) == (D(2024, 12, 5), D(2025, 3, 4), D(2025, 3, 6))

    def test_rules_out_of_range_are_refused(self):
        with pytest.raises(PeriodRuleError):
            CutoffRule(day=31)
        with pytest.raises(PeriodRuleError):
            DeadlineRule("whenever", 3)
        with pytest.raises(PeriodRuleError):
            DeadlineRule(DeadlineKind.DAYS_AFTER_CUTOFF, 0)


@given(
    cycle=st.sampled_from([Cycle.MONTHLY, Cycle.QUARTERLY, Cycle.HALF_YEAR, Cycle.ANNUAL]),
    since=st.dates(min_value=D(2000, 1, 1), max_value=D(2090, 1, 1)),
    days=st.integers(min_value=0, max_value=800),
    cut=st.integers(min_value=1, max_value=28),
)
def test_periods_tile_the_calendar_without_gaps_or_overlaps(cycle, since, days, cut):
    until = since + dt.timedelta(days=days)
    got = periods_between(
        cycle, since, until, CutoffRule(cut), DeadlineRule(DeadlineKind.DAY_OF_NEXT_MONTH, 28)
    )
    assert got[0].start <= since and got[-1].end >= until
    for before, after in itertools.pairwise(got):
        assert after.start == before.end + dt.timedelta(days=1)
    for p in got:
        assert p.deadline > p.end and p.deadline.weekday() < 5
