"""The period a plan covers, as years (``"2023"``) or ISO dates.

Where it is read, first that gives something wins:

1. the title (trích yếu): ``giai đoạn 2023-2025``, ``2024 – 2025``, ``từ năm 2022 đến năm
   2025``, ``từ ngày 01/6/2024 đến ngày 30/6/2024``, ``từ tháng 5 đến tháng 7/2024``
   (``2024-05`` to ``2024-07``), ``Quý III/2024`` (``2024-07`` to ``2024-09``), ``tháng 6/2024``,
   ``năm 2024`` (start = end), ``đến năm 2025`` (end only);
2. the body's time statements: lines that start with ``Thời gian`` (``- Thời gian thực hiện:
   Giai đoạn 2023 - 2025``) and the headings under a section whose heading starts with
   ``Thời gian`` / ``Tiến độ`` / ``Lộ trình`` (``1.1. ... đến hết năm 2021``, ``1.2. Từ năm 2022
   đến năm 2025``): all of them together, earliest start to latest end (2021-2025);
3. a term of office in the title (``nhiệm kỳ 2020-2025``), only when nothing else was found.

Other years in the body are not the plan's period: ``định hướng phát triển giai đoạn 2021 -
2030`` describes the country's strategy, ``nhiệm kỳ 2021 - 2026`` a council's term, ``ngày 25
tháng 12 năm 2023`` a citation's date. Nothing found gives nulls.
"""

from __future__ import annotations

import re

from docparse.extract._fold import logical_lines, strip_marks
from docparse.extract.outline import extract_sections
from docparse.model import Period, Section

_YEAR = r"(?:19|20)\d\d"
_DASH = r"\s*[-–—]\s*"
_DATE = r"(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(" + _YEAR + r")"

# On text without diacritics (strip_marks), so "năm"/"nam", "đến"/"den" are alike.
_TERM = r"(?:nhiem ky|khoa)\s*"
_DATE_RANGE = re.compile(r"tu ngay\s*" + _DATE + r"\s*(?:den|-)\s*(?:het\s*)?ngay\s*" + _DATE)
_YEAR_RANGE = re.compile(
    r"(?P<term>"
    + _TERM
    + r")?(?<!\d)(?P<start>"
    + _YEAR
    + r")"
    + _DASH
    + r"(?P<end>"
    + _YEAR
    + r")(?!\d)"
)
_FROM_TO = re.compile(
    r"tu (?:nam\s*)?(?P<start>"
    + _YEAR
    + r")\s*(?:den|toi)\s*(?:het\s*)?(?:nam\s*)?(?P<end>"
    + _YEAR
    + r")(?!\d)"
)
_MONTH_YEAR = r"\s*(?:[/.-]|\s+nam)\s*(" + _YEAR + r")"
_MONTH_RANGE = re.compile(
    r"tu thang\s*(\d{1,2})(?:"
    + _MONTH_YEAR
    + r")?\s*(?:den|-)\s*(?:het\s*)?thang\s*(\d{1,2})"
    + _MONTH_YEAR
)
_QUARTER = re.compile(r"(?<!\w)quy\s*(iv|iii|ii|i|[1-4])(?!\w)" + _MONTH_YEAR)
_IN_MONTH = re.compile(
    r"(?<!ngay )(?<!ngay \d )(?<!ngay \d\d )(?<!\w)thang\s*(\d{1,2})" + _MONTH_YEAR + r"(?!\d)"
)
_QUARTERS = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_HORIZON = re.compile(r"(?:dinh huong|tam nhin)\s*(?:den|toi)\s*(?:nam\s*)?" + _YEAR)
_UNTIL = re.compile(r"(?:den|toi)\s*(?:het\s*)?nam\s*(?P<end>" + _YEAR + r")(?!\d)")
_IN_YEAR = re.compile(
    r"(?<!\w)(?<!viet )(?<!thang )(?<!thang \d )(?<!thang \d\d )nam\s*(?P<year>"
    + _YEAR
    + r")(?!\d)"
)
_TIME_LINE = re.compile(r"^(?:[-–+•*]\s*)*(?:thoi gian|tien do|lo trinh)\b")
_TIME_HEADING = re.compile(r"^(?:thoi gian|tien do|lo trinh)\b")

_Span = tuple[str | None, str | None]


