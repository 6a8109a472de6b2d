"""Import (read → review → save), update, housekeeping: the only caller of docparse in kehoach.

Each public service owns its transaction and writes its audit entry; nothing enters the
registry before a save, and a failed save leaves nothing behind.
"""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
import logging
import mimetypes
import re
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils.translation import gettext

from docparse import ParsedDocument, ParseError, parse_document, parse_text
from kehoach.audit.services import audit_record
from kehoach.core.exceptions import DomainError, NotFound, PermissionDenied
from kehoach.documents.audit import DocumentAction
from kehoach.documents.choices import DocumentStatus, ImportStatus
from kehoach.documents.models import (
    Document,
    DocumentFile,
    DocumentImport,
)
from kehoach.documents.normalize import code_key, first_day, fold, parse_date_text
from kehoach.documents.selectors import document_scope
from kehoach.documents.services.common import (
    CONCURRENT_EDIT_MESSAGE,
    CONTENT_TYPES,
    _name_key,
    _require_editor,
    check_reference_count,
)
from kehoach.documents.services.records import (
    _AlreadyRegistered,
    _keep_file,
    _replace_channels,
    _replace_references,
    document_reindex,
)
from kehoach.documents.services.resolution import references_reresolve
from kehoach.documents.services.review import (
    DocumentData,
    _apply_sections,
    _key_from_parsed,
    _reference_rows,
    compose_code,
    dedupe_key,
    split_code,
)
from kehoach.documents.services.sharing import (
    ALREADY_REQUESTED_MESSAGE,
    _request_share,
    read_only_message,
)
from kehoach.organizations.models import Unit
from kehoach.organizations.permissions import Action, can

log = logging.getLogger(__name__)


# --- import: read ---------------------------------------------------------------------------


def _parse(
    *,
    content: bytes | None,
    filename: str | None,
    text: str | None,
    on_pages: Callable[[int, int], None] | None = None,
) -> ParsedDocument:
    try:
        if content is not None:
            return parse_document(
                content,
                filename=filename,
                max_bytes=settings.KEHOACH_UPLOAD_MAX_BYTES,
                on_progress=on_pages,
            )
        return parse_text(text or "", filename=filename)
    except ParseError as exc:
        raise DomainError(exc.message_vi, field="file" if content is not None else "text") from exc
    except Exception as exc:  # a reader bug must not reach the user as a stack trace
        log.exception("docparse failed on %s", filename)
        raise DomainError(
            gettext(
                "Không đọc được văn bản này. Hãy thử lưu lại dưới dạng DOCX hoặc dán nội dung."
            ),
            field="file" if content is not None else "text",
        ) from exc


def document_import_check(*, actor: Any, size: int | None, text: str | None = None) -> None:
    """Refuse at once what the reading would refuse anyway: no right to import, nothing given,
    a file or a text over the limit (so a background read is started only for what it may
    read)."""
    _require_editor(actor)
    limit = settings.KEHOACH_UPLOAD_MAX_BYTES
    if size is None and not (text or "").strip():
        raise DomainError(gettext("Hãy chọn một tệp hoặc dán nội dung văn bản."), field="file")
    if size is not None and size > limit:
        raise DomainError(
            f"Tệp quá lớn: tối đa {limit // (1024 * 1024)} MB.",
            field="file",
        )
    if text is not None and len(text.encode("utf-8")) > limit:
        raise DomainError(gettext("Nội dung dán vào quá dài."), field="text")


