"""Writes to the registry: import (read → review → save), update, reference resolution, indexing.

The only caller of docparse in kehoach. Each public service owns its transaction and writes its
audit entry; nothing enters the registry before a save, and a failed save leaves nothing behind.
"""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
import logging
import mimetypes
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from docparse import ParsedDocument, ParseError, parse_document, parse_text
from kehoach.core.audit import audit_record, register_actions
from kehoach.core.exceptions import DomainError, NotFound, PermissionDenied
from kehoach.documents.choices import ChannelCode, DocumentStatus, ImportStatus
from kehoach.documents.models import (
    Document,
    DocumentChannel,
    DocumentFile,
    DocumentImport,
    DocumentTerm,
    Reference,
)
from kehoach.documents.normalize import code_key, first_day, fold, parse_date_text
from kehoach.documents.search import document_terms
from kehoach.documents.selectors import document_scope
from kehoach.organizations.choices import Role
from kehoach.organizations.models import Unit
from kehoach.organizations.scoping import scope_q, user_can, user_unit_paths

log = logging.getLogger(__name__)

register_actions(
    {
        "document_import": _("Nhập văn bản"),
        "document_update": _("Cập nhật văn bản"),
        "document_share": _("Chia sẻ lên đơn vị cấp trên chung"),
    }
)

CONTENT_TYPES = {
    "txt": "text/plain; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "html": "text/html; charset=utf-8",
}
CONCURRENT_EDIT_MESSAGE = (
    "Văn bản này vừa được người khác cập nhật trong lúc bạn duyệt. Thay đổi của bạn chưa được "
    "lưu: hãy mở lại văn bản để xem bản mới nhất rồi sửa lại."
)
# A cited document is looked for among documents of the same code issued up to this many years
# before the citing one when the citation gives no date or year (a Party term is five years).
TERM_YEARS = 5


# --- scope helpers ------------------------------------------------------------------------


def editable_units(user: Any) -> Any:
    """Units where ``user`` may import and edit documents (editor or higher), by path."""
    return Unit.objects.filter(scope_q(user, field="", min_role=Role.EDITOR)).order_by("path")


def _require_editor(user: Any) -> None:
    if getattr(user, "is_superuser", False) and user.is_active:
        return
    if not user_unit_paths(user, min_role=Role.EDITOR):
        raise PermissionDenied(gettext("Bạn cần quyền biên tập của một đơn vị để nhập văn bản."))


def _default_owner(user: Any) -> Unit | None:
    return editable_units(user).first()


def guess_issuer_unit(user: Any, issuer_name: str | None) -> Unit | None:
    """The unit of ``user``'s editable scope whose name the issuer name is (or contains).

    "Ban Thường vụ Thành ủy Đà Lạt" finds the unit "Thành ủy Đà Lạt"; the longest name wins.
    """
    wanted = _name_key(issuer_name)
    if not wanted:
        return None
    best: tuple[int, Unit] | None = None
    for unit in editable_units(user).only("id", "name", "short_name", "path"):
        for name in (unit.name, unit.short_name):
            folded = _name_key(name)
            if not folded:
                continue
            if folded == wanted:
                return unit
            if re.search(rf"(?<![a-z0-9]){re.escape(folded)}(?![a-z0-9])", wanted) and (
                best is None or len(folded) > best[0]
            ):
                best = (len(folded), unit)
    return best[1] if best else None


# Abbreviations written in issuer names ("UBND TP" = "Ủy ban nhân dân Thành phố").
_NAME_ABBREVIATIONS = {
    "ubnd": "uy ban nhan dan",
    "hdnd": "hoi dong nhan dan",
    "tp": "thanh pho",
    "mttq": "mat tran to quoc",
    "btv": "ban thuong vu",
}


def _name_key(name: str | None) -> str:
    return " ".join(_NAME_ABBREVIATIONS.get(w, w) for w in re.findall(r"[a-z0-9]+", fold(name)))


# --- what a reviewer may correct -----------------------------------------------------------


@dataclass
class ReferenceData:
    """One cited document as the reviewer left it; ``source`` indexes the parsed reference."""

    code: str = ""
    doc_type: str = ""
    number: str = ""
    symbol: str = ""
    year: int | None = None
    issuer_name: str = ""
    date_text: str = ""
    title: str = ""
    source: int | None = None


