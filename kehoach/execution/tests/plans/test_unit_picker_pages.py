"""Pages with unit choosers render a search box, not an option per unit of the subtree."""

from __future__ import annotations

import pytest

from kehoach.execution.tests.plans.factories import PlanFactory, TaskFactory
from kehoach.organizations.choices import Role
from kehoach.organizations.tests.test_unit_picker import _cells

pytestmark = pytest.mark.django_db


def test_the_plan_and_task_pages_render_no_option_per_unit(client, two_branches):
    w = two_branches
    _cells(w.a.unit, 40, "A")
    plan = PlanFactory(unit=w.a.unit)
    task = TaskFactory(plan=plan, title="Sinh hoạt chuyên đề", lead_unit=w.a.child)
    client.force_login(w.user("a", Role.EDITOR))
    for url in (f"/plans/{plan.pk}/", f"/tasks/{task.pk}/", "/documents/"):
        html = client.get(url).content.decode()
        assert "Chi bộ A số 3" not in html, url
    task_page = client.get(f"/tasks/{task.pk}/").content.decode()
    assert f'value="{w.a.child.pk}" checked' in task_page  # the current lead is shown chosen
    # and the form posts as before
    r = client.post(
        f"/plans/{plan.pk}/tasks/{task.pk}/assign/",
        {"lead_unit": w.a.unit.pk, "supporting_units": [w.a.child.pk]},
    )
    assert r.status_code == 302
    task.refresh_from_db()
    assert task.lead_unit == w.a.unit and list(task.supporting_units.all()) == [w.a.child]
