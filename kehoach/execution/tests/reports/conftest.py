"""A plan of branch A with a quarterly report template, a task led by cell A1 and an indicator."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest

from kehoach.execution.choices import Aggregation, Cycle
from kehoach.execution.services.indicators import indicator_create
from kehoach.execution.services.reports import periods_generate, template_create
from kehoach.execution.tests.plans.factories import PlanFactory, TaskFactory
from kehoach.organizations.choices import Role


@dataclass
class Scene:
    world: Any
    plan: Any
    task: Any
    template: Any
    q1: Any
    q2: Any
    attendance: Any
    posts: Any

    @property
    def reporter(self) -> Any:
        return self.world.a.child_reporter

    @property
    def editor(self) -> Any:
        return self.world.user("a", Role.EDITOR)


@pytest.fixture
def scene(two_branches) -> Scene:
    a = two_branches.a
    plan = PlanFactory(unit=a.unit, title="Tuyên truyền Nghị quyết Đại hội")
    template = template_create(
        actor=None, unit=a.unit, plan=plan, name="Báo cáo quý", cycle=Cycle.QUARTERLY
    )
    task = TaskFactory(
        plan=plan,
        title="Sinh hoạt chi bộ chuyên đề",
        lead_unit=a.child,
        report_template=template,
        start_date=dt.date(2025, 1, 1),
        due_date=dt.date(2025, 12, 31),
    )
    q1, q2 = periods_generate(
        actor=None, template=template, since=dt.date(2025, 1, 1), until=dt.date(2025, 4, 30)
    )
    attendance = indicator_create(
        actor=None,
        plan=plan,
        name="Tỷ lệ đảng viên dự sinh hoạt",
        aggregation=Aggregation.RATE,
        target=98,
        measure_unit="%",
    )
    posts = indicator_create(
        actor=None,
        plan=plan,
        name="Tin bài trên trang thông tin điện tử",
        aggregation=Aggregation.SUM,
        target=10,
        unit_targets={a.child: 4},
    )
    return Scene(two_branches, plan, task, template, q1, q2, attendance, posts)
