"""A campaign tied to a plan's rate indicator fills the units' progress reports (no retyping)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from kehoach.execution.choices import Aggregation, Cycle, TaskStatus
from kehoach.execution.services.indicators import indicator_create
from kehoach.execution.services.reports import periods_generate, report_save, template_create
from kehoach.execution.tests.plans.factories import PlanFactory, TaskFactory
from kehoach.training.choices import Mark
from kehoach.training.services import attendance_mark
from kehoach.training.tests.helpers import campaign, roster, session

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(two_branches):
    w = two_branches
    plan = PlanFactory(unit=w.root, title="Kế hoạch học tập")
    template = template_create(
        actor=None, unit=w.root, plan=plan, name="Báo cáo quý", cycle=Cycle.QUARTERLY
    )
    (period,) = periods_generate(
        actor=None, template=template, since=dt.date(2026, 3, 1), until=dt.date(2026, 3, 1)
    )
    task = TaskFactory(
        plan=plan,
        title="Quán triệt chỉ thị",
        lead_unit=w.a.child,
        report_template=template,
        start_date=dt.date(2026, 1, 1),
        due_date=dt.date(2026, 12, 31),
        status=TaskStatus.IN_PROGRESS,
    )
    rate = indicator_create(
        actor=None,
        plan=plan,
        name="Tỷ lệ đảng viên học tập",
        aggregation=Aggregation.RATE,
        target=Decimal(95),
        numerator_label="số đảng viên dự học",
        denominator_label="tổng số đảng viên",
    )
    people = roster(w.a.child, 8)
    camp = campaign(w.root, indicator=rate)
    s = session(camp, w.a.child)
    attendance_mark(actor=None, session=s, marks={m.pk: Mark.PRESENT for m in people[:7]})
    return w, task, period, rate, camp


def test_given_a_campaign_with_the_plans_rate_indicator_then_the_report_form_is_prefilled(
    client, setup
):
    w, task, period, rate, camp = setup
    assert camp.target == Decimal(95)  # the indicator's target
    client.force_login(w.a.child_reporter)
    url = reverse("tasks:report_write", args=[task.pk])
    page = client.get(url, {"unit": w.a.child.pk, "period": period.pk}).content.decode()
    assert 'data-testid="prefill"' in page and "7/8" in page
    assert f'name="ind_{rate.pk}" value="7"' in page and f'name="den_{rate.pk}" value="8"' in page


def test_given_figures_the_unit_typed_then_they_are_kept(client, setup):
    w, task, period, rate, _camp = setup
    report_save(
        actor=None,
        task=task,
        unit=w.a.child,
        period=period,
        narrative="Đã học",
        values=[{"indicator": rate, "value": 5, "denominator": 9}],
    )
    client.force_login(w.a.child_reporter)
    url = reverse("tasks:report_write", args=[task.pk])
    page = client.get(url, {"unit": w.a.child.pk, "period": period.pk}).content.decode()
    assert f'name="ind_{rate.pk}" value="5"' in page and f'name="den_{rate.pk}" value="9"' in page
