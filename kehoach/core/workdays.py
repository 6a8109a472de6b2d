"""Working days in Vietnam: weekends, the public holidays of the Labour Code 2019 (Art. 112)
with Tết and the Hùng Kings' day by the lunar calendar and their substitute days, as the
``holidays`` package computes them, corrected per year by the government's annual decision.

The decision (the Prime Minister's notice on Tết and 2/9 days off) may add days off and move
work to a Saturday; ``settings.KEHOACH_WORKDAYS_OVERRIDE`` carries it, e.g.::

    KEHOACH_WORKDAYS_OVERRIDE = {2027: {"off": ["2027-02-11"], "on": ["2027-02-20"]}}

("off": extra days off; "on": days worked although they fall on a weekend or a holiday).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from functools import lru_cache

import holidays as holidays_lib
from django.conf import settings


def _override(year: int) -> tuple[frozenset[dt.date], frozenset[dt.date]]:
    table = getattr(settings, "KEHOACH_WORKDAYS_OVERRIDE", {}) or {}
    entry = table.get(year) or table.get(str(year)) or {}
    off = frozenset(dt.date.fromisoformat(str(d)) for d in entry.get("off", ()))
    on = frozenset(dt.date.fromisoformat(str(d)) for d in entry.get("on", ()))
    return off, on


@lru_cache(maxsize=64)
def _public_holidays(year: int) -> frozenset[dt.date]:
    return frozenset(holidays_lib.country_holidays("VN", years=year).keys())


def days_off(years: Iterable[int]) -> set[dt.date]:
    """The public holidays and extra days off (not the weekends) of ``years``."""
    out: set[dt.date] = set()
    for year in years:
        off, on = _override(year)
        out |= (_public_holidays(year) | off) - on
    return out


def is_working_day(day: dt.date) -> bool:
    off, on = _override(day.year)
    if day in on:
        return True
    return day.weekday() < 5 and day not in _public_holidays(day.year) and day not in off


def next_working_day(day: dt.date) -> dt.date:
    """``day`` itself if it is a working day, else the first working day after it (a deadline
    on a day off moves there: Civil Code 2015, Art. 148)."""
    while not is_working_day(day):
        day += dt.timedelta(days=1)
    return day


def add_working_days(day: dt.date, count: int) -> dt.date:
    """The ``count``-th working day after ``day`` (``day`` itself not counted)."""
    if count < 0:
        raise ValueError("count must be ≥ 0")
    while count:
        day += dt.timedelta(days=1)
        if is_working_day(day):
            count -= 1
    return day
