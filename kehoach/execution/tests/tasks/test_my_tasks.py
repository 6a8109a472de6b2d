""" "Việc của tôi": every report the user's units still owe or must fix, most urgent first.

The calendar (quarterly, Decree 09/2019 cut-off on the 15th, deadline the 20th of the last month
moved to the next working day): Q1/2025 runs 15/12/2024–14/3 (due 20/3), Q2 15/3–14/6 (due
20/6), Q3 15/6–14/9 (due 22/9), Q4 15/9–14/12 (due 22/12); Q1/2026 begins 15/12/2025.
"Today" is 20/11/2025: Q4 is the current period, Q1–Q3 are past.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kehoach.execution.choices import Cycle, Rag, TaskStatus
from kehoach.execution.selectors.tasks import my_tasks
from kehoach.execution.services.closing import period_close
from kehoach.execution.services.reports import (
    periods_generate,
    report_accept,
    report_return,
    report_save,
    report_submit,
    template_create,
)
from kehoach.execution.tests.plans.factories import PlanFactory, TaskFactory
from kehoach.organizations.choices import Role

pytestmark = pytest.mark.django_db
D = dt.date
TODAY = D(2025, 11, 20)


def quarterly(unit, plan):
    template = template_create(
        actor=None, unit=unit, plan=plan, name="Báo cáo quý", cycle=Cycle.QUARTERLY
    )
    periods = periods_generate(
        actor=None, template=template, since=D(2025, 1, 1), until=D(2025, 12, 31)
    )
    return template, {p.key: p for p in periods}


def sent(task, unit, period, *, outcome="submitted", editor=None):
    report = report_save(actor=None, task=task, unit=unit, period=period, narrative="Đã làm")
    report = report_submit(actor=None, report=report)
    if outcome == "accepted":
        report = report_accept(actor=editor, report=report)
    elif outcome == "returned":
        report = report_return(actor=editor, report=report, comment="Thiếu số liệu")
    return report


@pytest.fixture
def story(two_branches):
    """A's cell leads a quarterly task from 1/1/2025: Q1 accepted, Q2 returned, Q3 missing."""
    w = two_branches
    editor = w.user("a", Role.EDITOR)
    plan = PlanFactory(unit=w.a.unit)
    template, periods = quarterly(w.a.unit, plan)
    task = TaskFactory(
        plan=plan,
        title="Sinh hoạt chuyên đề",
        lead_unit=w.a.child,
        start_date=D(2025, 1, 1),
        due_date=D(2025, 12, 31),
        report_template=template,
    )
    sent(task, w.a.child, periods["2025-Q1"], outcome="accepted", editor=editor)
    sent(task, w.a.child, periods["2025-Q2"], outcome="returned", editor=editor)
    return w, editor, plan, template, periods, task


def lines(row):
    return [(o.label, o.state, o.rag, o.actionable) for o in row.reports]


def test_past_reports_missing_or_returned_come_before_the_current_one(story):
    # Given Q1 accepted, Q2 returned for correction, Q3 never sent and Q4 (current) not yet due
    w, *_rest, task = story
    # When the cell's reporter opens "Việc của tôi"
    (row,) = my_tasks(user=w.a.child_reporter, today=TODAY)
    # Then the returned Q2 and the missing Q3 are listed first, overdue (red) and writable,
    # then the current Q4; the accepted Q1 and the not yet begun Q1/2026 are not listed
    assert row.pk == task.pk
    assert lines(row) == [
        ("Quý II/2025", "returned", Rag.RED, True),
        ("Quý III/2025", "missing", Rag.RED, True),
        ("Quý IV/2025", "missing", Rag.GREEN, True),
    ]
    assert [o.deadline for o in row.reports] == [D(2025, 6, 20), D(2025, 9, 22), D(2025, 12, 22)]
    # And the task is as urgent as its oldest report still to fix
    assert row.urgency == D(2025, 6, 20)


def test_a_report_due_within_the_week_is_amber_and_a_sent_current_one_stays_listed(story):
    w, _editor, _plan, _tpl, periods, task = story
    soon = D(2025, 12, 17)  # five days before the Q4 deadline; Q1/2026 began on 15/12
    (row,) = my_tasks(user=w.a.child_reporter, today=soon)
    assert lines(row)[-2:] == [
        ("Quý IV/2025", "missing", Rag.AMBER, True),
        ("Quý I/2026", "missing", Rag.GREEN, True),
    ]
    # When Q4 is sent it stays on the list, green, no longer to write, after what is still owed
    sent(task, w.a.child, periods["2025-Q4"])
    (row,) = my_tasks(user=w.a.child_reporter, today=soon)
    assert lines(row) == [
        ("Quý II/2025", "returned", Rag.RED, True),
        ("Quý III/2025", "missing", Rag.RED, True),
        ("Quý I/2026", "missing", Rag.GREEN, True),
        ("Quý IV/2025", "submitted", Rag.GREEN, False),
    ]


def test_a_past_report_sent_or_accepted_is_not_listed(story):
    # Given the cell fixes Q2 and sends Q3, and the office accepts Q3
    w, editor, _plan, _tpl, periods, task = story
    q2 = task.reports.get(period=periods["2025-Q2"])
    report_submit(
        actor=None,
        report=report_save(
            actor=None,
            task=task,
            unit=w.a.child,
            period=periods["2025-Q2"],
            narrative="Đã bổ sung",
            expected_version=q2.version,
        ),
    )
    sent(task, w.a.child, periods["2025-Q3"], outcome="accepted", editor=editor)
    # Then only the current Q4 is left
    (row,) = my_tasks(user=w.a.child_reporter, today=TODAY)
    assert [o.label for o in row.reports] == ["Quý IV/2025"]
    assert row.urgency == D(2025, 12, 22)


