"""A results report as the renderer's OfficialDocument, and its statistics tables (no queries).

Everything comes from the report's stored ``data`` and ``sections``: the export never queries
the tracking tables, so it prints what the page shows. Tables go through the renderer's own
``Table`` block (bordered, header row repeated, the profile's ``table_header``/``table_cell``
styles).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kehoach.execution.choices import Aggregation
from kehoach.paperwork.rendering import OfficialDocument, Profile, select_profile
from kehoach.paperwork.rendering.docx_writer import render_official
from kehoach.paperwork.rendering.model import (
    Block,
    Heading,
    Paragraph,
    RecipientLine,
    SignatureBlock,
    Table,
)
from kehoach.paperwork.rendering.text import authority_for, outline_label, symbol_for
from kehoach.results.formatting import (
    figure_text,
    met_text,
    rate_percent,
    target_text,
    to_decimal,
    vn_date,
)
from kehoach.results.narrative import report_title

# Indicator columns per table of per-unit figures (the page is 165 mm wide).
INDICATORS_PER_TABLE = 4
TASK_LABELS = (
    ("total", "Tổng số"),
    ("done", "Hoàn thành"),
    ("in_progress", "Đang thực hiện"),
    ("not_started", "Chưa triển khai"),
    ("overdue", "Quá hạn, chậm"),
)
NO_UNIT = "(chưa giao đơn vị)"


@dataclass(frozen=True, slots=True)
class StatTable:
    """A statistics table: title, header, rows of typed cells and the Excel format per column.

    Cells are ``str``, ``int``, ``Decimal`` or None; ``formats`` holds an Excel number format
    (``"#,##0"``, ``"0.00%"``) or None per column; ``widths`` Excel column widths in characters.
    """

    key: str
    title: str
    header: tuple[str, ...]
    rows: tuple[tuple[Any, ...], ...]
    formats: tuple[str | None, ...]
    widths: tuple[float, ...]
    total_row: bool = False


def _name(data: dict[str, Any], unit_id: Any) -> str:
    return data["units"].get(str(unit_id), NO_UNIT) if unit_id else NO_UNIT


def _raw(figure: dict[str, Any] | None, rule: str) -> tuple[Any, ...]:
    """Numbers for the spreadsheet: (numerator, denominator, rate) for a rate, else (value,)."""
    f = figure or {}
    if rule == Aggregation.RATE:
        pct = rate_percent(f.get("numerator"), f.get("denominator"))
        return (
            to_decimal(f.get("numerator")),
            to_decimal(f.get("denominator")),
            pct / 100 if pct is not None else None,
        )
    if rule == Aggregation.ALL_DONE:
        return (f.get("done"), f.get("count"))
    return (to_decimal(f.get("value")),)


def _raw_header(ind: dict[str, Any]) -> tuple[tuple[str, str | None], ...]:
    name, rule = ind["name"], ind["aggregation"]
    if rule == Aggregation.RATE:
        return (
            (f"{name}: đạt", "#,##0.##"),
            (f"{name}: tổng số", "#,##0.##"),
            (f"{name}: tỷ lệ", "0.00%"),
        )
    if rule == Aggregation.ALL_DONE:
        return ((f"{name}: hoàn thành", "#,##0"), (f"{name}: số đơn vị", "#,##0"))
    return ((f"{name} ({ind['measure_unit']})" if ind["measure_unit"] else name, "#,##0.##"),)


def xlsx_tables(data: dict[str, Any]) -> list[StatTable]:
    """The statistics as numbers (one sheet each): the spreadsheet keeps raw counts and rates."""
    out: list[StatTable] = []
    inds = data["indicators"]
    if inds:
        rows = []
        for i, ind in enumerate(inds, start=1):
            f = ind["total"] or {}
            pct = (
                rate_percent(f.get("numerator"), f.get("denominator"))
                if ind["aggregation"] == Aggregation.RATE
                else None
            )
            rows.append(
                (
                    i,
                    ind["name"],
                    target_text(
                        ind["comparator"], ind["target"], ind["aggregation"], ind["measure_unit"]
                    ),
                    to_decimal(f.get("numerator"))
                    if pct is not None
                    else to_decimal(f.get("value")),
                    to_decimal(f.get("denominator")),
                    pct / 100 if pct is not None else None,
                    figure_text(ind["aggregation"], ind["total"], ind["measure_unit"]),
                    met_text(f.get("met")),
                )
            )
        out.append(
            StatTable(
                key="indicators",
                title="Chỉ tiêu",
                header=(
                    "STT",
                    "Chỉ tiêu",
                    "Chỉ tiêu đặt ra",
                    "Kết quả (số đạt / giá trị)",
                    "Tổng số",
                    "Tỷ lệ",
                    "Kết quả",
                    "Đánh giá",
                ),
                rows=tuple(rows),
                formats=(None, None, None, "#,##0.##", "#,##0.##", "0.00%", None, None),
                widths=(6, 50, 16, 16, 16, 10, 24, 12),
            )
        )
        cols = [c for ind in inds for c in _raw_header(ind)]
        unit_rows = []
        for n, uid in enumerate(_indicator_units(data), start=1):
            cells: list[Any] = [n, _name(data, uid)]
            for ind in inds:
                cells.extend(_raw(ind["units"].get(str(uid)), ind["aggregation"]))
            unit_rows.append(tuple(cells))
        total: list[Any] = ["", "Tổng cộng"]
        for ind in inds:
            total.extend(_raw(ind["total"], ind["aggregation"]))
        unit_rows.append(tuple(total))
        out.append(
            StatTable(
                key="indicator_units",
                title="Chỉ tiêu theo đơn vị",
                header=("STT", "Đơn vị", *(c[0] for c in cols)),
                rows=tuple(unit_rows),
                formats=(None, None, *(c[1] for c in cols)),
                widths=(6, 45, *(16 for _ in cols)),
                total_row=True,
            )
        )
    task_rows = [
        (n, _name(data, row["unit"]), *(row[k] for k, _l in TASK_LABELS))
        for n, row in enumerate(data["tasks"]["units"], start=1)
    ]
    task_rows.append(("", "Tổng cộng", *(data["tasks"]["total"][k] for k, _l in TASK_LABELS)))
    out.append(
        StatTable(
            key="tasks",
            title="Nhiệm vụ theo đơn vị",
            header=("STT", "Đơn vị chủ trì", *(label for _k, label in TASK_LABELS)),
            rows=tuple(task_rows),
            formats=(None, None, *("#,##0" for _ in TASK_LABELS)),
            widths=(6, 45, 11, 12, 15, 16, 14),
            total_row=True,
        )
    )
    missing = data["reporting"]["missing"]
    out.append(
        StatTable(
            key="missing",
            title="Đơn vị chưa báo cáo",
            header=("STT", "Đơn vị", "Số báo cáo phải gửi", "Đã gửi", "Chưa gửi"),
            rows=tuple(
                (n, _name(data, m["unit"]), m["owed"], m["sent"], m["owed"] - m["sent"])
                for n, m in enumerate(missing, start=1)
            ),
            formats=(None, None, "#,##0", "#,##0", "#,##0"),
            widths=(6, 50, 18, 10, 10),
        )
    )
    out.append(
        StatTable(
            key="evidence",
            title="Minh chứng",
            header=("STT", "Đơn vị", "Nhiệm vụ", "Minh chứng", "Ngày", "Đường dẫn"),
            rows=tuple(
                (n, _name(data, e["unit"]), e["task"], e["caption"], vn_date(e["date"]), e["url"])
                for n, e in enumerate(data["evidence"], start=1)
            ),
            formats=(None,) * 6,
            widths=(6, 35, 45, 40, 12, 50),
        )
    )
    return out


def _indicator_units(data: dict[str, Any]) -> list[int]:
    """Units with a figure on any indicator, in the tree's order."""
    having = {uid for ind in data["indicators"] for uid in ind["units"]}
    return [uid for uid in data["unit_order"] if str(uid) in having]


