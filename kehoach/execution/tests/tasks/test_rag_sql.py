"""The database computes exactly the RAG colour the Python rule gives, on random tasks."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

import pytest

from kehoach.execution.choices import TaskStatus
from kehoach.execution.models.plans import Plan
from kehoach.execution.models.tasks import Task
from kehoach.execution.rag import RagThresholds, rag_colour
from kehoach.execution.rag_sql import with_colour

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 3, 10)


def test_sql_colours_match_the_python_rule(two_branches):
    rnd = random.Random(7)
    plan = Plan.objects.create(unit=two_branches.a.unit, title="P", path="/x/")
    rows = []
    for _ in range(400):
        start = TODAY + dt.timedelta(days=rnd.randint(-200, 30)) if rnd.random() < 0.85 else None
        due = TODAY + dt.timedelta(days=rnd.randint(-40, 200)) if rnd.random() < 0.85 else None
        rows.append(
            Task(
                plan=plan,
                title="t",
                start_date=start,
                due_date=due,
                status=rnd.choice(list(TaskStatus.values)),
                progress=Decimal(rnd.choice([0, 5, 10, 33.33, 50, 72.5, 90, 99.99, 100])),
            )
        )
    # Edge cases: due on the day, due before start, exactly on a threshold.
    rows += [
        Task(
            plan=plan,
            title="e",
            start_date=TODAY - dt.timedelta(days=10),
            due_date=TODAY + dt.timedelta(days=10),
            status="in_progress",
            progress=Decimal(20),
        ),
        Task(
            plan=plan,
            title="e",
            start_date=TODAY,
            due_date=TODAY,
            status="in_progress",
            progress=Decimal(0),
        ),
        Task(
            plan=plan,
            title="e",
            start_date=TODAY + dt.timedelta(days=5),
            due_date=TODAY - dt.timedelta(days=1),
            status="not_started",
            progress=Decimal(0),
        ),
    ]
    Task.objects.bulk_create(rows)
    for thresholds in (RagThresholds(), RagThresholds(3, Decimal(5), Decimal(50))):
        got = dict(
            with_colour(Task.objects.filter(plan=plan), TODAY, thresholds).values_list(
                "pk", "colour"
            )
        )
        for t in Task.objects.filter(plan=plan):
            want = rag_colour(
                today=TODAY,
                status=t.status,
                progress=t.progress,
                due=t.due_date,
                start=t.start_date,
                thresholds=thresholds,
            )
            assert got[t.pk] == want, (t.start_date, t.due_date, t.status, t.progress)
