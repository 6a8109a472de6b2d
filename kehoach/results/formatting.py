"""Figures written the Vietnamese way: ``1.234``, ``98,5%``, ``139/150 (92,67%)`` (pure).

Decimal comma, a dot between thousands, trailing zeros of the fraction dropped. Rates are always
shown with the raw counts they come from, as official reports write them.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from kehoach.execution.choices import Aggregation

COMPARATOR_TEXT = {">=": "≥", ">": ">", "<=": "≤", "<": "<", "=": "="}


def to_decimal(value: Any) -> Decimal | None:
    """A stored figure (Decimal, int, float or its string in JSON) as a Decimal; None stays None."""
    if value is None or value == "":
        return None
    return value if isinstance(value, Decimal) else Decimal(str(value))


def vn_number(value: Any, *, places: int = 2) -> str:
    """``1234.50`` → ``1.234,5``; ``100.00`` → ``100``; None → ``""``."""
    d = to_decimal(value)
    if d is None:
        return ""
    q = d.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    sign = "-" if q < 0 else ""
    text = f"{abs(q):f}"
    whole, _, frac = text.partition(".")
    frac = frac.rstrip("0")
    groups: list[str] = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    out = ".".join(groups)
    return f"{sign}{out},{frac}" if frac else f"{sign}{out}"


def vn_percent(value: Any, *, places: int = 2) -> str:
    """``98.50`` → ``98,5%``."""
    text = vn_number(value, places=places)
    return f"{text}%" if text else ""


def rate_percent(numerator: Any, denominator: Any) -> Decimal | None:
    """100 × numerator / denominator, to two places; None without a positive base."""
    num, den = to_decimal(numerator), to_decimal(denominator)
    if num is None or den is None or den <= 0:
        return None
    return (num * 100 / den).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def figure_text(rule: str, figure: dict[str, Any] | None, measure_unit: str = "") -> str:
    """One aggregate in the official style; ``""`` when there is no figure.

    rate: ``139/150 (92,67%)``; all done: ``45/50 (90%)`` (units done / units counted);
    sum and minimum: ``1.234 tin bài``.
    """
    if not figure or (figure.get("value") is None and not figure.get("count")):
        return ""
    if rule == Aggregation.RATE:
        num, den = figure.get("numerator"), figure.get("denominator")
        if den is None or to_decimal(den) == 0:
            return ""
        return f"{vn_number(num)}/{vn_number(den)} ({vn_percent(rate_percent(num, den))})"
    if rule == Aggregation.ALL_DONE:
        done, count = figure.get("done"), figure.get("count") or 0
        if not count:
            return ""
        if done is None:  # a frozen snapshot keeps only whether all were done
            value = to_decimal(figure.get("value"))
            return "Tất cả hoàn thành" if value and value >= 1 else "Chưa hoàn thành hết"
        return f"{done}/{count} ({vn_percent(rate_percent(done, count))})"
    text = vn_number(figure.get("value"))
    return f"{text} {measure_unit}".strip() if text else ""


def target_text(comparator: str, target: Any, rule: str, measure_unit: str = "") -> str:
    """``≥ 98%`` for a rate, ``≥ 10 tin bài`` otherwise; ``""`` without a target."""
    if target is None or target == "":
        return ""
    sign = COMPARATOR_TEXT.get(comparator, comparator)
    if rule == Aggregation.RATE:
        return f"{sign} {vn_percent(target)}"
    if rule == Aggregation.ALL_DONE:
        return "Tất cả hoàn thành"
    return f"{sign} {vn_number(target)} {measure_unit}".strip()


def met_text(met: bool | None) -> str:
    if met is True:
        return "Đạt"
    if met is False:
        return "Chưa đạt"
    return ""


def vn_date(value: str | None) -> str:
    """ISO ``2026-09-14`` → ``14/09/2026``; anything else as given."""
    if not value or len(value) < 10 or value[4] != "-":
        return value or ""
    return f"{value[8:10]}/{value[5:7]}/{value[0:4]}"
