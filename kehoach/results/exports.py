"""A results report as a file to download: DOCX (state or Party format), PDF, XLSX."""

from __future__ import annotations

from typing import Any

from kehoach.paperwork.exports import CONTENT_TYPES, PDF_TIMEOUT_S, ExportedFile
from kehoach.paperwork.rendering.pdf import docx_to_pdf
from kehoach.results.document import render_report_docx, report_profile
from kehoach.results.spreadsheet import render_report_xlsx

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMATS = ("docx", "pdf", "xlsx")


def results_export(*, report: Any, fmt: str, profile: str | None = None) -> ExportedFile:
    """The file; raises ``ProfileError`` (unknown profile) or ``PdfUnavailable`` (no LibreOffice,
    failed or too slow), both with a Vietnamese message."""
    key = (report.period.key or "ky").replace("/", "-")
    stem = f"bao-cao-ket-qua-{report.plan_id}-{key}"
    if fmt == "xlsx":
        return ExportedFile(f"{stem}.xlsx", XLSX_TYPE, render_report_xlsx(report))
    chosen = report_profile(report, profile)
    content = render_report_docx(report, chosen)
    if fmt == "pdf":
        content = docx_to_pdf(content, timeout=PDF_TIMEOUT_S)
    return ExportedFile(f"{stem}-{chosen.system}.{fmt}", CONTENT_TYPES[fmt], content)
