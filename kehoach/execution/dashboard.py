"""The leader's dashboard: plans by status, tasks by RAG colour per sub-unit (drill down through
the tree), overdue tasks, indicators against targets, plan issuing compliance, upcoming deadlines.

Every block is one bounded query; the RAG colours are computed and counted by the database
(``kehoach.execution.rag_sql``, the same rule as ``kehoach.execution.rag``), grouped by lead unit.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from decimal import Decimal
from typing import Any

from django.contrib.auth.decorators import login_required
from django.db.models import Count, F, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext

from kehoach.core.exceptions import NotFound
from kehoach.execution.choices import EXCLUDED_STATUSES, Aggregation, PlanStatus, Rag, TaskStatus
from kehoach.execution.models.plans import Plan, PlanRequirement
from kehoach.execution.models.reports import ReportingPeriod
from kehoach.execution.models.tasks import Task
from kehoach.execution.rag import RagThresholds
from kehoach.execution.rag_sql import with_colour
from kehoach.execution.rollup import weighted_mean
from kehoach.execution.selectors.reports import IndicatorResult, indicator_results_for
from kehoach.organizations.models import Unit
from kehoach.organizations.permissions import scope_q, user_unit_paths

RAG_ORDER = [Rag.RED, Rag.AMBER, Rag.GREEN, Rag.GREY]
PAGE_LIMIT = 20  # rows of each list on the page; the XLSX exports hold them all
UPCOMING_TASK_DAYS = 14
UPCOMING_PERIOD_DAYS = 30


def focus_unit(user: Any, unit_id: str | None) -> Unit:
    """The unit the dashboard looks at: the one asked for (in scope), else the user's top unit."""
    scoped = Unit.objects.visible_to(user)
    if unit_id:
        try:
            return scoped.get(pk=int(unit_id))
        except (ValueError, Unit.DoesNotExist) as exc:
            raise NotFound("Không tìm thấy đơn vị.") from exc
    paths = user_unit_paths(user)
    unit = scoped.filter(path__in=paths).order_by("depth", "path").first() if paths else None
    unit = unit or scoped.order_by("depth", "path").first()
    if unit is None:
        raise NotFound("Bạn chưa thuộc đơn vị nào.")
    return unit


def unit_progress(units: list[Unit]) -> dict[int, Decimal | None]:
    """The plan progress of each unit: its own issued plans' stored, rolled-up progress, as the
    domain's weighted mean (``kehoach.execution.rollup.weighted_mean``, weight ``Plan.weight``).

    Each plan's ``progress`` already rolls up its tasks and the implementing plans of the units
    below (``kehoach.execution.services.recompute``), so nothing is recomputed here. A plan implementing
    another plan of the same unit is counted through that parent only. One query.
    """
    rows = (
        Plan.objects.filter(unit__in=units, status=PlanStatus.ISSUED)
        .filter(Q(parent__isnull=True) | ~Q(parent__unit_id=F("unit_id")))
        .values_list("unit_id", "weight", "progress")
        .order_by()
    )
    items: dict[int, list[tuple[Decimal, Decimal | None]]] = defaultdict(list)
    for unit_id, weight, progress in rows:
        items[unit_id].append((weight, progress))
    return {u.pk: weighted_mean(items.get(u.pk, ())) for u in units}


def plan_progress(unit: Unit, *, limit: int | None) -> list[Plan]:
    """The unit's issued plans, latest first, with their stored (rolled-up) progress."""
    qs = (
        Plan.objects.filter(unit=unit, status=PlanStatus.ISSUED)
        .only("id", "code", "title", "issued_on", "progress", "weight", "unit_id")
        .order_by("-issued_on", "-id")
    )
    return list(qs[:limit] if limit else qs)


