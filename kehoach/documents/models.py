"""The document registry: documents as read by docparse and corrected by a person, their files,
the documents they cite (the citation graph), their channels, and the search index."""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kehoach.core.files import PrivateFileField, RandomName
from kehoach.core.models import BaseModel
from kehoach.documents.choices import (
    DOC_TYPE_NAMES,
    ChannelCode,
    DocumentStatus,
    DocumentSystem,
    ImportStatus,
    ShareRequestStatus,
)
from kehoach.organizations.permissions import ScopedQuerySet


class DocumentQuerySet(ScopedQuerySet):
    def reviewed(self) -> DocumentQuerySet:
        """Documents a person has checked."""
        return self.filter(status=DocumentStatus.REVIEWED)

    def recent_first(self) -> DocumentQuerySet:
        return self.order_by("-sort_date", "-id")


class Document(BaseModel):
    """An official document in the registry (a plan, directive, resolution ...), one per real document.

    ``owner_unit`` scopes who sees it: the resolved issuer when the issuer is a unit of the tree,
    otherwise the unit of the person who imported it. ``dedupe_key`` (code, issuer, year; or the
    file hash for unnumbered drafts) is unique, so the same document imported twice is one row.
    """

    permission_scope = "owner_unit"

    system = models.CharField(
        _("hệ thống"), max_length=8, choices=DocumentSystem.choices, blank=True
    )
    doc_type = models.CharField(_("loại văn bản"), max_length=16, blank=True, db_index=True)
    doc_type_name = models.CharField(_("tên loại"), max_length=100, blank=True)
    number = models.CharField(_("số"), max_length=20, blank=True)
    symbol = models.CharField(_("ký hiệu"), max_length=120, blank=True)
    code = models.CharField(_("số, ký hiệu"), max_length=160, blank=True)
    # Canonical code (lower case, no diacritics, separators unified): 27-CT/TW = 27/ct-tw = 27 ct tw.
    code_key = models.CharField(max_length=160, blank=True, db_index=True, editable=False)
    issuer_name = models.CharField(_("cơ quan ban hành (như ghi)"), max_length=300, blank=True)
    issuer_unit = models.ForeignKey(
        "organizations.Unit",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="issued_documents",
        verbose_name=_("cơ quan ban hành"),
    )
    owner_unit = models.ForeignKey(
        "organizations.Unit",
        on_delete=models.PROTECT,
        related_name="owned_documents",
        verbose_name=_("đơn vị quản lý"),
    )
    place = models.CharField(_("địa danh"), max_length=120, blank=True)
    date = models.DateField(_("ngày ban hành"), null=True, blank=True)
    # As read: "2023-09-12", or "2023-09" / "2023" when the day or month is blank.
    date_text = models.CharField(_("ngày (như ghi)"), max_length=10, blank=True)
    year = models.PositiveSmallIntegerField(_("năm"), null=True, blank=True, db_index=True)
    # The date used to order "recent first": the date, the start of a partial date, else creation.
    sort_date = models.DateField(db_index=True, editable=False)
    title = models.TextField(_("trích yếu"), blank=True)
    period_start = models.CharField(_("từ"), max_length=10, blank=True)
    period_end = models.CharField(_("đến"), max_length=10, blank=True)
    # The whole docparse contract object, as corrected by the reviewer (DESIGN.md §5).
    parsed = models.JSONField(default=dict, blank=True)
    # The normalised text that mention offsets point into.
    text = models.TextField(blank=True)
    # Folded (lower case, no diacritics, đ→d) copies used by search on every database.
    search_title = models.TextField(blank=True, editable=False)
    search_text = models.TextField(blank=True, editable=False)
    status = models.CharField(
        _("trạng thái"), max_length=12, choices=DocumentStatus.choices, default=DocumentStatus.DRAFT
    )
    dedupe_key = models.CharField(max_length=300, unique=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Optimistic locking: every save through the services increments it.
    version = models.PositiveIntegerField(default=1)

    objects = DocumentQuerySet.as_manager()

    class Meta:
        ordering = ["-sort_date", "-id"]
        indexes = [
            models.Index(fields=["owner_unit", "-sort_date"], name="doc_owner_date_idx"),
            models.Index(fields=["-sort_date", "-id"], name="doc_recent_idx"),
        ]
        verbose_name = _("văn bản")
        verbose_name_plural = _("văn bản")

    def __str__(self) -> str:
        head = self.type_label
        if self.code:
            head = f"{head} {self.code}".strip()
        return head if not self.title else f"{head}: {self.title[:120]}".strip(": ")

    @property
    def type_label(self) -> str:
        return self.doc_type_name or DOC_TYPE_NAMES.get(self.doc_type, self.doc_type) or "Văn bản"

    @property
    def display_code(self) -> str:
        """The code as written; an unnumbered draft shows its symbol with a blank number."""
        if self.code:
            return self.code
        if self.symbol:
            return f"…/{self.symbol}" if "/" not in self.symbol[:1] else f"…{self.symbol}"
        return ""

    @property
    def date_display(self) -> str:
        if self.date:
            return self.date.strftime("%d/%m/%Y")
        parts = self.date_text.split("-") if self.date_text else []
        if len(parts) == 2:
            return f"tháng {int(parts[1])}/{parts[0]}"
        return self.date_text

    def sections(self) -> list[dict[str, Any]]:
        return list(self.parsed.get("sections") or [])


class DocumentFile(BaseModel):
    """An original file as uploaded (kept unchanged for download), with its hash and type."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="files")
    file = PrivateFileField(upload_to=RandomName("documents"))
    original_name = models.CharField(_("tên tệp"), max_length=255)
    content_type = models.CharField(max_length=120)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64, db_index=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("tệp gốc")
        verbose_name_plural = _("tệp gốc")

    def __str__(self) -> str:
        return self.original_name


class Reference(models.Model):
    """A document cited by ``document`` as docparse read it; ``target`` is the registry document it
    resolves to (code plus year or date, since Party numbers restart each term), or null."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="references")
    position = models.PositiveSmallIntegerField(default=0)
    code = models.CharField(_("số, ký hiệu"), max_length=160, blank=True)
    code_key = models.CharField(max_length=160, blank=True, db_index=True)
    doc_type = models.CharField(_("loại"), max_length=16, blank=True)
    number = models.CharField(_("số"), max_length=20, blank=True)
    symbol = models.CharField(_("ký hiệu"), max_length=120, blank=True)
    year = models.PositiveSmallIntegerField(_("năm"), null=True, blank=True)
    issuer_name = models.CharField(_("cơ quan ban hành"), max_length=300, blank=True)
    date = models.DateField(_("ngày"), null=True, blank=True)
    date_text = models.CharField(max_length=10, blank=True)
    title = models.TextField(_("trích yếu"), blank=True)
    mentions = models.JSONField(default=list, blank=True)
    target = models.ForeignKey(
        Document, null=True, blank=True, on_delete=models.SET_NULL, related_name="cited_by"
    )
    # Why a reference is not resolved (several candidates in different terms ...).
    resolution_note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["document_id", "position", "id"]
        indexes = [models.Index(fields=["target", "document"], name="ref_target_doc_idx")]
        verbose_name = _("văn bản được dẫn chiếu")
        verbose_name_plural = _("văn bản được dẫn chiếu")

    def __str__(self) -> str:
        return self.code or f"{self.doc_type} {self.number}".strip() or self.title[:80]


class DocumentChannel(models.Model):
    """A communication channel a document uses, with the terms that showed it (filterable)."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="channels")
    code = models.CharField(max_length=24, choices=ChannelCode.choices, db_index=True)
    terms = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["document_id", "code"]
        constraints = [
            models.UniqueConstraint(fields=["document", "code"], name="doc_channel_unique")
        ]
        verbose_name = _("hình thức tuyên truyền")
        verbose_name_plural = _("hình thức tuyên truyền")

    def __str__(self) -> str:
        return self.get_code_display()


class DocumentTerm(models.Model):
    """One folded word (or ``#code``) of a document, for indexed search on any database.

    ``weight``: 3 the document's own code, 2 a word of the title, 1 a word of the body or a
    cited code. One row per (document, term), with the highest weight.
    """

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="terms")
    term = models.CharField(max_length=64)
    weight = models.PositiveSmallIntegerField(default=1)
    # The document's sort date, copied by document_reindex, so ranking never joins documents.
    sort_date = models.DateField(null=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["term", "document"], name="doc_term_unique")]
        # Covers the search query (term → weight, document, date): it never reads the table.
        indexes = [
            models.Index(
                fields=["term", "weight", "document", "sort_date"], name="doc_term_cover2_idx"
            )
        ]
        verbose_name = _("từ khóa tìm kiếm")
        verbose_name_plural = _("từ khóa tìm kiếm")

    def __str__(self) -> str:
        return self.term


class DocumentImport(BaseModel):
    """A document read by docparse and waiting for review (the review token), then its outcome.

    Nothing enters the registry before the reviewer saves; ``existing`` is the registry document
    the same code/issuer/year (or file hash) already matches, offered as an update.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    file = PrivateFileField(upload_to=RandomName("imports"), blank=True)
    original_name = models.CharField(max_length=255, blank=True)
    content_type = models.CharField(max_length=120, blank=True)
    size = models.PositiveBigIntegerField(default=0)
    sha256 = models.CharField(max_length=64, blank=True)
    parsed = models.JSONField(default=dict)
    text = models.TextField(blank=True)
    existing = models.ForeignKey(
        Document, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The version of ``existing`` the reviewer saw; saving over a newer one is refused.
    existing_version = models.PositiveIntegerField(null=True, blank=True)
    document = models.ForeignKey(
        Document, null=True, blank=True, on_delete=models.SET_NULL, related_name="imports"
    )
    status = models.CharField(
        max_length=12, choices=ImportStatus.choices, default=ImportStatus.PENDING
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("lượt nhập văn bản")
        verbose_name_plural = _("lượt nhập văn bản")

    def __str__(self) -> str:
        return self.original_name or f"Nhập văn bản {self.pk}"


class DocumentShareRequest(BaseModel):
    """A unit's request to read a document another branch registered (it matched on import).

    Sharing never moves the document: once the owner accepts, the requesting unit (its subtree
    and the units above it) reads the document beside the owner's branch, and only the owner's
    editors still edit it. Decided by an editor of the owner unit or a unit above it.
    """

    permission_scope = "document__owner_unit"

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="share_requests")
    requesting_unit = models.ForeignKey(
        "organizations.Unit",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("đơn vị đề nghị"),
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The requester's own import (what they uploaded and typed), never shown to the owner's side
    # beyond its file name.
    document_import = models.ForeignKey(
        DocumentImport, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(
        _("trạng thái"),
        max_length=12,
        choices=ShareRequestStatus.choices,
        default=ShareRequestStatus.PENDING,
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["document", "requesting_unit"],
                condition=Q(status="pending"),
                name="doc_share_one_pending",
            )
        ]
        indexes = [
            models.Index(fields=["status", "requesting_unit"], name="doc_share_status_unit_idx")
        ]
        verbose_name = _("đề nghị dùng chung văn bản")
        verbose_name_plural = _("đề nghị dùng chung văn bản")

    def __str__(self) -> str:
        return f"Đề nghị dùng chung văn bản {self.document.display_code or self.document_id}"