def document_import_start(
    *,
    actor: Any,
    content: bytes | None = None,
    filename: str | None = None,
    text: str | None = None,
    on_pages: Callable[[int, int], None] | None = None,
) -> DocumentImport:
    """Read an uploaded file (``content``) or pasted ``text`` with docparse and keep the result
    for review. Nothing enters the registry yet; ``existing`` is set when the same document is
    already registered within the actor's scope (the review then offers an update).
    """
    document_import_check(
        actor=actor,
        size=len(content) if content is not None else None,
        text=text if content is None else None,
    )
    parsed = _parse(content=content, filename=filename, text=text, on_pages=on_pages)
    check_reference_count(len(parsed.references), field="file" if content is not None else "text")
    raw = content if content is not None else parsed.text.encode("utf-8")
    sha = hashlib.sha256(raw).hexdigest()
    fmt = parsed.source.format
    imp = DocumentImport(
        created_by=actor,
        original_name=(filename or "")[:255],
        content_type=CONTENT_TYPES.get(fmt)
        or mimetypes.guess_type(filename or "")[0]
        or "application/octet-stream",
        size=len(raw),
        sha256=sha,
        parsed=parsed.to_dict(),
        text=parsed.text,
    )
    key = _key_from_parsed(imp, user=actor)
    existing = _visible_existing(actor, key=key, sha256=sha, parsed=imp.parsed)
    if existing is not None:
        imp.existing = existing
        imp.existing_version = existing.version
    with transaction.atomic():
        if content is not None:
            safe = re.sub(r"[^\w.\-]+", "_", filename or f"document.{fmt}")[-120:]
            imp.file.save(safe, ContentFile(content), save=False)
        imp.save()
    return imp


def _visible_existing(
    user: Any, *, key: str, sha256: str, parsed: dict[str, Any]
) -> Document | None:
    """The registered document with this identity that ``user`` can see: same code, issuer and
    year; else this very file; else, for an unnumbered document, the same type, title and
    issuer (the same draft as DOCX after TXT has another hash)."""
    scoped = document_scope(user=user)
    found = scoped.filter(dedupe_key=key).first()
    if found is None:
        found = scoped.filter(files__sha256=sha256).first()
    title = fold(" ".join((parsed.get("title") or "").split()))
    if found is None and not parsed.get("code") and title:
        issuer = _name_key((parsed.get("issuer") or {}).get("name"))
        same = scoped.filter(code_key="", search_title=title, doc_type=parsed.get("doc_type") or "")
        found = next((d for d in same[:20] if _name_key(d.issuer_name) == issuer), None)
    return found


def document_edit_start(*, actor: Any, document: Document) -> DocumentImport:
    """Open an existing document for correction through the same review page."""
    if not can(actor, Action.EDIT, document.owner_unit):
        raise PermissionDenied(gettext("Bạn không có quyền sửa văn bản này."))
    return DocumentImport.objects.create(
        created_by=actor,
        parsed=copy.deepcopy(document.parsed),
        text=document.text,
        existing=document,
        existing_version=document.version,
        sha256=hashlib.sha256(document.text.encode("utf-8")).hexdigest(),
    )


# --- import: save ---------------------------------------------------------------------------

_DOC_FIELDS = [
    "system",
    "doc_type",
    "doc_type_name",
    "number",
    "symbol",
    "code",
    "issuer_name",
    "issuer_unit",
    "owner_unit",
    "place",
    "date_text",
    "title",
    "period_start",
    "period_end",
    "status",
]


def _check_unit(user: Any, unit: Unit | None, *, field: str) -> None:
    if unit is not None and not can(user, Action.EDIT, unit):
        raise PermissionDenied(gettext("Bạn chỉ chọn được đơn vị thuộc phạm vi của mình."))


