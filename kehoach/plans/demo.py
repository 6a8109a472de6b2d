"""Demo data for execution, on top of ``seed_demo`` (units, users, documents), through the services.

A province plan; the city's implementing plan drafted from a registry document (or written by
hand when the registry has none), issued, with tasks for three cells; a quarterly report with
periods around today; reports accepted, returned and missing; two indicators; cascade
requirements. Dates are relative to today so the dashboard always has something to show.
Idempotent: a second run adds nothing.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from kehoach.accounts.models import User
from kehoach.core.exceptions import DomainError
from kehoach.documents.models import Document
from kehoach.organizations.models import Unit
from kehoach.plans.choices import PlanStatus
from kehoach.plans.drafting import plan_draft_from_document
from kehoach.plans.models import Plan
from kehoach.plans.services import plan_create, plan_update, requirement_set
from kehoach.reports.choices import Aggregation, Cycle
from kehoach.reports.indicator_services import indicator_create
from kehoach.reports.services import (
    periods_generate,
    report_accept,
    report_return,
    report_save,
    report_submit,
    template_create,
)
from kehoach.tasks.services import task_assign, task_create, task_update

PROVINCE_TITLE = "Tuyên truyền thực hiện Chỉ thị số 27-CT/TW về công tác thông tin cơ sở (demo)"


def _units() -> dict[str, Unit]:
    return {
        u.code: u
        for u in Unit.objects.filter(
            code__in=[
                "TU",
                "ThU-DL",
                "CB-P1",
                "CB-P2",
                "CB-TTVH",
                "BTGThU-DL",
                "DUK",
            ]
        )
    }


@transaction.atomic
def seed_demo_execution(*, stdout: Any) -> int:
    """Create the execution demo; returns the number of plans created (0 when already there)."""
    if Plan.objects.filter(title=PROVINCE_TITLE).exists():
        stdout.write("Kế hoạch mẫu: đã có, bỏ qua.")
        return 0
    u = _units()
    if len(u) < 7:
        stdout.write("Chưa có đơn vị mẫu (chạy seed_demo trước): bỏ qua kế hoạch mẫu.")
        return 0
    officer = User.objects.filter(username="bientap.thanhuy").first()
    reporter = User.objects.filter(username="baocao.chibo1").first()
    today = timezone.localdate()
    province = plan_create(
        actor=None,
        unit=u["TU"],
        title=PROVINCE_TITLE,
        period_start=today - dt.timedelta(days=300),
        period_end=today + dt.timedelta(days=400),
    )
    plan_update(actor=None, plan=province, status=PlanStatus.ISSUED)
    task_create(
        actor=None,
        plan=province,
        title="Ban Tuyên giáo Tỉnh ủy hướng dẫn, kiểm tra",
        section="IV.1",
        lead_unit=u["TU"],
        progress=40,
        due_date=today + dt.timedelta(days=200),
    )

    parent = Document.objects.filter(code__in=["121-KH/TU", "27-CT/TW"]).order_by("code").first()
    city = _city_plan(officer, parent, u, today)
    Plan.objects.filter(pk=city.pk).update(parent=province, path=f"{province.path}{city.pk}/")
    city.refresh_from_db()
    _reports(city, officer, reporter, u, today)
    if parent is not None:
        for code, days in (("ThU-DL", -30), ("DUK", 20)):
            try:
                requirement_set(
                    actor=None,
                    directive=parent,
                    required_by=u["TU"],
                    unit=u[code],
                    due_date=today + dt.timedelta(days=days),
                )
            except DomainError as exc:
                stdout.write(f"Không giao được hạn ban hành cho {u[code]}: {exc.message}")
    from kehoach.tasks.recompute import recompute_plan

    recompute_plan(city)
    stdout.write(f"Kế hoạch mẫu: 2 mới (kế hoạch của Thành ủy: /plans/{city.pk}/).")
    return 2


def _city_plan(officer: Any, parent: Any, u: dict[str, Unit], today: dt.date) -> Plan:
    cells = [u["CB-P1"], u["CB-P2"], u["CB-TTVH"]]
    if parent is not None:
        draft = plan_draft_from_document(actor=officer, document=parent, unit=u["ThU-DL"])
        plan = draft.plan
    else:
        plan = plan_create(
            actor=officer, unit=u["ThU-DL"], title="Thực hiện Chỉ thị số 27-CT/TW của Bộ Chính trị"
        )
    plan_update(
        actor=None,
        plan=plan,
        period_start=today - dt.timedelta(days=240),
        period_end=today + dt.timedelta(days=360),
    )
    offsets = [(-20, 30), (10, 70), (45, 10)]
    for cell, (due, progress) in zip(cells, offsets, strict=True):
        t = task_create(
            actor=None,
            plan=plan,
            section="IV.2",
            title="Tổ chức sinh hoạt chuyên đề, tuyên truyền Chỉ thị 27-CT/TW",
            lead_unit=cell,
            start_date=today - dt.timedelta(days=120),
            due_date=today + dt.timedelta(days=due),
        )
        task_update(actor=None, task=t, progress=progress)
    task_create(
        actor=None,
        plan=plan,
        section="IV.1",
        lead_unit=u["BTGThU-DL"],
        supporting_units=[cells[2]],
        title="Đăng tin, bài trên trang thông tin điện tử",
        start_date=today - dt.timedelta(days=200),
        due_date=today + dt.timedelta(days=5),
    )
    for t in plan.tasks.filter(lead_unit__isnull=True, parent__isnull=True):
        task_assign(actor=None, task=t, lead_unit=u["BTGThU-DL"])
    plan_update(actor=None, plan=plan, status=PlanStatus.ISSUED)
    Plan.objects.filter(pk=plan.pk).update(
        code="15-KH/ThU", issued_on=today - dt.timedelta(days=200), signer="Nguyễn Văn An"
    )
    return plan


def _reports(plan: Plan, officer: Any, reporter: Any, u: dict[str, Unit], today: dt.date) -> None:
    template = template_create(
        actor=None, unit=plan.unit, plan=plan, name="Báo cáo quý", cycle=Cycle.QUARTERLY
    )
    periods = periods_generate(
        actor=None,
        template=template,
        since=today - dt.timedelta(days=200),
        until=today + dt.timedelta(days=60),
    )
    rate = indicator_create(
        actor=None,
        plan=plan,
        name="Tỷ lệ đảng viên dự sinh hoạt chuyên đề",
        aggregation=Aggregation.RATE,
        target=98,
        measure_unit="%",
        numerator_label="Số đảng viên dự",
        denominator_label="Tổng số đảng viên",
    )
    posts = indicator_create(
        actor=None,
        plan=plan,
        name="Tin, bài đăng trên trang thông tin điện tử",
        aggregation=Aggregation.SUM,
        target=12,
        measure_unit="tin, bài",
    )
    cells = [u["CB-P1"], u["CB-P2"], u["CB-TTVH"]]
    tasks = {t.lead_unit_id: t for t in plan.tasks.filter(lead_unit__in=cells)}
    past = [p for p in periods if p.deadline < today]
    figures = {
        u["CB-P1"].pk: (49, 50, 4),
        u["CB-P2"].pk: (90, 100, 3),
        u["CB-TTVH"].pk: (18, 20, 5),
    }
    for period in past:
        for cell in cells[:2]:
            num, den, n_posts = figures[cell.pk]
            r = report_save(
                actor=None,
                task=tasks[cell.pk],
                unit=cell,
                period=period,
                narrative=f"Tổ chức sinh hoạt chuyên đề; {num}/{den} đảng viên dự.",
                progress=tasks[cell.pk].progress,
                values=[
                    {"indicator": rate, "value": num, "denominator": den},
                    {"indicator": posts, "value": n_posts},
                ],
            )
            report_submit(actor=None, report=r)
            if cell == cells[1] and period == past[-1]:
                report_return(
                    actor=officer, report=r, comment="Bổ sung ảnh minh chứng buổi sinh hoạt."
                )
            else:
                report_accept(actor=officer, report=r)
    del reporter  # the reporter's own report is left to write in the demo
