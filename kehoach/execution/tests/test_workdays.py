"""Working days: weekends, Vietnam's holidays (Tết by the lunar calendar, 2/9 and its pair),
substitute days, and the per-year override of the government's decision."""

import datetime as dt

from kehoach.core.workdays import add_working_days, days_off, is_working_day, next_working_day

D = dt.date


def test_tet_and_national_day_are_days_off():
    assert not is_working_day(D(2027, 2, 8))  # Tết 2027 (Monday), from the lunar calendar
    assert not is_working_day(D(2026, 9, 2)) and not is_working_day(D(2026, 9, 1))
    assert not is_working_day(D(2026, 12, 12))  # a Saturday
    assert is_working_day(D(2026, 12, 7))


def test_a_deadline_in_tet_moves_past_it():
    # 5/2/2027 (Friday, Tết's eve) → past the weekend and the Tết days to Thursday 11/2.
    assert next_working_day(D(2027, 2, 5)) == D(2027, 2, 11)
    assert add_working_days(D(2027, 2, 3), 1) == D(2027, 2, 11)


def test_the_yearly_decision_adds_and_moves_days(settings):
    settings.KEHOACH_WORKDAYS_OVERRIDE = {2027: {"off": ["2027-02-11"], "on": ["2027-02-20"]}}
    assert next_working_day(D(2027, 2, 5)) == D(2027, 2, 12)
    assert is_working_day(D(2027, 2, 20))  # a Saturday worked in exchange
    assert D(2027, 2, 11) in days_off([2027]) and D(2027, 2, 20) not in days_off([2027])


def test_periods_generated_take_the_holidays(db):
    from kehoach.execution.choices import Cycle, DeadlineKind
    from kehoach.execution.services.reports import periods_generate, template_create
    from kehoach.organizations.choices import UnitKind
    from kehoach.organizations.services import unit_create

    unit = unit_create(actor=None, kind=UnitKind.PARTY_COMMITTEE, name="Tỉnh ủy X", code="X")
    template = template_create(
        actor=None,
        unit=unit,
        name="Tháng",
        cycle=Cycle.MONTHLY,
        cutoff_day=1,
        deadline_kind=DeadlineKind.DAY_OF_NEXT_MONTH,
        deadline_value=2,
    )
    (august,) = [
        p
        for p in periods_generate(
            actor=None, template=template, since=D(2026, 8, 1), until=D(2026, 8, 31)
        )
        if p.end == D(2026, 8, 31)
    ]
    assert august.deadline == D(2026, 9, 3)  # 2/9 and the day before it are off
