"""Scoped reads of tasks: lists, one task, and "việc của tôi" ordered by urgency."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Exists, F, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from kehoach.core.exceptions import NotFound
from kehoach.organizations.models import Unit
from kehoach.organizations.scoping import ROLE_RANK, scope_q
from kehoach.tasks.choices import EXCLUDED_STATUSES, TaskStatus
from kehoach.tasks.models import Task
from kehoach.tasks.rag import RagThresholds, rag_colour

Support = Task.supporting_units.through


def task_scope_q(user: Any) -> Q:
    """Tasks of plans of the user's units, or given (lead or support) to one of them."""
    own = scope_q(user, field="unit")
    if not own:  # superusers: an empty Q would vanish inside the OR below
        return Q()
    supported = Support.objects.filter(task_id=OuterRef("pk")).filter(own)
    return (
        scope_q(user, field="plan__unit") | scope_q(user, field="lead_unit") | Q(Exists(supported))
    )


def _base() -> QuerySet[Task]:
    return Task.objects.select_related("plan__unit", "lead_unit").prefetch_related(
        Prefetch("supporting_units", queryset=Unit.objects.only("id", "name", "short_name"))
    )


def task_list(*, user: Any, filters: dict[str, Any] | None = None) -> QuerySet[Task]:
    """Tasks the user may see, filtered by plan, unit, status or text."""
    f = filters or {}
    qs = _base().filter(task_scope_q(user))
    if f.get("plan"):
        qs = qs.filter(plan_id=f["plan"])
    if f.get("unit"):
        qs = qs.filter(Q(lead_unit_id=f["unit"]) | Q(supporting_units__id=f["unit"])).distinct()
    if f.get("status"):
        qs = qs.filter(status=f["status"])
    if f.get("overdue"):
        qs = qs.filter(due_date__lt=timezone.localdate()).exclude(
            status__in=[TaskStatus.DONE, *EXCLUDED_STATUSES]
        )
    if f.get("q"):
        qs = qs.filter(title__icontains=f["q"])
    return qs.order_by("plan_id", "position", "id")


def task_get(*, user: Any, task_id: int) -> Task:
    """One task the user may see (NotFound otherwise, without telling whether it exists)."""
    try:
        return _base().filter(task_scope_q(user)).get(pk=task_id)
    except Task.DoesNotExist as exc:
        raise NotFound("Không tìm thấy nhiệm vụ.") from exc


def user_unit_ids(user: Any, *, min_role: str = "reporter") -> list[int]:
    """Units the user is a direct member of with at least ``min_role``."""
    if not getattr(user, "is_authenticated", False):
        return []
    roles = [r for r, rank in ROLE_RANK.items() if rank >= ROLE_RANK[min_role]]
    return list(user.memberships.filter(role__in=roles).values_list("unit_id", flat=True))


def my_tasks(*, user: Any, include_done: bool = False) -> QuerySet[Task]:
    """Tasks given (lead or support) to the units the user reports for, most urgent first:
    earliest due date first (overdue ones are therefore on top), undated last."""
    units = user_unit_ids(user)
    # Two indexed lookups, then a filter by id: an OR across the support table would scan.
    led = Task.objects.filter(lead_unit_id__in=units).values_list("pk", flat=True)
    supported = Support.objects.filter(unit_id__in=units).values_list("task_id", flat=True)
    qs = _base().filter(pk__in={*led, *supported})
    qs = qs.exclude(status__in=EXCLUDED_STATUSES)
    if not include_done:
        qs = qs.exclude(status=TaskStatus.DONE)
    return qs.order_by(F("due_date").asc(nulls_last=True), "plan_id", "position", "id")


def with_rag(
    tasks: Any, *, today: dt.date | None = None, thresholds: RagThresholds | None = None
) -> list[Task]:
    """The tasks as a list, each with ``rag`` set (no query)."""
    today = today or timezone.localdate()
    t = thresholds or RagThresholds.from_settings()
    out = list(tasks)
    for task in out:
        task.rag = rag_colour(
            today=today,
            status=task.status,
            progress=task.progress,
            due=task.due_date,
            start=task.start_date,
            thresholds=t,
        )
    return out


