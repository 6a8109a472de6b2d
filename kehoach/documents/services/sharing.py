"""A document another branch registered is shared on its owner's word, never on the importer's.

When a save matches (same code, issuer and year, or the same file) a document registered by a
unit the importer cannot see, nothing of that document is revealed, moved or rewritten: a
``DocumentShareRequest`` goes to its owner, whose editors (or those of a unit above) accept or
decline it. Accepting adds the requesting unit to the document's readers; the owner keeps it
and its editors keep editing it.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, gettext_noop

from kehoach.audit.services import audit_record
from kehoach.core.exceptions import DomainError
from kehoach.documents.audit import DocumentAction
from kehoach.documents.choices import ImportStatus, ShareRequestStatus
from kehoach.documents.models import (
    Document,
    DocumentImport,
    DocumentShareRequest,
)
from kehoach.documents.selectors import document_scope
from kehoach.notifications.choices import NotificationKind
from kehoach.notifications.services import notification_send, notify_units
from kehoach.organizations.models import Unit
from kehoach.organizations.permissions import Action, require

SHARE_REQUESTED_MESSAGE = (
    "Văn bản này đã được một đơn vị khác nhập vào hệ thống (cùng số, ký hiệu, cơ quan ban hành "
    "và năm, hoặc cùng tệp). Chưa có gì được lưu và văn bản đã có không bị thay đổi. Hệ thống "
    "đã gửi đề nghị dùng chung tới đơn vị quản lý văn bản ấy; khi được đồng ý, văn bản sẽ hiện "
    "trong danh sách của đơn vị bạn. Theo dõi ở trang “Đề nghị dùng chung văn bản”."
)
ALREADY_REQUESTED_MESSAGE = (
    "Lượt nhập này đã được gửi đề nghị dùng chung; hãy theo dõi ở trang “Đề nghị dùng chung "
    "văn bản”."
)
ALREADY_DECIDED_MESSAGE = "Đề nghị này đã được quyết định trước đó."


class ShareRequested(DomainError):
    """The save matched a document the importer cannot see: nothing entered the registry, a
    share request (``share_request``) went to the document's owner. Its message names nothing
    of the document."""

    def __init__(self, share_request: DocumentShareRequest) -> None:
        super().__init__(SHARE_REQUESTED_MESSAGE)
        self.share_request = share_request


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


# --- asking -----------------------------------------------------------------------------------


def _request_share(actor: Any, imp: DocumentImport, *, identity: str, importer: Unit) -> None:
    """When the document being saved is registered already outside the actor's scope, send its
    owner a share request (one pending per document and unit: a second save reuses it), mark
    the import as requested, and raise ``ShareRequested``. Returns when there is no such
    document. The document itself is not read beyond its key, nor changed."""
    doc = (
        Document.objects.filter(dedupe_key=identity)
        .select_related("owner_unit")
        .only("id", "owner_unit")
        .first()
    )
    if doc is None or document_scope(user=actor).filter(pk=doc.pk).exists():
        return
    with transaction.atomic():
        request, created = DocumentShareRequest.objects.get_or_create(
            document=doc,
            requesting_unit=importer,
            status=ShareRequestStatus.PENDING,
            defaults={"requested_by": actor, "document_import": imp},
        )
        imp.status = ImportStatus.REQUESTED
        imp.save(update_fields=["status", "updated_at"])
        if created:
            # Scoped to the owner unit: its editors decide, and learn who asked (not the reverse).
            audit_record(
                actor=actor,
                action=DocumentAction.SHARE_REQUEST,
                obj=request,
                changes={"requesting_unit": importer, "file": imp.original_name or None},
                unit=doc.owner_unit,
            )
            _notify_owner(request, owner_unit_id=doc.owner_unit_id, importer=importer)
    raise ShareRequested(request)


def _notify_owner(request: DocumentShareRequest, *, owner_unit_id: int, importer: Unit) -> None:
    """Tell the owner unit's editors (after commit) that a unit asks to share a document."""
    url = reverse("documents:share_requests")

    def send() -> None:
        notify_units(
            unit_ids=[owner_unit_id],
            kind=NotificationKind.SHARE_REQUEST,
            key=f"share_request:{request.pk}",
            title=gettext_noop("%(unit)s đề nghị dùng chung một văn bản của đơn vị")
            % {"unit": importer.name[:150]},
            body=gettext_noop("Mở trang Đề nghị dùng chung văn bản để đồng ý hoặc từ chối."),
            url=url,
            min_role="editor",
        )

    transaction.on_commit(send)


def _notify_requester(req: DocumentShareRequest) -> None:
    """Tell who asked (after commit) what the owner decided; a refusal names nothing of the
    document, an acceptance links it (now readable)."""
    accepted = req.status == ShareRequestStatus.ACCEPTED
    user = req.requested_by
    if user is None:
        return
    if accepted:
        title = gettext_noop("Đề nghị dùng chung được đồng ý: %(code)s") % {
            "code": req.document.display_code or req.document.type_label
        }
        url = reverse("documents:detail", args=[req.document_id])
    else:
        title = gettext_noop("Đề nghị dùng chung văn bản của bạn đã bị từ chối")
        url = reverse("documents:share_requests")

    def send() -> None:
        notification_send(
            user=user,
            kind=NotificationKind.SHARE_DECIDED,
            key=f"share_decided:{req.pk}",
            title=title,
            url=url,
        )

    transaction.on_commit(send)


# --- deciding ---------------------------------------------------------------------------------


def _decide(
    *, actor: Any, share_request: DocumentShareRequest, status: str
) -> DocumentShareRequest:
    with transaction.atomic():
        req = (
            DocumentShareRequest.objects.select_for_update(of=("self",))
            .select_related("document__owner_unit", "requesting_unit", "document_import")
            .get(pk=share_request.pk)
        )
        owner = req.document.owner_unit
        require(
            actor,
            Action.EDIT,
            owner,
            gettext("Chỉ biên tập viên của đơn vị quản lý văn bản (hoặc cấp trên) mới quyết định."),
        )
        if req.status != ShareRequestStatus.PENDING:
            raise DomainError(ALREADY_DECIDED_MESSAGE)
        req.status = status
        req.decided_by = actor if getattr(actor, "is_authenticated", False) else None
        req.decided_at = timezone.now()
        req.save(update_fields=["status", "decided_by", "decided_at", "updated_at"])
        imp = req.document_import
        if status == ShareRequestStatus.ACCEPTED and imp is not None:
            imp.document = req.document  # the requester's import now leads to the document
            imp.status = ImportStatus.SAVED
            imp.save(update_fields=["document", "status", "updated_at"])
        accepted = status == ShareRequestStatus.ACCEPTED
        action = DocumentAction.SHARE_ACCEPT if accepted else DocumentAction.SHARE_DECLINE
        audit_record(
            actor=actor,
            action=action,
            obj=req,
            changes={
                "status": [ShareRequestStatus.PENDING, status],
                "requesting_unit": req.requesting_unit,
            },
            unit=owner,
        )
        _notify_requester(req)
    return req


def share_request_accept(
    *, actor: Any, share_request: DocumentShareRequest
) -> DocumentShareRequest:
    """Let the requesting unit read the document (its owner and editors stay as they are)."""
    return _decide(actor=actor, share_request=share_request, status=ShareRequestStatus.ACCEPTED)


def share_request_decline(
    *, actor: Any, share_request: DocumentShareRequest
) -> DocumentShareRequest:
    """Refuse: the requesting unit still does not see the document (nor learns anything of it)."""
    return _decide(actor=actor, share_request=share_request, status=ShareRequestStatus.DECLINED)
