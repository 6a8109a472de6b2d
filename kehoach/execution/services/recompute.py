"""Recompute stored progress after a change, with a bounded number of queries.

``recompute_plan(plan)`` locks the plan and its ancestors, then reads, whatever the depth:

1. the plan's tasks (one query),
2. the plan and its ancestor plans, by the materialised path (one query),
3. the direct child plans of those plans (one query),
4. the top-level tasks of the ancestor plans (one query),

runs ``rollup`` in memory and writes the changed rows with one ``bulk_update`` per table.
``recompute_all()`` does the same for every plan at once (used after imports and by the bench).
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.db import transaction

from kehoach.execution.choices import EXCLUDED_STATUSES, PlanStatus
from kehoach.execution.models.plans import Plan
from kehoach.execution.models.tasks import Task
from kehoach.execution.rollup import Node, rollup

TASK_COLS = ("id", "plan_id", "parent_id", "weight", "progress", "status")
PLAN_COLS = ("id", "parent_id", "weight", "progress", "status")


def _task_node(row: dict[str, Any]) -> Node:
    parent = ("t", row["parent_id"]) if row["parent_id"] else ("p", row["plan_id"])
    return Node(
        key=("t", row["id"]),
        parent=parent,
        weight=row["weight"],
        progress=row["progress"],
        excluded=row["status"] in EXCLUDED_STATUSES,
    )


def _plan_node(row: dict[str, Any], *, as_root: bool = False, computed: bool = True) -> Node:
    """A plan has no progress of its own: a computed plan starts empty (None)."""
    return Node(
        key=("p", row["id"]),
        parent=None if as_root or not row["parent_id"] else ("p", row["parent_id"]),
        weight=row["weight"],
        progress=None if computed else row["progress"],
        excluded=row["status"] == PlanStatus.CANCELLED,
    )


def _write(
    values: dict[Any, Decimal | None],
    tasks: dict[int, dict[str, Any]],
    plans: dict[int, dict[str, Any]],
    *,
    writable_plans: Iterable[int],
) -> tuple[int, int]:
    """Save the values that changed; returns (tasks written, plans written)."""
    task_rows = []
    for (kind, pk), v in values.items():
        if kind == "t" and pk in tasks and v is not None and v != tasks[pk]["progress"]:
            task_rows.append(Task(pk=pk, progress=v))
    plan_rows = [
        Plan(pk=pk, progress=values.get(("p", pk)))
        for pk in writable_plans
        if pk in plans and values.get(("p", pk)) != plans[pk]["progress"]
    ]
    if task_rows:
        Task.objects.bulk_update(task_rows, ["progress"], batch_size=1000)
    if plan_rows:
        Plan.objects.bulk_update(plan_rows, ["progress"], batch_size=1000)
    return len(task_rows), len(plan_rows)


@transaction.atomic
def recompute_plan(plan: Plan) -> tuple[int, int]:
    """Recompute ``plan``'s tasks, the plan and every ancestor plan.

    The chain of plans is locked first, root first (one ordered ``SELECT … FOR UPDATE``), so two
    changes under the same ancestor are recomputed one after the other and never write a value
    computed from the other's stale rows (no-op on SQLite, whose writes are serialised anyway).
    """
    chain_ids = plan.ancestor_ids() or [plan.pk]
    list(
        Plan.objects.select_for_update(of=("self",))
        .filter(pk__in=chain_ids)
        .order_by("path")
        .values("id")
    )
    own_tasks = {r["id"]: r for r in Task.objects.filter(plan_id=plan.pk).values(*TASK_COLS)}
    chain = {r["id"]: r for r in Plan.objects.filter(pk__in=chain_ids).values(*PLAN_COLS)}
    children = {
        r["id"]: r
        for r in Plan.objects.filter(parent_id__in=chain_ids)
        .exclude(pk__in=chain_ids)
        .values(*PLAN_COLS)
    }
    upper_tasks = Task.objects.filter(
        plan_id__in=[i for i in chain_ids if i != plan.pk], parent__isnull=True
    ).values(*TASK_COLS)

    root_id = chain_ids[0]
    nodes = [_plan_node(r, as_root=(pk == root_id)) for pk, r in chain.items()]
    # Child plans outside the chain keep their stored progress (they are leaves here).
    nodes += [_plan_node(r, computed=False) for r in children.values()]
    nodes += [_task_node(r) for r in own_tasks.values()]
    nodes += [_task_node(r) for r in upper_tasks]
    values = rollup(nodes)
    return _write(values, own_tasks, chain, writable_plans=chain.keys())


def recompute_plan_ids(plan_ids: Iterable[int]) -> None:
    """Recompute several plans (each with its ancestors)."""
    for p in Plan.objects.filter(pk__in=list(plan_ids)).only("id", "path"):
        recompute_plan(p)


def recompute_all() -> tuple[int, int]:
    """Recompute every task and plan in two reads; returns (tasks written, plans written)."""
    tasks = {r["id"]: r for r in Task.objects.values(*TASK_COLS).iterator(chunk_size=5000)}
    plans = {r["id"]: r for r in Plan.objects.values(*PLAN_COLS).iterator(chunk_size=5000)}
    nodes = [_plan_node(r) for r in plans.values()] + [_task_node(r) for r in tasks.values()]
    values = rollup(nodes)
    return _write(values, tasks, plans, writable_plans=plans.keys())