def reports_due(*, user: Any, tasks: list[Task], today: dt.date | None = None) -> None:
    """Set ``task.due_report`` on each task: the open period it must report on next (the earliest
    open period whose deadline has not passed more than 31 days ago), the unit of the user that
    owes it, and that unit's report if one exists. Two queries for the whole page."""
    from kehoach.reports.models import ProgressReport, ReportingPeriod

    today = today or timezone.localdate()
    mine = set(user_unit_ids(user))
    plan_ids = {t.plan_id for t in tasks}
    template_ids = {t.report_template_id for t in tasks if t.report_template_id}
    periods = list(
        ReportingPeriod.objects.filter(
            Q(template__plan_id__in=plan_ids) | Q(template_id__in=template_ids),
            status="open",
            deadline__gte=today - dt.timedelta(days=31),
        )
        .select_related("template")
        .order_by("deadline", "id")
    )
    chosen: dict[int, Any] = {}
    for t in tasks:
        t.due_report = None
        units = [u for u in [t.lead_unit, *t.supporting_units.all()] if u and u.pk in mine]
        period = next(
            (
                p
                for p in periods
                if p.template.plan_id == t.plan_id or p.template_id == t.report_template_id
            ),
            None,
        )
        if period is not None and units:
            chosen[t.pk] = (period, units[0])
    if not chosen:
        return
    existing = {
        (r.task_id, r.unit_id, r.period_id): r
        for r in ProgressReport.objects.filter(
            task_id__in=list(chosen),
            period_id__in={p.pk for p, _u in chosen.values()},
            unit_id__in=mine,
        )
    }
    for t in tasks:
        if t.pk in chosen:
            period, unit = chosen[t.pk]
            t.due_report = {
                "period": period,
                "unit": unit,
                "report": existing.get((t.pk, unit.pk, period.pk)),
                "late": period.deadline < today,
            }


def plan_task_rows(*, plan: Any, today: dt.date | None = None) -> list[dict[str, Any]]:
    """A plan's tasks as light rows for its page, in outline order with depth and colour.

    The caller has fetched ``plan`` through a scoped selector (whoever sees a plan sees its
    tasks). Two queries and no model instances: a province plan lists hundreds of tasks.
    """
    today = today or timezone.localdate()
    thresholds = RagThresholds.from_settings()
    rows = list(
        Task.objects.filter(plan=plan)
        .order_by("position", "id")
        .values(
            "id",
            "parent_id",
            "section",
            "title",
            "lead_unit_id",
            "lead_unit__name",
            "start_date",
            "due_date",
            "progress",
            "status",
        )
    )
    supporting: dict[int, list[tuple[int, str]]] = {}
    for task_id, unit_id, name in (
        Support.objects.filter(task__plan=plan)
        .order_by("unit__path")
        .values_list("task_id", "unit_id", "unit__name")
    ):
        supporting.setdefault(task_id, []).append((unit_id, name))
    children: dict[int | None, list[dict[str, Any]]] = {}
    ids = {r["id"] for r in rows}
    for r in rows:
        r["pk"] = r["id"]
        r["supporting"] = supporting.get(r["id"], [])
        r["rag"] = rag_colour(
            today=today,
            status=r["status"],
            progress=r["progress"],
            due=r["due_date"],
            start=r["start_date"],
            thresholds=thresholds,
        )
        children.setdefault(r["parent_id"] if r["parent_id"] in ids else None, []).append(r)
    out: list[dict[str, Any]] = []
    stack = [(r, 0) for r in reversed(children.get(None, []))]
    while stack:
        r, depth = stack.pop()
        r["depth"] = depth
        out.append(r)
        stack.extend((c, depth + 1) for c in reversed(children.get(r["id"], [])))
    return out
