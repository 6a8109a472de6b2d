"""Scoped reads of reports and indicator results."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Q, QuerySet

from kehoach.core.exceptions import NotFound
from kehoach.execution.choices import ReportStatus
from kehoach.execution.indicators import Aggregate, Observation, aggregate, meets
from kehoach.execution.models.reports import (
    Indicator,
    IndicatorTarget,
    IndicatorValue,
    ProgressReport,
)
from kehoach.organizations.permissions import Action, scope_q


def report_list(*, user: Any, filters: dict[str, Any] | None = None) -> QuerySet[ProgressReport]:
    """Reports of units in the user's subtrees, or on plans of those units (for reviewers)."""
    f = filters or {}
    qs = ProgressReport.objects.filter(
        scope_q(user, field="unit") | scope_q(user, field="task__plan__unit")
    ).select_related("task__plan", "unit", "period")
    if f.get("status"):
        qs = qs.filter(status=f["status"])
    if f.get("period"):
        qs = qs.filter(period_id=f["period"])
    if f.get("task"):
        qs = qs.filter(task_id=f["task"])
    if f.get("plan"):
        qs = qs.filter(task__plan_id=f["plan"])
    return qs.order_by("-period__start", "task_id", "unit_id")


def report_get(*, user: Any, report_id: int) -> ProgressReport:
    """One report the user may see, with its figures and evidence pre-fetched."""
    try:
        return (
            report_list(user=user)
            .prefetch_related("values__indicator", "evidence")
            .get(pk=report_id)
        )
    except ProgressReport.DoesNotExist as exc:
        raise NotFound("Không tìm thấy báo cáo.") from exc


def review_queue(*, user: Any) -> QuerySet[ProgressReport]:
    """Submitted reports waiting for the user's review (plans of units the user edits)."""
    return (
        ProgressReport.objects.filter(status=ReportStatus.SUBMITTED)
        .filter(scope_q(user, field="task__plan__unit", action=Action.EDIT))
        .select_related("task__plan", "unit", "period")
        .order_by("submitted_at", "id")
    )


def review_rows(reports: list[ProgressReport]) -> list[ProgressReport]:
    """One page of the review queue with what a reviewer decides on: the figures (indicator,
    value, of how many), the number of evidence files, and whether it was sent late (``late_days``
    after the period's deadline). Two queries for the page."""
    from kehoach.execution.models.reports import Evidence

    ids = [r.pk for r in reports]
    figures: dict[int, list[IndicatorValue]] = defaultdict(list)
    for v in IndicatorValue.objects.filter(report_id__in=ids).select_related("indicator"):
        figures[v.report_id].append(v)
    counts: dict[int, int] = defaultdict(int)
    for report_id in Evidence.objects.filter(report_id__in=ids).values_list("report_id", flat=True):
        counts[report_id] += 1
    for r in reports:
        r.figures = figures.get(r.pk, [])  # type: ignore[attr-defined]
        r.evidence_count = counts.get(r.pk, 0)  # type: ignore[attr-defined]
        sent = r.submitted_at.date() if r.submitted_at else None
        late = (sent - r.period.deadline).days if sent else 0
        r.late_days = max(0, late)  # type: ignore[attr-defined]
    return reports


@dataclass
class IndicatorResult:
    """An indicator with its overall aggregate and each unit's, against their targets."""

    indicator: Indicator
    overall: Aggregate
    met: bool | None
    units: list[tuple[int, Aggregate, Decimal | None, bool | None]] = field(default_factory=list)

    @property
    def bar(self) -> dict[str, float] | None:
        """Widths (0–100) of the value and the target on a common scale, for the SVG bar."""
        value, target = self.overall.value, self.indicator.target
        if value is None and target is None:
            return None
        if self.indicator.aggregation == "rate":
            top = Decimal(100)
        else:
            top = max(value or Decimal(0), target or Decimal(0)) * Decimal("1.1") or Decimal(1)
        return {
            "value": round(float((value or 0) * 100 / top), 1),
            "target": round(float((target or 0) * 100 / top), 1) if target is not None else -1,
        }


def indicator_results(*, plan: Any, period_ids: list[int] | None = None) -> list[IndicatorResult]:
    """Aggregates of the plan's indicators from accepted reports (three queries).

    The caller has already fetched ``plan`` through a scoped selector.
    """
    return indicator_results_for(plans=[plan], period_ids=period_ids).get(plan.pk, [])


def indicator_results_for(
    *, plans: list[Any], period_ids: list[int] | None = None
) -> dict[int, list[IndicatorResult]]:
    """``indicator_results`` for several plans at once, still three queries."""
    plan_ids = [p.pk for p in plans]
    indicators = list(Indicator.objects.filter(plan_id__in=plan_ids).order_by("position", "id"))
    targets = {
        (t.indicator_id, t.unit_id): t.target
        for t in IndicatorTarget.objects.filter(indicator__plan_id__in=plan_ids)
    }
    q = Q(indicator__plan_id__in=plan_ids, report__status=ReportStatus.ACCEPTED)
    if period_ids is not None:
        q &= Q(report__period_id__in=period_ids)
    rows: dict[int, list[tuple[int, Observation]]] = defaultdict(list)
    for v in IndicatorValue.objects.filter(q).values(
        "indicator_id", "report__unit_id", "value", "denominator"
    ):
        rows[v["indicator_id"]].append(
            (v["report__unit_id"], Observation(v["value"], v["denominator"]))
        )
    out: dict[int, list[IndicatorResult]] = defaultdict(list)
    for ind in indicators:
        mine = rows.get(ind.pk, [])
        overall = aggregate(ind.aggregation, [o for _, o in mine])
        per: dict[int, list[Observation]] = defaultdict(list)
        for unit_id, o in mine:
            per[unit_id].append(o)
        units = []
        for unit_id, obs in sorted(per.items()):
            agg = aggregate(ind.aggregation, obs)
            target = targets.get((ind.pk, unit_id), ind.target)
            units.append((unit_id, agg, target, meets(agg.value, ind.comparator, target)))
        out[ind.plan_id].append(
            IndicatorResult(ind, overall, meets(overall.value, ind.comparator, ind.target), units)
        )
    return dict(out)
