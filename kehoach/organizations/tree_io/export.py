"""Export of the units a user sees, as XLSX or CSV."""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Any, cast

from django.utils import timezone

from kehoach.core.spreadsheets import safe_row
from kehoach.organizations.choices import UnitKind
from kehoach.organizations.selectors import units_for_export
from kehoach.organizations.tree_io.format import COLUMNS, XLSX_CONTENT_TYPE


def _kind_label(value: str) -> str:
    # The file always carries the Vietnamese label (the labels are lazy translations).
    from django.utils import translation

    with translation.override("vi"):
        return str(UnitKind(value).label) if value in UnitKind.values else value


def export_rows(*, user: Any) -> list[list[Any]]:
    rows: list[list[Any]] = []
    for unit in units_for_export(user=user):
        rows.append(
            [
                unit.code,
                unit.name,
                unit.short_name,
                unit.abbreviation,
                _kind_label(unit.kind),
                unit.parent.code if unit.parent else "",
                unit.valid_from,
                unit.valid_to,
            ]
        )
    return rows


def units_export(*, user: Any, fmt: str) -> tuple[bytes, str, str]:
    """The units ``user`` sees, as ``(content, content_type, filename)``; fmt "xlsx" or "csv"."""
    rows = export_rows(user=user)
    headers = [header for _key, header in COLUMNS]
    stamp = timezone.localdate().strftime("%Y%m%d")
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf)
        writer.writerow(safe_row(headers))
        for row in rows:
            writer.writerow(safe_row(_csv_text(v) for v in row))
        return (
            ("\ufeff" + buf.getvalue()).encode("utf-8"),
            "text/csv; charset=utf-8",
            f"don-vi-{stamp}.csv",
        )
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.worksheet.worksheet import Worksheet

    wb = Workbook()
    ws = cast(Worksheet, wb.active)
    ws.title = "Đơn vị"
    ws.append(safe_row(headers))
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for row in rows:
        ws.append(safe_row(row))
    for col, width in zip("ABCDEFGH", (14, 50, 24, 12, 28, 18, 14, 14), strict=True):
        ws.column_dimensions[col].width = width
    for col in ("G", "H"):
        for cell in ws[col][1:]:
            cell.number_format = "DD/MM/YYYY"
    ws.freeze_panes = "A2"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue(), XLSX_CONTENT_TYPE, f"don-vi-{stamp}.xlsx"


def _csv_text(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    return "" if value is None else value
