"""The rows a saved document owns: references, channels, kept files, search terms."""

from __future__ import annotations

from typing import Any

from kehoach.core.exceptions import DomainError
from kehoach.documents.choices import ChannelCode
from kehoach.documents.models import (
    Document,
    DocumentChannel,
    DocumentFile,
    DocumentImport,
    DocumentTerm,
    Reference,
)
from kehoach.documents.search import document_terms
from kehoach.documents.services.resolution import references_assign


class _AlreadyRegistered(DomainError):
    """The document a save would create is registered already (offer the update)."""

    def __init__(self, document: Document) -> None:
        super().__init__(
            "Văn bản này đã có trong hệ thống. Bấm “Lưu” lần nữa để cập nhật văn bản đã có "
            "(không tạo bản trùng)."
        )
        self.document = document


def _replace_references(doc: Document, rows: list[Reference]) -> None:
    """Replace ``doc``'s references by ``rows``, resolved before they are inserted (linear)."""
    Reference.objects.filter(document=doc).delete()
    for r in rows:
        r.document = doc
    references_assign(rows, citing=doc)
    Reference.objects.bulk_create(rows, batch_size=500)


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
        original_name=imp.original_name or (imp.file.name or "").rsplit("/", 1)[-1],
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
