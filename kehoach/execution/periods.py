"""Reporting periods: pure date arithmetic, no database.

A period is named by the months it nominally covers (January, Quarter I, the first half ...) but
its data runs between cut-off dates. Decree 09/2019/NĐ-CP, Art. 12 sets the default: data from
the 15th of the month before the first nominal month to the 14th of the last nominal month
(``CutoffRule(day=15)``). ``CutoffRule(day=1)`` gives calendar periods (1st → last day).

The deadline to send is set by the receiving level (``DeadlineRule``). It must leave at least one
working day after the cut-off; a deadline that falls on a non-working day moves to the next
working day (Civil Code 2015, Art. 148). Saturdays and Sundays are non-working; other holidays
are passed in as a set of dates.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from kehoach.execution.choices import Cycle, DeadlineKind

ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}

# Nominal months covered by each period of a cycle: (index, first month, last month).
_SLOTS: dict[str, tuple[tuple[int, int, int], ...]] = {
    Cycle.MONTHLY: tuple((m, m, m) for m in range(1, 13)),
    Cycle.QUARTERLY: tuple((q, 3 * q - 2, 3 * q) for q in range(1, 5)),
    Cycle.HALF_YEAR: ((1, 1, 6), (2, 7, 12)),
    Cycle.NINE_MONTHS: ((1, 1, 9),),
    Cycle.ANNUAL: ((1, 1, 12),),
}


class PeriodRuleError(ValueError):
    """A cut-off or deadline rule that cannot give valid periods; the message is Vietnamese."""


@dataclass(frozen=True, slots=True)
class CutoffRule:
    """Data runs from ``day`` of the month before the first month to ``day - 1`` of the last.

    ``day=15`` is Decree 09/2019; ``day=1`` means calendar months (1st → last day).
    """

    day: int = 15

    def __post_init__(self) -> None:
        if not 1 <= self.day <= 28:
            raise PeriodRuleError("Ngày chốt số liệu phải từ 1 đến 28.")


@dataclass(frozen=True, slots=True)
class DeadlineRule:
    """When reports for a period must be sent, relative to the period's last nominal month."""

    kind: str = DeadlineKind.DAY_OF_LAST_MONTH
    value: int = 20

    def __post_init__(self) -> None:
        if self.kind not in DeadlineKind.values:
            raise PeriodRuleError("Cách tính hạn gửi báo cáo không hợp lệ.")
        if self.kind == DeadlineKind.DAYS_AFTER_CUTOFF and not 1 <= self.value <= 60:
            raise PeriodRuleError("Số ngày sau ngày chốt số liệu phải từ 1 đến 60.")
        if self.kind != DeadlineKind.DAYS_AFTER_CUTOFF and not 1 <= self.value <= 28:
            raise PeriodRuleError("Ngày hạn gửi báo cáo phải từ 1 đến 28.")


DECREE_09 = CutoffRule(day=15)
DEFAULT_DEADLINE = DeadlineRule(kind=DeadlineKind.DAY_OF_LAST_MONTH, value=20)


@dataclass(frozen=True, slots=True)
class Period:
    """One reporting period: its name, the data range (inclusive) and the sending deadline."""

    cycle: str
    year: int
    index: int
    start: dt.date
    end: dt.date
    deadline: dt.date

    @property
    def key(self) -> str:
        """A stable identifier, e.g. ``2025-Q1``, ``2025-M01``, ``2025-H2``, ``2025-9M``."""
        suffix = {
            Cycle.MONTHLY: f"M{self.index:02d}",
            Cycle.QUARTERLY: f"Q{self.index}",
            Cycle.HALF_YEAR: f"H{self.index}",
            Cycle.NINE_MONTHS: "9M",
            Cycle.ANNUAL: "Y",
        }[Cycle(self.cycle)]
        return f"{self.year}-{suffix}"

    @property
    def label(self) -> str:
        """The Vietnamese name used in report titles."""
        if self.cycle == Cycle.MONTHLY:
            return f"Tháng {self.index}/{self.year}"
        if self.cycle == Cycle.QUARTERLY:
            return f"Quý {ROMAN[self.index]}/{self.year}"
        if self.cycle == Cycle.HALF_YEAR:
            half = "đầu" if self.index == 1 else "cuối"
            return f"6 tháng {half} năm {self.year}"
        if self.cycle == Cycle.NINE_MONTHS:
            return f"9 tháng năm {self.year}"
        return f"Năm {self.year}"

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end


def _add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    n = year * 12 + (month - 1) + delta
    return n // 12, n % 12 + 1


