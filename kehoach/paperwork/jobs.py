"""Background work of paperwork: LibreOffice turns the DOCX into a PDF (seconds, up to minutes
for a long document), so a PDF download is a job with a progress page and then the file."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext, gettext_lazy

from kehoach.core.exceptions import DomainError
from kehoach.documents.selectors import document_get
from kehoach.execution.selectors.plans import plan_get
from kehoach.jobs.registry import JobResult, Progress, register
from kehoach.paperwork.exports import ExportedFile, document_export
from kehoach.paperwork.plan_export import plan_export
from kehoach.paperwork.rendering import ProfileError
from kehoach.paperwork.rendering.docx_writer import TemplateError
from kehoach.paperwork.rendering.pdf import PdfUnavailable


def export_object(what: str, obj: Any, *, fmt: str, **options: Any) -> ExportedFile:
    """The export of a registry document or a plan already read with the user's rights."""
    if what == "document":
        return document_export(document=obj, fmt=fmt, **options)
    if what == "plan":
        return plan_export(plan=obj, fmt=fmt, **options)
    raise DomainError(gettext("Không rõ văn bản cần xuất."))


def export_for(*, user: Any, what: str, object_id: int, fmt: str, **options: Any) -> ExportedFile:
    """The export of a registry document or a plan, read again with ``user``'s rights (a job
    runs later than the click: the rights are checked when the work is done)."""
    if what == "document":
        obj: Any = document_get(user=user, document_id=object_id)
    elif what == "plan":
        obj = plan_get(user=user, plan_id=object_id, concerning=True)
    else:
        raise DomainError(gettext("Không rõ văn bản cần xuất."))
    return export_object(what, obj, fmt=fmt, **options)


@register("paperwork.pdf", label=gettext_lazy("Xuất văn bản ra PDF"))
def make_pdf(job: Any, progress: Progress) -> JobResult:
    p = job.params
    progress(10, gettext("Đang dựng văn bản theo thể thức"))
    try:
        progress(30, gettext("Đang chuyển sang PDF (LibreOffice)"))
        exported = export_for(
            user=job.started_by,
            what=p.get("what", ""),
            object_id=int(p.get("id", 0)),
            fmt="pdf",
            profile=p.get("profile"),
            letterhead=p.get("letterhead", True),
        )
    except (ProfileError, TemplateError, PdfUnavailable) as exc:
        raise DomainError(str(exc)) from exc
    return JobResult(file=(exported.filename, exported.content, exported.content_type))


@register("paperwork.docx", label=gettext_lazy("Xuất văn bản ra DOCX"))
def make_docx(job: Any, progress: Progress) -> JobResult:
    """The DOCX through a job: what the API starts (the page writes the DOCX at once)."""
    p = job.params
    progress(30, gettext("Đang dựng văn bản theo thể thức"))
    try:
        exported = export_for(
            user=job.started_by,
            what=p.get("what", ""),
            object_id=int(p.get("id", 0)),
            fmt="docx",
            profile=p.get("profile"),
            letterhead=p.get("letterhead", True),
        )
    except (ProfileError, TemplateError) as exc:
        raise DomainError(str(exc)) from exc
    return JobResult(file=(exported.filename, exported.content, exported.content_type))
