"""A plan of branch A reporting quarterly, with four units, five tasks and accepted reports.

Quarter III/2026 (data 15/06–14/09/2026), compiled on 01/10/2026:

| task | lead | support | recurs | status | due | reports |
|---|---|---|---|---|---|---|
| t1 Sinh hoạt chuyên đề | A1 | A2 | yes | in progress | 31/12/2026 | A1 accepted (49/50 attend, 3 posts); A2 none |
| t2 Tin bài | A2 | – | yes | in progress | 31/12/2026 | A2 accepted (90/100 attend, 5 posts) |
| t3 Hội nghị quán triệt | A1 | – | no | in progress | 01/08/2026 | – (overdue at the cut-off) |
| t4 Pano, áp phích | A2 | – | no | done | 01/08/2026 | – |
| t5 Tuyên truyền miệng | A3 | – | yes | not started | 31/12/2026 | A3 draft only (did not report) |
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest

from kehoach.execution.choices import Aggregation, Cycle, TaskStatus
from kehoach.execution.services.evidence import evidence_add
from kehoach.execution.services.indicators import indicator_create
from kehoach.execution.services.reports import (
    periods_generate,
    report_accept,
    report_save,
    report_submit,
    template_create,
)
from kehoach.execution.tests.plans.factories import PlanFactory, TaskFactory
from kehoach.organizations.choices import Role, UnitKind
from kehoach.organizations.services import unit_create

TODAY = dt.date(2026, 10, 1)


@dataclass
class Scene:
    world: Any
    plan: Any
    period: Any
    units: dict[str, Any]
    tasks: dict[str, Any]
    attendance: Any
    posts: Any
    reports: dict[str, Any]

    @property
    def editor(self) -> Any:
        return self.world.user("a", Role.EDITOR)


def accepted(task: Any, unit: Any, period: Any, narrative: str, values: list[dict]) -> Any:
    report = report_save(
        actor=None, task=task, unit=unit, period=period, narrative=narrative, values=values
    )
    report_submit(actor=None, report=report)
    return report_accept(actor=None, report=report)


@pytest.fixture
def scene(two_branches) -> Scene:
    a = two_branches.a
    a2 = unit_create(
        actor=None, kind=UnitKind.PARTY_CELL, name="Chi bộ A2", abbreviation="CBA2", parent=a.unit
    )
    a3 = unit_create(
        actor=None, kind=UnitKind.PARTY_CELL, name="Chi bộ A3", abbreviation="CBA3", parent=a.unit
    )
    plan = PlanFactory(unit=a.unit, title="Tuyên truyền Nghị quyết Đại hội Đảng bộ")
    plan.code = "12-KH/ĐU"
    plan.issued_on = dt.date(2026, 3, 5)
    plan.save(update_fields=["code", "issued_on"])
    template = template_create(
        actor=None, unit=a.unit, plan=plan, name="Báo cáo quý", cycle=Cycle.QUARTERLY
    )
    (period,) = periods_generate(
        actor=None, template=template, since=dt.date(2026, 7, 1), until=dt.date(2026, 7, 1)
    )
    year_end = dt.date(2026, 12, 31)
    start = dt.date(2026, 1, 1)
    t1 = TaskFactory(
        plan=plan,
        title="Sinh hoạt chi bộ chuyên đề",
        lead_unit=a.child,
        supporting_units=[a2],
        report_template=template,
        start_date=start,
        due_date=year_end,
        status=TaskStatus.IN_PROGRESS,
        progress=50,
    )
    t2 = TaskFactory(
        plan=plan,
        title="Đăng tin bài trên trang thông tin điện tử",
        lead_unit=a2,
        report_template=template,
        start_date=start,
        due_date=year_end,
        status=TaskStatus.IN_PROGRESS,
        progress=50,
    )
    t3 = TaskFactory(
        plan=plan,
        title="Hội nghị quán triệt",
        lead_unit=a.child,
        start_date=start,
        due_date=dt.date(2026, 8, 1),
        status=TaskStatus.IN_PROGRESS,
        progress=40,
    )
    t4 = TaskFactory(
        plan=plan,
        title="Pano, áp phích cổ động",
        lead_unit=a2,
        start_date=start,
        due_date=dt.date(2026, 8, 1),
        status=TaskStatus.DONE,
    )
    t5 = TaskFactory(
        plan=plan,
        title="Tuyên truyền miệng",
        lead_unit=a3,
        report_template=template,
        start_date=start,
        due_date=year_end,
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
        name="Tin bài",
        aggregation=Aggregation.SUM,
        target=10,
        measure_unit="tin bài",
    )
    r1 = report_save(
        actor=None,
        task=t1,
        unit=a.child,
        period=period,
        narrative="Tổ chức 3 buổi sinh hoạt chuyên đề về Nghị quyết, 49/50 đảng viên dự.",
        values=[
            {"indicator": attendance, "value": 49, "denominator": 50},
            {"indicator": posts, "value": 3},
        ],
    )
    evidence_add(
        actor=None,
        report=r1,
        kind="link",
        url="https://example.org/tin/1",
        caption="Tin hội nghị",
        taken_on=dt.date(2026, 8, 20),
    )
    report_submit(actor=None, report=r1)
    r1 = report_accept(actor=None, report=r1)
    r2 = accepted(
        t2,
        a2,
        period,
        "Đăng 5 tin bài.",
        [
            {"indicator": attendance, "value": 90, "denominator": 100},
            {"indicator": posts, "value": 5},
        ],
    )
    r5 = report_save(actor=None, task=t5, unit=a3, period=period, narrative="Bản nháp chưa gửi.")
    return Scene(
        world=two_branches,
        plan=plan,
        period=period,
        units={"A1": a.child, "A2": a2, "A3": a3},
        tasks={"t1": t1, "t2": t2, "t3": t3, "t4": t4, "t5": t5},
        attendance=attendance,
        posts=posts,
        reports={"r1": r1, "r2": r2, "r5": r5},
    )
