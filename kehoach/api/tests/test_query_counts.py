"""Every list endpoint of the execution and results API runs the same number of queries with a
few rows and with many (no query per row), pinned in ``query_counts.json``."""

from __future__ import annotations

import datetime as dt
from itertools import count

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kehoach.api.tests.conftest import api_for
from kehoach.documents.tests.factories import DocumentFactory
from kehoach.execution.choices import Aggregation, Cycle
from kehoach.execution.models import PlanRequirement
from kehoach.execution.services.indicators import indicator_create
from kehoach.execution.services.reports import (
    periods_generate,
    report_save,
    report_submit,
    template_create,
)
from kehoach.execution.tests.plans.factories import PlanFactory, TaskFactory
from kehoach.results.services import results_compile

pytestmark = pytest.mark.django_db

_n = count()


def grow(cascade, rows: int) -> None:
    """``rows`` more plans of branch A, each with a template and its periods, a task led by the
    cell (the head unit supporting), an indicator, a submitted report with figures, a
    requirement on the cell and a compiled results report."""
    a = cascade.world.a
    for _ in range(rows):
        i = next(_n)
        plan = PlanFactory(unit=a.unit, title=f"Kế hoạch thêm {i}")
        template = template_create(
            actor=None, unit=a.unit, plan=plan, name=f"Báo cáo {i}", cycle=Cycle.QUARTERLY
        )
        (period,) = periods_generate(
            actor=None, template=template, since=dt.date(2026, 10, 1), until=dt.date(2026, 10, 1)
        )
        task = TaskFactory(
            plan=plan,
            title=f"Nhiệm vụ thêm {i}",
            lead_unit=a.child,
            supporting_units=[a.unit],
            report_template=template,
            start_date=dt.date(2026, 1, 1),
            due_date=dt.date(2026, 12, 31),
        )
        ind = indicator_create(actor=None, plan=plan, name=f"Chỉ tiêu {i}", aggregation="sum")
        rate = indicator_create(
            actor=None, plan=cascade.a.plan, name=f"Tỷ lệ {i}", aggregation=Aggregation.RATE
        )
        report = report_save(
            actor=None,
            task=task,
            unit=a.child,
            period=period,
            narrative=f"Kết quả {i}",
            values=[{"indicator": ind, "value": 2}],
        )
        report_submit(actor=None, report=report)
        report_save(
            actor=None,
            task=cascade.a.task,
            unit=a.child,
            period=cascade.a.open,
            narrative=f"Kết quả {i}",
            values=[{"indicator": rate, "value": 4, "denominator": 5}],
        )
        directive = DocumentFactory(owner_unit=a.unit, issuer_unit=a.unit, title=f"Chỉ thị {i}")
        PlanRequirement.objects.create(
            directive=directive, required_by=a.unit, unit=a.child, due_date=dt.date(2027, 1, 1)
        )
        results_compile(actor=None, plan=plan, period=period, today=dt.date(2026, 10, 20))


def queries(user, url: str) -> int:
    """The queries of one request, as a fresh request reads them (the caller's memberships
    included: they are cached on the user object only for one request)."""
    api = api_for(type(user).objects.get(pk=user.pk))
    with CaptureQueriesContext(connection) as ctx:
        response = api.get(url)
    assert response.status_code == 200, (url, response.content[:300])
    return len(ctx.captured_queries)


ENDPOINTS = {
    "editor": [
        "/api/plans/",
        "/api/plans/?q=ke+hoach&year=2026",
        "/api/plans/{plan}/",
        "/api/tasks/",
        "/api/requirements/",
        "/api/report-templates/",
        "/api/periods/",
        "/api/reports/",
        "/api/reports/?review=true",
        "/api/indicators/?plan={plan}",
        "/api/results-reports/",
    ],
    "reporter": [
        "/api/tasks/?mine=true",
        "/api/requirements/?mine=true",
        "/api/reports/",
        "/api/plans/{root_plan}/",
    ],
}


@pytest.mark.parametrize(
    ("who", "url"), [(who, url) for who, urls in ENDPOINTS.items() for url in urls]
)
def test_every_list_endpoint_runs_a_fixed_number_of_queries(cascade, who, url, query_pins):
    user = cascade.editor("a") if who == "editor" else cascade.reporter("a")
    template = url
    url = url.format(plan=cascade.a.plan.pk, root_plan=cascade.root_plan.pk)
    grow(cascade, 1)
    before = queries(user, url)
    grow(cascade, 4)
    after = queries(user, url)
    assert after == before, f"{url}: {before} queries with few rows, {after} with more"
    query_pins.check(f"api {who}: {template}", after)
