"""The plans list shows how many tasks each plan has."""

import re

import pytest
from django.urls import reverse

from kehoach.execution.tests.plans.factories import PlanFactory, TaskFactory
from kehoach.organizations.choices import Role


@pytest.mark.django_db
def test_each_plan_in_the_list_shows_its_number_of_tasks(client, two_branches):
    # Given a plan with three tasks and one without tasks in branch A
    busy = PlanFactory(unit=two_branches.a.unit, title="Kế hoạch có việc")
    for _ in range(3):
        TaskFactory(plan=busy, lead_unit=two_branches.a.child)
    PlanFactory(unit=two_branches.a.unit, title="Kế hoạch chưa có việc")
    client.force_login(two_branches.user("a", Role.VIEWER))
    # When the list is opened
    html = client.get(reverse("plans:list")).content.decode()
    # Then each row carries its own count
    rows = {
        m.group(1): m.group(0)
        for m in re.finditer(r"(Kế hoạch (?:có|chưa có) việc).*?</tr>", html, re.S)
    }
    assert re.search(r"<td[^>]*>\s*3\s*</td>", rows["Kế hoạch có việc"])
    assert re.search(r"<td[^>]*>\s*0\s*</td>", rows["Kế hoạch chưa có việc"])
