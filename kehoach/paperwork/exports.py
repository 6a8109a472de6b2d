"""Registry documents as official DOCX/PDF files (the Django side of paperwork; reads only)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from docparse.model import ParsedDocument
from kehoach.paperwork.rendering import profile_for, render_docx
from kehoach.paperwork.rendering.pdf import docx_to_pdf
from kehoach.paperwork.selectors import letterhead_for

# A request should not wait as long as a batch job for LibreOffice.
PDF_TIMEOUT_S = 60.0
CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


@dataclass(frozen=True, slots=True)
class ExportedFile:
    """A rendered document ready to download."""

    filename: str
    content_type: str
    content: bytes


def parsed_from_document(document: Any) -> ParsedDocument:
    """The document's docparse contract as corrected by the reviewer, completed from its fields.

    ``Document.parsed`` holds the contract object; the model's own columns (edited in review)
    win where they are set, so a document saved without a parse still renders its header.
    """
    data = dict(document.parsed or {})
    fields = {
        "system": document.system,
        "doc_type": document.doc_type,
        "doc_type_name": document.doc_type_name,
        "number": document.number,
        "symbol": document.symbol,
        "code": document.code,
        "place": document.place,
        "date": document.date_text or (document.date.isoformat() if document.date else ""),
        "title": document.title,
    }
    data.update({key: value for key, value in fields.items() if value})
    issuer = dict(data.get("issuer") or {})
    if document.issuer_name:
        issuer["name"] = document.issuer_name
    data["issuer"] = issuer
    return ParsedDocument.from_dict(data, text=document.text or "")


def document_export(
    *, document: Any, profile: str | None, fmt: str, letterhead: bool = True
) -> ExportedFile:
    """DOCX or PDF of a registry document in ``profile`` (None: by its system and date), on the
    letterhead of the document's unit (or its nearest ancestor's) when there is one.

    Raises ``ProfileError`` for an unknown profile, ``TemplateError`` for an unreadable
    letterhead and ``PdfUnavailable`` when PDF cannot be made here; all carry a Vietnamese
    message.
    """
    parsed = parsed_from_document(document)
    chosen = profile_for(parsed, profile)
    template = None
    if letterhead:
        found = letterhead_for(unit=document.owner_unit, system=chosen.system)
        if found is not None:
            with found.file.open("rb") as handle:
                template = handle.read()
    content = render_docx(parsed, profile=chosen, template=template)
    if fmt == "pdf":
        content = docx_to_pdf(content, timeout=PDF_TIMEOUT_S)
    stem = "-".join(
        part for part in (parsed.doc_type or "van-ban", parsed.number, chosen.system) if part
    )
    return ExportedFile(filename=f"{stem}.{fmt}", content_type=CONTENT_TYPES[fmt], content=content)
