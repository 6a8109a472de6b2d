"""Quantitative targets: a required level of achievement, as a rate or a minimum per period.

A target is taken when a number is either

- a percentage with a comparator before or after it (``ít nhất``, ``tối thiểu``, ``không
  dưới``, ``từ ... trở lên`` → ``>=``; ``trên``, ``hơn`` → ``>``; ``tối đa``, ``không quá``,
  ``... trở xuống`` → ``<=``; ``dưới`` → ``<``; ``đạt``, ``bằng`` → ``=``), or ``100%`` alone
  (``100% cán bộ được quán triệt``), or
- a quantity after a minimum comparator (``ít nhất``, ``tối thiểu``, ``không dưới``, ``không ít
  hơn``) with its unit, usually per period: ``tối thiểu 2 tin, bài/tháng`` (2, ``tin,
  bài/tháng``), ``ít nhất 01 lần/quý`` (1, ``lần/quý``).

Dates, document numbers, ordinals (``lần thứ XIII``) and counts that describe a document's
content (``12 nội dung định hướng``, ``06 nhiệm vụ trọng tâm``, ``35 năm ngày truyền thống``)
have no comparator and are not targets; nor is a percentage without one (``tăng 5%``), which is
usually a reported figure. ``text`` is the clause the number sits in (split at ``;`` and at
sentence ends), bullet marks removed.
"""

from __future__ import annotations

import re

from docparse.extract._fold import fold, logical_lines
from docparse.model import Target

_NUMBER = r"(?P<num>\d+(?:[.,]\d+)?)"
_PERCENT = r"\s*(?:%|" + fold("phần trăm") + ")"


def _any(*phrases: str) -> str:
    """An alternation of Vietnamese phrases, folded like the text they are matched on."""
    return "(?:" + "|".join(fold(p).replace(" ", r"\s+") for p in phrases) + ")"


_LINK = r"(?:\s+" + _any("là", "từ", "đạt", "bằng", "ở mức") + ")*"
_GE = _any("ít nhất", "tối thiểu", "không dưới", "không thấp hơn", "không ít hơn") + _LINK
_LE = _any("tối đa", "không quá", "không vượt quá", "không vượt", "không cao hơn") + _LINK
_GT = _any("trên", "hơn", "vượt")
_LT = _any("dưới", "ít hơn")
_EQ = _any("đạt", "bằng", "là")
_FROM = _any("từ")
_TAIL_GE = fold("trở lên")
_TAIL_LE = fold("trở xuống")

_PERCENT_TARGET = re.compile(
    rf"(?<!\w)(?:(?P<ge>{_GE})|(?P<le>{_LE})|(?P<gt>{_GT})|(?P<lt>{_LT})|(?P<from>{_FROM})"
    rf"|(?P<eq>{_EQ}))?\s*{_NUMBER}{_PERCENT}(?:\s*(?P<tail>{_TAIL_GE}|{_TAIL_LE}))?"
)

_UNIT_WORD = r"[^\W\d_]+"
_PER = (
    r"\s+"
    + _any("mỗi", "một", "trong một", "hằng", "hàng", "trên một", "trên")
    + r"\s+"
    + _any("tháng", "quý", "năm", "tuần", "ngày", "đợt", "kỳ", "học kỳ")
    + r"(?!\w)"
)
# A unit is one word ("buổi", "lần"), or two ("tin, bài", "tin bài") when a period follows,
# then the period as written: "/tháng" or " mỗi tháng".
_QUANTITY_TARGET = re.compile(
    rf"(?<!\w)(?P<cmp>{_GE})\s+{_NUMBER}\s+"
    rf"(?P<unit>{_UNIT_WORD}(?:(?:,\s*|\s+){_UNIT_WORD}(?=\s*/|{_PER}))?"
    rf"(?:\s*/\s*{_UNIT_WORD}|{_PER})?)"
)
_HAS_DIGIT = re.compile(r"\d")
_HAS_PERCENT = re.compile(r"%|" + fold("phần trăm"))
_CLAUSE_END = re.compile(r";|(?<=[.!?…])\s+(?=[^\W\d_a-zđ])|\.$")
_BULLET = re.compile(r"^(?:[-–•+*]\s*)+")


def _value(raw: str) -> float | int:
    if "," in raw:
        raw = raw.replace(",", ".")
    elif re.fullmatch(r"\d{1,3}\.\d{3}", raw):
        raw = raw.replace(".", "")  # 2.000: a thousands separator
    number = float(raw)
    return int(number) if number.is_integer() else number


def _clause(line: str, start: int, end: int) -> str:
    """The clause of ``line`` around [start, end): between ``;`` or sentence ends."""
    left = 0
    right = len(line)
    for match in _CLAUSE_END.finditer(line):
        if match.end() <= start:
            left = match.end()
        elif match.start() >= end:
            right = match.start() + (1 if line[match.start()] in ".!?…" else 0)
            break
    return _BULLET.sub("", line[left:right].strip()).strip()


def _percent_comparator(match: re.Match[str]) -> str | None:
    tail = match.group("tail")
    if match.group("ge") or tail == _TAIL_GE:
        return ">="
    if match.group("le") or tail == _TAIL_LE:
        return "<="
    if match.group("gt"):
        return ">"
    if match.group("lt"):
        return "<"
    if match.group("eq"):
        return "="
    if _value(match.group("num")) == 100:
        return "="
    return None


def extract_targets(body: str) -> tuple[Target, ...]:
    """Every quantitative target in ``body``, in order of appearance."""
    out: list[Target] = []
    for line in logical_lines(body):
        if not _HAS_DIGIT.search(line):
            continue
        folded = fold(line)
        found: list[tuple[int, Target]] = []
        percents = _PERCENT_TARGET.finditer(folded) if _HAS_PERCENT.search(folded) else ()
        for match in percents:
            comparator = _percent_comparator(match)
            if comparator is None:
                continue
            found.append(
                (
                    match.start(),
                    Target(
                        value=_value(match.group("num")),
                        unit="%",
                        comparator=comparator,
                        text=_clause(line, match.start("num"), match.end()),
                    ),
                )
            )
        for match in _QUANTITY_TARGET.finditer(folded):
            unit = re.sub(r"\s*/\s*", "/", line[match.start("unit") : match.end("unit")])
            found.append(
                (
                    match.start(),
                    Target(
                        value=_value(match.group("num")),
                        unit=unit,
                        comparator=">=",
                        text=_clause(line, match.start("num"), match.end()),
                    ),
                )
            )
        out.extend(target for _, target in sorted(found, key=lambda item: item[0]))
    return tuple(out)
