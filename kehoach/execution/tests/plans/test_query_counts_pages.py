"""Every list and dashboard page of issue 4 runs the same number of queries whatever the data.

Each test measures a page with N rows of everything it shows, adds 2N more of *each* kind
(sub-units, directives and requirements, plans, tasks with supporting units and sub-tasks,
report periods, reports with figures and evidence, indicators with unit targets, notifications)
and measures again: the count must not move. ``test_pages.py`` pins the lists for one kind of
growth; this file grows every dimension a page reads, including the detail pages that list rows
(a plan's tasks, a task's reports, a report's figures and evidence).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from itertools import count
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kehoach.documents.tests.factories import DocumentFactory
from kehoach.execution.choices import Aggregation, Cycle, PlanStatus
from kehoach.execution.models.plans import Plan
from kehoach.execution.services.evidence import evidence_add
from kehoach.execution.services.indicators import indicator_create
from kehoach.execution.services.plans import plan_create, requirement_set
from kehoach.execution.services.reports import (
    periods_generate,
    report_save,
    report_submit,
    template_create,
)
from kehoach.execution.services.tasks import task_create
from kehoach.notifications.services import notification_send
from kehoach.organizations.choices import Role, UnitKind
from kehoach.organizations.services import unit_create

pytestmark = pytest.mark.django_db
TODAY = dt.date.today()
SEQ = count(1)


@dataclass
class World:
    """Branch A of ``two_branches`` with a plan, a task, a report and everything around them."""

    w: Any
    editor: Any
    reporter: Any
    plan: Any = None
    task: Any = None
    report: Any = None
    period: Any = None
    indicators: list[Any] = field(default_factory=list)

    def grow(self, n: int) -> None:
        """Add ``n`` of every kind of row the pages read."""
        w, ed = self.w, self.editor
        for _ in range(n):
            i = next(SEQ)
            cell = unit_create(
                actor=None, kind=UnitKind.PARTY_CELL, name=f"Chi bộ thôn {i}", parent=w.a.unit
            )
            directive = DocumentFactory(owner_unit=w.a.unit, number=str(500 + i))
            for unit in (w.a.child, cell):
                requirement_set(
                    actor=ed,
                    directive=directive,
                    required_by=w.a.unit,
                    unit=unit,
                    due_date=TODAY + dt.timedelta(days=i - 3),
                )
            other = plan_create(actor=ed, unit=w.a.unit, title=f"Kế hoạch {i}", parent=self.plan)
            Plan.objects.filter(pk=other.pk).update(status=PlanStatus.ISSUED, issued_on=TODAY)
            tops = []
            for plan in (self.plan, other):
                top = task_create(
                    actor=ed,
                    plan=plan,
                    title=f"Nhiệm vụ {i}",
                    lead_unit=w.a.child,
                    supporting_units=[w.a.unit, cell],
                    start_date=TODAY - dt.timedelta(days=30),
                    due_date=TODAY + dt.timedelta(days=i % 20 - 10),
                )
                task_create(actor=ed, plan=plan, title=f"Việc con {i}", lead_unit=cell, parent=top)
                tops.append(top)
            ind = indicator_create(
                actor=ed,
                plan=self.plan,
                name=f"Tỷ lệ đảng viên dự {i}",
                aggregation=Aggregation.RATE,
                target=95,
                unit_targets={w.a.child: 90, cell: 98},
            )
            self.indicators.append(ind)
            # A new monthly template on the plan: more periods for the fixed task's reports.
            tpl = template_create(
                actor=ed, unit=w.a.unit, plan=self.plan, name=f"Báo cáo {i}", cycle=Cycle.MONTHLY
            )
            (period,) = periods_generate(actor=ed, template=tpl, since=TODAY, until=TODAY)
            values = [{"indicator": x, "value": 9, "denominator": 10} for x in self.indicators]
            report_save(
                actor=self.reporter,
                task=self.task,
                unit=w.a.child,
                period=period,
                narrative="Đã làm",
                values=values,
            )
            queued = report_save(
                actor=self.reporter,
                task=tops[0],
                unit=w.a.child,
                period=period,
                narrative="Xong",
                progress=50,
                values=values,
            )
            report_submit(actor=self.reporter, report=queued)
            # The fixed report gets more figures (one per indicator) and more evidence.
            self.report = report_save(
                actor=self.reporter,
                task=self.task,
                unit=w.a.child,
                period=self.period,
                narrative="Đang làm",
                values=values,
                expected_version=self.report.version if self.report else None,
            )
            evidence_add(
                actor=self.reporter,
                report=self.report,
                kind="link",
                url=f"https://example.gov.vn/tin/{i}",
                caption=f"Tin {i}",
            )
            for user in (ed, self.reporter):
                notification_send(
                    user=user, kind="assigned", key=f"test:{i}", title=f"Việc {i}", email=False
                )


@pytest.fixture
def world(two_branches):
    w = two_branches
    ed = w.user("a", Role.EDITOR)
    world = World(w=w, editor=ed, reporter=w.a.child_reporter)
    world.plan = plan_create(actor=ed, unit=w.a.unit, title="Kế hoạch tuyên truyền năm nay")
    Plan.objects.filter(pk=world.plan.pk).update(status=PlanStatus.ISSUED, issued_on=TODAY)
    world.task = task_create(
        actor=ed,
        plan=world.plan,
        title="Sinh hoạt chi bộ chuyên đề",
        lead_unit=w.a.child,
        supporting_units=[w.a.unit],
        start_date=TODAY - dt.timedelta(days=60),
        due_date=TODAY + dt.timedelta(days=60),
    )
    tpl = template_create(
        actor=ed, unit=w.a.unit, plan=world.plan, name="Báo cáo quý", cycle=Cycle.QUARTERLY
    )
    (world.period,) = periods_generate(actor=ed, template=tpl, since=TODAY, until=TODAY)
    return world


def queries(client: Any, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        r = client.get(url)
    assert r.status_code == 200, (url, r.status_code)
    return len(ctx.captured_queries)


def assert_bounded(client: Any, world: World, user: Any, url: Any, pin: Any = None) -> None:
    """Same count with N and with 3N rows of everything (N = 1 after the fixture's own)."""
    client.force_login(user)
    world.grow(1)
    before = queries(client, url(world))
    world.grow(2)
    after = queries(client, url(world))
    assert after == before, f"{url(world)}: {before} queries with N rows, {after} with 3N"
    if pin is not None:
        pin(after)


EDITOR_PAGES = {
    "plan list": lambda o: "/plans/",
    "plan list, filtered": lambda o: "/plans/?status=issued&q=Kế+hoạch",
    "dashboard": lambda o: "/plans/dashboard/",
    "dashboard, drill-down": lambda o: f"/plans/dashboard/?unit={o.w.a.child.pk}",
    "dashboard plan progress (XLSX)": lambda o: "/plans/dashboard/progress.xlsx",
    "dashboard units and progress (XLSX)": lambda o: "/plans/dashboard/rag.xlsx",
    "compliance matrix": lambda o: "/plans/compliance/",
    "plan page": lambda o: f"/plans/{o.plan.pk}/",
    "task page": lambda o: f"/tasks/{o.task.pk}/",
    "review queue": lambda o: "/reports/review/",
    "report page": lambda o: f"/reports/{o.report.pk}/",
    "inbox": lambda o: "/notifications/",
}
REPORTER_PAGES = {
    "việc của tôi": lambda o: "/tasks/mine/",
    "task page": lambda o: f"/tasks/{o.task.pk}/",
    "writing a report": lambda o: (
        f"/tasks/{o.task.pk}/report/?unit={o.w.a.child.pk}&period={o.period.pk}"
    ),
    "report page": lambda o: f"/reports/{o.report.pk}/",
    "inbox": lambda o: "/notifications/",
}


@pytest.mark.parametrize("name", list(EDITOR_PAGES))
def test_an_officers_page_runs_a_fixed_number_of_queries(client, world, name, query_pins):
    assert_bounded(
        client,
        world,
        world.editor,
        EDITOR_PAGES[name],
        lambda n: query_pins.check(f"editor: {name}", n),
    )


@pytest.mark.parametrize("name", list(REPORTER_PAGES))
def test_a_reporters_page_runs_a_fixed_number_of_queries(client, world, name, query_pins):
    assert_bounded(
        client,
        world,
        world.reporter,
        REPORTER_PAGES[name],
        lambda n: query_pins.check(f"reporter: {name}", n),
    )


def test_the_compliance_form_page_lists_directives_without_a_query_each(client, world):
    """With a directive chosen (the form to set a deadline) the count stays fixed too."""
    client.force_login(world.editor)
    world.grow(1)
    directive = world.w.a.unit.owned_documents.order_by("id").first()
    url = f"/plans/compliance/?document={directive.pk}"
    before = queries(client, url)
    world.grow(2)
    assert queries(client, url) == before