def _iso(day: str, month: str, year: str) -> str:
    return f"{year}-{int(month):02d}-{int(day):02d}"


def _month(year: str, month: str) -> str | None:
    return f"{year}-{int(month):02d}" if 1 <= int(month) <= 12 else None


def _spans(text: str, *, until_is_a_year: bool = False) -> tuple[list[_Span], list[_Span]]:
    """(plan spans, term-of-office spans) named in ``text``.

    ``đến (hết) năm 2021`` is an end alone in a title; among the body's time statements (``Sau
    bầu cử ... đến hết năm 2021``, then ``Từ năm 2022 đến năm 2025``) it is a year of the plan.
    """
    plain = strip_marks(text)
    spans: list[_Span] = []
    terms: list[_Span] = []
    taken: list[tuple[int, int]] = []

    def free(match: re.Match[str]) -> bool:
        return all(match.end() <= a or match.start() >= b for a, b in taken)

    taken.extend(match.span() for match in _HORIZON.finditer(plain))  # a vision, not the plan
    for match in _DATE_RANGE.finditer(plain):
        if not free(match):
            continue
        spans.append((_iso(*match.group(1, 2, 3)), _iso(*match.group(4, 5, 6))))
        taken.append(match.span())
    for match in _MONTH_RANGE.finditer(plain):
        if free(match):
            first, first_year, last, year = match.groups()
            start, end = _month(first_year or year, first), _month(year, last)
            if start and end:
                spans.append((start, end))
            taken.append(match.span())
    for match in _QUARTER.finditer(plain):
        if free(match):
            quarter, year = _QUARTERS[match.group(1)], match.group(2)
            spans.append((f"{year}-{quarter * 3 - 2:02d}", f"{year}-{quarter * 3:02d}"))
            taken.append(match.span())
    for match in _IN_MONTH.finditer(plain):
        if free(match):
            month = _month(match.group(2), match.group(1))
            if month:
                spans.append((month, month))
            taken.append(match.span())
    for match in _FROM_TO.finditer(plain):
        if free(match):
            spans.append((match.group("start"), match.group("end")))
            taken.append(match.span())
    for match in _YEAR_RANGE.finditer(plain):
        if free(match):
            (terms if match.group("term") else spans).append(
                (match.group("start"), match.group("end"))
            )
            taken.append(match.span())
    for match in _UNTIL.finditer(plain):
        if free(match):
            year = match.group("end")
            spans.append((year if until_is_a_year else None, year))
            taken.append(match.span())
    for match in _IN_YEAR.finditer(plain):
        if free(match):
            spans.append((match.group("year"), match.group("year")))
            taken.append(match.span())
    return spans, terms


def _merge(spans: list[_Span]) -> Period:
    if any(start and end for start, end in spans):
        spans = [(start, end) for start, end in spans if start]
    starts = [start for start, _ in spans if start]
    ends = [end for _, end in spans if end]
    # An end alone ("đến năm 2025") only counts when nothing names a start; a year is "2023" and
    # a date "2023-06-01": compare on the year first, then the whole string.
    return Period(
        start=min(starts, key=lambda s: (s[:4], s)) if starts else None,
        end=max(ends, key=lambda s: (s[:4], s)) if ends else None,
    )


def _time_headings(sections: tuple[Section, ...]) -> list[str]:
    out: list[str] = []
    for section in sections:
        if _TIME_HEADING.match(strip_marks(section.heading)):
            out.append(section.heading)
            out.extend(s.heading for child in section.children for s in child.walk())
        else:
            out.extend(_time_headings(section.children))
    return out


def extract_period(
    title: str | None, body: str, *, sections: tuple[Section, ...] | None = None
) -> Period:
    """The plan's period from its title, else from the body's time statements (or nulls).

    ``sections``: the body's outline when the caller already has it (else it is computed).
    """
    title_terms: list[_Span] = []
    if title:
        spans, title_terms = _spans(" ".join(title.split()))
        if spans:
            return _merge(spans)
    statements = [line for line in logical_lines(body) if _TIME_LINE.match(strip_marks(line[:24]))]
    statements += _time_headings(extract_sections(body) if sections is None else sections)
    spans = [
        span for statement in statements for span in _spans(statement, until_is_a_year=True)[0]
    ]
    if spans:
        return _merge(spans)
    if title_terms:
        return _merge(title_terms)
    return Period()
