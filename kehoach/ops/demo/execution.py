"""The execution demo, on top of ``seed_demo``'s units, users and documents, through the services.

The story (dates relative to today, so the demo looks right whenever it is built):

- The registry holds the Ban Thường vụ Thành ủy's propaganda plan (seed 000, itself implementing
  Kế hoạch 121-KH/TU of the Tỉnh ủy). The Thành ủy's officer builds the Thành ủy Đà Lạt's
  implementing plan from it with ``plan_draft_from_document`` (preamble citing it, sections and
  tasks from its assignments mapped to the Ban Tuyên giáo and the cells), gives the "every Party
  organisation" task to the three cells, sets dates and issues it with a number, date and signer,
  which makes it a registry document citing its parent. Without the seeds the plan is built from
  the project's own sample plan (or by hand when the registry has no plan at all).
- The Thành ủy requires its three cells to issue their own implementing plans: Chi bộ Phường 1
  did (drafted from the Thành ủy's plan), Chi bộ Phường 2 is late, the Trung tâm's cell is not
  yet due.
- A quarterly report template with the Decree 09 cut-off (the 15th), its periods, two indicators
  (attendance ≥ 98% as a rate of raw counts; posts per quarter on the unit's website, summed),
  and the cells' reports: earlier quarters accepted (the oldest period closed and frozen), the
  last quarter accepted except one returned and one missing (overdue), the current quarter with
  one report waiting for review and one returned with a comment; evidence as a link and a small
  generated photo.
- A results report compiled for the last quarter; the reminders run once, so the inbox has items.

Idempotent: the demo plan is found by its number-symbol and nothing is added a second time.
"""

from __future__ import annotations

import datetime as dt
import struct
import zlib
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone

from kehoach.accounts.models import User
from kehoach.documents.models import Document
from kehoach.execution.choices import Aggregation, Cycle, EvidenceKind, TaskStatus
from kehoach.execution.models.plans import Plan
from kehoach.execution.models.reports import Indicator, ReportingPeriod
from kehoach.execution.models.tasks import Task
from kehoach.execution.services.closing import period_close
from kehoach.execution.services.drafting import plan_draft_from_document
from kehoach.execution.services.evidence import evidence_add
from kehoach.execution.services.indicators import indicator_create
from kehoach.execution.services.issuing import plan_issue
from kehoach.execution.services.plans import plan_create, plan_update, requirement_set
from kehoach.execution.services.reports import (
    periods_generate,
    report_accept,
    report_return,
    report_save,
    report_submit,
    template_create,
)
from kehoach.execution.services.tasks import task_assign, task_create, task_delete, task_update
from kehoach.organizations.choices import Role
from kehoach.organizations.models import Unit

CITY = "ThU-DL"
BOARD = "BTGThU-DL"
CELLS = ("CB-P1", "CB-P2", "CB-TTVH")
OFFICER = "bientap.thanhuy"  # editor of the Thành ủy: drafts, issues, reviews
PLAN_CODE = "158-KH/ThU"  # the demo plan's number-symbol: the marker of a finished demo
CELL_PLAN_NUMBER = "05"
SIGNER = "Nguyễn Văn An"
CELL_SIGNER = "Phạm Thị Cáo"
TITLE_FROM_SEED = (
    "Triển khai Kế hoạch tuyên truyền thực hiện Chỉ thị số 27-CT/TW trên địa bàn thành phố"
)
CELL_TASK_TITLE = "Tổ chức quán triệt, tuyên truyền Kế hoạch trong chi bộ; sinh hoạt chuyên đề"
# Figures per cell: members attending, members expected, posts on the unit's website.
FIGURES = {"CB-P1": (49, 50, 4), "CB-P2": (88, 100, 2), "CB-TTVH": (19, 20, 9)}


