"""The leader's dashboard shows progress, not only deadlines (issue 4), and the real overdue count."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest

from kehoach.execution.dashboard import PAGE_LIMIT, unit_progress
from kehoach.execution.models.plans import Plan
from kehoach.execution.services.recompute import recompute_plan
from kehoach.execution.tests.plans.factories import PlanFactory, TaskFactory
from kehoach.organizations.choices import Role

pytestmark = pytest.mark.django_db


def _issued(unit, title, **tasks_progress):
    plan = PlanFactory(unit=unit, title=title)
    Plan.objects.filter(pk=plan.pk).update(status="issued", code=f"{plan.pk}-KH")
    for weight, progress in tasks_progress.values():
        TaskFactory(plan=plan, lead_unit=unit, weight=weight, progress=progress)
    recompute_plan(plan)
    plan.refresh_from_db()
    return plan


def _section(page, title_id):
    return page.split(f'id="{title_id}"')[1].split("</section>")[0]


def test_the_dashboard_lists_the_units_plans_with_their_rolled_up_progress(client, two_branches):
    w = two_branches
    # Given an issued plan of the city whose tasks (weights 2/1/1) are at 100/50/0
    plan = _issued(w.a.unit, "Kế hoạch tuyên truyền", t1=(2, 100), t2=(1, 50), t3=(1, 0))
    assert plan.progress == Decimal("62.50")
    # When its leader opens the dashboard
    client.force_login(w.user("a", Role.VIEWER))
    page = client.get("/plans/dashboard/").content.decode()
    # Then the plan is listed with a bar and the percentage as text
    table = _section(page, "progress-title")
    assert "Kế hoạch tuyên truyền" in table
    assert '<progress max="100" value="62.50"></progress>' in table
    assert re.search(r"62[,.]5%", table)


def test_each_unit_row_of_the_drill_down_shows_its_plans_weighted_progress(client, two_branches):
    w = two_branches
    # Given the cell's two plans: 80% (weight 3) and 40% (weight 1), and the city's at 10%
    heavy = _issued(w.a.child, "Kế hoạch chi bộ 1", t=(1, 80))
    _issued(w.a.child, "Kế hoạch chi bộ 2", t=(1, 40))
    Plan.objects.filter(pk=heavy.pk).update(weight=3)
    _issued(w.a.unit, "Kế hoạch thành ủy", t=(1, 10))
    # When the progress of the city and its cell is asked for
    got = unit_progress([w.a.unit, w.a.child])
    # Then the cell's is the weighted mean (3×80 + 1×40) / 4 = 70, the city's its own plan's
    assert got == {w.a.unit.pk: Decimal("10.00"), w.a.child.pk: Decimal("70.00")}
    # And the drill-down table says it in words next to the colours
    client.force_login(w.user("a", Role.VIEWER))
    page = client.get(f"/plans/dashboard/?unit={w.a.unit.pk}").content.decode()
    rag = page.split('id="rag-table"')[1].split("</details>")[0]
    assert "Tiến độ kế hoạch" in rag
    row = rag.split(w.a.child.name)[1].split("</tr>")[0]
    assert '<progress max="100" value="70.00"></progress>' in row and "70%" in row


def test_a_plan_implementing_another_plan_of_the_same_unit_is_counted_once(two_branches):
    w = two_branches
    # Given a cell plan at 20% and a second cell plan implementing it
    top = _issued(w.a.child, "Kế hoạch chung", t=(1, 20))
    sub = _issued(w.a.child, "Kế hoạch chi tiết", t=(1, 90))
    Plan.objects.filter(pk=sub.pk).update(parent=top)
    recompute_plan(top)
    top.refresh_from_db()
    # When the cell's progress is computed, Then it is the top plan's (which includes the sub-plan)
    assert unit_progress([w.a.child]) == {w.a.child.pk: top.progress}


def test_the_overdue_card_shows_the_real_count_beyond_the_page_limit(client, two_branches):
    w = two_branches
    # Given more overdue tasks than the page lists
    plan = _issued(w.a.unit, "Kế hoạch", t=(1, 0))
    for i in range(PAGE_LIMIT + 5):
        TaskFactory(plan=plan, lead_unit=w.a.child, due_date=dt.date(2020, 1, 1), title=f"V{i}")
    # When the leader opens the dashboard
    client.force_login(w.user("a", Role.VIEWER))
    page = client.get("/plans/dashboard/").content.decode()
    # Then the card says 25, not "20+"
    assert f'<span class="stat">{PAGE_LIMIT + 5}</span>' in page
    assert f"{PAGE_LIMIT}+" not in page