# -- the document ---------------------------------------------------------------------------


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").split("\n") if line.strip()]


def _paragraphs(text: str) -> list[Block]:
    return [Paragraph(line) for line in _lines(text)]


def docx_tables(data: dict[str, Any], profile: Profile) -> dict[str, list[Table]]:
    """The statistics as printed: ``x/y (z%)``, Vietnamese numbers, widths within the page."""
    width = profile.page.text_width_mm
    out: dict[str, list[Table]] = {}
    inds = data["indicators"]
    if inds:
        out["indicators"] = [
            Table(
                header=("STT", "Chỉ tiêu", "Chỉ tiêu đặt ra", "Kết quả", "Đánh giá"),
                rows=tuple(
                    (
                        str(i),
                        ind["name"],
                        target_text(
                            ind["comparator"],
                            ind["target"],
                            ind["aggregation"],
                            ind["measure_unit"],
                        ),
                        figure_text(ind["aggregation"], ind["total"], ind["measure_unit"])
                        or "Chưa có số liệu",
                        met_text((ind["total"] or {}).get("met")),
                    )
                    for i, ind in enumerate(inds, start=1)
                ),
                widths_mm=_widths(width, (13, 0, 28, 38, 22)),
            )
        ]
        units = _indicator_units(data)
        tables = []
        for start in range(0, len(inds), INDICATORS_PER_TABLE):
            chunk = inds[start : start + INDICATORS_PER_TABLE]
            rows = [
                (
                    str(n),
                    _name(data, uid),
                    *(
                        figure_text(i["aggregation"], i["units"].get(str(uid)), i["measure_unit"])
                        for i in chunk
                    ),
                )
                for n, uid in enumerate(units, start=1)
            ]
            rows.append(
                (
                    "",
                    "Tổng cộng",
                    *(figure_text(i["aggregation"], i["total"], i["measure_unit"]) for i in chunk),
                )
            )
            tables.append(
                Table(
                    header=("STT", "Đơn vị", *(i["name"] for i in chunk)),
                    rows=tuple(rows),
                    widths_mm=_widths(width, (13, 0, *([30.0] * len(chunk)))),
                )
            )
        out["indicator_units"] = tables
    task_rows = [
        (str(n), _name(data, row["unit"]), *(str(row[k]) for k, _l in TASK_LABELS))
        for n, row in enumerate(data["tasks"]["units"], start=1)
    ]
    task_rows.append(("", "Tổng cộng", *(str(data["tasks"]["total"][k]) for k, _l in TASK_LABELS)))
    out["tasks"] = [
        Table(
            header=("STT", "Đơn vị chủ trì", *(label for _k, label in TASK_LABELS)),
            rows=tuple(task_rows),
            widths_mm=_widths(width, (13, 0, 17, 20, 20, 20, 20)),
        )
    ]
    missing = data["reporting"]["missing"]
    if missing:
        out["missing"] = [
            Table(
                header=("STT", "Đơn vị", "Phải gửi", "Đã gửi", "Chưa gửi"),
                rows=tuple(
                    (
                        str(n),
                        _name(data, m["unit"]),
                        str(m["owed"]),
                        str(m["sent"]),
                        str(m["owed"] - m["sent"]),
                    )
                    for n, m in enumerate(missing, start=1)
                ),
                widths_mm=_widths(width, (13, 0, 22, 20, 22)),
            )
        ]
    if data["evidence"]:
        out["evidence"] = [
            Table(
                header=("STT", "Đơn vị", "Minh chứng", "Ngày", "Đường dẫn"),
                rows=tuple(
                    (str(n), _name(data, e["unit"]), e["caption"], vn_date(e["date"]), e["url"])
                    for n, e in enumerate(data["evidence"], start=1)
                ),
                widths_mm=_widths(width, (13, 38, 0, 25, 45)),
            )
        ]
    return out


