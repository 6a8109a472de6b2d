"""Reminders: due soon, overdue, reports owed, cascade deadlines; nobody hears the same twice."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError

from kehoach.documents.models import Document
from kehoach.execution.choices import Cycle, PlanStatus
from kehoach.execution.services.plans import plan_update, requirement_set
from kehoach.execution.services.reports import (
    periods_generate,
    report_save,
    report_submit,
    template_create,
)
from kehoach.execution.services.tasks import task_update
from kehoach.execution.tests.plans.factories import PlanFactory, TaskFactory
from kehoach.notifications.models import Notification
from kehoach.ops.reminders import run_reminders

pytestmark = pytest.mark.django_db
D = dt.date
TODAY = D(2025, 3, 10)


@pytest.fixture
def issued(two_branches):
    plan = PlanFactory(unit=two_branches.a.unit)
    plan_update(actor=None, plan=plan, status=PlanStatus.ISSUED)
    return plan


def titles(user):
    return sorted(Notification.objects.filter(user=user).values_list("title", flat=True))


def test_due_soon_and_overdue_tasks_remind_their_units_once(two_branches, issued):
    reporter = two_branches.a.child_reporter
    TaskFactory(
        plan=issued, title="Treo băng rôn", lead_unit=two_branches.a.child, due_date=D(2025, 3, 12)
    )
    late = TaskFactory(
        plan=issued,
        title="Hội nghị quán triệt",
        lead_unit=two_branches.a.child,
        due_date=D(2025, 3, 1),
    )
    TaskFactory(plan=issued, title="Còn xa", lead_unit=two_branches.a.child, due_date=D(2025, 6, 1))
    first = run_reminders(today=TODAY)
    assert first == {"due_soon": 1, "overdue": 1, "digest": 1}
    assert titles(reporter) == [
        "Quá hạn (01/03/2025): Hội nghị quán triệt",
        "Sắp đến hạn (12/03/2025): Treo băng rôn",
        "Việc cần chú ý ngày 10/03/2025 (2)",
    ]
    # Running again the same day, or the next day, repeats nothing
    assert run_reminders(today=TODAY) == {}
    assert run_reminders(today=TODAY + dt.timedelta(days=1)) == {}
    # A new due date is news
    task_update(actor=None, task=late, due_date=D(2025, 3, 5))
    assert run_reminders(today=TODAY + dt.timedelta(days=1)) == {"overdue": 1, "digest": 1}


def test_only_the_digest_is_emailed(two_branches, issued):
    TaskFactory(plan=issued, title="A", lead_unit=two_branches.a.child, due_date=D(2025, 3, 11))
    TaskFactory(plan=issued, title="B", lead_unit=two_branches.a.child, due_date=D(2025, 3, 12))
    mail.outbox.clear()
    run_reminders(today=TODAY)
    to_reporter = [m for m in mail.outbox if two_branches.a.child_reporter.email in m.to]
    assert len(to_reporter) == 1 and "Việc cần chú ý" in to_reporter[0].subject


def test_draft_plans_and_done_tasks_do_not_remind(two_branches):
    draft = PlanFactory(unit=two_branches.a.unit)
    TaskFactory(plan=draft, lead_unit=two_branches.a.child, due_date=D(2025, 3, 1))
    assert run_reminders(today=TODAY) == {}


def test_units_that_owe_a_report_are_reminded_until_they_submit(two_branches, issued):
    w = two_branches
    template = template_create(actor=None, unit=w.a.unit, name="Báo cáo tháng", cycle=Cycle.MONTHLY)
    task = TaskFactory(plan=issued, title="Tin bài", lead_unit=w.a.child, report_template=template)
    (march,) = periods_generate(
        actor=None, template=template, since=D(2025, 3, 1), until=D(2025, 3, 1)
    )
    assert march.deadline == D(2025, 3, 20)
    assert run_reminders(today=D(2025, 3, 18)).get("due_soon") == 1
    report = report_save(actor=None, task=task, unit=w.a.child, period=march, narrative="5 tin")
    report_submit(actor=None, report=report)
    assert run_reminders(today=D(2025, 3, 21)) == {}


def test_cascade_deadlines_remind_the_units_that_have_not_issued(two_branches):
    w = two_branches
    d = Document.objects.create(
        code="27-CT/TW",
        code_key="27-ct-tw",
        owner_unit=w.root,
        sort_date=D(2023, 12, 25),
        dedupe_key="x",
        title="Chỉ thị 27",
    )
    requirement_set(
        actor=None, directive=d, required_by=w.root, unit=w.b.unit, due_date=D(2025, 3, 9)
    )
    assert run_reminders(today=TODAY, digest=False) == {"cascade_due": 3}  # admin, editor, reporter
    assert titles(w.user("b", "viewer")) == []  # viewers are not asked to act
    assert "Quá hạn ban hành kế hoạch thực hiện 27-CT/TW (09/03/2025)" in titles(
        w.user("b", "editor")
    )


def test_the_command_reports_what_it_sent_and_refuses_a_bad_date(two_branches, issued):
    TaskFactory(plan=issued, lead_unit=two_branches.a.child, due_date=D(2025, 3, 11))
    out = StringIO()
    call_command("remind", "--date", "2025-03-10", stdout=out)
    assert out.getvalue().startswith("Đã gửi ")
    with pytest.raises(CommandError, match="Ngày không hợp lệ"):
        call_command("remind", "--date", "10/03/2025")


def test_the_daily_run_generates_the_coming_periods_of_live_templates(two_branches, issued):
    from kehoach.execution.models.reports import ReportingPeriod

    template = template_create(
        actor=None, unit=two_branches.a.unit, plan=issued, name="Tháng", cycle=Cycle.MONTHLY
    )
    got = run_reminders(today=D(2025, 3, 10), digest=False)
    keys = list(
        ReportingPeriod.objects.filter(template=template)
        .order_by("start")
        .values_list("key", flat=True)
    )
    assert keys == ["2025-M03", "2025-M04", "2025-M05", "2025-M06"]
    assert got.get("periods") == 4
    assert run_reminders(today=D(2025, 3, 11), digest=False).get("periods") is None


def test_the_celery_task_runs_the_same_reminders(two_branches, issued, settings):
    from django.conf import settings as conf

    from kehoach.ops.tasks import remind

    assert conf.CELERY_BEAT_SCHEDULE["kehoach-remind-daily"]["task"] == remind.name
    TaskFactory(plan=issued, lead_unit=two_branches.a.child, due_date=dt.date.today())
    result = remind.delay().get()
    assert result.get("due_soon") == 1


def test_the_daily_reminders_tell_the_agency_before_a_qa_deadline_and_escalate_after(
    two_branches,
):
    from kehoach.qa.services.questions import question_route
    from kehoach.qa.tests.factories import make_qa_world

    qa = make_qa_world(two_branches)
    w = qa.world
    q = qa.ask()
    question_route(actor=None, question=q, agency=w.a.child, today=dt.date(2026, 3, 2))
    counts = run_reminders(today=dt.date(2026, 3, 10), digest=False)  # due 11 March
    assert counts.get("due_soon", 0) >= 1
    assert any("Sắp đến hạn trả lời" in t for t in titles(w.a.child_reporter))
    counts = run_reminders(today=dt.date(2026, 3, 12), digest=False)
    assert counts.get("qa_escalated") == 1
    assert run_reminders(today=dt.date(2026, 3, 13), digest=False).get("qa_escalated") is None
    q.refresh_from_db()
    assert q.escalated_to == w.a.unit
