"""Task services read as the rules: roll-up on create, update and delete; rights; audit."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kehoach.audit.models import AuditEntry
from kehoach.core.exceptions import DomainError, PermissionDenied
from kehoach.execution.choices import PlanStatus, TaskStatus
from kehoach.execution.models.tasks import Task
from kehoach.execution.services.plans import plan_update
from kehoach.execution.services.tasks import task_assign, task_create, task_delete, task_update
from kehoach.execution.tests.plans.factories import PlanFactory, TaskFactory
from kehoach.notifications.models import Notification
from kehoach.organizations.choices import Role

pytestmark = pytest.mark.django_db
D = Decimal


def progress(obj):
    obj.refresh_from_db()
    return obj.progress


@pytest.fixture
def plan_with_three_tasks(two_branches):
    plan = PlanFactory(unit=two_branches.a.unit)
    a = TaskFactory(plan=plan, weight=2, lead_unit=two_branches.a.child)
    b = TaskFactory(plan=plan, weight=1)
    c = TaskFactory(plan=plan, weight=1)
    return plan, a, b, c


def test_plan_progress_is_the_weighted_mean_of_its_tasks(plan_with_three_tasks, two_branches):
    plan, a, b, _c = plan_with_three_tasks
    editor = two_branches.user("a", Role.EDITOR)
    # When the tasks report 100%, 50% and 0%
    task_update(actor=editor, task=a, progress=100)
    task_update(actor=editor, task=b, progress=50)
    # Then the plan is (2×100 + 50 + 0) / 4
    assert progress(plan) == D("62.50")


def test_cancelling_a_task_takes_it_out_of_the_roll_up(plan_with_three_tasks):
    plan, a, b, c = plan_with_three_tasks
    task_update(actor=None, task=a, progress=100)
    task_update(actor=None, task=b, progress=50)
    task_update(actor=None, task=c, status=TaskStatus.CANCELLED)
    assert progress(plan) == D("83.33")
    task_update(actor=None, task=c, status=TaskStatus.NOT_STARTED)
    assert progress(plan) == D("62.50")


def test_deleting_a_task_recomputes_the_plan(plan_with_three_tasks):
    plan, a, _b, c = plan_with_three_tasks
    task_update(actor=None, task=a, progress=100)
    task_delete(actor=None, task=c)
    assert progress(plan) == D("66.67")  # (2×100 + 0) / 3
    assert not Task.objects.filter(pk=c.pk).exists()


def test_a_done_task_counts_as_100_and_progress_starts_the_task(plan_with_three_tasks):
    _, a, b, _ = plan_with_three_tasks
    task_update(actor=None, task=a, status=TaskStatus.DONE)
    assert progress(a) == D(100)
    task_update(actor=None, task=b, progress=10)
    b.refresh_from_db()
    assert b.status == TaskStatus.IN_PROGRESS


def test_a_parent_task_rolls_up_its_subtasks_and_refuses_progress_by_hand(two_branches):
    plan = PlanFactory(unit=two_branches.a.unit)
    parent = TaskFactory(plan=plan, title="Tuyên truyền trên mạng xã hội")
    TaskFactory(plan=plan, parent=parent, weight=1, progress=40)
    TaskFactory(plan=plan, parent=parent, weight=3, progress=80)
    assert progress(parent) == D("70.00")
    assert progress(plan) == D("70.00")
    with pytest.raises(DomainError, match="nhiệm vụ con"):
        task_update(actor=None, task=parent, progress=10)


def test_progress_rolls_up_the_plan_tree_to_the_province(two_branches):
    province = PlanFactory(unit=two_branches.root)
    city_a = PlanFactory(unit=two_branches.a.unit, parent=province, weight=1)
    city_b = PlanFactory(unit=two_branches.b.unit, parent=province, weight=3)
    cell = PlanFactory(unit=two_branches.a.child, parent=city_a)
    TaskFactory(plan=city_b, progress=70)
    assert progress(province) == D("70.00")  # city A has nothing yet: it does not count
    t = TaskFactory(plan=cell, progress=0)
    assert progress(province) == D("52.50")  # (1×0 + 3×70) / 4
    task_update(actor=None, task=t, progress=50)
    assert progress(cell) == D("50.00")
    assert progress(city_a) == D("50.00")
    assert progress(province) == D("65.00")  # (1×50 + 3×70) / 4
    plan_update(actor=None, plan=city_b, status=PlanStatus.CANCELLED)
    assert progress(province) == D("50.00")


def test_recompute_uses_the_same_number_of_queries_at_any_depth(two_branches):
    def chain(depth, unit):
        parent = None
        for _ in range(depth):
            parent = PlanFactory(unit=unit, parent=parent)
        return TaskFactory(plan=parent)

    shallow, deep = chain(2, two_branches.a.unit), chain(8, two_branches.a.unit)
    counts = []
    for task in (shallow, deep):
        with CaptureQueriesContext(connection) as ctx:
            task_update(actor=None, task=task, progress=30)
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1]
    assert counts[0] <= 16


def test_a_lead_units_reporter_may_update_progress_but_not_the_task(two_branches):
    plan = PlanFactory(unit=two_branches.a.unit)
    task = TaskFactory(plan=plan, lead_unit=two_branches.a.child)
    reporter = two_branches.a.child_reporter
    task_update(actor=reporter, task=task, progress=20)
    with pytest.raises(PermissionDenied):
        task_update(actor=reporter, task=task, title="Đổi tên")
    with pytest.raises(PermissionDenied):
        task_update(actor=two_branches.b.child_reporter, task=task, progress=90)
    with pytest.raises(PermissionDenied):
        task_create(actor=two_branches.user("b", Role.EDITOR), plan=plan, title="Xâm nhập")


def test_every_change_leaves_an_audit_entry(two_branches):
    plan = PlanFactory(unit=two_branches.a.unit)
    editor = two_branches.user("a", Role.EDITOR)
    task = task_create(actor=editor, plan=plan, title="Treo băng rôn", due_date=dt.date(2025, 5, 1))
    task_update(actor=editor, task=task, due_date=dt.date(2025, 5, 19))
    entry = AuditEntry.objects.filter(object_type="execution.task", action="task.update").get()
    assert entry.actor == editor
    assert entry.changes["due_date"] == ["2025-05-01", "2025-05-19"]


def test_a_stale_edit_is_refused(plan_with_three_tasks):
    _, a, _, _ = plan_with_three_tasks
    task_update(actor=None, task=a, progress=10, expected_version=1)
    with pytest.raises(DomainError, match="người khác"):
        task_update(actor=None, task=a, progress=20, expected_version=1)


def test_bad_dates_and_weights_are_refused_without_saving(two_branches):
    plan = PlanFactory(unit=two_branches.a.unit)
    with pytest.raises(DomainError, match="Hạn hoàn thành"):
        task_create(
            actor=None,
            plan=plan,
            title="X",
            start_date=dt.date(2025, 5, 2),
            due_date=dt.date(2025, 5, 1),
        )
    with pytest.raises(DomainError, match="Trọng số"):
        task_create(actor=None, plan=plan, title="X", weight=-1)
    assert not Task.objects.filter(plan=plan).exists()


def test_assigning_units_of_an_issued_plan_notifies_their_reporters_once(
    two_branches, django_capture_on_commit_callbacks
):
    plan = PlanFactory(unit=two_branches.a.unit)
    plan_update(actor=None, plan=plan, status=PlanStatus.ISSUED)
    task = TaskFactory(plan=plan)
    with django_capture_on_commit_callbacks(execute=True):
        task_assign(actor=None, task=task, lead_unit=two_branches.a.child)
    with django_capture_on_commit_callbacks(execute=True):
        task_assign(actor=None, task=task, lead_unit=two_branches.a.child)
    notes = Notification.objects.filter(user=two_branches.a.child_reporter)
    assert notes.count() == 1
    assert notes.get().title.startswith("Nhiệm vụ mới")
