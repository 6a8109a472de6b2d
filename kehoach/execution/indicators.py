"""Indicator aggregation (pure): how values from many units and periods combine.

Every reported value keeps its raw figures. A rate is always Σ numerator / Σ denominator over
the raw counts — 49 of 50 members in one cell and 90 of 100 in another is 139/150 = 92.67%,
never the average of 98% and 90%. Rules (``Aggregation``):

- ``sum``: Σ value (articles published, sessions held);
- ``rate``: 100 × Σ numerator / Σ denominator (attendance), in percent;
- ``minimum``: the smallest value (the weakest unit decides, e.g. "every cell at least 2 posts");
- ``all_done``: 1 when every observation is done (value ≥ 1), else 0; ``done``/``count`` kept.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from kehoach.execution.choices import Aggregation, Comparator

CENT = Decimal("0.01")


class IndicatorError(ValueError):
    """Figures that cannot be aggregated under the indicator's rule (message in Vietnamese)."""


@dataclass(frozen=True, slots=True)
class Observation:
    """One reported figure: ``value`` (numerator for a rate) and, for a rate, ``denominator``."""

    value: Decimal
    denominator: Decimal | None = None


@dataclass(frozen=True, slots=True)
class Aggregate:
    """The combined figure with the raw totals it came from."""

    value: Decimal | None
    count: int
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    done: int | None = None


def check_observation(rule: str, obs: Observation) -> None:
    """Refuse a figure the rule cannot use (negative, a rate without its base, n > base)."""
    if obs.value < 0:
        raise IndicatorError("Số liệu không được âm.")
    if rule == Aggregation.RATE:
        if obs.denominator is None or obs.denominator <= 0:
            raise IndicatorError("Chỉ tiêu tỷ lệ cần số liệu gốc: số đạt và tổng số (lớn hơn 0).")
        if obs.value > obs.denominator:
            raise IndicatorError("Số đạt không được lớn hơn tổng số.")


def aggregate(rule: str, observations: Iterable[Observation]) -> Aggregate:
    """Combine ``observations`` under ``rule``; ``value`` is None when there is nothing."""
    obs = list(observations)
    for o in obs:
        check_observation(rule, o)
    n = len(obs)
    if rule == Aggregation.SUM:
        return Aggregate(value=sum((o.value for o in obs), Decimal(0)) if obs else None, count=n)
    if rule == Aggregation.RATE:
        num = sum((o.value for o in obs), Decimal(0))
        den = sum((o.denominator or Decimal(0) for o in obs), Decimal(0))
        value = (num * 100 / den).quantize(CENT, rounding=ROUND_HALF_UP) if den else None
        return Aggregate(value=value, count=n, numerator=num, denominator=den)
    if rule == Aggregation.MINIMUM:
        return Aggregate(value=min((o.value for o in obs), default=None), count=n)
    if rule == Aggregation.ALL_DONE:
        done = sum(1 for o in obs if o.value >= 1)
        value = (Decimal(1) if done == n else Decimal(0)) if obs else None
        return Aggregate(value=value, count=n, done=done)
    raise IndicatorError("Cách tổng hợp chỉ tiêu không hợp lệ.")


def meets(value: Decimal | None, comparator: str, target: Decimal | None) -> bool | None:
    """Whether ``value`` satisfies ``comparator target``; None when either is missing."""
    if value is None or target is None:
        return None
    if comparator == Comparator.GE:
        return value >= target
    if comparator == Comparator.GT:
        return value > target
    if comparator == Comparator.LE:
        return value <= target
    if comparator == Comparator.LT:
        return value < target
    if comparator == Comparator.EQ:
        return value == target
    raise IndicatorError("Phép so sánh với chỉ tiêu không hợp lệ.")


def aggregate_by_unit(
    rule: str, rows: Iterable[tuple[int, Observation]]
) -> tuple[dict[int, Aggregate], Aggregate]:
    """Per-unit aggregates and the overall one, both from the raw rows (never from the parts)."""
    per: dict[int, list[Observation]] = {}
    everything: list[Observation] = []
    for unit_id, o in rows:
        per.setdefault(unit_id, []).append(o)
        everything.append(o)
    return {u: aggregate(rule, os) for u, os in per.items()}, aggregate(rule, everything)
