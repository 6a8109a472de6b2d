"""XLSX exports hold the same rows as their pages, within the user's scope."""

from __future__ import annotations

import datetime as dt
from io import BytesIO

import pytest
from openpyxl import load_workbook

from kehoach.documents.models import Document
from kehoach.execution.models.plans import Plan
from kehoach.execution.services.plans import requirement_set
from kehoach.execution.services.recompute import recompute_plan
from kehoach.execution.tests.plans.factories import PlanFactory, TaskFactory
from kehoach.organizations.choices import Role

pytestmark = pytest.mark.django_db


def sheet(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return [
        list(r) for r in load_workbook(BytesIO(response.content)).active.iter_rows(values_only=True)
    ]


@pytest.fixture
def issued(two_branches):
    plan = PlanFactory(unit=two_branches.a.unit, title="Kế hoạch tuyên truyền")
    Plan.objects.filter(pk=plan.pk).update(status="issued", code="15-KH/ThUA")
    plan.refresh_from_db()
    TaskFactory(
        plan=plan,
        title="Treo băng rôn",
        lead_unit=two_branches.a.child,
        due_date=dt.date(2020, 1, 1),
        progress=20,
    )
    TaskFactory(plan=plan, title="Đăng tin bài", lead_unit=two_branches.a.child, progress=100)
    return plan


def test_the_plans_tasks_export_lists_every_task_with_its_colour(client, two_branches, issued):
    client.force_login(two_branches.user("a", Role.VIEWER))
    rows = sheet(client.get(f"/plans/{issued.pk}/tasks.xlsx"))
    assert rows[0] == ["Kế hoạch 15-KH/ThUA", *[None] * 9]
    body = [r for r in rows if r[1] in ("Treo băng rôn", "Đăng tin bài")]
    assert [(r[1], r[2], r[7], r[9]) for r in body] == [
        ("Treo băng rôn", "Chi bộ A1", 20, "Chậm, quá hạn"),
        ("Đăng tin bài", "Chi bộ A1", 100, "Đúng tiến độ"),
    ]
    assert isinstance(body[0][5], dt.datetime)  # a real date cell, not text


def test_dashboard_tables_export_counts_and_the_full_overdue_list(client, two_branches, issued):
    client.force_login(two_branches.user("a", Role.EDITOR))
    rag = sheet(client.get(f"/plans/dashboard/rag.xlsx?unit={two_branches.a.unit.pk}"))
    assert ["Đơn vị", "Tổng"] in [r[:2] for r in rag]
    assert [r[-1] for r in rag if r[0] == "Đơn vị"] == ["Tiến độ kế hoạch (%)"]
    assert ["Chi bộ A1", 2, 1, 0, 1, 0, None] in rag  # the cell has no plan of its own
    overdue = sheet(client.get(f"/plans/dashboard/overdue.xlsx?unit={two_branches.a.unit.pk}"))
    assert [r[1] for r in overdue if r[1] == "Treo băng rôn"] == ["Treo băng rôn"]
    assert client.get("/plans/dashboard/nothing.xlsx").status_code == 404


def test_exports_stay_within_scope(client, two_branches, issued):
    client.force_login(two_branches.user("b", Role.ADMIN))
    assert client.get(f"/plans/{issued.pk}/tasks.xlsx").status_code == 404
    assert client.get(f"/plans/dashboard/rag.xlsx?unit={two_branches.a.unit.pk}").status_code == 404


def test_the_compliance_export_names_each_state(client, two_branches):
    w = two_branches
    d = Document.objects.create(
        code="27-CT/TW",
        code_key="27-ct-tw",
        owner_unit=w.root,
        sort_date=dt.date(2023, 12, 25),
        dedupe_key="k",
        title="Chỉ thị",
    )
    requirement_set(
        actor=None, directive=d, required_by=w.root, unit=w.a.unit, due_date=dt.date(2020, 1, 1)
    )
    client.force_login(w.root_admin)
    rows = sheet(client.get("/plans/compliance.xlsx"))
    assert ["Thành ủy Nhánh A", "Văn bản 27-CT/TW"] not in rows
    assert any(r[0] == "Thành ủy Nhánh A" and "Quá hạn, chưa ban hành" in r[1] for r in rows)


def test_the_plan_progress_export_holds_each_plans_rolled_up_progress(client, two_branches, issued):
    # Given the issued plan's tasks at 20% and 100% (weights 1), rolled up by the domain
    recompute_plan(issued)
    client.force_login(two_branches.user("a", Role.VIEWER))
    # When the leader downloads the dashboard's plan progress table
    rows = sheet(client.get(f"/plans/dashboard/progress.xlsx?unit={two_branches.a.unit.pk}"))
    # Then the plan is listed with its stored progress, the mean 60.00, as a number
    head = rows.index(["Số, ký hiệu", "Trích yếu", "Ngày ban hành", "Trọng số", "Tiến độ (%)"])
    body = [r for r in rows[head + 1 :] if any(r)]
    assert [r[0:2] + r[3:] for r in body] == [["15-KH/ThUA", "Kế hoạch tuyên truyền", 1, 60]]
    # and seen from the province, the city's row of the units table carries the same figure
    client.force_login(two_branches.root_admin)
    rag = sheet(client.get(f"/plans/dashboard/rag.xlsx?unit={two_branches.root.pk}"))
    assert [r[-1] for r in rag if r[0] == "Thành ủy Nhánh A"] == [60]


def test_the_compliance_matrix_names_the_issuer_of_each_column(client, two_branches):
    w = two_branches
    # Given two branches' plans with the same number-symbol, each requiring its cell to implement it
    for branch in (w.a, w.b):
        d = Document.objects.create(
            doc_type="KH",
            code="8-KH/ĐU",
            code_key="8-kh-du",
            issuer_unit=branch.unit,
            owner_unit=branch.unit,
            sort_date=dt.date(2026, 1, 5),
            dedupe_key=f"k{branch.unit.pk}",
            title="Kế hoạch",
        )
        requirement_set(
            actor=None,
            directive=d,
            required_by=branch.unit,
            unit=branch.child,
            due_date=dt.date(2026, 2, 1),
        )
    client.force_login(w.root_admin)
    # When the province opens the matrix and its export
    page = client.get("/plans/compliance/").content.decode()
    head = page.split("<thead>")[1].split("</thead>")[0]
    rows = sheet(client.get("/plans/compliance.xlsx"))
    header = next(r for r in rows if r[0] == "Đơn vị")
    # Then each column says whose plan it is (the issuing unit's name)
    for branch in (w.a, w.b):
        issuer = branch.unit.name
        assert issuer in head
        assert any(h and h.endswith(f"8-KH/ĐU ({issuer})") for h in header)
