"""Closing a period freezes its figures: later changes never rewrite the past."""

from __future__ import annotations

from decimal import Decimal

import pytest

from kehoach.core.exceptions import DomainError
from kehoach.execution.models.reports import IndicatorSnapshot, ProgressSnapshot
from kehoach.execution.selectors.reports import indicator_results
from kehoach.execution.services.closing import period_close
from kehoach.execution.services.reports import report_accept, report_save, report_submit
from kehoach.execution.services.tasks import task_delete, task_update
from kehoach.execution.tests.plans.factories import TaskFactory

pytestmark = pytest.mark.django_db
D = Decimal


def accepted(scene, unit, reporter, period, **kw):
    task = kw.pop("task", scene.task)
    r = report_save(actor=reporter, task=task, unit=unit, period=period, narrative="Kết quả", **kw)
    report_submit(actor=reporter, report=r)
    return report_accept(actor=scene.editor, report=r)


def test_closing_a_period_freezes_progress_and_indicators(scene):
    # Given the cell reported 40% and 49 of 50 members attending, accepted
    accepted(
        scene,
        scene.world.a.child,
        scene.reporter,
        scene.q1,
        progress=40,
        values=[
            {"indicator": scene.attendance, "value": 49, "denominator": 50},
            {"indicator": scene.posts, "value": 3},
        ],
    )
    # When Q1 closes
    period_close(actor=scene.editor, period=scene.q1)
    # Then the snapshot holds the plan, the task and the indicators as they were
    plan_row = ProgressSnapshot.objects.get(period=scene.q1, task__isnull=True)
    task_row = ProgressSnapshot.objects.get(period=scene.q1, task=scene.task)
    assert (plan_row.progress, task_row.progress) == (D(40), D(40))
    assert task_row.rag == "green"  # on 14/3 a 2025-long task is expected at ~20%; 40% is ahead
    rate = IndicatorSnapshot.objects.get(period=scene.q1, indicator=scene.attendance, unit=None)
    assert (rate.numerator, rate.denominator, rate.value, rate.met) == (D(49), D(50), D(98), True)
    posts = IndicatorSnapshot.objects.get(
        period=scene.q1, indicator=scene.posts, unit=scene.world.a.child
    )
    assert (posts.value, posts.target, posts.met) == (D(3), D(4), False)
    # And later work changes the live figures but not the frozen ones
    task_update(actor=scene.editor, task=scene.task, progress=90)
    plan_row.refresh_from_db()
    assert plan_row.progress == D(40)
    scene.plan.refresh_from_db()
    assert scene.plan.progress == D(90)


def test_reports_of_a_closed_period_never_change(scene):
    r = report_save(
        actor=scene.reporter,
        task=scene.task,
        unit=scene.world.a.child,
        period=scene.q1,
        narrative="Nháp",
    )
    period_close(actor=scene.editor, period=scene.q1)
    with pytest.raises(DomainError, match="khóa số liệu"):
        report_save(
            actor=scene.reporter,
            task=scene.task,
            unit=scene.world.a.child,
            period=scene.q1,
            narrative="Sửa",
        )
    with pytest.raises(DomainError, match="khóa số liệu"):
        report_submit(actor=scene.reporter, report=r)
    with pytest.raises(DomainError, match="đã được khóa"):
        period_close(actor=scene.editor, period=scene.q1)


def test_a_task_with_frozen_reports_is_cancelled_not_deleted(scene):
    accepted(scene, scene.world.a.child, scene.reporter, scene.q1, progress=10)
    period_close(actor=scene.editor, period=scene.q1)
    with pytest.raises(DomainError, match="Hủy bỏ"):
        task_delete(actor=scene.editor, task=scene.task)
    # A task without frozen reports can still be deleted; the snapshot keeps its title
    other = TaskFactory(plan=scene.plan, title="Treo băng rôn")
    task_delete(actor=scene.editor, task=other)
    assert ProgressSnapshot.objects.filter(period=scene.q1, task=scene.task).exists()


def test_indicator_results_combine_raw_counts_across_units(scene):
    world = scene.world
    from kehoach.execution.services.tasks import task_assign
    from kehoach.organizations.services import membership_grant
    from kehoach.organizations.tests.factories import UnitFactory

    cell2 = UnitFactory(parent=world.a.unit, name="Chi bộ A2")
    reporter2 = world.b.child_reporter.__class__.objects.create(username="reporter.a2")
    membership_grant(actor=None, user=reporter2, unit=cell2, role="reporter")
    task_assign(actor=None, task=scene.task, lead_unit=world.a.child, supporting_units=[cell2])
    accepted(
        scene,
        world.a.child,
        scene.reporter,
        scene.q1,
        values=[{"indicator": scene.attendance, "value": 49, "denominator": 50}],
    )
    accepted(
        scene,
        cell2,
        reporter2,
        scene.q1,
        values=[{"indicator": scene.attendance, "value": 90, "denominator": 100}],
    )
    result = indicator_results(plan=scene.plan)[0]
    assert result.overall.value == D("92.67")  # 139 / 150, not (98 + 90) / 2
    assert result.met is False
    assert [(u, a.value, met) for u, a, _t, met in result.units] == [
        (world.a.child.pk, D("98.00"), True),
        (cell2.pk, D("90.00"), False),
    ]
