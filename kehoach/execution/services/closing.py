"""Closing a period: figures are frozen in snapshots and the period's reports stop changing.

``period_close`` writes, for every plan the template reports on (its ``plan`` and the plans of
the tasks that recur with it):

- one ``ProgressSnapshot`` per plan (task null) and per task: progress, status and RAG colour
  on the period's last day;
- one ``IndicatorSnapshot`` per indicator, overall (unit null) and per unit, aggregated from the
  values of the period's **accepted** reports, with the target it was measured against.

Afterwards every report service refuses to touch the period's reports, and history pages read
the snapshots, so later edits of tasks never rewrite the past.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from kehoach.audit.services import audit_record
from kehoach.core.exceptions import DomainError
from kehoach.execution.audit import ExecutionAction
from kehoach.execution.choices import PeriodStatus, ReportStatus
from kehoach.execution.indicators import Observation, aggregate, meets
from kehoach.execution.models.plans import Plan
from kehoach.execution.models.reports import (
    Indicator,
    IndicatorSnapshot,
    IndicatorTarget,
    IndicatorValue,
    ProgressSnapshot,
    ReportingPeriod,
)
from kehoach.execution.models.tasks import Task
from kehoach.execution.rag import RagThresholds, rag_colour
from kehoach.organizations.permissions import Action, require


def _plan_ids(period: ReportingPeriod) -> list[int]:
    template = period.template
    ids = set(Task.objects.filter(report_template=template).values_list("plan_id", flat=True))
    if template.plan_id:
        ids.add(template.plan_id)
    return sorted(ids)


@transaction.atomic
def period_close(*, actor: Any, period: ReportingPeriod) -> ReportingPeriod:
    """Freeze the period's figures (editors of the receiving unit)."""
    period = (
        ReportingPeriod.objects.select_for_update(of=("self",))
        .select_related("template__unit")
        .get(pk=period.pk)
    )
    require(actor, Action.EDIT, period.template.unit, "Bạn không có quyền khóa kỳ báo cáo này.")
    if period.is_closed:
        raise DomainError(gettext("Kỳ báo cáo đã được khóa số liệu."))
    plan_ids = _plan_ids(period)
    thresholds = RagThresholds.from_settings()
    rows: list[ProgressSnapshot] = []
    for plan in Plan.objects.filter(pk__in=plan_ids).only("id", "title", "status", "progress"):
        rows.append(
            ProgressSnapshot(
                period=period,
                plan=plan,
                title=plan.title[:500],
                status=plan.status,
                progress=plan.progress,
            )
        )
    for t in Task.objects.filter(plan_id__in=plan_ids).only(
        "id", "plan_id", "title", "status", "progress", "due_date", "start_date"
    ):
        rag = rag_colour(
            today=period.end,
            status=t.status,
            progress=t.progress,
            due=t.due_date,
            start=t.start_date,
            thresholds=thresholds,
        )
        rows.append(
            ProgressSnapshot(
                period=period,
                plan_id=t.plan_id,
                task=t,
                title=t.title,
                status=t.status,
                rag=rag,
                progress=t.progress,
            )
        )
    ProgressSnapshot.objects.bulk_create(rows, batch_size=1000)
    indicator_rows = _indicator_snapshots(period, plan_ids)
    IndicatorSnapshot.objects.bulk_create(indicator_rows, batch_size=1000)
    period.status = PeriodStatus.CLOSED
    period.closed_at = timezone.now()
    period.closed_by = actor if getattr(actor, "is_authenticated", False) else None
    period.save(update_fields=["status", "closed_at", "closed_by"])
    audit_record(
        actor=actor,
        action=ExecutionAction.REPORTING_PERIOD_CLOSE,
        obj=period,
        unit=period.template.unit,
        changes={
            "plans": plan_ids,
            "progress_rows": len(rows),
            "indicator_rows": len(indicator_rows),
        },
    )
    return period


def _indicator_snapshots(period: ReportingPeriod, plan_ids: list[int]) -> list[IndicatorSnapshot]:
    indicators = {i.pk: i for i in Indicator.objects.filter(plan_id__in=plan_ids)}
    targets = {
        (t.indicator_id, t.unit_id): t.target
        for t in IndicatorTarget.objects.filter(indicator_id__in=indicators)
    }
    by_indicator: dict[int, list[tuple[int, Observation]]] = defaultdict(list)
    for v in IndicatorValue.objects.filter(
        indicator_id__in=indicators, report__period=period, report__status=ReportStatus.ACCEPTED
    ).values("indicator_id", "report__unit_id", "value", "denominator"):
        by_indicator[v["indicator_id"]].append(
            (v["report__unit_id"], Observation(v["value"], v["denominator"]))
        )
    out: list[IndicatorSnapshot] = []
    for pk, ind in indicators.items():
        rows = by_indicator.get(pk, [])
        per_unit: dict[int, list[Observation]] = defaultdict(list)
        for reporter_id, o in rows:
            per_unit[reporter_id].append(o)
        scopes: list[tuple[int | None, list[Observation], Any]] = [
            (None, [o for _, o in rows], ind.target)
        ]
        scopes += [(u, os, targets.get((pk, u), ind.target)) for u, os in sorted(per_unit.items())]
        for unit_id, obs, target in scopes:
            agg = aggregate(ind.aggregation, obs)
            out.append(
                IndicatorSnapshot(
                    period=period,
                    indicator=ind,
                    unit_id=unit_id,
                    value=agg.value,
                    numerator=agg.numerator,
                    denominator=agg.denominator,
                    count=agg.count,
                    target=target,
                    met=meets(agg.value, ind.comparator, target),
                )
            )
    return out
