"""Background work of results reports: the PDF of a report for many units takes LibreOffice
tens of seconds, so it is a job with a progress page and then the file."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext, gettext_lazy

from kehoach.core.exceptions import DomainError
from kehoach.jobs.registry import JobResult, Progress, register
from kehoach.paperwork.rendering import ProfileError
from kehoach.paperwork.rendering.pdf import PdfUnavailable
from kehoach.results import selectors
from kehoach.results.exports import results_export


@register("results.pdf", label=gettext_lazy("Xuất báo cáo kết quả ra PDF"))
def make_pdf(job: Any, progress: Progress) -> JobResult:
    report = selectors.results_get(user=job.started_by, report_id=job.params.get("id"))
    progress(20, gettext("Đang chuyển báo cáo sang PDF (LibreOffice)"))
    try:
        exported = results_export(report=report, fmt="pdf", profile=job.params.get("profile"))
    except (ProfileError, PdfUnavailable) as exc:
        raise DomainError(str(exc)) from exc
    return JobResult(file=(exported.filename, exported.content, exported.content_type))