def rag_by_child(unit: Unit, today: dt.date) -> list[dict[str, Any]]:
    """For the unit itself and each child: task counts by colour (tasks led in that subtree)
    and the unit's plan progress (``unit_progress``)."""
    children = list(Unit.objects.filter(parent=unit).active().order_by("name"))
    progress = unit_progress([unit, *children])
    buckets: dict[int, Counter[str]] = defaultdict(Counter)
    child_by_prefix = {c.path: c.pk for c in children}
    tasks = Task.objects.filter(
        lead_unit__path__startswith=unit.path, plan__status=PlanStatus.ISSUED
    )
    # The database colours and counts (one GROUP BY; the rule is kehoach.execution.rag_sql).
    grouped = (
        with_colour(tasks, today, RagThresholds.from_settings())
        .values("lead_unit__path", "colour")
        .annotate(n=Count("id"))
        .order_by()
    )
    for row in grouped:
        parts = row["lead_unit__path"].strip("/").split("/")
        key = unit.pk
        if len(parts) > unit.depth + 1:
            key = child_by_prefix.get("/" + "/".join(parts[: unit.depth + 2]) + "/", unit.pk)
        buckets[key][row["colour"]] += row["n"]
    out = []
    for u in [unit, *children]:
        c = buckets.get(u.pk, Counter())
        total = sum(c.values())
        out.append(
            {
                "unit": u,
                "is_self": u.pk == unit.pk,
                "total": total,
                "progress": progress.get(u.pk),
                "counts": [
                    (colour, c[colour], round(100 * c[colour] / total, 1) if total else 0)
                    for colour in RAG_ORDER
                ],
            }
        )
    return [r for r in out if r["total"] or not r["is_self"]]


def _overdue(unit: Unit, today: dt.date) -> Any:
    return Task.objects.filter(
        lead_unit__path__startswith=unit.path,
        plan__status=PlanStatus.ISSUED,
        due_date__lt=today,
    ).exclude(status__in=[TaskStatus.DONE, *EXCLUDED_STATUSES])


def overdue_tasks(unit: Unit, today: dt.date, *, limit: int | None) -> list[Task]:
    """Unfinished tasks of issued plans, led in the unit's subtree, past their due date."""
    qs = _overdue(unit, today).select_related("lead_unit", "plan").order_by("due_date", "id")
    return list(qs[:limit] if limit else qs)


def overdue_count(unit: Unit, today: dt.date) -> int:
    """How many tasks ``overdue_tasks`` would list in full (one COUNT query)."""
    return int(_overdue(unit, today).count())


def plans_by_status(unit: Unit) -> list[tuple[str, str, int]]:
    """(status, label, count) of the plans of the unit's subtree, every status listed."""
    counted = dict(
        Plan.objects.filter(unit__path__startswith=unit.path)
        .values_list("status")
        .annotate(n=Count("id"))
        .order_by()
    )
    return [(value, str(label), counted.get(value, 0)) for value, label in PlanStatus.choices]


def upcoming_tasks(unit: Unit, today: dt.date, *, limit: int | None) -> list[Task]:
    """Unfinished tasks of issued plans, led in the subtree, due within 14 days."""
    qs = (
        Task.objects.filter(
            lead_unit__path__startswith=unit.path,
            plan__status=PlanStatus.ISSUED,
            due_date__gte=today,
            due_date__lte=today + dt.timedelta(days=UPCOMING_TASK_DAYS),
        )
        .exclude(status__in=[TaskStatus.DONE, *EXCLUDED_STATUSES])
        .select_related("lead_unit", "plan")
        .order_by("due_date", "id")
    )
    return list(qs[:limit] if limit else qs)


def upcoming_periods(unit: Unit, today: dt.date, *, limit: int | None) -> list[ReportingPeriod]:
    """Open report periods of the subtree's templates whose deadline falls within 30 days."""
    qs = (
        ReportingPeriod.objects.filter(
            template__unit__path__startswith=unit.path,
            status="open",
            deadline__gte=today,
            deadline__lte=today + dt.timedelta(days=UPCOMING_PERIOD_DAYS),
        )
        .select_related("template__unit")
        .order_by("deadline", "id")
    )
    return list(qs[:limit] if limit else qs)


