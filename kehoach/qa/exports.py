"""The statistics as XLSX: counts and rates only (no question text, no person), every cell
through ``safe_cell``."""

from __future__ import annotations

from io import BytesIO
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font

from kehoach.core.spreadsheets import safe_cell, safe_row

HEAD = ["", "Đã nhận", "Đã trả lời", "Đúng hạn", "Quá hạn", "Tỷ lệ đúng hạn (%)"]
SHEETS = [
    ("field", "Theo lĩnh vực"),
    ("agency", "Theo cơ quan"),
    ("locality", "Theo xã, phường"),
    ("month", "Theo tháng"),
]


def statistics_xlsx(stats: dict[str, Any]) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Tổng hợp"
    t = stats["total"]
    for label, key in (
        ("Đã nhận", "received"),
        ("Đã trả lời", "answered"),
        ("Trả lời đúng hạn", "on_time"),
        ("Đang quá hạn", "overdue"),
        ("Tỷ lệ đúng hạn (%)", "on_time_rate"),
    ):
        sheet.append([safe_cell(label), t[key]])
    for key, title in SHEETS:
        ws = book.create_sheet(title)
        ws.append([safe_cell(h) for h in HEAD])
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for r in stats[key]:
            row = [r["label"], r["received"], r["answered"], r["on_time"], r["overdue"]]
            ws.append(safe_row([*row, r["on_time_rate"]]))
        ws.column_dimensions["A"].width = 48
    out = BytesIO()
    book.save(out)
    return out.getvalue()