def seed_demo_execution(*, actor: Any, stdout: Any) -> None:
    """Build the execution demo (plans, tasks, reports, indicators, compliance, results).

    The Thành ủy's editor login acts (drafts, issues, reviews) and each cell's reporter login
    writes its reports; ``actor`` (the demo's administrator) stands in for a missing login."""
    if Plan.objects.filter(code=PLAN_CODE, unit__code=CITY).exists():
        stdout.write("Kế hoạch, báo cáo mẫu: đã có, bỏ qua.")
        return
    units = {u.code: u for u in Unit.objects.filter(code__in=[CITY, BOARD, *CELLS])}
    officer = User.objects.filter(username=OFFICER, is_active=True).first() or actor
    if len(units) < 2 + len(CELLS) or not getattr(officer, "is_authenticated", False):
        stdout.write("Chưa có đơn vị hoặc người dùng mẫu của Thành ủy: bỏ qua kế hoạch mẫu.")
        return
    today = timezone.localdate()
    # The assignments and reviews notify people; keep those e-mails off the console.
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
        with transaction.atomic():
            plan = _city_plan(officer, units, today)
            periods = _reporting(plan, officer, units, today)
            cell_plan = _compliance(plan, officer, units, today)
            results = _results(plan, officer, periods, today)
        from kehoach.ops.reminders import run_reminders

        counts = run_reminders(today=today)
    stdout.write(
        f"Kế hoạch mẫu: /plans/{plan.pk}/ ({plan.code}), kế hoạch của chi bộ "
        f"/plans/{cell_plan.pk}/, {plan.tasks.count()} nhiệm vụ, "
        f"{sum(p.reports.count() for p in periods)} báo cáo, "
        f"báo cáo kết quả /results/{results.pk}/; nhắc việc: {sum(counts.values())} thông báo."
    )


# --- the Thành ủy's implementing plan ----------------------------------------------------------


def _parent_document(city: Unit) -> Document | None:
    """The superior plan in the registry: the Thành ủy's own (seed 000) when present, else a
    Party plan, else any plan."""
    plans = Document.objects.filter(doc_type="KH")
    return (
        plans.filter(issuer_unit=city).order_by("id").first()
        or plans.filter(system="party").order_by("id").first()
        or plans.order_by("id").first()
    )


def _city_plan(officer: User, u: dict[str, Unit], today: dt.date) -> Plan:
    city, board, cells = u[CITY], u[BOARD], [u[c] for c in CELLS]
    parent = _parent_document(city)
    if parent is not None:
        title = TITLE_FROM_SEED if parent.issuer_unit_id == city.pk else None
        plan = plan_draft_from_document(actor=officer, document=parent, unit=city, title=title).plan
    else:
        plan = plan_create(
            actor=officer,
            unit=city,
            title=TITLE_FROM_SEED,
            sections=[{"number": "I", "title": "MỤC ĐÍCH, YÊU CẦU", "children": []}],
        )
    issued_on = today - dt.timedelta(days=230)
    plan = plan_update(
        actor=officer,
        plan=plan,
        period_start=issued_on,
        period_end=dt.date(today.year + 1, 12, 31),
    )
    tasks = list(plan.tasks.filter(parent__isnull=True).order_by("position", "id"))
    # The "every Party organisation" task goes to the three cells, one sub-task each; other
    # unmapped tasks go to the Ban Tuyên giáo, which coordinates.
    shared = next((t for t in tasks if t.lead_unit_id is None), None)
    if shared is None:
        shared = task_create(actor=officer, plan=plan, title=CELL_TASK_TITLE, section="IV.1")
        tasks.insert(0, shared)
    for t in tasks:
        if t.lead_unit_id is None and t.pk != shared.pk and not t.children.exists():
            task_assign(actor=officer, task=t, lead_unit=board)
    start = issued_on + dt.timedelta(days=7)
    # (due in days from today, progress): on track, due within the week, overdue. The accepted
    # reports below set the progress the dashboard shows (green, amber, red).
    schedule = {"CB-P1": (40, 10), "CB-P2": (5, 10), "CB-TTVH": (-12, 10)}
    for cell in cells:
        due, progress = schedule[cell.code]
        task_create(
            actor=officer,
            plan=plan,
            parent=shared,
            title=CELL_TASK_TITLE,
            section=shared.section,
            lead_unit=cell,
            start_date=start,
            due_date=today + dt.timedelta(days=due),
            progress=progress,
        )
    task_update(
        actor=officer,
        task=shared,
        start_date=start,
        due_date=max(today + dt.timedelta(days=d) for d, _ in schedule.values()),
    )
    others = [t for t in tasks if t.pk != shared.pk and not t.children.exists()]
    for i, t in enumerate(others):
        if i == len(others) - 1 and len(others) > 2:  # one task already done
            task_update(
                actor=officer,
                task=t,
                start_date=start,
                due_date=today - dt.timedelta(days=20),
                status=TaskStatus.DONE,
                progress=100,
            )
            continue
        begun = today - dt.timedelta(days=30)
        due_on = today + dt.timedelta(days=(35, 75, 120, 160)[i % 4])
        expected = (today - begun).days * 100 // (due_on - begun).days
        task_update(
            actor=officer,
            task=t,
            start_date=begun,
            due_date=due_on,
            progress=min(95, expected + 5),  # on track: green
        )
    return plan_issue(
        actor=officer,
        plan=plan,
        number=PLAN_CODE,
        date=issued_on,
        signer=SIGNER,
    )


