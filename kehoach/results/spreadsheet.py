"""The statistics tables of a results report as an XLSX workbook (openpyxl), one sheet each.

Figures are numbers, not text: counts with ``#,##0``, rates as fractions with ``0.00%`` (Excel
or LibreOffice shows them with the reader's own separators, ``92,67%`` in Vietnamese), header
rows bold and frozen, widths set per column, the total row bold.
"""

from __future__ import annotations

import io
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from kehoach.core.spreadsheets import safe_cell, safe_row
from kehoach.results.document import xlsx_tables

THIN = Side(style="thin", color="000000")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEADER_FILL = PatternFill("solid", fgColor="EDEDED")
# Sheet names: at most 31 characters, none of []:*?/\ (Excel's rules).
_FORBIDDEN = str.maketrans({c: " " for c in "[]:*?/\\"})


def render_report_xlsx(report: Any) -> bytes:
    """XLSX bytes: a title row naming the report and the period, then each table."""
    workbook = Workbook(write_only=False)
    if workbook.active is not None:
        workbook.remove(workbook.active)
    period = report.data["period"]["label"]
    heading = f"{report.unit.name} – {report.plan.code or report.plan.title[:80]} – {period}"
    for table in xlsx_tables(report.data):
        sheet = workbook.create_sheet(table.title.translate(_FORBIDDEN)[:31])
        sheet.append([safe_cell(f"{table.title}: {heading}")])
        sheet["A1"].font = Font(bold=True, size=13)
        sheet.append(safe_row(table.header))
        for cell in sheet[2]:
            cell.font = Font(bold=True)
            cell.fill = HEADER_FILL
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
            cell.border = BORDER
        for row in table.rows:
            sheet.append([_cell(v) for v in row])
        last = sheet.max_row
        for index, fmt in enumerate(table.formats, start=1):
            if fmt:
                for (cell,) in sheet.iter_rows(
                    min_row=3, max_row=last, min_col=index, max_col=index
                ):
                    cell.number_format = fmt
        if table.total_row and last >= 3:
            for cell in sheet[last]:
                cell.font = Font(bold=True)
        for index, width in enumerate(table.widths, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = width
        sheet.freeze_panes = "A3"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _cell(value: Any) -> Any:
    """Decimals as floats (openpyxl writes numbers), texts never as formulas."""
    if value is None:
        return None
    if hasattr(value, "as_tuple"):
        return float(value)
    return safe_cell(value)
