"""Evidence on a report: links, files and photos (with the date they were taken).

Files are checked by their content, not their extension (``kehoach.core.files.sniff``), and by
size (``KEHOACH_EVIDENCE_MAX_BYTES``, 10 MB by default); they are stored under a random name with
the extension of what they are, and sent only by ``reports:evidence_file`` after its check.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from kehoach.audit.services import audit_record
from kehoach.core import files
from kehoach.core.exceptions import DomainError
from kehoach.execution.audit import ExecutionAction
from kehoach.execution.choices import EvidenceKind, ReportStatus
from kehoach.execution.models.reports import Evidence, ProgressReport
from kehoach.organizations.permissions import Action, require

# What a file or a photo may be, decided from its content (kehoach.core.files.sniff).
PHOTO_KINDS = files.IMAGES
FILE_KINDS = files.IMAGES | files.OFFICE | {files.PDF, files.ZIP}


def _ref(report: ProgressReport) -> dict[str, Any]:
    """The report an evidence entry belongs to, as the audit log stores a related object."""
    return {"id": report.pk, "repr": str(report)}


def _max_bytes() -> int:
    return int(getattr(settings, "KEHOACH_EVIDENCE_MAX_BYTES", 10 * 1024 * 1024))


@transaction.atomic
def evidence_add(
    *,
    actor: Any,
    report: ProgressReport,
    kind: str,
    url: str = "",
    upload: Any = None,
    caption: str = "",
    taken_on: dt.date | None = None,
) -> Evidence:
    """Attach a link, a file or a photo to a report still being written (draft or returned).

    Idempotent: the same link, or a file with the same name and content, posted again to the
    same report (a double click, a resent form) returns the evidence already there. The report
    row is locked first, so two such posts at the same moment cannot both insert."""
    report = (
        ProgressReport.objects.select_for_update(of=("self",))
        .select_related("period", "unit")
        .get(pk=report.pk)
    )
    require(actor, Action.REPORT, report.unit, "Bạn không có quyền sửa báo cáo này.")
    if report.period.is_closed or report.status not in (ReportStatus.DRAFT, ReportStatus.RETURNED):
        raise DomainError(
            gettext("Chỉ thêm minh chứng khi báo cáo còn là bản nháp hoặc bị trả lại.")
        )
    if taken_on and taken_on > timezone.localdate():
        raise DomainError(gettext("Ngày chụp không được ở tương lai."), field="taken_on")
    ev = Evidence(
        report=report,
        kind=kind,
        caption=(caption or "").strip()[:300],
        taken_on=taken_on,
        uploaded_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    if kind == EvidenceKind.LINK:
        try:
            URLValidator(schemes=["http", "https"])(url)
        except ValidationError as exc:
            raise DomainError(
                gettext("Đường dẫn không hợp lệ (cần bắt đầu bằng http:// hoặc https://)."),
                field="url",
            ) from exc
        ev.url = url
        same = Evidence.objects.filter(report=report, kind=kind, url=url).first()
        if same is not None:
            return same
    elif kind in (EvidenceKind.FILE, EvidenceKind.PHOTO):
        if upload is None:
            raise DomainError(gettext("Hãy chọn tệp."), field="file")
        if upload.size > _max_bytes():
            raise DomainError(
                f"Tệp quá lớn (tối đa {_max_bytes() // (1024 * 1024)} MB).", field="file"
            )
        found = files.sniff_file(upload, name=getattr(upload, "name", "") or "")
        if kind == EvidenceKind.PHOTO and found not in PHOTO_KINDS:
            raise DomainError(gettext("Ảnh phải là tệp JPEG, PNG, GIF hoặc WebP."), field="file")
        if found not in FILE_KINDS:
            raise DomainError(
                gettext("Loại tệp không được chấp nhận (PDF, Word, Excel hoặc ảnh)."), field="file"
            )
        if kind == EvidenceKind.PHOTO and taken_on is None:
            raise DomainError(gettext("Hãy ghi ngày chụp ảnh."), field="taken_on")
        ev.original_name = (getattr(upload, "name", "") or "tep")[-255:]
        same = _same_file(report, kind, ev.original_name, upload)
        if same is not None:
            return same
        ev.file.save(ev.original_name, upload, save=False)
    else:
        raise DomainError(gettext("Loại minh chứng không hợp lệ."), field="kind")
    ev.save()
    audit_record(
        actor=actor,
        action=ExecutionAction.EVIDENCE_ADD,
        obj=ev,
        unit=report.unit,
        changes={"kind": kind, "report": _ref(report), "name": ev.original_name or ev.url},
    )
    return ev


def _digest(f: Any) -> str:
    h = hashlib.sha256()
    f.seek(0)
    for chunk in iter(lambda: f.read(1 << 20), b""):
        h.update(chunk)
    f.seek(0)
    return h.hexdigest()


def _same_file(report: ProgressReport, kind: str, name: str, upload: Any) -> Evidence | None:
    """Evidence of ``report`` already holding this file (same name, size and content)."""
    candidates = Evidence.objects.filter(report=report, kind=kind, original_name=name)
    digest = None
    for ev in candidates:
        try:
            if ev.file.size != upload.size:
                continue
            with ev.file.open("rb") as stored:
                digest = digest or _digest(upload)
                if _digest(stored) == digest:
                    return ev
        except OSError:  # a stored file gone missing: not the same
            continue
    return None


@transaction.atomic
def evidence_delete(*, actor: Any, evidence: Evidence) -> None:
    """Remove evidence from a report still being written."""
    report = ProgressReport.objects.select_related("period", "unit").get(pk=evidence.report_id)
    require(actor, Action.REPORT, report.unit, "Bạn không có quyền sửa báo cáo này.")
    if report.period.is_closed or report.status not in (ReportStatus.DRAFT, ReportStatus.RETURNED):
        raise DomainError(
            gettext("Chỉ xóa minh chứng khi báo cáo còn là bản nháp hoặc bị trả lại.")
        )
    audit_record(
        actor=actor,
        action=ExecutionAction.EVIDENCE_DELETE,
        obj=evidence,
        unit=report.unit,
        changes={"report": _ref(report), "name": [evidence.original_name or evidence.url, None]},
    )
    stored = evidence.file.name if evidence.file else ""
    evidence.delete()
    if stored:
        storage = evidence.file.storage
        transaction.on_commit(lambda: storage.delete(stored))
