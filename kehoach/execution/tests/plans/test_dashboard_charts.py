"""The leader's dashboard draws its charts from the numbers the domain computed, and every table
of the dashboard exports to XLSX with the page's rows, within the user's scope, in a fixed number
of queries.

The charts are drawn by the vendored Chart.js (no CDN) from a ``json_script`` block; each chart
keeps its numbers in a table for screen readers and for browsers without JavaScript.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from io import BytesIO
from typing import Any

import pytest
from openpyxl import load_workbook

from kehoach.core.browser import launch, needs_chromium
from kehoach.documents.tests.factories import DocumentFactory
from kehoach.execution.choices import Aggregation, Cycle, PlanStatus
from kehoach.execution.models.plans import Plan
from kehoach.execution.models.reports import ReportingPeriod
from kehoach.execution.services.indicators import indicator_create
from kehoach.execution.services.plans import plan_create, requirement_set
from kehoach.execution.services.reports import (
    periods_generate,
    report_accept,
    report_save,
    report_submit,
    template_create,
)
from kehoach.execution.services.tasks import task_create
from kehoach.execution.tests.plans.factories import TaskFactory
from kehoach.execution.tests.plans.test_query_counts_pages import assert_bounded, world  # noqa: F401
from kehoach.organizations.choices import Role

pytestmark = pytest.mark.django_db
TODAY = dt.date.today()
EXPORTS = [
    "status",
    "progress",
    "rag",
    "overdue",
    "indicators",
    "compliance",
    "upcoming",
    "deadlines",
]


def chart_data(html: str) -> dict[str, Any]:
    """The JSON the page hands to dashboard-charts.js (Django's json_script block)."""
    found = re.search(
        r'<script id="dashboard-data" type="application/json">(.*?)</script>', html, re.S
    )
    assert found, "no json_script block on the page"
    return json.loads(found.group(1))


def sheet(response: Any) -> list[list[Any]]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    ws = load_workbook(BytesIO(response.content)).active
    return [list(r) for r in ws.iter_rows(values_only=True)]


def body(rows: list[list[Any]], header_first: str) -> list[list[Any]]:
    """The rows under the header line (the sheet starts with a title and a note)."""
    start = next(i for i, r in enumerate(rows) if r[0] == header_first)
    return rows[start + 1 :]


def issued_plan(unit: Any, actor: Any, title: str) -> Plan:
    plan = plan_create(actor=actor, unit=unit, title=title)
    Plan.objects.filter(pk=plan.pk).update(status=PlanStatus.ISSUED, issued_on=TODAY)
    plan.refresh_from_db()
    return plan


def accepted(task: Any, unit: Any, period: Any, indicator: Any, value: int, base: int) -> None:
    report = report_save(
        actor=None,
        task=task,
        unit=unit,
        period=period,
        narrative="Đã thực hiện",
        values=[{"indicator": indicator, "value": value, "denominator": base}],
    )
    report_submit(actor=None, report=report)
    report_accept(actor=None, report=report)


@pytest.fixture
def scene(two_branches):
    """Branch A: an issued plan with an overdue task, a done task, a task due in five days, a
    rate indicator reported twice (45/50 then 10/20), a report deadline in ten days and a late
    implementing plan. Branch B: the same kinds of rows, which branch A must never see."""
    w = two_branches
    ed = w.user("a", Role.EDITOR)
    plan = issued_plan(w.a.unit, ed, "Kế hoạch tuyên truyền")
    overdue = task_create(
        actor=ed,
        plan=plan,
        title="Treo băng rôn",
        lead_unit=w.a.child,
        start_date=dt.date(2019, 1, 1),
        due_date=dt.date(2020, 1, 1),
    )
    TaskFactory(plan=plan, title="Đăng tin bài", lead_unit=w.a.child, progress=100)
    task_create(
        actor=ed,
        plan=plan,
        title="Họp chi bộ chuyên đề",
        lead_unit=w.a.child,
        start_date=TODAY,
        due_date=TODAY + dt.timedelta(days=5),
    )
    indicator = indicator_create(
        actor=ed,
        plan=plan,
        name="Tỷ lệ đảng viên dự sinh hoạt",
        aggregation=Aggregation.RATE,
        target=80,
    )
    tpl = template_create(
        actor=ed, unit=w.a.unit, plan=plan, name="Báo cáo quý", cycle=Cycle.QUARTERLY
    )
    (q1,) = periods_generate(
        actor=ed, template=tpl, since=dt.date(2025, 1, 20), until=dt.date(2025, 1, 20)
    )
    (q2,) = periods_generate(
        actor=ed, template=tpl, since=dt.date(2025, 5, 20), until=dt.date(2025, 5, 20)
    )
    accepted(overdue, w.a.child, q1, indicator, 45, 50)
    accepted(overdue, w.a.child, q2, indicator, 10, 20)
    (now,) = periods_generate(actor=ed, template=tpl, since=TODAY, until=TODAY)
    ReportingPeriod.objects.filter(pk=now.pk).update(deadline=TODAY + dt.timedelta(days=10))
    directive = DocumentFactory(owner_unit=w.a.unit, number="27")
    requirement_set(
        actor=ed,
        directive=directive,
        required_by=w.a.unit,
        unit=w.a.child,
        due_date=dt.date(2020, 1, 1),
    )
    # Branch B
    edb = w.user("b", Role.EDITOR)
    plan_b = issued_plan(w.b.unit, edb, "Kế hoạch nhánh B")
    task_create(
        actor=edb,
        plan=plan_b,
        title="Việc quá hạn nhánh B",
        lead_unit=w.b.child,
        start_date=dt.date(2019, 1, 1),
        due_date=dt.date(2020, 1, 1),
    )
    indicator_create(
        actor=edb, plan=plan_b, name="Chỉ tiêu nhánh B", aggregation=Aggregation.SUM, target=3
    )
    return w


def test_the_page_loads_the_local_chart_library_and_no_outside_script(client, scene):
    client.force_login(scene.user("a", Role.EDITOR))
    html = client.get("/plans/dashboard/").content.decode()
    scripts = re.findall(r'<script[^>]*src="([^"]+)"', html)
    assert "/static/vendor/chart-4.6.1.umd.min.js" in scripts
    assert "/static/plans/dashboard-charts.js" in scripts
    assert all(s.startswith("/static/") for s in scripts), scripts
    # Each chart is an image with its numbers in words, and its table stays on the page.
    canvases = re.findall(r"<canvas ([^>]*)>", html)
    assert {re.search(r'data-chart="(\w+)"', c).group(1) for c in canvases} == {
        "plans",
        "rag",
        "indicator",
    }
    assert all('role="img"' in c and 'aria-label="' in c for c in canvases)
    assert html.count("data-chart-fallback open") == 3  # open until the charts are drawn


def test_the_chart_data_holds_the_numbers_the_domain_computed(client, scene):
    client.force_login(scene.user("a", Role.EDITOR))
    data = chart_data(client.get("/plans/dashboard/").content.decode())
    assert {p["label"]: p["count"] for p in data["plans"]} == {
        "Dự thảo": 0,
        "Đã ban hành": 1,
        "Đã kết thúc": 0,
        "Hủy bỏ": 0,
    }
    assert [c["key"] for c in data["rag"]["colours"]] == ["red", "amber", "green", "grey"]
    (cell,) = [u for u in data["rag"]["units"] if u["name"] == "Chi bộ A1"]
    # Overdue (red), due in five days (amber), done (green); the row drills down to the cell
    assert cell == {
        "name": "Chi bộ A1",
        "unit_id": scene.a.child.pk,
        "drill": True,
        "total": 3,
        "progress": None,  # the cell has no issued plan of its own
        "counts": [1, 1, 1, 0],
    }
    ((block,),) = [b["items"] for b in data["indicators"]]
    # Σ attended / Σ expected = 55 / 70, not the mean of 90% and 50%
    assert block["value"] == 78.57
    assert (block["target"], block["comparator"], block["met"], block["rate"]) == (
        80.0,
        ">=",
        False,
        True,
    )


def test_a_drill_down_charts_the_units_below(client, scene):
    client.force_login(scene.root_admin)
    data = chart_data(client.get("/plans/dashboard/").content.decode())
    names = {u["name"]: u for u in data["rag"]["units"]}
    assert names["Thành ủy Nhánh A"]["total"] == 3 and names["Thành ủy Nhánh A"]["drill"]
    assert names["Đảng ủy Nhánh B"]["counts"][0] == 1
    page = client.get(f"/plans/dashboard/?unit={scene.a.unit.pk}").content.decode()
    assert [u["name"] for u in chart_data(page)["rag"]["units"]] == ["Chi bộ A1"]


def test_another_branch_is_absent_from_the_charts_and_every_export(client, scene):
    client.force_login(scene.user("a", Role.EDITOR))
    html = client.get("/plans/dashboard/").content.decode()
    text = json.dumps(chart_data(html), ensure_ascii=False)
    for foreign in ("nhánh B", "Nhánh B", "Chi bộ B1"):
        assert foreign not in text and foreign not in html
    for table in EXPORTS:
        cells = {str(c) for r in sheet(client.get(f"/plans/dashboard/{table}.xlsx")) for c in r}
        assert not any("nhánh B" in c or "B1" in c for c in cells), table
        r = client.get(f"/plans/dashboard/{table}.xlsx?unit={scene.b.unit.pk}")
        assert r.status_code == 404, table


def test_every_dashboard_table_exports_the_pages_rows(client, scene):
    client.force_login(scene.user("a", Role.EDITOR))
    html = client.get("/plans/dashboard/").content.decode()
    data = chart_data(html)
    for table in EXPORTS:
        assert f"/plans/dashboard/{table}.xlsx?unit={scene.a.unit.pk}" in html, table
    get = lambda t: sheet(client.get(f"/plans/dashboard/{t}.xlsx"))  # noqa: E731

    status = body(get("status"), "Trạng thái")
    assert status == [[p["label"], p["count"]] for p in data["plans"]]

    rag = body(get("rag"), "Đơn vị")
    assert [[r[0], *r[2:]] for r in rag] == [
        [u["name"], *u["counts"], u["progress"]] for u in data["rag"]["units"]
    ]

    (ind,) = body(get("indicators"), "Kế hoạch")
    assert ind[1:] == [
        "Tỷ lệ đảng viên dự sinh hoạt",
        "%",
        "Tỷ lệ từ số liệu gốc (Σ số đạt / Σ tổng số)",
        ">=",
        80,
        78.57,
        55,
        70,
        2,
        "Chưa đạt",
    ]
    assert isinstance(ind[6], float)  # a number cell, not text

    compliance = dict((r[0], r[1]) for r in body(get("compliance"), "Tình trạng"))
    assert compliance == {
        "Đã ban hành": 0,
        "Ban hành muộn": 0,
        "Quá hạn, chưa ban hành": 1,
        "Chưa đến hạn": 0,
    }

    (overdue,) = body(get("overdue"), "Hạn")
    assert overdue[1:4] == ["Treo băng rôn", "Chi bộ A1", "Kế hoạch tuyên truyền"]
    assert overdue[5] == (TODAY - dt.date(2020, 1, 1)).days

    (upcoming,) = body(get("upcoming"), "Hạn")
    assert upcoming[1:3] == ["Họp chi bộ chuyên đề", "Chi bộ A1"] and upcoming[5] == 5
    assert isinstance(upcoming[0], dt.datetime)

    (deadline,) = body(get("deadlines"), "Hạn gửi")
    assert deadline[1] == "Báo cáo quý" and deadline[3:] == ["Thành ủy Nhánh A", 10]
    # The page lists the same rows
    for text in ("Treo băng rôn", "Họp chi bộ chuyên đề", "Báo cáo quý"):
        assert text in html


def test_an_unknown_table_is_not_found(client, scene):
    client.force_login(scene.user("a", Role.EDITOR))
    assert client.get("/plans/dashboard/nothing.xlsx").status_code == 404


@pytest.mark.parametrize("table", EXPORTS)
def test_each_export_runs_a_fixed_number_of_queries(client, world, table):  # noqa: F811
    assert_bounded(client, world, world.editor, lambda o: f"/plans/dashboard/{table}.xlsx")


@pytest.mark.browser
@needs_chromium
def test_the_browser_draws_the_charts_offline_and_a_click_drills_down(
    live_server, transactional_db
):
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import expect, sync_playwright

    from kehoach.accounts.tests.factories import TEST_PASSWORD
    from kehoach.organizations.testing import make_two_branches

    w = make_two_branches()
    plan = issued_plan(w.a.unit, None, "Kế hoạch")
    TaskFactory(plan=plan, lead_unit=w.a.child, due_date=dt.date(2020, 1, 1), progress=10)
    base = live_server.url
    with sync_playwright() as p:
        browser = launch(p)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        outside: list[str] = []
        page.on(
            "request",
            lambda r: None if r.url.startswith((base, "data:")) else outside.append(r.url),
        )
        page.goto(f"{base}/accounts/login/")
        page.fill("#id_username", w.root_admin.username)
        page.fill("#id_password", TEST_PASSWORD)
        page.press("#id_password", "Enter")
        page.wait_for_load_state("networkidle")
        page.goto(f"{base}/plans/dashboard/")
        expect(page.locator(".chart.drawn")).to_have_count(2)  # plans, RAG (no indicators)
        assert page.locator("#rag-table").get_attribute("open") is None
        # Click the row of "Thành ủy Nhánh A" on the chart: the page drills down to it
        box = page.evaluate(
            """() => { const c = Chart.getChart(document.querySelector('[data-chart=rag]'));
            c.canvas.scrollIntoView();
            const i = c.data.labels.indexOf('Thành ủy Nhánh A');
            const bar = c.getDatasetMeta(0).data[i]; const r = c.canvas.getBoundingClientRect();
            return {x: r.left + (c.chartArea.left + c.chartArea.right) / 2, y: r.top + bar.y}; }"""
        )
        page.mouse.click(box["x"], box["y"])
        page.wait_for_load_state("networkidle")
        expect(page.locator("h1")).to_contain_text("Thành ủy Nhánh A")
        expect(page.locator(".chart.drawn")).to_have_count(2)
        assert outside == []
        browser.close()
