"""Scoped reads of tasks: lists, one task, and "việc của tôi" ordered by urgency."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, cast

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from kehoach.core.exceptions import NotFound
from kehoach.core.text import fold
from kehoach.execution.choices import EXCLUDED_STATUSES, Rag, TaskStatus
from kehoach.execution.models.tasks import Task
from kehoach.execution.rag import RagThresholds, rag_colour
from kehoach.organizations.models import Unit
from kehoach.organizations.permissions import ROLE_RANK, scope_q

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
        qs = qs.filter(search_text__contains=fold(f["q"]))
    if f.get("mine"):  # given (lead or support) to a unit the user reports for
        units = user_unit_ids(user)
        supported = Support.objects.filter(unit_id__in=units).values("task_id")
        qs = qs.filter(Q(lead_unit_id__in=units) | Q(pk__in=supported))
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


# Report states a unit still has to act on: nothing sent, a draft, or returned for correction.
OWED_STATES = ("missing", "draft", "returned")


@dataclass(slots=True)
class OwedReport:
    """One report a unit of the user owes (or has sent) on a task for one period."""

    period_id: int
    label: str
    deadline: dt.date
    unit_id: int
    unit_name: str
    state: str  # "missing", or the report's status
    report_id: int | None
    closed: bool  # the period is closed: its reports can no longer be written or fixed
    rag: str

    @property
    def owed(self) -> bool:
        return self.state in OWED_STATES

    @property
    def actionable(self) -> bool:
        """The unit can (and must) still write or fix this report."""
        return self.owed and not self.closed

    @property
    def late(self) -> bool:
        return self.owed and self.rag == Rag.RED


@dataclass(slots=True)
class MyTask:
    """A row of "việc của tôi": a task, its colour and the reports the user's units owe on it."""

    pk: int
    title: str
    plan_id: int
    plan_label: str
    plan_unit_name: str
    lead_unit_name: str
    due_date: dt.date | None
    progress: Decimal
    status: str
    rag: str
    reports: list[OwedReport] = field(default_factory=list)
    urgency: dt.date | None = None  # the earliest date something is due on this row

    @property
    def several_units(self) -> bool:
        """More than one of the user's units reports on this task (the page names them)."""
        return len({o.unit_id for o in self.reports}) > 1


