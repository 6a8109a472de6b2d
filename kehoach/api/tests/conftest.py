"""The cascade the execution API tests work on: in each branch a plan of the head unit with a
quarterly report (periods of 2026, the first one closed), a task led by the branch's cell and
two indicators (a rate of attendance, a sum of posts); and a plan of the root that gives branch
A's cell a task (read by the cell's reporter though the plan is not theirs)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest
from rest_framework.test import APIClient

from kehoach.execution.choices import Aggregation, Cycle
from kehoach.execution.services.closing import period_close
from kehoach.execution.services.indicators import indicator_create
from kehoach.execution.services.reports import periods_generate, template_create
from kehoach.execution.tests.plans.factories import PlanFactory, TaskFactory
from kehoach.organizations.choices import Role


@dataclass
class Side:
    plan: Any
    template: Any
    closed: Any  # the first quarter, closed
    open: Any  # a quarter still open
    task: Any
    attendance: Any
    posts: Any


@dataclass
class Cascade:
    world: Any
    a: Side
    b: Side
    root_plan: Any
    root_task: Any

    def side(self, name: str) -> Side:
        return self.a if name == "a" else self.b

    def editor(self, branch: str = "a") -> Any:
        return self.world.user(branch, Role.EDITOR)

    def reporter(self, branch: str = "a") -> Any:
        """The reporter of the cell that leads the branch's task."""
        return self.world.branch(branch).child_reporter


def build_side(world: Any, name: str) -> Side:
    branch = world.branch(name)
    plan = PlanFactory(
        unit=branch.unit,
        title=f"Kế hoạch tuyên truyền Nghị quyết nhánh {name.upper()}",
        period_start=dt.date(2026, 1, 1),
        period_end=dt.date(2026, 12, 31),
    )
    template = template_create(
        actor=None, unit=branch.unit, plan=plan, name="Báo cáo quý", cycle=Cycle.QUARTERLY
    )
    periods = periods_generate(
        actor=None, template=template, since=dt.date(2026, 1, 1), until=dt.date(2026, 12, 31)
    )
    task = TaskFactory(
        plan=plan,
        title=f"Sinh hoạt chi bộ chuyên đề nhánh {name.upper()}",
        lead_unit=branch.child,
        report_template=template,
        start_date=dt.date(2026, 1, 1),
        due_date=dt.date(2026, 12, 31),
    )
    attendance = indicator_create(
        actor=None,
        plan=plan,
        name="Tỷ lệ đảng viên dự sinh hoạt",
        aggregation=Aggregation.RATE,
        target=98,
        numerator_label="số đảng viên dự",
        denominator_label="tổng số đảng viên",
    )
    posts = indicator_create(
        actor=None, plan=plan, name="Tin bài", aggregation=Aggregation.SUM, target=10
    )
    closed = period_close(actor=None, period=periods[0])
    return Side(plan, template, closed, periods[-1], task, attendance, posts)


def build_cascade(world: Any) -> Cascade:
    root_plan = PlanFactory(unit=world.root, title="Kế hoạch của Tỉnh ủy")
    root_task = TaskFactory(
        plan=root_plan, title="Nhiệm vụ giao chi bộ A1", lead_unit=world.a.child
    )
    return Cascade(world, build_side(world, "a"), build_side(world, "b"), root_plan, root_task)


@pytest.fixture
def cascade(two_branches) -> Cascade:
    return build_cascade(two_branches)


def api_for(user: Any) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client