# --- reporting: template, periods, indicators, reports ------------------------------------------


def _reporting(
    plan: Plan, officer: User, u: dict[str, Unit], today: dt.date
) -> list[ReportingPeriod]:
    template = template_create(
        actor=officer,
        unit=plan.unit,
        plan=plan,
        name="Báo cáo quý kết quả thực hiện Kế hoạch",
        cycle=Cycle.QUARTERLY,
        cutoff_day=15,  # Decree 09/2019/NĐ-CP: data from the 15th of the month before
    )
    periods = periods_generate(
        actor=officer,
        template=template,
        since=plan.period_start or today - dt.timedelta(days=230),
        until=today,
    )
    past = [p for p in periods if p.deadline < today]
    current = [p for p in periods if p.deadline >= today]
    attendance = indicator_create(
        actor=officer,
        plan=plan,
        name="Tỷ lệ đảng viên dự sinh hoạt chuyên đề",
        aggregation=Aggregation.RATE,
        target=98,
        measure_unit="%",
        numerator_label="Số đảng viên dự",
        denominator_label="Tổng số đảng viên",
    )
    posts = indicator_create(
        actor=officer,
        plan=plan,
        name="Tin, bài đăng trên trang thông tin điện tử của đơn vị",
        aggregation=Aggregation.SUM,
        target=15,
        measure_unit="tin, bài/quý",
        unit_targets={u["CB-P1"]: 3, u["CB-P2"]: 3, u["CB-TTVH"]: 9},
    )
    tasks = {
        t.lead_unit.code: t
        for t in Task.objects.filter(plan=plan, title=CELL_TASK_TITLE).select_related("lead_unit")
        if t.lead_unit is not None
    }
    for code, t in tasks.items():  # each cell owes this report every quarter
        tasks[code] = task_update(actor=officer, task=t, report_template=template)
    # Adding the report attached every leaf task of the plan; in this story only the cells'
    # shared task reports periodically (the officer clears the others, one-off tasks).
    reporting = {t.pk for t in tasks.values()}
    for t in Task.objects.filter(plan=plan, report_template=template).exclude(pk__in=reporting):
        task_update(actor=officer, task=t, report_template=None)
    story = _story(past, current)
    for (code, period), (outcome, progress) in story.items():
        _report(
            task=tasks[code],
            unit=u[code],
            period=period,
            officer=officer,
            outcome=outcome,
            progress=progress,
            indicators=(attendance, posts),
            today=today,
        )
    if len(past) >= 2:
        period_close(actor=officer, period=past[0])  # the oldest quarter: figures frozen
    return periods


def _story(
    past: list[ReportingPeriod], current: list[ReportingPeriod]
) -> dict[tuple[str, ReportingPeriod], tuple[str, int]]:
    """Who reports what in which period: (outcome, progress)."""
    story: dict[tuple[str, ReportingPeriod], tuple[str, int]] = {}
    for n, period in enumerate(past[:-1]):
        for code in CELLS:
            story[(code, period)] = ("accepted", 20 + 15 * n)
    if past:
        last = past[-1]
        story[("CB-P1", last)] = ("accepted", 80)  # on schedule: green
        story[("CB-P2", last)] = ("accepted", 75)  # due within the week, a little behind: amber
        # CB-TTVH sends nothing for the last quarter: overdue, missing from the results report.
    if current:
        now = current[0]
        story[("CB-P1", now)] = ("returned", 90)
        story[("CB-P2", now)] = ("submitted", 85)
    return story


def _report(
    *,
    task: Task,
    unit: Unit,
    period: ReportingPeriod,
    officer: User,
    outcome: str,
    progress: int,
    indicators: tuple[Indicator, Indicator],
    today: dt.date,
) -> None:
    attendance, posts = indicators
    attended, members, n_posts = FIGURES[unit.code]
    reporter = _reporter(unit) or officer
    if outcome == "returned":
        attended = members - 6  # the figure the reviewer questions
    report = report_save(
        actor=reporter,
        task=task,
        unit=unit,
        period=period,
        narrative=(
            f"{unit.name} tổ chức sinh hoạt chuyên đề quán triệt Chỉ thị số 27-CT/TW và Kế hoạch "
            f"của Thành ủy: {attended}/{members} đảng viên dự; đăng {n_posts} tin, bài về thực "
            "hành tiết kiệm, chống lãng phí trên trang thông tin điện tử của đơn vị."
        ),
        progress=progress,
        values=[
            {"indicator": attendance, "value": attended, "denominator": members},
            {"indicator": posts, "value": n_posts},
        ],
    )
    evidence_add(
        actor=reporter,
        report=report,
        kind=EvidenceKind.LINK,
        url=f"https://dalat.lamdong.dcs.vn/tin-tuc/{unit.code.lower()}-{period.key}",
        caption="Tin bài trên trang thông tin điện tử",
    )
    if outcome != "returned":
        taken = min(period.end, today - dt.timedelta(days=1))
        evidence_add(
            actor=reporter,
            report=report,
            kind=EvidenceKind.PHOTO,
            upload=SimpleUploadedFile(
                f"sinh-hoat-chuyen-de-{unit.code.lower()}.png", _png(unit.pk), "image/png"
            ),
            caption="Ảnh buổi sinh hoạt chuyên đề",
            taken_on=taken,
        )
    report_submit(actor=reporter, report=report)
    if outcome == "accepted":
        report_accept(actor=officer, report=report, comment="Đạt yêu cầu.")
    elif outcome == "returned":
        report_return(
            actor=officer,
            report=report,
            comment=(
                "Bổ sung ảnh buổi sinh hoạt chuyên đề và kiểm tra lại số đảng viên dự "
                "(chi bộ có 50 đảng viên)."
            ),
        )