def _widths(total: float, widths: tuple[float, ...]) -> tuple[float, ...]:
    """Column widths in mm; the one given as 0 takes what is left of the text width."""
    fixed = sum(w for w in widths if w)
    rest = max(20.0, total - fixed)
    return tuple(w or rest for w in widths)


def official_document(report: Any, profile: Profile) -> OfficialDocument:
    """The report in ``profile``'s format: header, BÁO CÁO + trích yếu, the three parts with
    their tables, closing sentence, Nơi nhận and signature."""
    data = report.data
    plan = report.plan
    unit = report.unit
    tables = docx_tables(data, profile)

    def label(n: str) -> str | None:
        return outline_label(n, profile)

    body: list[Block] = [Heading(label("I"), "KẾT QUẢ ĐẠT ĐƯỢC", 1)]
    body += _paragraphs(report.section_text("results"))
    sub = 0

    def subheading(text: str) -> None:
        nonlocal sub
        sub += 1
        body.append(Heading(label(str(sub)), text, 2))

    if "indicators" in tables:
        subheading("Kết quả thực hiện các chỉ tiêu")
        body.extend(tables["indicators"])
        body.append(Paragraph("Số liệu của từng đơn vị:"))
        body.extend(tables["indicator_units"])
    subheading("Tiến độ thực hiện nhiệm vụ")
    body.append(Paragraph(f"Tính đến ngày {vn_date(data['as_of'])}, theo đơn vị chủ trì:"))
    body.extend(tables["tasks"])
    if data["excerpts"]:
        subheading("Kết quả thực hiện của các đơn vị (trích báo cáo)")
        for e in data["excerpts"]:
            body.append(Paragraph(f"- {_name(data, e['unit'])} ({e['task']}): {e['text']}"))
    if "evidence" in tables:
        subheading("Minh chứng")
        body.extend(tables["evidence"])
    body.append(Heading(label("II"), "TỒN TẠI, HẠN CHẾ", 1))
    body += _paragraphs(report.section_text("limitations"))
    if "missing" in tables:
        body.append(Paragraph("Đơn vị chưa gửi đủ báo cáo trong kỳ:"))
        body.extend(tables["missing"])
    body.append(Heading(label("III"), "PHƯƠNG HƯỚNG, NHIỆM VỤ KỲ TỚI", 1))
    body += _paragraphs(report.section_text("directions"))

    recipients = []
    for line in _lines(report.recipients):
        line = line.lstrip("-– ").rstrip(",;.")
        name, purpose = line, None
        if line.endswith(")") and "(" in line:
            name, _, rest = line.rpartition("(")
            name, purpose = name.strip(), rest[:-1].strip() or None
        recipients.append(RecipientLine(name=name, purpose=purpose))
    return OfficialDocument(
        superior=unit.parent.name if unit.parent_id else None,
        issuer=unit.name,
        number=report.number or None,
        symbol=symbol_for(report.symbol or None, source_system=report.system, profile=profile),
        place=report.place or None,
        date=report.issued_on.isoformat() if report.issued_on else None,
        type_name="Báo cáo",
        title=report_title(plan, data["period"]["label"]),
        preamble=tuple(_lines(report.section_text("opening"))),
        body=tuple(body),
        closing=tuple(_lines(report.section_text("closing"))),
        signature=SignatureBlock(
            authority=authority_for(report.signer_authority or None, profile),
            title=report.signer_title or None,
            name=report.signer_name or None,
        ),
        recipients=tuple(recipients),
        archive=report.archive or None,
    )


def report_profile(report: Any, profile: str | None) -> Profile:
    """``state``/``party``/a profile name, else the report's own system, valid on its date."""
    date = report.issued_on or report.period.end
    if profile and profile not in ("state", "party"):
        return select_profile(name=profile)
    return select_profile(system=profile or report.system, date=date)


def render_report_docx(report: Any, profile: Profile) -> bytes:
    return render_official(official_document(report, profile), profile)
