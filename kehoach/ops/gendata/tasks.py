"""Tasks with lead and supporting units, dates and statuses."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from kehoach.execution.choices import (
    PlanStatus,
    TaskStatus,
)
from kehoach.execution.models.tasks import Task
from kehoach.ops.gendata.base import ACTIVITIES, SECTIONS, Scale, _batched_create, dated
from kehoach.ops.gendata.organizations import World
from kehoach.ops.gendata.plans import PlanSpec, _assignees
from kehoach.organizations.models import Unit

# --- tasks --------------------------------------------------------------------------------------


def _status_progress(
    rnd: random.Random, start: dt.date, due: dt.date, today: dt.date
) -> tuple[str, Decimal]:
    """A realistic status and progress from where ``today`` falls between start and due."""
    r = rnd.random()
    if r < 0.03:
        return TaskStatus.CANCELLED, Decimal(0)
    if r < 0.05:
        return TaskStatus.NOT_APPLICABLE, Decimal(0)
    if today < start:
        return TaskStatus.NOT_STARTED, Decimal(0)
    span = max(1, (due - start).days)
    expected = min(100.0, 100.0 * (today - start).days / span)
    if due < today:
        if r < 0.78:
            return TaskStatus.DONE, Decimal(100)
        return TaskStatus.IN_PROGRESS, Decimal(rnd.randint(20, 90))
    if r < 0.12:
        return TaskStatus.DONE, Decimal(100)
    if expected < 5 and r < 0.5:
        return TaskStatus.NOT_STARTED, Decimal(0)
    # On track, a little behind (amber) or far behind (red).
    value = max(0.0, min(99.0, expected + rnd.choice([5, 0, -5, -15, -35])))
    return TaskStatus.IN_PROGRESS, Decimal(round(value))


def build_tasks(
    specs: list[PlanSpec], world: World, scale: Scale, rnd: random.Random, today: dt.date
) -> list[Task]:
    weights = {1: 3.0, 2: 2.0, 3: 0.8, 4: 0.8}
    total_w = sum(weights[s.level] for s in specs)
    tops: list[Task] = []
    subs: list[tuple[Task, Task]] = []
    supports: list[tuple[Task, list[Unit]]] = []
    made = 0
    for i, s in enumerate(specs):
        p = s.plan
        want = round(scale.tasks * weights[s.level] / total_w)
        if i == len(specs) - 1:
            want = scale.tasks - made
        want = max(want, 1)
        people = _assignees(world, p.unit)
        position = 0
        n = 0
        while n < want:
            lead = rnd.choice(people)
            # Tasks spread over the plan's time: some done, some running, some not started.
            period_start, period_end = dated(p.period_start), dated(p.period_end)
            span = (period_end - period_start).days
            start = period_start + dt.timedelta(days=rnd.randint(0, max(0, span * 2 // 3)))
            due = min(start + dt.timedelta(days=rnd.randint(20, 240)), period_end)
            start = min(start, due)
            title = rnd.choice(ACTIVITIES).format(t=s.topic)
            status, progress = _status_progress(rnd, start, due, today)
            if p.status == PlanStatus.DRAFT:
                status, progress = TaskStatus.NOT_STARTED, Decimal(0)
            position += 1
            task = Task(
                plan=p, section=rnd.choice(SECTIONS), title=title, lead_unit=lead,
                start_date=start, due_date=due, status=status, progress=progress,
                weight=Decimal(rnd.choice([1, 1, 1, 2, 3])), position=position,
            )  # fmt: skip
            tops.append(task)
            n += 1
            helpers = [u for u in people if u.pk != lead.pk]
            k = rnd.choice([0, 1, 1, 2, 3]) if helpers else 0
            if k:
                supports.append((task, rnd.sample(helpers, min(k, len(helpers)))))
            # A quarter of the tasks are split into sub-tasks, one per unit.
            if want - n >= 3 and rnd.random() < 0.25 and len(people) > 1:
                size = min(len(people), rnd.randint(2, 4), want - n)
                for j, u in enumerate(rnd.sample(people, size), 1):
                    sub_status, sub_progress = _status_progress(rnd, start, due, today)
                    if p.status == PlanStatus.DRAFT:
                        sub_status, sub_progress = TaskStatus.NOT_STARTED, Decimal(0)
                    sub = Task(
                        plan=p, section=f"{task.section}.{j}", title=f"{title} tại {u.short_name or u.name}",
                        lead_unit=u, start_date=start, due_date=due, status=sub_status,
                        progress=sub_progress, position=position * 100 + j,
                    )  # fmt: skip
                    subs.append((task, sub))
                    # The parent task's lead unit supports each sub-unit more often than not.
                    if u.pk != lead.pk and rnd.random() < 0.6:
                        supports.append((sub, [lead]))
                    n += 1
        made += n
    _batched_create(Task, tops)
    for parent, child in subs:
        child.parent = parent
    _batched_create(Task, [c for _, c in subs])
    Support = Task.supporting_units.through
    _batched_create(
        Support, [Support(task_id=t.pk, unit_id=u.pk) for t, us in supports for u in us], 5000
    )
    tasks = tops + [c for _, c in subs]
    with_children = {p.pk for p, _ in subs}
    for t in tasks:
        t.has_children = t.pk in with_children  # type: ignore[attr-defined]
        t.support_ids = []  # type: ignore[attr-defined]
    by_id = {t.pk: t for t in tasks}
    for t, us in supports:
        by_id[t.pk].support_ids = [u.pk for u in us]  # type: ignore[attr-defined]
    return tasks
