"""The execution pages end to end through HTTP, scoping, and pinned query counts."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kehoach.execution.choices import Cycle
from kehoach.execution.models.plans import Plan
from kehoach.execution.models.reports import ProgressReport
from kehoach.execution.models.tasks import Task
from kehoach.execution.services.reports import periods_generate, template_create
from kehoach.execution.tests.plans.factories import PlanFactory, TaskFactory
from kehoach.execution.tests.plans.test_drafting import city  # noqa: F401  (fixture)
from kehoach.organizations.choices import Role

pytestmark = pytest.mark.django_db
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def login(client, user):
    client.force_login(user)
    return client


def test_an_officer_builds_issues_and_a_cell_reports_until_accepted(client, two_branches, city):  # noqa: F811
    w = two_branches
    editor = w.user("a", Role.EDITOR)
    login(client, editor)
    # The officer imported the province plan into the registry (so it is in the city's scope)
    city["parent"].owner_unit = w.a.unit
    city["parent"].save(update_fields=["owner_unit"])
    # The officer drafts the city's plan from the province plan in the registry
    r = client.post("/plans/new/", {"document": city["parent"].pk, "unit": w.a.unit.pk})
    assert r.status_code == 302, r.content.decode()[-3000:]
    plan = Plan.objects.get(unit=w.a.unit)
    assert r.status_code == 302 and r.url == f"/plans/{plan.pk}/"
    page = client.get(r.url).content.decode()
    assert "Thực hiện Kế hoạch số 121-KH/TU" in page
    # ... maps the unmatched task to cell A2 and issues the plan
    rural = Task.objects.get(plan=plan, title="Tuyên truyền ở nông thôn")
    r = client.post(f"/plans/{plan.pk}/tasks/{rural.pk}/assign/", {"lead_unit": city["cell2"].pk})
    rural.refresh_from_db()
    assert rural.lead_unit == city["cell2"]
    template = template_create(
        actor=editor, unit=w.a.unit, plan=plan, name="Báo cáo quý", cycle=Cycle.QUARTERLY
    )
    (q,) = periods_generate(
        actor=editor, template=template, since=dt.date(2026, 11, 1), until=dt.date(2026, 11, 1)
    )
    r = client.post(
        f"/plans/{plan.pk}/issue/", {"number": "15", "date": "2026-11-20", "signer": "Nguyễn Văn A"}
    )
    plan.refresh_from_db()
    assert plan.code == "15-KH/ThUA"
    # A cell reporter finds the task in "Việc của tôi" and reports with a photo
    cell_task = Task.objects.get(plan=plan, lead_unit=w.a.child)
    login(client, w.a.child_reporter)
    assert cell_task.title in client.get("/tasks/mine/").content.decode()
    r = client.post(
        f"/tasks/{cell_task.pk}/report/",
        {
            "unit": w.a.child.pk,
            "period": q.pk,
            "narrative": "Đã sinh hoạt chuyên đề.",
            "progress": "50",
            "save": "1",
        },
    )
    report = ProgressReport.objects.get(task=cell_task)
    assert r.url == f"/reports/{report.pk}/"
    client.post(
        f"/reports/{report.pk}/evidence/",
        {
            "kind": "photo",
            "taken_on": "2026-11-05",
            "caption": "Buổi sinh hoạt",
            "file": SimpleUploadedFile("anh.png", PNG),
        },
    )
    client.post(f"/reports/{report.pk}/submit/")
    # The officer returns it; the reporter fixes and resubmits; the officer accepts
    login(client, editor)
    assert "Buổi sinh hoạt" not in client.get("/reports/review/").content.decode()
    client.post(f"/reports/{report.pk}/return/", {"comment": "Ghi rõ số đảng viên dự."})
    login(client, w.a.child_reporter)
    client.post(
        f"/tasks/{cell_task.pk}/report/",
        {
            "unit": w.a.child.pk,
            "period": q.pk,
            "narrative": "Đã sinh hoạt, 20/20 đảng viên dự.",
            "progress": "60",
            "submit": "1",
        },
    )
    login(client, editor)
    client.post(f"/reports/{report.pk}/accept/", {"comment": ""})
    report.refresh_from_db()
    assert report.status == "accepted"
    cell_task.refresh_from_db()
    assert cell_task.progress == 60
    # The dashboard shows the new progress
    page = client.get("/plans/dashboard/").content.decode()
    assert "Bảng điều hành" in page and w.a.child.name in page
    plan.refresh_from_db()
    assert plan.progress and plan.progress > 0  # rolled up from the accepted 60%
    progress_table = page.split('id="progress-title"')[1].split("</section>")[0]
    assert plan.code in progress_table and f'value="{plan.progress}"' in progress_table
    photo = report.evidence.get()
    r = client.get(f"/reports/{report.pk}/evidence/{photo.pk}/")
    assert r["Content-Type"] == "image/png"


def test_other_branches_get_not_found_on_every_page(client, two_branches):
    plan = PlanFactory(unit=two_branches.a.unit)
    task = TaskFactory(plan=plan, lead_unit=two_branches.a.child)
    login(client, two_branches.user("b", Role.ADMIN))
    for url in (f"/plans/{plan.pk}/", f"/tasks/{task.pk}/"):
        assert client.get(url).status_code == 404
    assert client.post(f"/plans/{plan.pk}/issue/", {}).status_code == 404


def _count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        r = client.get(url)
    assert r.status_code == 200, url
    return len(ctx.captured_queries)


@pytest.mark.parametrize(
    "url",
    [
        "/plans/",
        "/tasks/mine/",
        "/reports/review/",
        "/notifications/",
        "/plans/dashboard/",
        "/plans/compliance/",
    ],
)
def test_list_pages_use_a_fixed_number_of_queries(client, two_branches, url, query_pins):
    w = two_branches
    login(client, w.a.child_reporter if "mine" in url else w.user("a", Role.EDITOR))

    def grow(n):
        for _ in range(n):
            plan = PlanFactory(unit=w.a.unit)
            Plan.objects.filter(pk=plan.pk).update(status="issued")
            TaskFactory(
                plan=plan,
                lead_unit=w.a.child,
                supporting_units=[w.a.unit],
                due_date=dt.date(2020, 1, 1),
            )

    grow(1)
    before = _count(client, url)
    grow(4)
    assert _count(client, url) == before
    query_pins.check(f"page {url}", before)


def test_the_plan_page_uses_a_fixed_number_of_queries(client, two_branches, query_pins):
    w = two_branches
    plan = PlanFactory(unit=w.a.unit)
    TaskFactory(plan=plan, lead_unit=w.a.child)
    login(client, w.user("a", Role.EDITOR))
    before = _count(client, f"/plans/{plan.pk}/")
    for _ in range(5):
        parent = TaskFactory(plan=plan, lead_unit=w.a.child, supporting_units=[w.a.unit])
        TaskFactory(plan=plan, parent=parent, lead_unit=w.a.child)
    assert _count(client, f"/plans/{plan.pk}/") == before
    query_pins.check("page /plans/<id>/", before)


def test_the_plan_page_adds_tasks_reports_and_indicators_and_closes_periods(client, two_branches):
    w = two_branches
    plan = PlanFactory(
        unit=w.a.unit, period_start=dt.date(2025, 1, 1), period_end=dt.date(2025, 12, 31)
    )
    login(client, w.user("a", Role.EDITOR))
    client.post(
        f"/plans/{plan.pk}/tasks/add/",
        {
            "title": "Treo băng rôn",
            "lead_unit": w.a.child.pk,
            "weight": "2",
            "due_date": "2025-05-19",
        },
    )
    task = Task.objects.get(plan=plan)
    assert (task.lead_unit, task.weight) == (w.a.child, 2)
    client.post(
        f"/plans/{plan.pk}/reports/add/",
        {
            "name": "Báo cáo quý",
            "cycle": "quarterly",
            "cutoff_day": "15",
            "deadline_kind": "day_of_last_month",
            "deadline_value": "20",
        },
    )
    template = plan.report_templates.get()
    assert [p.key for p in template.periods.order_by("start")] == [
        "2025-Q1",
        "2025-Q2",
        "2025-Q3",
        "2025-Q4",
        "2026-Q1",
    ]
    r = client.post(
        f"/plans/{plan.pk}/reports/add/",
        {
            "name": "Sai",
            "cycle": "quarterly",
            "cutoff_day": "15",
            "deadline_kind": "day_of_last_month",
            "deadline_value": "6",
        },
        follow=True,
    )
    assert "phải sau ngày chốt số liệu" in r.content.decode()
    client.post(
        f"/plans/{plan.pk}/indicators/add/",
        {
            "name": "Tỷ lệ đảng viên dự",
            "aggregation": "rate",
            "comparator": ">=",
            "target": "98",
            "measure_unit": "%",
        },
    )
    assert plan.indicators.get().target == 98
    q1 = template.periods.get(key="2025-Q1")
    client.post(f"/plans/{plan.pk}/periods/{q1.pk}/close/")
    q1.refresh_from_db()
    assert q1.is_closed
    page = client.get(f"/plans/{plan.pk}/").content.decode()
    assert "Quý I/2025" in page and "Đã khóa số liệu" in page


def test_the_officer_edits_the_drafts_text_until_it_is_issued(client, two_branches):
    w = two_branches
    plan = PlanFactory(
        unit=w.a.unit,
        title="Dự thảo",
        preamble="Mở đầu cũ",
        sections=[
            {
                "number": "I",
                "heading": "MỤC ĐÍCH",
                "role": "purpose",
                "text": "Cũ",
                "children": [{"number": "1", "heading": "Con"}],
            }
        ],
    )
    login(client, w.user("a", Role.EDITOR))
    assert "Sửa nội dung dự thảo" in client.get(f"/plans/{plan.pk}/").content.decode()
    r = client.post(
        f"/plans/{plan.pk}/edit/",
        {
            "title": "Kế hoạch tuyên truyền mới",
            "preamble": "Thực hiện ...",
            "version": plan.version,
            "heading_0": "MỤC ĐÍCH, YÊU CẦU",
            "text_0": "Nâng cao nhận thức.",
        },
    )
    assert r.status_code == 302
    plan.refresh_from_db()
    assert (plan.title, plan.sections[0]["heading"], plan.sections[0]["text"]) == (
        "Kế hoạch tuyên truyền mới",
        "MỤC ĐÍCH, YÊU CẦU",
        "Nâng cao nhận thức.",
    )
    assert plan.sections[0]["children"] == [{"number": "1", "heading": "Con"}]
    # A second save from the same (now stale) form is refused
    r = client.post(
        f"/plans/{plan.pk}/edit/",
        {"title": "Ghi đè", "version": plan.version - 1, "heading_0": "X", "text_0": ""},
    )
    assert r.status_code == 400 and "người khác" in r.content.decode()
    Plan.objects.filter(pk=plan.pk).update(status="issued")
    r = client.post(
        f"/plans/{plan.pk}/edit/",
        {"title": "Sau khi ban hành", "version": plan.version, "heading_0": "X", "text_0": ""},
    )
    assert r.status_code == 400 and "đã ban hành" in r.content.decode()


def test_a_closed_periods_page_shows_the_frozen_figures_not_the_live_ones(client, two_branches):
    from kehoach.execution.services.closing import period_close
    from kehoach.execution.services.tasks import task_update

    w = two_branches
    plan = PlanFactory(unit=w.a.unit)
    task = TaskFactory(plan=plan, title="Treo băng rôn", lead_unit=w.a.child, progress=30)
    template = template_create(
        actor=None, unit=w.a.unit, plan=plan, name="Báo cáo quý", cycle=Cycle.QUARTERLY
    )
    (q,) = periods_generate(
        actor=None, template=template, since=dt.date(2025, 1, 1), until=dt.date(2025, 1, 1)
    )
    login(client, w.user("a", Role.VIEWER))
    assert client.get(f"/plans/{plan.pk}/periods/{q.pk}/").status_code == 404  # still open
    period_close(actor=None, period=q)
    task_update(actor=None, task=task, progress=90)
    page = client.get(f"/plans/{plan.pk}/periods/{q.pk}/").content.decode()
    assert "Treo băng rôn" in page and "30%" in page and "90%" not in page
    login(client, w.user("b", Role.ADMIN))
    assert client.get(f"/plans/{plan.pk}/periods/{q.pk}/").status_code == 404


def test_the_superior_sets_an_issuing_deadline_from_the_compliance_page(client, two_branches):
    from kehoach.documents.models import Document
    from kehoach.execution.models.plans import PlanRequirement

    w = two_branches
    d = Document.objects.create(
        code="27-CT/TW",
        code_key="27-ct-tw",
        owner_unit=w.root,
        sort_date=dt.date(2023, 12, 25),
        dedupe_key="k27",
        title="Chỉ thị",
    )
    login(client, w.root_admin)
    assert "27-CT/TW" in client.get("/plans/compliance/").content.decode()  # offered in the picker
    due = timezone.localdate() + dt.timedelta(days=30)
    r = client.post(
        f"/plans/compliance/?document={d.pk}",
        {"document": d.pk, "target": "some", "units": [w.a.unit.pk], "due_date": due},
    )
    assert r.status_code == 302
    req = PlanRequirement.objects.get()
    assert (req.unit, req.required_by, req.due_date) == (w.a.unit, w.root, due)
    page = client.get("/plans/compliance/").content.decode()
    assert "Thành ủy Nhánh A" in page and "Chưa đến hạn" in page


def test_indicators_get_per_unit_targets_by_name_and_show_each_units_result(client, two_branches):
    from kehoach.execution.services.reports import report_accept, report_save, report_submit

    w = two_branches
    plan = PlanFactory(unit=w.a.unit)
    task = TaskFactory(plan=plan, lead_unit=w.a.child)
    login(client, w.user("a", Role.EDITOR))
    r = client.post(
        f"/plans/{plan.pk}/indicators/add/",
        {
            "name": "Tin bài",
            "aggregation": "sum",
            "comparator": ">=",
            "target": "10",
            "unit_targets": "chi bo a1: 4",
        },
        follow=True,
    )
    indicator = plan.indicators.get()
    assert [(t.unit, t.target) for t in indicator.unit_targets.all()] == [(w.a.child, 4)]
    r = client.post(
        f"/plans/{plan.pk}/indicators/add/",
        {"name": "Sai", "aggregation": "sum", "comparator": ">=", "unit_targets": "Không có: 3"},
        follow=True,
    )
    assert "Không tìm thấy đơn vị" in r.content.decode()
    template = template_create(
        actor=None, unit=w.a.unit, plan=plan, name="Quý", cycle=Cycle.QUARTERLY
    )
    (q,) = periods_generate(
        actor=None, template=template, since=dt.date(2025, 1, 1), until=dt.date(2025, 1, 1)
    )
    rep = report_save(
        actor=None,
        task=task,
        unit=w.a.child,
        period=q,
        narrative="x",
        values=[{"indicator": indicator, "value": 5}],
    )
    report_submit(actor=None, report=rep)
    report_accept(actor=None, report=rep)
    page = client.get(f"/plans/{plan.pk}/").content.decode()
    assert "Chi bộ A1" in page and ">5<" in page.replace(" ", "")