def document_import_save(
    *,
    actor: Any,
    document_import: DocumentImport,
    data: DocumentData,
    expected_version: int | None = None,
    status: str = DocumentStatus.REVIEWED,
) -> Document:
    """Save a reviewed import: create the document, or update the one it matches.

    When the same document is registered outside the actor's scope (another branch imported it
    first), nothing is saved and that document is neither shown nor changed: a share request
    goes to its owner and ``ShareRequested`` (a ``DomainError`` whose message says so) is raised
    (see ``sharing._request_share``).

    Refuses (``DomainError``, nothing saved) when the same document exists and the reviewer was
    not shown it, when another person saved it meanwhile (version check), or when a field is
    wrong. Resolves the document's references and the registry's unresolved references to it.
    """
    imp = document_import
    if imp.created_by_id != actor.pk:
        raise NotFound(gettext("Không tìm thấy lượt nhập này."))
    if imp.status == ImportStatus.REQUESTED:
        raise DomainError(ALREADY_REQUESTED_MESSAGE)
    if imp.status != ImportStatus.PENDING:
        raise DomainError(gettext("Lượt nhập này đã được lưu; hãy mở văn bản để sửa."))
    _require_editor(actor)
    check_reference_count(len(data.references))
    existing = imp.existing if imp.existing_id else None
    if existing is not None and not can(actor, Action.EDIT, existing.owner_unit):
        raise PermissionDenied(read_only_message(existing))
    _check_unit(actor, data.issuer_unit, field="issuer_unit")
    _check_unit(actor, data.owner_unit, field="owner_unit")
    owner = data.issuer_unit or data.owner_unit
    if owner is None:
        raise DomainError(gettext("Hãy chọn đơn vị quản lý văn bản."), field="owner_unit")
    date_text, date, year = parse_date_text(data.date_text)
    number = data.number.strip()
    symbol = data.symbol.strip()
    code = data.code.strip() or compose_code(number, symbol, data.system)
    if code and not number:
        number = split_code(code)[0]
    key = code_key(code)
    identity = dedupe_key(
        key=key,
        issuer_unit_id=data.issuer_unit.pk if data.issuer_unit else None,
        issuer_name=data.issuer_name,
        year=year,
        sha256=imp.sha256,
    )
    if not imp.existing_id:
        _request_share(actor, imp, identity=identity, importer=owner)  # raises ShareRequested
    parsed = copy.deepcopy(imp.parsed or {})
    _apply_sections(parsed, data.sections)
    ref_rows, ref_dicts = _reference_rows(data.references, list(parsed.get("references") or []))

    try:
        with transaction.atomic():
            doc = _target_document(actor, imp, identity, expected_version)
            creating = doc is None
            if doc is not None and not key and doc.dedupe_key.startswith("sha:"):
                identity = doc.dedupe_key  # an unnumbered document keeps its first file's identity
            before = {f: getattr(doc, f) for f in _DOC_FIELDS} if doc else {}
            doc = doc or Document(created_by=actor)
            values: dict[str, Any] = {
                "system": data.system,
                "doc_type": data.doc_type.strip()[:16],
                "doc_type_name": data.doc_type_name.strip()[:100],
                "number": number[:20],
                "symbol": symbol[:120],
                "code": code[:160],
                "issuer_name": data.issuer_name.strip()[:300],
                "issuer_unit": data.issuer_unit,
                "owner_unit": owner,
                "place": data.place.strip()[:120],
                "date_text": date_text,
                "title": " ".join(data.title.split()),
                "period_start": data.period_start.strip()[:10],
                "period_end": data.period_end.strip()[:10],
                "status": status,
            }
            for name, value in values.items():
                setattr(doc, name, value)
            doc.code_key = key
            doc.date = date
            doc.year = year
            doc.sort_date = date or first_day(date_text) or (doc.sort_date or dt.date.today())
            doc.dedupe_key = identity
            doc.text = imp.text
            parsed.update(
                {
                    "system": data.system or None,
                    "doc_type": values["doc_type"] or None,
                    "doc_type_name": values["doc_type_name"] or None,
                    "number": number or None,
                    "symbol": symbol or None,
                    "code": code or None,
                    "place": values["place"] or None,
                    "date": date_text or None,
                    "title": values["title"] or None,
                    "period": {
                        "start": values["period_start"] or None,
                        "end": values["period_end"] or None,
                    },
                    "references": ref_dicts,
                }
            )
            issuer = dict(parsed.get("issuer") or {})
            issuer["name"] = values["issuer_name"] or None
            parsed["issuer"] = issuer
            doc.parsed = parsed
            doc.search_title = fold(doc.title)
            doc.search_text = fold(" ".join([doc.code, doc.issuer_name, doc.title, doc.text]))
            doc.version = 1 if creating else doc.version + 1
            doc.full_clean(exclude=["sort_date", "dedupe_key", "parsed", "text"])
            doc.save()

            _replace_references(doc, ref_rows)
            _replace_channels(doc, parsed.get("channels") or [])
            document_reindex(document=doc)
            _keep_file(doc, imp, actor)
            references_reresolve(code_keys=[key] + ([before["code"]] if before else []))

            imp.document = doc
            imp.status = ImportStatus.SAVED
            imp.save(update_fields=["document", "status", "updated_at"])
            after = {f: getattr(doc, f) for f in _DOC_FIELDS}
            changes: dict[str, Any] = {
                k: [before.get(k), v] for k, v in after.items() if before.get(k) != v
            }
            changes["references"] = [None, len(ref_rows)] if creating else changes.get("references")
            audit_record(
                actor=actor,
                action=DocumentAction.DOCUMENT_IMPORT
                if creating
                else DocumentAction.DOCUMENT_UPDATE,
                obj=doc,
                changes={k: v for k, v in changes.items() if v is not None},
                unit=doc.owner_unit,
            )
    except _AlreadyRegistered as exc:
        # Offer the update instead of creating a duplicate: the reviewer saves again to confirm.
        imp.existing = exc.document
        imp.existing_version = exc.document.version
        imp.save(update_fields=["existing", "existing_version", "updated_at"])
        raise
    except IntegrityError as exc:
        # Another import of the same document won the race between our check and our insert.
        raise DomainError(
            gettext(
                "Văn bản này vừa được người khác nhập vào hệ thống. Hãy nhập lại để cập nhật nó."
            ),
        ) from exc
    return doc


