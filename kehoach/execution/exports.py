"""XLSX exports of the execution tables: every table of the dashboard (plans by status, tasks by
RAG colour per unit, overdue tasks, indicators against targets, implementing-plan compliance,
upcoming tasks and report deadlines), a plan's tasks, the compliance matrix. Each export reads
the same selectors as its page; the dashboard's lists are exported whole (the page shows 20)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from decimal import Decimal
from io import BytesIO
from typing import Any, cast

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.functional import Promise
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from kehoach.core.spreadsheets import safe_cell
from kehoach.execution.choices import Aggregation, Rag
from kehoach.execution.dashboard import (
    compliance_counts,
    focus_unit,
    indicator_blocks,
    overdue_tasks,
    plan_progress,
    plans_by_status,
    rag_by_child,
    upcoming_periods,
    upcoming_tasks,
)
from kehoach.execution.selectors import plans as selectors
from kehoach.execution.selectors.tasks import task_list, with_rag
from kehoach.execution.views.plans import tree_rows

RAG_LABELS = dict(Rag.choices)
STATE_LABELS = {
    "issued": "Đã ban hành",
    "issued_late": "Ban hành muộn",
    "late": "Quá hạn, chưa ban hành",
    "pending": "Chưa đến hạn",
}
MET_LABELS = {True: "Đạt", False: "Chưa đạt", None: ""}
RAG_ORDER = (Rag.RED, Rag.AMBER, Rag.GREEN, Rag.GREY)
HEAD_FILL = PatternFill("solid", fgColor="DDDDDD")
Table = tuple[str, list[str], list[list[Any]], str]  # title, header, rows, file name


def _cell(value: Any) -> Any:
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, Promise):  # a lazily translated label (choices)
        value = str(value)
    return safe_cell(value)  # a title typed as "=..." stays text


def workbook(title: str, header: list[str], rows: list[list[Any]], *, note: str = "") -> bytes:
    """One sheet: a title line, an optional note, a bold header, the rows; dates as dates."""
    wb = Workbook()
    ws = cast(Worksheet, wb.active)
    ws.title = re.sub(r"[\\/*?:\[\]]", "-", title)[:31]  # Excel forbids these in sheet names
    ws.append([_cell(title)])
    ws["A1"].font = Font(bold=True, size=13)
    if note:
        ws.append([_cell(note)])
    ws.append([])
    ws.append([_cell(h) for h in header])
    head_row = ws.max_row
    for col in range(1, len(header) + 1):
        c = ws.cell(row=head_row, column=col)
        c.font, c.fill = Font(bold=True), HEAD_FILL
        c.alignment = Alignment(wrap_text=True, vertical="top")
    for r in rows:
        ws.append([_cell(v) for v in r])
    for col in range(1, len(header) + 1):
        width = max(
            (
                len(str(ws.cell(row=i, column=col).value or ""))
                for i in range(head_row, ws.max_row + 1)
            ),
            default=10,
        )
        ws.column_dimensions[get_column_letter(col)].width = min(60, max(10, width + 2))
    for row in ws.iter_rows(min_row=head_row + 1):
        for c in row:
            if isinstance(c.value, dt.date):
                c.number_format = "DD/MM/YYYY"
    buf = BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(
        content,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _rag_table(request: HttpRequest, unit: Any, today: dt.date) -> Table:
    rows = [
        [r["unit"].name, r["total"], *(n for _c, n, _p in r["counts"]), r["progress"]]
        for r in rag_by_child(unit, today)
    ]
    header = ["Đơn vị", "Tổng", *(str(RAG_LABELS[c]) for c in RAG_ORDER), "Tiến độ kế hoạch (%)"]
    return "Tình trạng nhiệm vụ", header, rows, "tinh-trang-nhiem-vu.xlsx"


def _overdue_table(request: HttpRequest, unit: Any, today: dt.date) -> Table:
    rows = [
        [
            t.due_date,
            t.title,
            t.lead_unit.name if t.lead_unit else "",
            t.plan.code or t.plan.title,
            t.progress,
            (today - t.due_date).days if t.due_date else "",
        ]
        for t in overdue_tasks(unit, today, limit=None)
    ]
    header = ["Hạn", "Nhiệm vụ", "Chủ trì", "Kế hoạch", "Tiến độ (%)", "Số ngày quá hạn"]
    return "Nhiệm vụ quá hạn", header, rows, "nhiem-vu-qua-han.xlsx"


def _progress_table(request: HttpRequest, unit: Any, today: dt.date) -> Table:
    rows = [
        [p.code, p.title, p.issued_on, p.weight, p.progress]
        for p in plan_progress(unit, limit=None)
    ]
    header = ["Số, ký hiệu", "Trích yếu", "Ngày ban hành", "Trọng số", "Tiến độ (%)"]
    return "Tiến độ các kế hoạch", header, rows, "tien-do-ke-hoach.xlsx"


def _status_table(request: HttpRequest, unit: Any, today: dt.date) -> Table:
    rows = [[label, n] for _v, label, n in plans_by_status(unit)]
    return "Kế hoạch theo trạng thái", ["Trạng thái", "Số kế hoạch"], rows, "ke-hoach.xlsx"


def _indicators_table(request: HttpRequest, unit: Any, today: dt.date) -> Table:
    rows = []
    for plan, results in indicator_blocks(unit):
        for r in results:
            rate = r.indicator.aggregation == Aggregation.RATE
            rows.append(
                [
                    plan.code or plan.title,
                    r.indicator.name,
                    "%" if rate else r.indicator.measure_unit,
                    r.indicator.get_aggregation_display(),
                    r.indicator.comparator,
                    r.indicator.target,
                    r.overall.value,
                    r.overall.numerator if rate else None,
                    r.overall.denominator if rate else None,
                    r.overall.count,
                    MET_LABELS[r.met],
                ]
            )
    header = [
        "Kế hoạch",
        "Chỉ tiêu",
        "Đơn vị tính",
        "Cách tổng hợp",
        "So sánh",
        "Mục tiêu",
        "Kết quả",
        "Tử số (Σ)",
        "Mẫu số (Σ)",
        "Số báo cáo",
        "Đánh giá",
    ]
    return "Chỉ tiêu", header, rows, "chi-tieu.xlsx"


def _compliance_table(request: HttpRequest, unit: Any, today: dt.date) -> Table:
    counts = compliance_counts(request.user, unit, today)
    rows = [[label, counts.get(state, 0)] for state, label in STATE_LABELS.items()]
    return "Ban hành kế hoạch thực hiện", ["Tình trạng", "Số đơn vị"], rows, "ban-hanh.xlsx"


def _upcoming_table(request: HttpRequest, unit: Any, today: dt.date) -> Table:
    rows = [
        [
            t.due_date,
            t.title,
            t.lead_unit.name if t.lead_unit else "",
            t.plan.code or t.plan.title,
            t.progress,
            (t.due_date - today).days if t.due_date else "",
        ]
        for t in upcoming_tasks(unit, today, limit=None)
    ]
    header = ["Hạn", "Nhiệm vụ", "Chủ trì", "Kế hoạch", "Tiến độ (%)", "Còn (ngày)"]
    return "Nhiệm vụ sắp đến hạn", header, rows, "nhiem-vu-sap-den-han.xlsx"


def _deadlines_table(request: HttpRequest, unit: Any, today: dt.date) -> Table:
    rows = [
        [p.deadline, p.template.name, p.label, p.template.unit.name, (p.deadline - today).days]
        for p in upcoming_periods(unit, today, limit=None)
    ]
    header = ["Hạn gửi", "Mẫu báo cáo", "Kỳ", "Đơn vị giao", "Còn (ngày)"]
    return "Hạn gửi báo cáo", header, rows, "han-gui-bao-cao.xlsx"


DASHBOARD_TABLES: dict[str, Callable[[HttpRequest, Any, dt.date], Table]] = {
    "status": _status_table,
    "progress": _progress_table,
    "rag": _rag_table,
    "overdue": _overdue_table,
    "indicators": _indicators_table,
    "compliance": _compliance_table,
    "upcoming": _upcoming_table,
    "deadlines": _deadlines_table,
}


@login_required
def dashboard_export(request: HttpRequest, table: str) -> HttpResponse:
    build = DASHBOARD_TABLES.get(table)
    if build is None:
        raise Http404("Không có bảng này.")
    today = timezone.localdate()
    unit = focus_unit(request.user, request.GET.get("unit"))
    title, header, rows, filename = build(request, unit, today)
    note = f"{unit.name} — ngày {today:%d/%m/%Y}"
    return _response(workbook(title, header, rows, note=note), filename)


@login_required
def plan_tasks_export(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = selectors.plan_get(user=request.user, plan_id=plan_id)
    rows = []
    for t, depth in tree_rows(with_rag(task_list(user=request.user, filters={"plan": plan.pk}))):
        supporting = ", ".join(u.name for u in t.supporting_units.all())
        rows.append(
            [
                t.section,
                "    " * depth + t.title,
                t.lead_unit.name if t.lead_unit else "",
                supporting,
                t.start_date,
                t.due_date,
                t.weight,
                t.progress,
                t.get_status_display(),
                RAG_LABELS.get(t.rag, ""),
            ]
        )
    header = [
        "Mục",
        "Nhiệm vụ",
        "Chủ trì",
        "Phối hợp",
        "Bắt đầu",
        "Hạn",
        "Trọng số",
        "Tiến độ (%)",
        "Trạng thái",
        "Tình trạng",
    ]
    title = f"Kế hoạch {plan.code}".strip() if plan.code else "Kế hoạch"
    note = f"{plan.title} — tiến độ chung {plan.progress if plan.progress is not None else '—'}%"
    return _response(workbook(title, header, rows, note=note), f"ke-hoach-{plan.pk}-nhiem-vu.xlsx")


@login_required
def compliance_export(request: HttpRequest) -> HttpResponse:
    picked = [int(i) for i in request.GET.getlist("show") if i.isdigit()]
    matrix = selectors.compliance_matrix(user=request.user, directive_ids=picked)
    header = [
        "Đơn vị",
        *(
            f"{d.type_label} {d.display_code}".strip()
            + (f" ({d.issuer_short})" if d.issuer_short else "")
            for d in matrix.directives
        ),
    ]
    rows = []
    for unit, cells in matrix.rows():
        line: list[Any] = [unit.name]
        for req, state in cells:
            if req is None or state is None:
                line.append("")
            else:
                line.append(f"{STATE_LABELS[state]} (hạn {req.due_date:%d/%m/%Y})")
        rows.append(line)
    note = f"Ngày {matrix.today:%d/%m/%Y}"
    return _response(
        workbook("Ban hành kế hoạch", header, rows, note=note), "ban-hanh-ke-hoach.xlsx"
    )
