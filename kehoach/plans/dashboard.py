"""The leader's dashboard: plans by status, tasks by RAG colour per sub-unit (drill down through
the tree), overdue tasks, indicators against targets, plan issuing compliance, upcoming deadlines.

Every block is one bounded query; the RAG colours are computed and counted by the database
(``kehoach.tasks.rag_sql``, the same rule as ``kehoach.tasks.rag``), grouped by lead unit.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from typing import Any

from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from kehoach.core.exceptions import NotFound
from kehoach.organizations.models import Unit
from kehoach.organizations.scoping import scope_q, user_unit_paths
from kehoach.plans.choices import PlanStatus
from kehoach.plans.models import Plan, PlanRequirement
from kehoach.reports.models import ReportingPeriod
from kehoach.reports.selectors import indicator_results_for
from kehoach.tasks.choices import EXCLUDED_STATUSES, Rag, TaskStatus
from kehoach.tasks.models import Task
from kehoach.tasks.rag import RagThresholds
from kehoach.tasks.rag_sql import with_colour

RAG_ORDER = [Rag.RED, Rag.AMBER, Rag.GREEN, Rag.GREY]


def focus_unit(user: Any, unit_id: str | None) -> Unit:
    """The unit the dashboard looks at: the one asked for (in scope), else the user's top unit."""
    scoped = Unit.objects.filter(scope_q(user, field=""))
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


def rag_by_child(unit: Unit, today: dt.date) -> list[dict[str, Any]]:
    """For the unit itself and each child: task counts by colour (tasks led in that subtree)."""
    children = list(Unit.objects.filter(parent=unit).active().order_by("name"))
    buckets: dict[int, Counter[str]] = defaultdict(Counter)
    child_by_prefix = {c.path: c.pk for c in children}
    tasks = Task.objects.filter(
        lead_unit__path__startswith=unit.path, plan__status=PlanStatus.ISSUED
    )
    # The database colours and counts (one GROUP BY; the rule is kehoach.tasks.rag_sql).
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
                "counts": [
                    (colour, c[colour], round(100 * c[colour] / total, 1) if total else 0)
                    for colour in RAG_ORDER
                ],
            }
        )
    return [r for r in out if r["total"] or not r["is_self"]]


def overdue_tasks(unit: Unit, today: dt.date, *, limit: int | None) -> list[Task]:
    """Unfinished tasks of issued plans, led in the unit's subtree, past their due date."""
    qs = (
        Task.objects.filter(
            lead_unit__path__startswith=unit.path,
            plan__status=PlanStatus.ISSUED,
            due_date__lt=today,
        )
        .exclude(status__in=[TaskStatus.DONE, *EXCLUDED_STATUSES])
        .select_related("lead_unit", "plan")
        .order_by("due_date", "id")
    )
    return list(qs[:limit] if limit else qs)


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    unit = focus_unit(request.user, request.GET.get("unit"))
    subtree_plans = Plan.objects.filter(unit__path__startswith=unit.path)
    by_status = dict(subtree_plans.values_list("status").annotate(n=Count("id")).order_by())
    overdue = overdue_tasks(unit, today, limit=20)
    upcoming_tasks = list(
        Task.objects.filter(
            lead_unit__path__startswith=unit.path,
            plan__status=PlanStatus.ISSUED,
            due_date__gte=today,
            due_date__lte=today + dt.timedelta(days=14),
        )
        .exclude(status__in=[TaskStatus.DONE, *EXCLUDED_STATUSES])
        .select_related("lead_unit")
        .order_by("due_date", "id")[:20]
    )
    upcoming_periods = list(
        ReportingPeriod.objects.filter(
            template__unit__path__startswith=unit.path,
            status="open",
            deadline__gte=today,
            deadline__lte=today + dt.timedelta(days=30),
        )
        .select_related("template")
        .order_by("deadline", "id")[:20]
    )
    own_plans = list(
        Plan.objects.filter(unit=unit, status=PlanStatus.ISSUED).order_by("-issued_on", "-id")[:5]
    )
    results = indicator_results_for(plans=own_plans)
    # Only the states are counted: a lean query, not the whole matrix with its documents.
    requirements = (
        PlanRequirement.objects.filter(
            scope_q(request.user, field="required_by") | scope_q(request.user, field="unit")
        )
        .filter(unit__path__startswith=unit.path)
        .select_related("issued_plan")
        .only("due_date", "issued_plan__status", "issued_plan__issued_on")
    )
    compliance = Counter(req.state(today) for req in requirements)
    ancestors = list(
        Unit.objects.filter(pk__in=unit.ancestor_ids()[:-1])
        .filter(scope_q(request.user, field=""))
        .order_by("depth")
    )
    context = {
        "unit": unit,
        "ancestors": ancestors,
        "today": today,
        "plans_by_status": [
            (label, by_status.get(value, 0)) for value, label in PlanStatus.choices
        ],
        "rag_rows": rag_by_child(unit, today),
        "overdue": overdue,
        "upcoming_tasks": upcoming_tasks,
        "upcoming_periods": upcoming_periods,
        "indicators": [(p, results.get(p.pk, [])) for p in own_plans],
        "compliance": compliance,
    }
    return render(request, "plans/dashboard.html", context)