def indicator_blocks(unit: Unit) -> list[tuple[Plan, list[IndicatorResult]]]:
    """The indicators of the unit's five latest issued plans, aggregated from accepted reports."""
    own_plans = list(
        Plan.objects.filter(unit=unit, status=PlanStatus.ISSUED).order_by("-issued_on", "-id")[:5]
    )
    results = indicator_results_for(plans=own_plans)
    return [(p, results.get(p.pk, [])) for p in own_plans]


def compliance_counts(user: Any, unit: Unit, today: dt.date) -> Counter[str]:
    """Implementing-plan requirements of the subtree, counted by state."""
    # Only the states are counted: a lean query, not the whole matrix with its documents.
    requirements = (
        PlanRequirement.objects.filter(
            scope_q(user, field="required_by") | scope_q(user, field="unit")
        )
        .filter(unit__path__startswith=unit.path)
        .select_related("issued_plan")
        .only("due_date", "issued_plan__status", "issued_plan__issued_on")
    )
    return Counter(req.state(today) for req in requirements)


def _number(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def chart_data(
    *,
    plans: list[tuple[str, str, int]],
    rag_rows: list[dict[str, Any]],
    indicators: list[tuple[Plan, list[IndicatorResult]]],
) -> dict[str, Any]:
    """What ``dashboard-charts.js`` draws, as the domain computed it (read by ``json_script``)."""
    return {
        "text": {
            "result": gettext("Kết quả"),
            "target": gettext("Mục tiêu"),
            "met": gettext("Đạt"),
            "not_met": gettext("Chưa đạt"),
            "tasks": gettext("nhiệm vụ"),
            "plans": gettext("kế hoạch"),
            "drill": gettext("Bấm vào tên đơn vị để xem các đơn vị trực thuộc"),
            "progress": gettext("Tiến độ kế hoạch"),
            "progress_short": gettext("tiến độ"),
        },
        "plans": [{"status": v, "label": str(label), "count": n} for v, label, n in plans],
        "rag": {
            "colours": [{"key": c.value, "label": str(c.label)} for c in RAG_ORDER],
            "units": [
                {
                    "name": r["unit"].name,
                    "unit_id": r["unit"].pk,
                    "drill": not r["is_self"],
                    "total": r["total"],
                    "progress": _number(r["progress"]),
                    "counts": [n for _c, n, _p in r["counts"]],
                }
                for r in rag_rows
            ],
        },
        "indicators": [
            {
                "plan": plan.code or plan.title,
                "items": [
                    {
                        "id": r.indicator.pk,
                        "name": r.indicator.name,
                        "measure": "%"
                        if r.indicator.aggregation == Aggregation.RATE
                        else r.indicator.measure_unit,
                        "rate": r.indicator.aggregation == Aggregation.RATE,
                        "value": _number(r.overall.value),
                        "target": _number(r.indicator.target),
                        "comparator": r.indicator.comparator,
                        "met": r.met,
                    }
                    for r in results
                ],
            }
            for plan, results in indicators
            if results
        ],
    }


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    unit = focus_unit(request.user, request.GET.get("unit"))
    plans = plans_by_status(unit)
    rag_rows = rag_by_child(unit, today)
    indicators = indicator_blocks(unit)
    ancestors = list(
        Unit.objects.filter(pk__in=unit.ancestor_ids()[:-1])
        .filter(scope_q(request.user, field=""))
        .order_by("depth")
    )
    context = {
        "unit": unit,
        "ancestors": ancestors,
        "today": today,
        "plans_by_status": [(label, n) for _v, label, n in plans],
        "rag_rows": rag_rows,
        "overdue": overdue_tasks(unit, today, limit=PAGE_LIMIT),
        "overdue_count": overdue_count(unit, today),
        "plan_progress": plan_progress(unit, limit=PAGE_LIMIT),
        "page_limit": PAGE_LIMIT,
        "upcoming_tasks": upcoming_tasks(unit, today, limit=PAGE_LIMIT),
        "upcoming_periods": upcoming_periods(unit, today, limit=PAGE_LIMIT),
        "indicators": indicators,
        "compliance": compliance_counts(request.user, unit, today),
        "charts": chart_data(plans=plans, rag_rows=rag_rows, indicators=indicators),
    }
    return render(request, "plans/dashboard.html", context)
