"""Progress reports: a unit writes and submits, the superior accepts or returns with a comment."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from kehoach.audit.models import AuditEntry
from kehoach.core.exceptions import DomainError, PermissionDenied
from kehoach.execution.choices import Cycle, DeadlineKind, ReportStatus
from kehoach.execution.models.reports import ProgressReport, ReportingPeriod
from kehoach.execution.services.reports import (
    periods_generate,
    report_accept,
    report_return,
    report_save,
    report_submit,
    template_create,
)
from kehoach.notifications.models import Notification

pytestmark = pytest.mark.django_db
D = Decimal


def save(scene, period=None, **kw):
    kw.setdefault("narrative", "Đã tổ chức 3 buổi sinh hoạt chuyên đề.")
    return report_save(
        actor=scene.reporter,
        task=scene.task,
        unit=scene.world.a.child,
        period=period or scene.q1,
        **kw,
    )


def test_periods_are_generated_once_per_key(scene):
    assert (scene.q1.key, scene.q2.key) == ("2025-Q1", "2025-Q2")
    again = periods_generate(
        actor=None, template=scene.template, since=dt.date(2025, 1, 1), until=dt.date(2025, 4, 30)
    )
    assert ReportingPeriod.objects.filter(template=scene.template).count() == len(again) == 2


def test_a_template_whose_deadline_falls_before_the_cut_off_is_refused(two_branches):
    with pytest.raises(DomainError, match="phải sau ngày chốt số liệu"):
        template_create(
            actor=None,
            unit=two_branches.a.unit,
            name="Quý",
            cycle=Cycle.QUARTERLY,
            deadline_kind=DeadlineKind.DAY_OF_LAST_MONTH,
            deadline_value=6,
        )


def test_the_whole_review_cycle_returns_fixes_and_accepts(
    scene, django_capture_on_commit_callbacks
):
    # Given the cell's reporter writes and submits a report with attendance 45 of 50
    report = save(
        scene, progress=40, values=[{"indicator": scene.attendance, "value": 45, "denominator": 50}]
    )
    with django_capture_on_commit_callbacks(execute=True):
        report = report_submit(actor=scene.reporter, report=report)
    assert report.status == ReportStatus.SUBMITTED
    assert Notification.objects.filter(user=scene.editor, kind="report_submitted").count() == 1
    # When the editor returns it with a comment
    with django_capture_on_commit_callbacks(execute=True):
        report = report_return(actor=scene.editor, report=report, comment="Thiếu ảnh minh chứng.")
    # Then the reporter is told, fixes it and submits again
    note = Notification.objects.get(user=scene.reporter, kind="report_returned")
    assert note.body == "Thiếu ảnh minh chứng."
    report = save(
        scene,
        narrative="Đã bổ sung.",
        progress=45,
        values=[{"indicator": scene.attendance, "value": 49, "denominator": 50}],
        expected_version=report.version,
    )
    with django_capture_on_commit_callbacks(execute=True):
        report = report_submit(actor=scene.reporter, report=report)
        report = report_accept(actor=scene.editor, report=report)
    # And the accepted progress becomes the task's progress, which rolls up to the plan
    scene.task.refresh_from_db()
    scene.plan.refresh_from_db()
    assert (scene.task.progress, scene.plan.progress) == (D(45), D(45))
    assert Notification.objects.filter(user=scene.reporter, kind="report_accepted").count() == 1
    assert Notification.objects.filter(user=scene.editor, kind="report_submitted").count() == 2
    actions = list(
        AuditEntry.objects.filter(object_type="execution.progressreport")
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == [
        "report.create",
        "report.submit",
        "report.return",
        "report.update",
        "report.submit",
        "report.accept",
    ]


def test_an_older_periods_acceptance_does_not_roll_progress_back(scene):
    late = save(scene, period=scene.q2, progress=80)
    report_submit(actor=scene.reporter, report=late)
    report_accept(actor=scene.editor, report=late)
    early = save(scene, period=scene.q1, progress=30)
    report_submit(actor=scene.reporter, report=early)
    report_accept(actor=scene.editor, report=early)
    scene.task.refresh_from_db()
    assert scene.task.progress == D(80)


def test_a_return_needs_a_comment_and_only_submitted_reports_are_reviewed(scene):
    report = save(scene)
    with pytest.raises(DomainError, match="Chỉ duyệt"):
        report_accept(actor=scene.editor, report=report)
    report_submit(actor=scene.reporter, report=report)
    with pytest.raises(DomainError, match="ý kiến"):
        report_return(actor=scene.editor, report=report, comment="  ")
    with pytest.raises(DomainError, match="đã gửi"):
        save(scene, narrative="sửa sau khi gửi")


def test_only_the_units_given_the_task_report_and_only_the_plans_editors_review(scene):
    world = scene.world
    with pytest.raises(PermissionDenied):
        report_save(
            actor=world.b.child_reporter,
            task=scene.task,
            unit=world.a.child,
            period=scene.q1,
            narrative="x",
        )
    with pytest.raises(DomainError, match="không được giao"):
        report_save(
            actor=world.b.child_reporter,
            task=scene.task,
            unit=world.b.child,
            period=scene.q1,
            narrative="x",
        )
    report = save(scene)
    report_submit(actor=scene.reporter, report=report)
    with pytest.raises(PermissionDenied):
        report_accept(actor=scene.reporter, report=report)
    with pytest.raises(PermissionDenied):
        report_accept(actor=world.user("b", "editor"), report=report)


def test_bad_figures_are_refused_and_nothing_is_half_saved(scene):
    with pytest.raises(DomainError, match="tổng số"):
        save(scene, values=[{"indicator": scene.attendance, "value": 51, "denominator": 50}])
    with pytest.raises(DomainError, match="không phải là số"):
        save(scene, values=[{"indicator": scene.posts, "value": "nhiều"}])
    with pytest.raises(DomainError, match="0 đến 100"):
        save(scene, progress=140)
    assert not ProgressReport.objects.exists()


def test_an_empty_report_cannot_be_submitted(scene):
    report = save(scene, narrative="")
    with pytest.raises(DomainError, match="nội dung"):
        report_submit(actor=scene.reporter, report=report)


def test_a_report_belongs_to_a_period_of_its_tasks_plan(scene, two_branches):
    from kehoach.execution.tests.plans.factories import PlanFactory

    other = PlanFactory(unit=two_branches.a.unit)
    foreign = template_create(
        actor=None, unit=two_branches.a.unit, plan=other, name="Khác", cycle=Cycle.MONTHLY
    )
    (period,) = periods_generate(
        actor=None, template=foreign, since=dt.date(2025, 2, 1), until=dt.date(2025, 2, 1)
    )
    with pytest.raises(DomainError, match="không thuộc kế hoạch"):
        save(scene, period=period)
