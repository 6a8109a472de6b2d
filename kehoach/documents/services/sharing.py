"""A document two branches both hold is shared by moving its owner up to their common unit."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from kehoach.audit.services import audit_record
from kehoach.core.exceptions import DomainError
from kehoach.documents.audit import DocumentAction
from kehoach.documents.choices import ImportStatus
from kehoach.documents.models import (
    Document,
    DocumentImport,
)
from kehoach.documents.selectors import document_scope
from kehoach.documents.services.common import _name_key
from kehoach.documents.services.records import _keep_file
from kehoach.organizations.models import Unit

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
            action=DocumentAction.DOCUMENT_SHARE,
            obj=doc,
            changes={
                "owner_unit": [before, common],
                "shared_with": importer,
                "files": [files_before, doc.files.count()],
            },
            unit=common,
        )
    setattr(doc, "shared_to", common)  # noqa: B010  (told to the view: where it is now shared)
    return doc