def _target_document(
    actor: Any, imp: DocumentImport, identity: str, expected_version: int | None
) -> Document | None:
    """The document a save updates (locked), or None to create one."""
    same = Document.objects.select_for_update(of=("self",)).filter(dedupe_key=identity).first()
    if imp.existing_id:
        doc = Document.objects.select_for_update(of=("self",)).filter(pk=imp.existing_id).first()
        if doc is None:
            raise DomainError(gettext("Văn bản cần cập nhật không còn trong hệ thống."))
        if same is not None and same.pk != doc.pk:
            raise DomainError(
                f"Số, ký hiệu, cơ quan và năm này trùng với văn bản khác đã có: {same.display_code}.",
                field="code",
            )
        version = expected_version if expected_version is not None else imp.existing_version
        if version != doc.version:
            raise DomainError(CONCURRENT_EDIT_MESSAGE)
        if not can(actor, Action.EDIT, doc.owner_unit):
            raise PermissionDenied(read_only_message(doc))
        return doc
    if same is not None:
        visible = document_scope(user=actor).filter(pk=same.pk).exists()
        if not visible:
            # Registered by another branch between the sharing check and this insert.
            raise DomainError(
                gettext(
                    "Văn bản này vừa được đơn vị khác nhập vào hệ thống. Bấm “Lưu” lần nữa để gửi "
                    "đề nghị dùng chung văn bản đã có (không tạo bản trùng)."
                )
            )
        raise _AlreadyRegistered(same)
    return None


# --- housekeeping ---------------------------------------------------------------------------


def document_imports_purge(*, older_than: dt.timedelta) -> int:
    """Delete imports left unsaved for longer than ``older_than`` (pending, or turned into a
    share request: the file is never added to the shared document), with their uploaded files
    (a saved import's file belongs to its document and is kept). Returns how many were deleted."""
    from django.utils import timezone

    stale = DocumentImport.objects.filter(
        status__in=[ImportStatus.PENDING, ImportStatus.REQUESTED],
        created_at__lt=timezone.now() - older_than,
    )
    kept = set(DocumentFile.objects.values_list("file", flat=True).distinct())
    count = 0
    for imp in stale.iterator():
        name = imp.file.name if imp.file else ""
        imp.delete()
        if name and name not in kept:
            imp.file.storage.delete(name)
        count += 1
    return count