@dataclass
class SectionEdit:
    """A corrected heading or role for the section at ``path`` ("0.2.1": indexes in the tree)."""

    path: str
    number: str = ""
    heading: str = ""
    role: str = "other"


@dataclass
class DocumentData:
    """The fields of a document after review."""

    system: str = ""
    doc_type: str = ""
    doc_type_name: str = ""
    number: str = ""
    symbol: str = ""
    code: str = ""
    issuer_name: str = ""
    issuer_unit: Unit | None = None
    owner_unit: Unit | None = None
    place: str = ""
    date_text: str = ""
    title: str = ""
    period_start: str = ""
    period_end: str = ""
    references: list[ReferenceData] = field(default_factory=list)
    sections: list[SectionEdit] = field(default_factory=list)


_CODE_PARTS_RE = re.compile(r"^\s*(\d+)\s*[-/]\s*(\S.*?)\s*$")
_YEAR_IN_CODE_RE = re.compile(r"/((?:19|20)\d{2})/")


def split_code(code: str) -> tuple[str, str, str]:
    """``(number, symbol, type)`` of a code as written: "27-CT/TW" → ("27", "CT/TW", "CT")."""
    m = _CODE_PARTS_RE.match(code or "")
    if not m:
        return "", "", ""
    number, symbol = m.group(1), re.sub(r"\s+", "", m.group(2))
    first = re.split(r"[-/]", symbol)[0]
    doc_type = first if first and not first.isdigit() else ""
    return number, symbol, doc_type


def compose_code(number: str, symbol: str, system: str) -> str:
    if not number or not symbol:
        return ""
    return f"{number}-{symbol}" if system == "party" else f"{number}/{symbol}"


def initial_data(imp: DocumentImport, *, user: Any) -> DocumentData:
    """What the review form starts from: docparse's reading, or the existing document's fields."""
    p = imp.parsed or {}
    issuer = p.get("issuer") or {}
    period = p.get("period") or {}
    issuer_unit = guess_issuer_unit(user, issuer.get("name"))
    refs = []
    for i, r in enumerate(p.get("references") or []):
        year = r.get("year") or (r.get("date") or "")[:4]
        refs.append(
            ReferenceData(
                code=r.get("code") or "",
                doc_type=r.get("doc_type") or "",
                number=r.get("number") or "",
                symbol=r.get("symbol") or "",
                year=int(year) if str(year).isdigit() else None,
                issuer_name=r.get("issuer") or "",
                date_text=r.get("date") or "",
                title=r.get("title") or "",
                source=i,
            )
        )
    data = DocumentData(
        system=p.get("system") or "",
        doc_type=p.get("doc_type") or "",
        doc_type_name=p.get("doc_type_name") or "",
        number=p.get("number") or "",
        symbol=p.get("symbol") or "",
        code=p.get("code") or "",
        issuer_name=issuer.get("name") or "",
        issuer_unit=issuer_unit,
        owner_unit=issuer_unit or _default_owner(user),
        place=p.get("place") or "",
        date_text=p.get("date") or "",
        title=p.get("title") or "",
        period_start=period.get("start") or "",
        period_end=period.get("end") or "",
        references=refs,
    )
    if imp.existing_id and imp.existing and not imp.file:
        # Editing an existing document: its own links win over guesses.
        data.issuer_unit = imp.existing.issuer_unit
        data.owner_unit = imp.existing.owner_unit
    return data


# --- dedupe ---------------------------------------------------------------------------------


def dedupe_key(
    *, key: str, issuer_unit_id: int | None, issuer_name: str, year: int | None, sha256: str
) -> str:
    """Identity of a real document: code, issuer and year; an unnumbered one is its content hash.

    Party numbers restart each term, so the year is part of the identity; the issuer is the
    linked unit when there is one, its folded name otherwise.
    """
    if not key:
        return f"sha:{sha256}"
    issuer = f"u{issuer_unit_id}" if issuer_unit_id else " ".join(fold(issuer_name).split())
    return f"code:{key}|{issuer}|{year or ''}"[:300]


def _key_from_parsed(imp: DocumentImport, *, user: Any) -> str:
    data = initial_data(imp, user=user)
    try:
        _, _, year = parse_date_text(data.date_text)
    except DomainError:
        year = None
    return dedupe_key(
        key=code_key(data.code),
        issuer_unit_id=data.issuer_unit.pk if data.issuer_unit else None,
        issuer_name=data.issuer_name,
        year=year,
        sha256=imp.sha256,
    )