def test_a_closed_periods_missing_report_is_shown_overdue_and_locked_without_urgency(story):
    # Given the office closes Q3 while the cell's Q3 report is still missing
    w, editor, _plan, _tpl, periods, _task = story
    period_close(actor=editor, period=periods["2025-Q3"])
    (row,) = my_tasks(user=w.a.child_reporter, today=TODAY)
    # Then Q3 is still listed (never sent) but last, closed and no longer writable
    q3 = row.reports[-1]
    assert (q3.label, q3.state, q3.closed, q3.actionable, q3.late) == (
        "Quý III/2025",
        "missing",
        True,
        False,
        True,
    )
    # And the writable returned Q2 is what makes the task urgent
    assert row.reports[0].label == "Quý II/2025" and row.urgency == D(2025, 6, 20)


def test_a_task_owes_reports_only_from_the_period_in_which_it_starts(two_branches):
    w = two_branches
    plan = PlanFactory(unit=w.a.unit)
    template, _periods = quarterly(w.a.unit, plan)
    TaskFactory(plan=plan, lead_unit=w.a.child, start_date=D(2025, 7, 1), report_template=template)
    (row,) = my_tasks(user=w.a.child_reporter, today=TODAY)
    assert [o.label for o in row.reports] == ["Quý III/2025", "Quý IV/2025"]


def test_supporting_units_owe_reports_too_and_tasks_are_ordered_by_their_most_urgent_item(
    two_branches,
):
    # Given a task A's cell supports with no due date but a missing Q3 report,
    # and a task it leads due in ten days with no report template
    w = two_branches
    plan = PlanFactory(unit=w.b.unit)
    template, _periods = quarterly(w.b.unit, plan)
    TaskFactory(
        plan=plan,
        title="Phối hợp",
        lead_unit=w.b.child,
        supporting_units=[w.a.child],
        report_template=template,
    )
    TaskFactory(
        plan=PlanFactory(unit=w.a.unit),
        title="Việc riêng",
        lead_unit=w.a.child,
        due_date=TODAY + dt.timedelta(days=10),
    )
    rows = my_tasks(user=w.a.child_reporter, today=TODAY)
    # Then the supported task comes first (its Q2 report is overdue since 20/6)
    assert [r.title for r in rows] == ["Phối hợp", "Việc riêng"]
    assert {o.unit_id for o in rows[0].reports} == {w.a.child.pk}
    assert rows[1].reports == []


def test_another_branchs_tasks_and_reports_never_appear(story):
    # Given B's cell owes the same kind of report on B's own task
    w = story[0]
    plan_b = PlanFactory(unit=w.b.unit)
    template_b, _ = quarterly(w.b.unit, plan_b)
    TaskFactory(plan=plan_b, title="Riêng B", lead_unit=w.b.child, report_template=template_b)
    # Then A's reporter sees only A's task, and B's reporter only B's
    assert [r.title for r in my_tasks(user=w.a.child_reporter, today=TODAY)] == [
        "Sinh hoạt chuyên đề"
    ]
    assert [r.title for r in my_tasks(user=w.b.child_reporter, today=TODAY)] == ["Riêng B"]


def test_a_done_task_stays_while_a_report_is_owed_on_it(story):
    w, editor, _plan, _tpl, _periods, task = story
    from kehoach.execution.services.tasks import task_update

    task_update(actor=editor, task=task, status=TaskStatus.DONE, progress=100)
    (row,) = my_tasks(user=w.a.child_reporter, today=TODAY)
    assert row.status == TaskStatus.DONE and row.reports[0].label == "Quý II/2025"


def test_the_page_lists_the_owed_reports_with_links_and_a_fixed_number_of_queries(client, story):
    w, editor, _plan, _template, periods, _task = story
    client.force_login(w.a.child_reporter)
    page = client.get("/tasks/mine/").content.decode()
    # Returned Q2 and missing Q3 are before Q4 on the page, each with a link to write it
    assert page.index("Quý II/2025") < page.index("Quý III/2025") < page.index("Quý IV/2025")
    assert "Bị trả lại, cần sửa" in page and "Sửa, gửi báo cáo" in page
    assert f"?period={periods['2025-Q3'].pk}&amp;unit={w.a.child.pk}" in page
    assert "Quý I/2025" not in page

    def grow(n):
        """n more tasks (lead and support), each with past and current periods owed."""
        for i in range(n):
            tpl, ps = quarterly(w.a.unit, PlanFactory(unit=w.a.unit))
            for lead, support in ((w.a.child, []), (w.a.unit, [w.a.child])):
                t = TaskFactory(
                    plan=tpl.plan,
                    title=f"Thêm {i}",
                    lead_unit=lead,
                    supporting_units=support,
                    due_date=D(2026, 1, 1),
                    report_template=tpl,
                )
                sent(t, w.a.child, ps["2025-Q1"], outcome="returned", editor=editor)
                sent(t, w.a.child, ps["2025-Q2"], outcome="accepted", editor=editor)

    def count():
        with CaptureQueriesContext(connection) as ctx:
            r = client.get("/tasks/mine/")
        assert r.status_code == 200
        return len(ctx.captured_queries), r.content.decode()

    grow(1)
    before, _ = count()
    grow(2)
    after, page = count()
    assert after == before <= 10, (
        before,
        after,
    )  # session, user, the menu and unread count, the selectors
    assert page.count("Sửa, gửi báo cáo") >= 1 + 6
