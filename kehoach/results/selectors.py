"""Scoped reads of results reports and of the periods a plan can report on."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from kehoach.core.exceptions import NotFound
from kehoach.execution.models.reports import ReportingPeriod
from kehoach.results.models import ResultsReport


def results_list(*, user: Any, plan: Any = None) -> QuerySet[ResultsReport]:
    """Results reports of units in the user's subtrees (without the heavy JSON columns)."""
    qs = (
        ResultsReport.objects.visible_to(user)
        .select_related("period", "plan", "unit")
        .defer("data", "sections")
    )
    if plan is not None:
        qs = qs.filter(plan=plan)
    return qs.order_by("-period__start", "-id")


def results_get(*, user: Any, report_id: int) -> ResultsReport:
    """One results report the user may read, with its plan, period and unit."""
    try:
        return (
            ResultsReport.objects.visible_to(user)
            .select_related("plan__unit__parent", "period__template", "unit")
            .get(pk=report_id)
        )
    except ResultsReport.DoesNotExist as exc:
        raise NotFound("Không tìm thấy báo cáo kết quả.") from exc


def plan_periods(*, plan: Any) -> QuerySet[ReportingPeriod]:
    """Periods the plan reports in: of its own templates or of templates its tasks recur with.

    The caller fetched ``plan`` through a scoped selector.
    """
    return (
        ReportingPeriod.objects.filter(Q(template__plan=plan) | Q(template__tasks__plan=plan))
        .select_related("template")
        .distinct()
        .order_by("-start", "template_id")
    )
