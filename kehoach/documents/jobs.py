"""Background work of the registry: reading an uploaded document (docparse can take seconds,
OCR minutes) before the review page."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext, gettext_lazy

from kehoach.documents.services.imports import document_import_start
from kehoach.jobs.registry import JobResult, Progress, register


@register("documents.import", label=gettext_lazy("Đọc văn bản tải lên"))
def read_upload(job: Any, progress: Progress) -> JobResult:
    progress(5, gettext("Đang mở tệp"))
    with job.input_file.open("rb") as fh:
        content = fh.read()
    progress(15, gettext("Đang đọc văn bản (số, ký hiệu, trích yếu, các mục, văn bản được dẫn)"))

    def pages(done: int, total: int) -> None:  # a scan: OCR page by page, 15 → 90 %
        step = gettext("Đang nhận dạng chữ (OCR): trang %(done)s/%(total)s") % {
            "done": done,
            "total": total,
        }
        progress(15 + 75 * done // max(total, 1), step)

    imp = document_import_start(
        actor=job.started_by,
        content=content,
        filename=job.params.get("filename") or "van-ban",
        on_pages=pages,
    )
    progress(95, gettext("Đang mở trang duyệt"))
    return JobResult(
        url=reverse("documents:review", args=[imp.pk]),
        api_url=reverse("api:document_import_detail", args=[imp.pk]),
    )