# --- import: read ---------------------------------------------------------------------------


def _parse(*, content: bytes | None, filename: str | None, text: str | None) -> ParsedDocument:
    try:
        if content is not None:
            return parse_document(
                content, filename=filename, max_bytes=settings.KEHOACH_UPLOAD_MAX_BYTES
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


def document_import_start(
    *,
    actor: Any,
    content: bytes | None = None,
    filename: str | None = None,
    text: str | None = None,
) -> DocumentImport:
    """Read an uploaded file (``content``) or pasted ``text`` with docparse and keep the result
    for review. Nothing enters the registry yet; ``existing`` is set when the same document is
    already registered within the actor's scope (the review then offers an update).
    """
    _require_editor(actor)
    limit = settings.KEHOACH_UPLOAD_MAX_BYTES
    if content is None and not (text or "").strip():
        raise DomainError(gettext("Hãy chọn một tệp hoặc dán nội dung văn bản."), field="file")
    if content is not None and len(content) > limit:
        raise DomainError(
            f"Tệp quá lớn: tối đa {limit // (1024 * 1024)} MB.",
            field="file",
        )
    if text is not None and len(text.encode("utf-8")) > limit:
        raise DomainError(gettext("Nội dung dán vào quá dài."), field="text")
    parsed = _parse(content=content, filename=filename, text=text)
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
    if not user_can(actor, document.owner_unit, min_role=Role.EDITOR):
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


def _walk_sections(sections: list[dict[str, Any]], prefix: str = "") -> Iterable[tuple[str, dict]]:
    for i, s in enumerate(sections):
        path = f"{prefix}{i}"
        yield path, s
        yield from _walk_sections(s.get("children") or [], f"{path}.")


def flat_sections(parsed: dict[str, Any]) -> list[tuple[str, int, dict[str, Any]]]:
    """``(path, depth, section)`` for every section of the outline, depth first."""
    return [(p, p.count("."), s) for p, s in _walk_sections(parsed.get("sections") or [])]


def _apply_sections(parsed: dict[str, Any], edits: Sequence[SectionEdit]) -> None:
    by_path = dict(_walk_sections(parsed.get("sections") or []))
    for e in edits:
        s = by_path.get(e.path)
        if s is None:
            continue
        s["number"] = e.number or None
        s["heading"] = e.heading
        s["role"] = e.role or "other"


def _reference_rows(
    refs: Sequence[ReferenceData], parsed_refs: list[dict[str, Any]]
) -> tuple[list[Reference], list[dict[str, Any]]]:
    rows: list[Reference] = []
    out: list[dict[str, Any]] = []
    for position, r in enumerate(refs):
        code = r.code.strip()
        number, symbol, doc_type = split_code(code)
        number = r.number.strip() or number
        symbol = r.symbol.strip() or symbol
        doc_type = r.doc_type.strip() or doc_type
        date_text, date, year = parse_date_text(r.date_text)
        year = r.year or year
        if year is None and (m := _YEAR_IN_CODE_RE.search(code)):
            year = int(m.group(1))
        source = (
            parsed_refs[r.source] if r.source is not None and r.source < len(parsed_refs) else {}
        )
        mentions = source.get("mentions") or []
        if not (code or number or doc_type or r.title.strip() or r.issuer_name.strip()):
            continue  # an empty row of the form
        rows.append(
            Reference(
                position=position,
                code=code[:160],
                code_key=code_key(code),
                doc_type=doc_type[:16],
                number=number[:20],
                symbol=symbol[:120],
                year=year,
                issuer_name=r.issuer_name.strip()[:300],
                date=date,
                date_text=date_text,
                title=r.title.strip(),
                mentions=mentions,
            )
        )
        out.append(
            {
                "code": code or None,
                "doc_type": doc_type or None,
                "number": number or None,
                "symbol": symbol or None,
                "year": str(year) if year else None,
                "issuer": r.issuer_name.strip() or None,
                "date": date_text or None,
                "title": r.title.strip() or None,
                "mentions": mentions,
            }
        )
    return rows, out


def _check_unit(user: Any, unit: Unit | None, *, field: str) -> None:
    if unit is not None and not user_can(user, unit, min_role=Role.EDITOR):
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
    first), it becomes shared instead (see ``_share_registered_elsewhere``): the returned
    document then has ``shared_to``, the unit now owning it (tell the user ``share_message``).

    Refuses (``DomainError``, nothing saved) when the same document exists and the reviewer was
    not shown it, when another person saved it meanwhile (version check), or when a field is
    wrong. Resolves the document's references and the registry's unresolved references to it.
    """
    imp = document_import
    if imp.created_by_id != actor.pk:
        raise NotFound(gettext("Không tìm thấy lượt nhập này."))
    if imp.status != ImportStatus.PENDING:
        raise DomainError(gettext("Lượt nhập này đã được lưu; hãy mở văn bản để sửa."))
    _require_editor(actor)
    existing = imp.existing if imp.existing_id else None
    if existing is not None and not user_can(actor, existing.owner_unit, min_role=Role.EDITOR):
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
        shared = _share_registered_elsewhere(actor, imp, identity=identity, importer=owner)
        if shared is not None:
            return shared
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
            changes = {k: [before.get(k), v] for k, v in after.items() if before.get(k) != v}
            changes["references"] = [None, len(ref_rows)] if creating else changes.get("references")
            audit_record(
                actor=actor,
                action="document_import" if creating else "document_update",
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
    same = Document.objects.select_for_update().filter(dedupe_key=identity).first()
    if imp.existing_id:
        doc = Document.objects.select_for_update().filter(pk=imp.existing_id).first()
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
        if not user_can(actor, doc.owner_unit, min_role=Role.EDITOR):
            raise PermissionDenied(read_only_message(doc))
        return doc
    if same is not None:
        visible = document_scope(user=actor).filter(pk=same.pk).exists()
        if not visible:
            # Registered by another branch between the sharing check and this insert.
            raise DomainError(
                gettext(
                    "Văn bản này vừa được đơn vị khác nhập vào hệ thống. Bấm “Lưu” lần nữa để dùng "
                    "chung văn bản đã có (không tạo bản trùng)."
                )
            )
        raise _AlreadyRegistered(same)
    return None


# --- sharing a document two branches both hold ----------------------------------------------

NO_COMMON_UNIT_MESSAGE = (
    "Văn bản này đã có trong hệ thống, do một đơn vị không cùng cây tổ chức với đơn vị của bạn "
    "quản lý, nên không dùng chung được và không nhập trùng. Hãy đề nghị quản trị viên hệ thống "
    "xử lý (ví dụ: đưa hai đơn vị về chung một đơn vị cấp trên)."
)
OWN_DOCUMENT_MESSAGE = (
    "Văn bản này đã có trong hệ thống: đó là văn bản riêng của đơn vị ban hành, do đơn vị ấy quản "
    "lý, nên không nhập trùng và không tự động dùng chung. Nếu đơn vị của bạn cần dùng, hãy đề "
    "nghị đơn vị cấp trên chung (hoặc quản trị viên) chuyển văn bản lên đơn vị cấp trên để dùng "
    "chung."
)


def share_message(unit: Unit) -> str:
    """What the importer is told when their import made an existing document shared."""
    return (
        f"Văn bản đã có trong hệ thống; nay dùng chung cho các đơn vị thuộc {unit.name} "
        "(không tạo bản trùng). Bản đã có được giữ nguyên; tệp bạn tải lên được lưu kèm nếu khác "
        "tệp đã có. Việc sửa văn bản này do biên tập viên của đơn vị ấy thực hiện."
    )


def read_only_message(doc: Document) -> str:
    """Why a reader of ``doc`` (a superior's or a shared document) cannot update it."""
    return (
        f"Văn bản này đã có trong hệ thống, do {doc.owner_unit.name} quản lý: bạn xem và dùng "
        "được nhưng không cập nhật được. Cần sửa thì đề nghị biên tập viên của đơn vị ấy."
    )


def common_ancestor(first: Unit, second: Unit) -> Unit | None:
    """The lowest unit that is ``first`` or above it and ``second`` or above it; None when
    they lie under two separate roots."""
    shared: list[int] = []
    for a, b in zip(first.ancestor_ids(), second.ancestor_ids(), strict=False):
        if a != b:
            break
        shared.append(a)
    return Unit.objects.filter(pk=shared[-1]).first() if shared else None


_ISSUER_PREFIXES = ("ban thuong vu ", "ban chap hanh ", "thuong truc ")


def _issued_inside(doc: Document, unit: Unit) -> bool:
    """Whether ``doc`` was issued by ``unit`` or a unit below it (its linked issuer, or a unit of
    the subtree whose name is the issuer name, "Ban Thường vụ X" being X)."""
    if doc.issuer_unit_id:
        return Unit.objects.filter(pk=doc.issuer_unit_id, path__startswith=unit.path).exists()
    wanted = _name_key(doc.issuer_name)
    for prefix in _ISSUER_PREFIXES:
        if wanted.startswith(prefix):
            wanted = wanted[len(prefix) :]
    if not wanted:
        return False
    names = Unit.objects.filter(path__startswith=unit.path).values_list("name", "short_name")
    return any(wanted in (_name_key(n), _name_key(s)) for n, s in names)


def _share_registered_elsewhere(
    actor: Any, imp: DocumentImport, *, identity: str, importer: Unit
) -> Document | None:
    """When the document being saved is registered already outside the actor's scope, make it
    shared instead of refusing or duplicating: its ownership moves up to the lowest unit above
    both the owner and ``importer``, so both branches read it (superiors' documents are
    readable). The record is kept as it is (the importer's corrections are not applied: they
    could not edit it); the importer's file is added if it differs. Returns the shared document
    (``shared_to`` set to the new owner), or None when there is nothing to share.

    Refused (``DomainError``, nothing changed) when the two owners have no common unit, and
    when the document is the owner branch's own (issued inside it): such a document stays its
    issuer's, and moving it up is the common superior's decision, taken by editing it.
    """
    with transaction.atomic():
        doc = Document.objects.select_for_update().filter(dedupe_key=identity).first()
        if doc is None or document_scope(user=actor).filter(pk=doc.pk).exists():
            return None
        before = Unit.objects.get(pk=doc.owner_unit_id)
        if _issued_inside(doc, before):
            raise DomainError(OWN_DOCUMENT_MESSAGE)
        common = common_ancestor(before, importer)
        if common is None:
            raise DomainError(NO_COMMON_UNIT_MESSAGE)
        files_before = doc.files.count()
        doc.owner_unit = common
        doc.version += 1
        doc.save(update_fields=["owner_unit", "version", "updated_at"])
        _keep_file(doc, imp, actor)
        imp.document = doc
        imp.existing = doc
        imp.existing_version = doc.version
        imp.status = ImportStatus.SAVED
        imp.save(update_fields=["document", "existing", "existing_version", "status", "updated_at"])
        # Scoped to the common unit: its members see both branches already, so the entry names
        # nothing a reader could not see; each branch's earlier entries stay with that branch.
        audit_record(
            actor=actor,
            action="document_share",
            obj=doc,
            changes={
                "owner_unit": [before, common],
                "shared_with": importer,
                "files": [files_before, doc.files.count()],
            },
            unit=common,
        )
    doc.shared_to = common  # type: ignore[attr-defined]
    return doc


class _AlreadyRegistered(DomainError):
    """The document a save would create is registered already (offer the update)."""

    def __init__(self, document: Document) -> None:
        super().__init__(
            "Văn bản này đã có trong hệ thống. Bấm “Lưu” lần nữa để cập nhật văn bản đã có "
            "(không tạo bản trùng)."
        )
        self.document = document


def _replace_references(doc: Document, rows: list[Reference]) -> None:
    Reference.objects.filter(document=doc).delete()
    for r in rows:
        r.document = doc
    Reference.objects.bulk_create(rows)
    references_resolve(Reference.objects.filter(document=doc).select_related("document"))


def _replace_channels(doc: Document, channels: list[dict[str, Any]]) -> None:
    DocumentChannel.objects.filter(document=doc).delete()
    valid = set(ChannelCode.values)
    rows = {}
    for c in channels:
        code = c.get("code")
        if code in valid and code not in rows:
            rows[code] = DocumentChannel(document=doc, code=code, terms=list(c.get("terms") or []))
    DocumentChannel.objects.bulk_create(rows.values())


def _keep_file(doc: Document, imp: DocumentImport, actor: Any) -> None:
    if not imp.file or doc.files.filter(sha256=imp.sha256).exists():
        return
    DocumentFile.objects.create(
        document=doc,
        file=imp.file.name,  # the stored upload is kept as it is: no copy
        original_name=imp.original_name or imp.file.name.rsplit("/", 1)[-1],
        content_type=imp.content_type,
        size=imp.size,
        sha256=imp.sha256,
        uploaded_by=actor,
    )


def document_reindex(*, document: Document) -> int:
    """Rebuild the search terms of ``document``; returns how many it has."""
    cited = Reference.objects.filter(document=document).values_list("code", flat=True)
    terms = document_terms(
        code=document.code,
        title=document.title,
        text=document.text,
        issuer_name=document.issuer_name,
        cited_codes=list(cited),
    )
    DocumentTerm.objects.filter(document=document).delete()
    DocumentTerm.objects.bulk_create(
        [
            DocumentTerm(document=document, term=t, weight=w, sort_date=document.sort_date)
            for t, w in terms.items()
        ],
        batch_size=2000,
    )
    return len(terms)


# --- the citation graph ---------------------------------------------------------------------


def _years(doc: Document) -> int | None:
    return doc.year or (doc.sort_date.year if doc.sort_date else None)


def resolve_one(ref: Reference, candidates: list[Document]) -> tuple[Document | None, str]:
    """The registry document ``ref`` cites among same-code ``candidates``, or why none.

    Party numbers restart each term, so a code alone is not enough when several documents share
    it: an exact date wins, then the year; without either, documents issued in the five years
    before the citing one; several left → unresolved, with a note.
    """
    cands = [c for c in candidates if c.pk != ref.document_id]
    if not cands:
        return None, ""
    if ref.date:
        exact = [c for c in cands if c.date == ref.date]
        if len(exact) == 1:
            return exact[0], ""
    year = ref.year or (ref.date.year if ref.date else None)
    if year:
        same_year = [c for c in cands if c.year == year]
        if len(same_year) == 1:
            return same_year[0], ""
        if not same_year:
            return None, f"Có văn bản cùng số nhưng khác năm ({_year_list(cands)})."
        return None, f"Nhiều văn bản cùng số trong năm {year}: chưa xác định được."
    citing = ref.document
    window = cands
    if citing.date or citing.year:
        limit = citing.date or dt.date(citing.year or 1, 12, 31)
        window = [
            c for c in cands if c.sort_date <= limit and c.sort_date.year >= limit.year - TERM_YEARS
        ]
    if len(window) == 1:
        return window[0], ""
    if not window:
        return None, f"Có văn bản cùng số ở nhiệm kỳ khác ({_year_list(cands)})."
    return None, f"Nhiều văn bản cùng số ({_year_list(window)}): cần ghi rõ ngày hoặc năm."


def _year_list(docs: list[Document]) -> str:
    return ", ".join(sorted({str(_years(d)) for d in docs if _years(d)}))


def references_resolve(references: Iterable[Reference]) -> int:
    """Resolve ``references`` in one batch (two queries); returns how many changed."""
    refs = [r for r in references]
    keys = {r.code_key for r in refs if r.code_key}
    by_key: dict[str, list[Document]] = {}
    if keys:
        for d in Document.objects.filter(code_key__in=keys).only(
            "id", "code_key", "date", "year", "sort_date"
        ):
            by_key.setdefault(d.code_key, []).append(d)
    changed = []
    for r in refs:
        target, note = resolve_one(r, by_key.get(r.code_key, [])) if r.code_key else (None, "")
        if (r.target_id, r.resolution_note) != (target.pk if target else None, note):
            r.target = target
            r.resolution_note = note[:300]
            changed.append(r)
    Reference.objects.bulk_update(changed, ["target", "resolution_note"], batch_size=500)
    return len(changed)


def references_reresolve(*, code_keys: Iterable[str]) -> int:
    """Resolve again every registered reference citing these codes (a document arrived, changed
    its code, or made a citation ambiguous)."""
    keys = {k for k in code_keys if k}
    keys |= {code_key(k) for k in list(keys)}
    if not keys:
        return 0
    refs = Reference.objects.filter(code_key__in=keys).select_related("document")
    return references_resolve(
        refs.only(
            "id",
            "code_key",
            "date",
            "year",
            "target",
            "resolution_note",
            "document__id",
            "document__date",
            "document__year",
        )
    )


# --- housekeeping ---------------------------------------------------------------------------


def document_imports_purge(*, older_than: dt.timedelta) -> int:
    """Delete imports left unsaved for longer than ``older_than``, with their uploaded files
    (a saved import's file belongs to its document and is kept). Returns how many were deleted."""
    from django.utils import timezone

    stale = DocumentImport.objects.filter(
        status=ImportStatus.PENDING, created_at__lt=timezone.now() - older_than
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
