"""The task page: the lead unit updates progress; editors also cancel and move due dates."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from kehoach.execution.tests.plans.factories import PlanFactory, TaskFactory
from kehoach.organizations.choices import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_tasks(two_branches):
    plan = PlanFactory(unit=two_branches.a.unit)
    a = TaskFactory(plan=plan, lead_unit=two_branches.a.child, due_date=dt.date(2026, 12, 1))
    b = TaskFactory(plan=plan, lead_unit=two_branches.a.unit, progress=100)
    return plan, a, b


def test_the_lead_units_reporter_updates_progress_but_not_the_due_date(
    client, two_branches, two_tasks
):
    plan, a, _b = two_tasks
    client.force_login(two_branches.a.child_reporter)
    page = client.get(f"/tasks/{a.pk}/").content.decode()
    assert "Cập nhật trạng thái, tiến độ" in page and 'name="due_date"' not in page
    client.post(
        f"/tasks/{a.pk}/update/",
        {"status": "in_progress", "progress": "40", "due_date": "2030-01-01", "version": a.version},
    )
    a.refresh_from_db()
    plan.refresh_from_db()
    assert (a.progress, a.due_date, plan.progress) == (
        Decimal(40),
        dt.date(2026, 12, 1),
        Decimal(70),
    )


def test_an_editor_cancels_a_task_and_the_plan_no_longer_counts_it(client, two_branches, two_tasks):
    plan, a, _b = two_tasks
    client.force_login(two_branches.user("a", Role.EDITOR))
    client.post(f"/tasks/{a.pk}/update/", {"status": "cancelled", "version": a.version})
    plan.refresh_from_db()
    assert plan.progress == Decimal(100)


def test_a_stale_form_is_refused_with_a_message(client, two_branches, two_tasks):
    _plan, a, _b = two_tasks
    client.force_login(two_branches.user("a", Role.EDITOR))
    client.post(
        f"/tasks/{a.pk}/update/", {"status": "in_progress", "progress": "10", "version": a.version}
    )
    r = client.post(
        f"/tasks/{a.pk}/update/",
        {"status": "in_progress", "progress": "20", "version": a.version},
        follow=True,
    )
    assert "người khác" in r.content.decode()
    a.refresh_from_db()
    assert a.progress == Decimal(10)


def test_a_viewer_gets_no_form_and_cannot_post(client, two_branches, two_tasks):
    _plan, a, _b = two_tasks
    client.force_login(two_branches.user("a", Role.VIEWER))
    assert "Cập nhật trạng thái" not in client.get(f"/tasks/{a.pk}/").content.decode()
    client.post(f"/tasks/{a.pk}/update/", {"status": "done", "version": a.version})
    a.refresh_from_db()
    assert a.status != "done"


def test_my_tasks_shows_the_report_owed_this_period_with_a_fixed_query_count(
    client, two_branches, query_pins
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from kehoach.execution.choices import Cycle
    from kehoach.execution.services.reports import (
        periods_generate,
        report_save,
        report_submit,
        template_create,
    )

    w = two_branches
    today = dt.date.today()

    def plan_with_task(title):
        plan = PlanFactory(unit=w.a.unit)
        template = template_create(
            actor=None, unit=w.a.unit, plan=plan, name="Quý", cycle=Cycle.QUARTERLY
        )
        periods_generate(actor=None, template=template, since=today, until=today)
        # The task recurs with the template: its lead unit owes one report per period.
        return TaskFactory(plan=plan, title=title, lead_unit=w.a.child, report_template=template)

    first = plan_with_task("Nhiệm vụ một")
    client.force_login(w.a.child_reporter)
    page = client.get("/tasks/mine/").content.decode()
    assert "Viết báo cáo" in page
    period = first.plan.report_templates.get().periods.get()
    report = report_save(actor=None, task=first, unit=w.a.child, period=period, narrative="Xong")
    report_submit(actor=None, report=report)
    with CaptureQueriesContext(connection) as ctx:
        page = client.get("/tasks/mine/").content.decode()
    assert "Đã gửi" in page
    for i in range(4):
        plan_with_task(f"Nhiệm vụ {i}")
    with CaptureQueriesContext(connection) as ctx2:
        client.get("/tasks/mine/")
    assert len(ctx2.captured_queries) == len(ctx.captured_queries)
    query_pins.check("page /tasks/mine/ with reports owed", len(ctx.captured_queries))


def test_an_editor_sets_lead_and_supporting_units_from_the_task_page(
    client, two_branches, two_tasks
):
    from kehoach.organizations.services import unit_create

    _plan, a, _b = two_tasks
    w = two_branches
    cell2 = unit_create(
        actor=None, kind="party_cell", name="Chi bộ A2", code="W-A2X", parent=w.a.unit
    )
    client.force_login(w.user("a", Role.EDITOR))
    assert "Giao đơn vị chủ trì, phối hợp" in client.get(f"/tasks/{a.pk}/").content.decode()
    r = client.post(
        f"/plans/{a.plan_id}/tasks/{a.pk}/assign/",
        {"lead_unit": cell2.pk, "supporting_units": [w.a.child.pk], "next": f"/tasks/{a.pk}/"},
    )
    assert r.url == f"/tasks/{a.pk}/"
    a.refresh_from_db()
    assert a.lead_unit == cell2
    assert list(a.supporting_units.all()) == [w.a.child]
    client.force_login(w.a.child_reporter)
    assert "Giao đơn vị chủ trì" not in client.get(f"/tasks/{a.pk}/").content.decode()
