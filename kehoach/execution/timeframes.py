"""Time frames as plans write them, read into dates: what a drafted task's start, deadline and
recurrence are.

    "Giai đoạn 2023 - 2025"          → 1/1/2023 … 31/12/2025
    "Quý III/2024", "quý 3 năm 2024"  → 1/7/2024 … 30/9/2024
    "trước ngày 30/6/2024"            → … 30/6/2024
    "tháng 6/2024", "6 tháng đầu năm 2024", "năm 2024"
    "hằng tháng", "hàng quý", "định kỳ 6 tháng" → a recurrence (monthly, quarterly, half-year)

Pure functions, no database. When several dates are written, the latest is the deadline.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from kehoach.core.text import fold
from kehoach.execution.choices import Cycle

_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}


@dataclass(frozen=True, slots=True)
class TimeFrame:
    start: dt.date | None = None
    due: dt.date | None = None
    cycle: str | None = None  # a Cycle value when the work recurs

    def __bool__(self) -> bool:
        return bool(self.start or self.due or self.cycle)


def _end_of_month(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _date(day: str, month: str, year: str) -> dt.date | None:
    try:
        return dt.date(int(year), int(month), int(day))
    except ValueError:
        return None


_FULL_DATE = re.compile(r"\b(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*((?:19|20)\d{2})\b")
_WORDED_DATE = re.compile(r"\bngay\s+(\d{1,2})\s+thang\s+(\d{1,2})\s+nam\s+((?:19|20)\d{2})\b")
_SPAN = re.compile(
    r"\b(?:giai doan|tu nam|nam)\s+((?:19|20)\d{2})\s*(?:-|–|den|toi)\s*(?:nam\s+)?((?:19|20)\d{2})\b"
)
_QUARTER = re.compile(r"\bquy\s+(i{1,3}|iv|[1-4])\s*(?:/|nam|-)\s*((?:19|20)\d{2})\b")
_HALF = re.compile(r"\b6\s+thang\s+(dau|cuoi)\s+nam\s+((?:19|20)\d{2})\b")
_MONTH = re.compile(r"\bthang\s+(\d{1,2})\s*(?:/|nam)\s*((?:19|20)\d{2})\b")
_YEAR = re.compile(r"\bnam\s+((?:19|20)\d{2})\b")
_RECUR = (
    (re.compile(r"\bhang\s+thang\b|\bdinh ky hang thang\b"), Cycle.MONTHLY),
    (re.compile(r"\bhang\s+quy\b|\bdinh ky (?:hang )?quy\b"), Cycle.QUARTERLY),
    (re.compile(r"\bdinh ky 6 thang\b|\b6 thang mot lan\b"), Cycle.HALF_YEAR),
    (re.compile(r"\bhang\s+nam\b|\bdinh ky hang nam\b"), Cycle.ANNUAL),
)


def parse_timeframe(text: str | None) -> TimeFrame:
    """The dates a time frame names (see the module notes); an empty ``TimeFrame`` when it names
    none ("thường xuyên", "kịp thời")."""
    t = fold(text or "")
    if not t:
        return TimeFrame()
    cycle = next((c for pattern, c in _RECUR if pattern.search(t)), None)
    starts: list[dt.date] = []
    ends: list[dt.date] = []
    for m in _SPAN.finditer(t):
        a, b = sorted((int(m.group(1)), int(m.group(2))))
        starts.append(dt.date(a, 1, 1))
        ends.append(dt.date(b, 12, 31))
    t_rest = _SPAN.sub(" ", t)
    for m in _QUARTER.finditer(t_rest):
        q = _ROMAN.get(m.group(1)) or int(m.group(1))
        year = int(m.group(2))
        starts.append(dt.date(year, 3 * q - 2, 1))
        ends.append(_end_of_month(year, 3 * q))
    for m in _HALF.finditer(t_rest):
        year = int(m.group(2))
        first = m.group(1) == "dau"
        starts.append(dt.date(year, 1 if first else 7, 1))
        ends.append(dt.date(year, 6, 30) if first else dt.date(year, 12, 31))
    t_rest = _HALF.sub(" ", _QUARTER.sub(" ", t_rest))
    dates = [
        d
        for m in [*_FULL_DATE.finditer(t_rest), *_WORDED_DATE.finditer(t_rest)]
        if (d := _date(*m.groups())) is not None
    ]
    before = re.search(r"\b(?:truoc|cham nhat|han)\b", t_rest) is not None
    if dates:
        ends.append(max(dates))
        if not before and len(dates) > 1:
            starts.append(min(dates))
    t_rest = _WORDED_DATE.sub(" ", _FULL_DATE.sub(" ", t_rest))
    for m in _MONTH.finditer(t_rest):
        month, year = int(m.group(1)), int(m.group(2))
        if 1 <= month <= 12:
            starts.append(dt.date(year, month, 1))
            ends.append(_end_of_month(year, month))
    t_rest = _MONTH.sub(" ", t_rest)
    if not starts and not ends:
        for m in _YEAR.finditer(t_rest):
            year = int(m.group(1))
            starts.append(dt.date(year, 1, 1))
            ends.append(dt.date(year, 12, 31))
    start = min(starts) if starts and not (before and not _SPAN.search(t)) else None
    due = max(ends) if ends else None
    if start is not None and due is not None and start > due:
        start = None
    return TimeFrame(start=start, due=due, cycle=cycle)


_TIME_LINE = re.compile(
    r"(?:thời gian(?: thực hiện| hoàn thành)?|thời hạn|hoàn thành)\s*:?\s*([^\n;]+)", re.IGNORECASE
)


def timeframe_in(text: str | None) -> str:
    """The time frame written inside a task's text ("Thời gian thực hiện: Giai đoạn 2023 -
    2025"), else ""."""
    found = _TIME_LINE.findall(text or "")
    return found[-1].strip().rstrip(".") if found else ""
