"""Writes on tasks. Each one checks rights, validates, audits and recomputes the roll-up of the
task's plan and its ancestor plans (bounded queries, ``kehoach.execution.services.recompute``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext, gettext_noop

from kehoach.audit.services import audit_record, diff, model_snapshot
from kehoach.core.exceptions import DomainError, PermissionDenied
from kehoach.core.validation import check_version, clean
from kehoach.execution.audit import ExecutionAction
from kehoach.execution.choices import PlanStatus, TaskStatus
from kehoach.execution.models.plans import Plan
from kehoach.execution.models.tasks import Task
from kehoach.execution.rollup import clamp_progress
from kehoach.execution.services.recompute import recompute_plan
from kehoach.organizations.permissions import Action, can, is_system, require

TASK_FIELDS = [
    "title",
    "section",
    "description",
    "lead_unit_id",
    "start_date",
    "due_date",
    "status",
    "weight",
    "progress",
    "parent_id",
    "report_template_id",
]
# What the lead unit's reporters may change; everything else needs an editor of the plan's unit.
REPORTER_FIELDS = {"status", "progress"}
EDITABLE = {
    "title",
    "section",
    "description",
    "start_date",
    "due_date",
    "status",
    "weight",
    "progress",
    "parent",
    "report_template",
    "position",
}


def _check_plan_open(plan: Plan) -> None:
    if plan.status in (PlanStatus.CLOSED, PlanStatus.CANCELLED):
        raise DomainError(gettext("Kế hoạch đã kết thúc hoặc bị hủy, không sửa nhiệm vụ được nữa."))


def _check_dates(start: dt.date | None, due: dt.date | None) -> None:
    if start and due and due < start:
        raise DomainError(gettext("Hạn hoàn thành phải sau ngày bắt đầu."), field="due_date")


def _check_parent(task: Task, parent: Task | None) -> None:
    if parent is None:
        return
    if parent.plan_id != task.plan_id:
        raise DomainError(gettext("Nhiệm vụ cha phải thuộc cùng kế hoạch."), field="parent")
    # Walk up (bounded by the plan's size) to refuse cycles.
    seen: set[int] = set()
    cur: Task | None = parent
    while cur is not None:
        if task.pk and cur.pk == task.pk:
            raise DomainError(
                gettext("Không thể đặt nhiệm vụ làm cha của chính nó."), field="parent"
            )
        if cur.pk in seen:
            break
        seen.add(cur.pk)
        cur = cur.parent


def _apply_status_progress(task: Task) -> None:
    task.progress = clamp_progress(task.progress)
    if task.status == TaskStatus.DONE:
        task.progress = Decimal(100).quantize(Decimal("0.01"))
    elif task.status == TaskStatus.NOT_STARTED and task.progress > 0:
        task.status = TaskStatus.IN_PROGRESS


def _notify_assigned(task: Task, unit_ids: Iterable[int]) -> None:
    """After commit: tell the reporters of newly given units (issued plans only)."""
    ids = [i for i in unit_ids if i]
    if not ids or task.plan.status != PlanStatus.ISSUED:
        return
    from kehoach.notifications.choices import NotificationKind
    from kehoach.notifications.services import notify_units

    due = (
        gettext_noop(" Hạn: %(date)s.") % {"date": f"{task.due_date:%d/%m/%Y}"}
        if task.due_date
        else ""
    )

    def send() -> None:
        notify_units(
            unit_ids=ids,
            kind=NotificationKind.ASSIGNED,
            key=f"assigned:task={task.pk}",
            title=gettext_noop("Nhiệm vụ mới: %(task)s") % {"task": task.title[:150]},
            body=gettext_noop("Kế hoạch: %(title)s.") % {"title": task.plan.title[:200]} + due,
            url=f"/tasks/{task.pk}/",
        )

    transaction.on_commit(send)


@transaction.atomic
def task_create(
    *,
    actor: Any,
    plan: Plan,
    title: str,
    section: str = "",
    description: str = "",
    lead_unit: Any = None,
    supporting_units: Iterable[Any] = (),
    start_date: dt.date | None = None,
    due_date: dt.date | None = None,
    weight: Decimal | int | str = 1,
    parent: Task | None = None,
    report_template: Any = None,
    status: str = TaskStatus.NOT_STARTED,
    progress: Decimal | int | str = 0,
    position: int | None = None,
) -> Task:
    """Add a task to ``plan`` (editors of the plan's unit) and roll the plan up again."""
    plan = Plan.objects.select_related("unit").get(pk=plan.pk)
    require(actor, Action.EDIT, plan.unit, "Bạn không có quyền giao nhiệm vụ trong kế hoạch này.")
    _check_plan_open(plan)
    _check_dates(start_date, due_date)
    if position is None:
        position = Task.objects.filter(plan=plan).count()
    task = Task(
        plan=plan,
        parent=parent,
        title=(title or "").strip(),
        section=section.strip(),
        description=description,
        lead_unit=lead_unit,
        start_date=start_date,
        due_date=due_date,
        weight=Decimal(str(weight)),
        report_template=report_template,
        status=status,
        progress=Decimal(str(progress)),
        position=position,
    )
    _check_parent(task, parent)
    if task.weight < 0:
        raise DomainError(gettext("Trọng số không được âm."), field="weight")
    _apply_status_progress(task)
    clean(task)
    task.save()
    supporting = [u for u in supporting_units if u is not None and u != lead_unit]
    task.supporting_units.set(supporting)
    audit_record(
        actor=actor,
        action=ExecutionAction.TASK_CREATE,
        obj=task,
        unit=plan.unit,
        changes={"title": task.title, "lead_unit": lead_unit, "supporting_units": supporting},
    )
    recompute_plan(plan)
    assigned = [u.pk for u in ([lead_unit] if lead_unit is not None else [])] + [
        u.pk for u in supporting
    ]
    _notify_assigned(task, assigned)
    return task


@transaction.atomic
def task_update(
    *, actor: Any, task: Task, expected_version: int | None = None, **fields: Any
) -> Task:
    """Change a task. Reporters of the lead unit may change status and progress only; a task
    with children gets its progress from them, not by hand."""
    task = (
        Task.objects.select_for_update(of=("self",))
        .select_related("plan__unit", "lead_unit")
        .get(pk=task.pk)
    )
    unknown = set(fields) - EDITABLE
    if unknown:
        raise DomainError(f"Không sửa được các trường: {', '.join(sorted(unknown))}.")
    if set(fields) <= REPORTER_FIELDS and task.lead_unit is not None:
        if not (
            is_system(actor)
            or can(actor, Action.REPORT, task.lead_unit)
            or can(actor, Action.EDIT, task.plan.unit)
        ):
            raise PermissionDenied(gettext("Bạn không có quyền cập nhật nhiệm vụ này."))
    else:
        require(actor, Action.EDIT, task.plan.unit, "Bạn không có quyền sửa nhiệm vụ này.")
    check_version(task, expected_version)
    _check_plan_open(task.plan)
    if "progress" in fields and task.children.exists():
        raise DomainError(
            gettext("Tiến độ của nhiệm vụ có nhiệm vụ con được tính từ các nhiệm vụ con.")
        )
    before = model_snapshot(task, TASK_FIELDS)
    for name, value in fields.items():
        setattr(task, name, value)
    task.weight = Decimal(str(task.weight))
    if task.weight < 0:
        raise DomainError(gettext("Trọng số không được âm."), field="weight")
    _check_dates(task.start_date, task.due_date)
    if "parent" in fields:
        _check_parent(task, fields["parent"])
    _apply_status_progress(task)
    clean(task)
    task.version += 1
    task.save()
    changes = diff(before, model_snapshot(task, TASK_FIELDS))
    audit_record(
        actor=actor,
        action=ExecutionAction.TASK_UPDATE,
        obj=task,
        unit=task.plan.unit,
        changes=changes,
    )
    if changes.keys() & {"weight", "progress", "status", "parent_id"}:
        recompute_plan(task.plan)
    return task


@transaction.atomic
def task_assign(
    *, actor: Any, task: Task, lead_unit: Any, supporting_units: Iterable[Any] = ()
) -> Task:
    """Give the task to a lead unit with supporting units; newly given units are notified."""
    task = Task.objects.select_for_update(of=("self",)).select_related("plan__unit").get(pk=task.pk)
    require(actor, Action.EDIT, task.plan.unit, "Bạn không có quyền giao nhiệm vụ này.")
    _check_plan_open(task.plan)
    supporting = [u for u in supporting_units if u is not None and u != lead_unit]
    old_lead = task.lead_unit_id
    old_support = set(task.supporting_units.values_list("pk", flat=True))
    task.lead_unit = lead_unit
    task.version += 1
    task.save(update_fields=["lead_unit", "version", "updated_at"])
    task.supporting_units.set(supporting)
    new_ids = {u.pk for u in supporting}
    audit_record(
        actor=actor,
        action=ExecutionAction.TASK_ASSIGN,
        obj=task,
        unit=task.plan.unit,
        changes={
            "lead_unit": [old_lead, getattr(lead_unit, "pk", None)],
            "supporting_units": [sorted(old_support), sorted(new_ids)],
        },
    )
    fresh = ({getattr(lead_unit, "pk", None)} | new_ids) - ({old_lead} | old_support)
    _notify_assigned(task, sorted(i for i in fresh if i))
    return task


@transaction.atomic
def task_delete(*, actor: Any, task: Task) -> None:
    """Delete a task and its subtasks, then roll the plan up again without them.

    Reports already frozen in closed periods keep their snapshot (which holds the title)."""
    task = Task.objects.select_related("plan__unit").get(pk=task.pk)
    require(actor, Action.EDIT, task.plan.unit, "Bạn không có quyền xóa nhiệm vụ này.")
    _check_plan_open(task.plan)
    from kehoach.execution.choices import PeriodStatus
    from kehoach.execution.models.reports import ProgressReport

    frozen = ProgressReport.objects.filter(
        task__in=_subtree_ids(task), period__status=PeriodStatus.CLOSED
    )
    if frozen.exists():
        raise DomainError(
            gettext(
                "Nhiệm vụ đã có báo cáo trong kỳ đã khóa số liệu, không xóa được; "
                "hãy chuyển sang trạng thái “Hủy bỏ”."
            )
        )
    plan = task.plan
    audit_record(
        actor=actor,
        action=ExecutionAction.TASK_DELETE,
        obj=task,
        unit=plan.unit,
        changes={"title": task.title, "section": task.section},
    )
    task.delete()
    recompute_plan(plan)


def _subtree_ids(task: Task) -> list[int]:
    """``task`` and its descendants (one query: the plan's task links)."""
    links = list(Task.objects.filter(plan_id=task.plan_id).values_list("id", "parent_id"))
    ids, frontier = {task.pk}, {task.pk}
    while frontier:
        frontier = {i for i, p in links if p in frontier and i not in ids}
        ids |= frontier
    return sorted(ids)