def _last_day(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def is_working_day(day: dt.date, holidays: Iterable[dt.date] = ()) -> bool:
    """Monday to Friday and not a listed holiday."""
    return day.weekday() < 5 and day not in set(holidays)


def next_working_day(day: dt.date, holidays: Iterable[dt.date] = ()) -> dt.date:
    """``day`` itself when it is a working day, else the first working day after it."""
    off = set(holidays)
    while not is_working_day(day, off):
        day += dt.timedelta(days=1)
    return day


def data_range(
    year: int, first_month: int, last_month: int, cutoff: CutoffRule = DECREE_09
) -> tuple[dt.date, dt.date]:
    """The inclusive data range of the period nominally covering ``first_month..last_month``."""
    if cutoff.day == 1:
        return dt.date(year, first_month, 1), _last_day(year, last_month)
    py, pm = _add_months(year, first_month, -1)
    return dt.date(py, pm, cutoff.day), dt.date(year, last_month, cutoff.day - 1)


def deadline_for(
    year: int,
    last_month: int,
    end: dt.date,
    rule: DeadlineRule = DEFAULT_DEADLINE,
    holidays: Iterable[dt.date] = (),
) -> dt.date:
    """The sending deadline; refuses a rule that leaves no working day after the cut-off."""
    if rule.kind == DeadlineKind.DAYS_AFTER_CUTOFF:
        raw = end + dt.timedelta(days=rule.value)
    elif rule.kind == DeadlineKind.DAY_OF_LAST_MONTH:
        raw = dt.date(year, last_month, rule.value)
    else:
        ny, nm = _add_months(year, last_month, 1)
        raw = dt.date(ny, nm, rule.value)
    if raw <= end:
        raise PeriodRuleError(
            f"Hạn gửi báo cáo ({raw:%d/%m/%Y}) phải sau ngày chốt số liệu ({end:%d/%m/%Y})."
        )
    return next_working_day(raw, holidays)


def check_rules(cutoff: CutoffRule, deadline: DeadlineRule) -> None:
    """Raise ``PeriodRuleError`` when the pair cannot give a deadline after every cut-off."""
    for cycle in Cycle.values:
        for _index, first, last in _SLOTS[cycle]:
            _start, end = data_range(2001, first, last, cutoff)
            deadline_for(2001, last, end, deadline)


def make_period(
    cycle: str,
    year: int,
    index: int,
    cutoff: CutoffRule = DECREE_09,
    deadline: DeadlineRule = DEFAULT_DEADLINE,
    holidays: Iterable[dt.date] = (),
) -> Period:
    """The period ``index`` (month 1–12, quarter 1–4, half 1–2, else 1) of ``cycle`` in ``year``."""
    slots = {i: (f, lst) for i, f, lst in _SLOTS[Cycle(cycle)]}
    if index not in slots:
        raise PeriodRuleError(f"Kỳ báo cáo số {index} không tồn tại trong chu kỳ này.")
    first, last = slots[index]
    start, end = data_range(year, first, last, cutoff)
    due = deadline_for(year, last, end, deadline, holidays)
    return Period(cycle=str(cycle), year=year, index=index, start=start, end=end, deadline=due)


def periods_between(
    cycle: str,
    since: dt.date,
    until: dt.date,
    cutoff: CutoffRule = DECREE_09,
    deadline: DeadlineRule = DEFAULT_DEADLINE,
    holidays: Iterable[dt.date] = (),
) -> list[Period]:
    """Every period of ``cycle`` whose data range overlaps ``since..until``, oldest first."""
    if until < since:
        raise PeriodRuleError("Ngày kết thúc phải sau ngày bắt đầu.")
    off = frozenset(holidays)
    out: list[Period] = []
    # A period named in year Y starts at the earliest in December of Y - 1 and ends in Y.
    for year in range(since.year, until.year + 2):
        for index, _first, _last in _SLOTS[Cycle(cycle)]:
            p = make_period(cycle, year, index, cutoff, deadline, off)
            if p.end >= since and p.start <= until:
                out.append(p)
    return sorted(out, key=lambda p: (p.start, p.end))


def period_containing(
    cycle: str,
    day: dt.date,
    cutoff: CutoffRule = DECREE_09,
    deadline: DeadlineRule = DEFAULT_DEADLINE,
    holidays: Iterable[dt.date] = (),
) -> Period | None:
    """The period of ``cycle`` whose data range holds ``day`` (None for a 9-month gap)."""
    found = periods_between(cycle, day, day, cutoff, deadline, holidays)
    return found[0] if found else None