def my_tasks(
    *,
    user: Any,
    today: dt.date | None = None,
    include_done: bool = False,
    thresholds: RagThresholds | None = None,
) -> list[MyTask]:
    """Tasks given (lead or support) to the units the user reports for, most urgent first, each
    with every report those units owe on it: past periods not sent or returned for correction
    (overdue), and the current period's (sent or not). The single source of the page.

    Who owes: each lead and supporting unit of a task that recurs with a report template owes one
    report per period of that template, from the period in which the task starts (the rule of
    the results report and the reminders). Only periods already begun count. A report is owed
    until it is submitted; a returned one is owed again. A closed period's owed report stays
    listed (it was never sent) but can no longer be written: ``closed`` is set.

    Urgency: the earliest of the task's due date (unless done) and the deadlines of the reports
    that can still be written; overdue items are therefore on top, undated tasks last.
    Cancelled and not-applicable tasks are left out; done tasks unless a report is still owed
    (or ``include_done``). Six queries whatever the number of tasks, periods and reports.
    """
    from kehoach.execution.choices import PeriodStatus
    from kehoach.execution.models.reports import ProgressReport, ReportingPeriod

    today = today or timezone.localdate()
    t = thresholds or RagThresholds.from_settings()
    units = user_unit_ids(user)
    if not units:
        return []
    # Two indexed lookups, then a filter by id: an OR across the support table would scan.
    mine_by_task: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for task_id, unit_id, name in (
        Support.objects.filter(unit_id__in=units)
        .order_by("unit__path")
        .values_list("task_id", "unit_id", "unit__name")
    ):
        mine_by_task[task_id].append((unit_id, name))
    rows = list(
        Task.objects.filter(Q(lead_unit_id__in=units) | Q(pk__in=list(mine_by_task)))
        .exclude(status__in=EXCLUDED_STATUSES)
        .values_list(
            "id",
            "title",
            "plan_id",
            "plan__code",
            "plan__title",
            "plan__unit__name",
            "lead_unit_id",
            "lead_unit__name",
            "start_date",
            "due_date",
            "progress",
            "status",
            "report_template_id",
            "position",
        )
    )
    template_ids = {r[12] for r in rows if r[12]}
    periods: dict[int, list[tuple[int, str, dt.date, dt.date, bool]]] = defaultdict(list)
    for pid, tpl, label, end, deadline, status in (
        ReportingPeriod.objects.filter(template_id__in=template_ids, start__lte=today)
        .order_by("deadline", "id")
        .values_list("id", "template_id", "label", "end", "deadline", "status")
    ):
        periods[tpl].append((pid, label, end, deadline, status == PeriodStatus.CLOSED))
    reports = {
        (task_id, unit_id, period_id): (rid, status)
        for rid, task_id, unit_id, period_id, status in ProgressReport.objects.filter(
            task_id__in=[r[0] for r in rows if r[12] in periods],
            unit_id__in=units,
            period__template_id__in=list(periods),
            period__start__lte=today,
        ).values_list("id", "task_id", "unit_id", "period_id", "status")
    }
    mine = set(units)
    out: list[tuple[tuple[Any, ...], MyTask]] = []
    for (
        tid,
        title,
        plan_id,
        plan_code,
        plan_title,
        plan_unit,
        lead_id,
        lead_name,
        start,
        due,
        progress,
        status,
        tpl,
        position,
    ) in rows:
        row = MyTask(
            pk=tid,
            title=title,
            plan_id=plan_id,
            plan_label=plan_code or plan_title,
            plan_unit_name=plan_unit,
            lead_unit_name=lead_name or "",
            due_date=due,
            progress=progress,
            status=status,
            rag=rag_colour(
                today=today, status=status, progress=progress, due=due, start=start, thresholds=t
            ),
        )
        owing = [(lead_id, lead_name)] if lead_id in mine else []
        owing += [u for u in mine_by_task.get(tid, []) if u[0] != lead_id]
        for pid, label, end, deadline, closed in periods.get(tpl, []) if tpl else []:
            if start is not None and start > end:
                continue  # the task had not started by the period's cut-off
            for unit_id, unit_name in owing:
                rid, state = reports.get((tid, unit_id, pid), (None, "missing"))
                if state not in OWED_STATES and deadline < today:
                    continue  # sent for a past period: nothing left to do
                sent = state not in OWED_STATES
                row.reports.append(
                    OwedReport(
                        period_id=pid,
                        label=label,
                        deadline=deadline,
                        unit_id=unit_id,
                        unit_name=unit_name,
                        state=state,
                        report_id=rid,
                        closed=closed,
                        # A report is a task due on the deadline: the task's colour rule.
                        rag=rag_colour(
                            today=today,
                            status=TaskStatus.DONE if sent else TaskStatus.NOT_STARTED,
                            progress=0,
                            due=deadline,
                            thresholds=t,
                        ),
                    )
                )
        row.reports.sort(key=lambda o: (o.closed, not o.owed, o.deadline, o.label, o.unit_name))
        dates = [o.deadline for o in row.reports if o.actionable]
        if status != TaskStatus.DONE and due is not None:
            dates.append(due)
        elif status == TaskStatus.DONE and not include_done and not dates:
            continue
        row.urgency = min(dates, default=None)
        key = (row.urgency is None, row.urgency or today, plan_id, position, tid)
        out.append((key, row))
    out.sort(key=lambda kr: kr[0])
    return [r for _k, r in out]


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
    for r in cast(list[dict[str, Any]], rows):
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
