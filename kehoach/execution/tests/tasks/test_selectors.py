"""Who sees which tasks, and "việc của tôi" by urgency."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kehoach.core.exceptions import NotFound
from kehoach.execution.choices import Rag, TaskStatus
from kehoach.execution.selectors.tasks import my_tasks, task_get, task_list, with_rag
from kehoach.execution.tests.plans.factories import PlanFactory, TaskFactory
from kehoach.organizations.testing import ROLES

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def tasks(two_branches):
    w = two_branches
    plan_a = PlanFactory(unit=w.a.unit)
    plan_b = PlanFactory(unit=w.b.unit)
    return {
        "a_late": TaskFactory(
            plan=plan_a, title="Quá hạn", lead_unit=w.a.child, due_date=D(2025, 1, 10)
        ),
        "a_soon": TaskFactory(
            plan=plan_a, title="Sắp đến hạn", lead_unit=w.a.child, due_date=D(2025, 2, 1)
        ),
        "a_undated": TaskFactory(plan=plan_a, title="Không hạn", lead_unit=w.a.child),
        "a_cancelled": TaskFactory(
            plan=plan_a, title="Hủy", lead_unit=w.a.child, status=TaskStatus.CANCELLED
        ),
        "a_office": TaskFactory(plan=plan_a, title="Của ban", lead_unit=w.a.unit),
        # A task of B's plan where A's cell supports: A's cell sees it, B's plan stays B's.
        "b_support": TaskFactory(
            plan=plan_b,
            title="Phối hợp",
            lead_unit=w.b.child,
            supporting_units=[w.a.child],
            due_date=D(2025, 1, 20),
        ),
        "b_only": TaskFactory(plan=plan_b, title="Riêng B", lead_unit=w.b.child),
    }


def test_every_role_of_a_branch_sees_its_tasks_and_never_the_other_branchs(two_branches, tasks):
    for role in ROLES:
        seen = set(task_list(user=two_branches.user("a", role)).values_list("title", flat=True))
        assert "Riêng B" not in seen
        assert {"Quá hạn", "Của ban", "Phối hợp"} <= seen
        with pytest.raises(NotFound):
            task_get(user=two_branches.user("a", role), task_id=tasks["b_only"].pk)
    everything = task_list(user=two_branches.superuser).count()
    assert everything == len(tasks)


def test_my_tasks_lists_the_units_work_most_urgent_first(two_branches, tasks):
    got = [t.title for t in my_tasks(user=two_branches.a.child_reporter)]
    assert got == ["Quá hạn", "Phối hợp", "Sắp đến hạn", "Không hạn"]


def test_my_tasks_carry_their_colour(two_branches, tasks):
    rows = my_tasks(user=two_branches.a.child_reporter, today=D(2025, 1, 28))
    assert [(t.title, t.rag) for t in rows][:3] == [
        ("Quá hạn", Rag.RED),
        ("Phối hợp", Rag.RED),
        ("Sắp đến hạn", Rag.AMBER),
    ]


def test_task_lists_use_a_fixed_number_of_queries(two_branches, tasks):
    user = two_branches.user("a", "editor")

    def count():
        with CaptureQueriesContext(connection) as ctx:
            rows = with_rag(task_list(user=user))
            _ = [
                (
                    t.plan.unit.name,
                    t.lead_unit and t.lead_unit.name,
                    [u.name for u in t.supporting_units.all()],
                )
                for t in rows
            ]
        return len(ctx.captured_queries)

    count()  # the user's memberships are read once and cached
    before = count()
    for i in range(5):
        TaskFactory(
            plan=tasks["a_late"].plan,
            title=f"Thêm {i}",
            lead_unit=two_branches.a.child,
            supporting_units=[two_branches.a.unit],
        )
    assert count() == before <= 3