def _reporter(unit: Unit) -> User | None:
    """A reporter of the unit itself (the demo's cell login), who writes and sends its reports."""
    return (
        User.objects.filter(is_active=True, memberships__unit=unit, memberships__role=Role.REPORTER)
        .order_by("id")
        .first()
    )


def _png(seed: int, width: int = 160, height: int = 100) -> bytes:
    """A small PNG (a green field with a band), generated so no binary file is kept."""
    band = (seed * 37) % 60 + 20
    rows = []
    for y in range(height):
        colour = b"\x2e\x7d\x32" if not band <= y < band + 14 else b"\xf5\xf5\xf0"
        rows.append(b"\x00" + colour * width)
    raw = zlib.compress(b"".join(rows), 9)

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", raw) + chunk(b"IEND", b"")


# --- cascade compliance --------------------------------------------------------------------------


def _compliance(plan: Plan, officer: User, u: dict[str, Unit], today: dt.date) -> Plan:
    """The cells must issue their implementing plans: one issued, one late, one not yet due."""
    directive = plan.document
    city = u[CITY]
    assert directive is not None  # an issued plan is a registry document
    issued_on = plan.issued_on or today
    dues = {
        "CB-P1": issued_on + dt.timedelta(days=30),
        "CB-P2": today - dt.timedelta(days=10),
        "CB-TTVH": today + dt.timedelta(days=20),
    }
    for code, due in dues.items():
        requirement_set(
            actor=officer, directive=directive, required_by=city, unit=u[code], due_date=due
        )
    cell = u["CB-P1"]
    cell_plan = plan_draft_from_document(actor=officer, document=directive, unit=cell).plan
    cell_plan = plan_update(
        actor=officer,
        plan=cell_plan,
        period_start=issued_on + dt.timedelta(days=20),
        period_end=plan.period_end,
    )
    # The draft proposes the Thành ủy's tasks again; the cell keeps the first (its own part) and
    # writes its own activities.
    drafted = list(cell_plan.tasks.filter(parent__isnull=True).order_by("position", "id"))
    for t in drafted[1:]:
        task_delete(actor=officer, task=t)
    begun, due = today - dt.timedelta(days=60), today + dt.timedelta(days=60)
    activities = [
        (drafted[0] if drafted else None, CELL_TASK_TITLE, 50),
        (None, "Sinh hoạt chuyên đề về thực hành tiết kiệm, chống lãng phí mỗi quý", 50),
        (None, "Đăng tin, bài về gương người tốt, việc tốt trên trang của phường", 40),
    ]
    for task, title, progress in activities:
        if task is None:
            task_create(
                actor=officer,
                plan=cell_plan,
                title=title,
                section="III",
                lead_unit=cell,
                start_date=begun,
                due_date=due,
                progress=progress,
            )
            continue
        if task.lead_unit_id is None:
            task_assign(actor=officer, task=task, lead_unit=cell)
        task_update(actor=officer, task=task, start_date=begun, due_date=due, progress=progress)
    return plan_issue(
        actor=officer,
        plan=cell_plan,
        number=CELL_PLAN_NUMBER,
        date=issued_on + dt.timedelta(days=18),
        signer=CELL_SIGNER,
    )


# --- the compiled results report -------------------------------------------------------------------


def _results(plan: Plan, officer: User, periods: list[ReportingPeriod], today: dt.date) -> Any:
    from kehoach.results.services import results_compile

    past = [p for p in periods if p.deadline < today]
    period = past[-1] if past else periods[-1]
    return results_compile(actor=officer, plan=plan, period=period, today=today)
