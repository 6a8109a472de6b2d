"""A plan's periodic report is owed for each of its tasks, whenever the template was added."""

from __future__ import annotations

import pytest

from kehoach.execution.choices import Cycle
from kehoach.execution.services.reports import template_create
from kehoach.execution.tests.plans.factories import PlanFactory, TaskFactory

pytestmark = pytest.mark.django_db


def test_adding_a_periodic_report_to_a_plan_makes_its_tasks_owe_it(two_branches):
    # Given a plan whose tasks were assigned before any periodic report existed
    a = two_branches.a
    plan = PlanFactory(unit=a.unit)
    parent = TaskFactory(plan=plan, lead_unit=a.unit)
    child = TaskFactory(plan=plan, lead_unit=a.child, parent=parent)
    lone = TaskFactory(plan=plan, lead_unit=a.child)
    # When the officer adds a quarterly report to the plan
    template = template_create(
        actor=None, unit=a.unit, plan=plan, name="Báo cáo quý", cycle=Cycle.QUARTERLY
    )
    # Then the tasks that carry the work (the leaves) owe it; the parent is summed from them
    for task in (parent, child, lone):
        task.refresh_from_db()
    assert child.report_template == template and lone.report_template == template
    assert parent.report_template is None


def test_a_task_added_on_the_plan_page_owes_the_plans_only_periodic_report(client, two_branches):
    from django.urls import reverse

    from kehoach.organizations.choices import Role

    # Given a plan with one quarterly report, open on its editor's screen
    a = two_branches.a
    plan = PlanFactory(unit=a.unit)
    template = template_create(
        actor=None, unit=a.unit, plan=plan, name="Báo cáo quý", cycle=Cycle.QUARTERLY
    )
    client.force_login(two_branches.user("a", Role.EDITOR))
    page = client.get(reverse("plans:detail", args=[plan.pk])).content.decode()
    # Then the task form offers that report, already chosen
    assert f'<option value="{template.pk}" selected>' in page
    # When the editor adds a task keeping that choice
    client.post(
        reverse("plans:task_add", args=[plan.pk]),
        {
            "title": "Sinh hoạt chuyên đề",
            "lead_unit": a.child.pk,
            "weight": "1",
            "report_template": template.pk,
        },
    )
    # Then the new task owes the report
    assert plan.tasks.get(title="Sinh hoạt chuyên đề").report_template == template


def test_with_two_periodic_reports_the_task_form_does_not_guess_one(two_branches):
    from kehoach.execution.forms.plans import TaskAddForm
    from kehoach.organizations.models import Unit

    # Given a plan with a quarterly and an annual report
    a = two_branches.a
    plan = PlanFactory(unit=a.unit)
    for cycle in (Cycle.QUARTERLY, Cycle.ANNUAL):
        template_create(actor=None, unit=a.unit, plan=plan, name=f"Báo cáo {cycle}", cycle=cycle)
    # When the task form is shown, then no report is preselected
    form = TaskAddForm(units=Unit.objects.none(), templates=plan.report_templates.all())
    assert form.fields["report_template"].initial is None
