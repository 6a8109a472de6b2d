"""Readers turn bytes of one format into plain text: one paragraph per line, labels restored.

Every reader returns the same ``RawText`` so the extractors see one representation whatever
the source format: paragraphs separated by a blank line, a line break inside a paragraph (a
multi-line title, ``<br>``) as a single newline. The format is sniffed from the content, not the
file name: a ZIP holding ``word/document.xml`` is DOCX, ``%PDF`` is PDF, text with HTML markup is
HTML, other text is TXT; other binary data is refused with ``ParseError("unknown_format")``.
Third-party exceptions never escape: each reader wraps them in ``ParseError``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from docparse.errors import ParseError
from docparse.model import SourceFormat

# Images read by OCR: PNG, JPEG, TIFF (both byte orders).
_IMAGE_SIGNATURES: tuple[bytes, ...] = (
    b"\x89PNG\r\n\x1a\n",
    b"\xff\xd8\xff",
    b"II*\x00",
    b"MM\x00*",
)
# Signatures of binary formats we do not read (checked before trying to decode text).
_BINARY_SIGNATURES: tuple[bytes, ...] = (
    b"GIF8",
    b"\x1f\x8b",
    b"7z\xbc\xaf",
    b"Rar!",
    b"BM",
    b"RIFF",
    b"\x7fELF",
    b"MZ",
)
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_HTML_MARKERS = re.compile(
    rb"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<meta\s|<title>", re.IGNORECASE
)
_VISIBLE = re.compile(r"[^\s\u200b-\u200f\u2060\ufeff\u00ad]")
_HTML_TAGS = re.compile(rb"</?(?:div|p|span|a|table|tr|td|ul|li|h[1-6]|br)\b[^>]*>", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class RawText:
    """Text read from a file, before normalisation."""

    text: str
    format: SourceFormat
    filename: str | None = None
    encoding: str | None = None
    warnings: tuple[str, ...] = ()


def _too_large(size: int, max_bytes: int) -> ParseError:
    return ParseError(
        "too_large",
        f"Tệp quá lớn ({size // 1024} KB, tối đa {max_bytes // 1024} KB).",
        f"The file is too large ({size // 1024} KB, limit {max_bytes // 1024} KB).",
    )


def _empty() -> ParseError:
    return ParseError("empty", "Tệp rỗng, không có nội dung.", "The file is empty.")


def unknown_format(detail_vi: str = "", detail_en: str = "") -> ParseError:
    """The one error for bytes that are none of the formats docparse reads."""
    return ParseError(
        "unknown_format",
        "Không nhận ra định dạng tệp (hỗ trợ .txt, .docx, .doc, .pdf, .html, ảnh .jpg/.png/.tif)."
        + detail_vi,
        "Unknown file format (supported: .txt, .docx, .doc, .pdf, .html, .jpg/.png/.tif images)."
        + detail_en,
    )


def _load(source: bytes | str | Path, max_bytes: int) -> tuple[bytes, str | None]:
    if isinstance(source, (bytes, bytearray, memoryview)):
        data = bytes(source)
        if len(data) > max_bytes:
            raise _too_large(len(data), max_bytes)
        return data, None
    path = Path(source)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise _too_large(size, max_bytes)
        with path.open("rb") as fh:
            data = fh.read(max_bytes + 1)
    except ParseError:
        raise
    except OSError as exc:
        raise ParseError(
            "unreadable",
            f"Không đọc được tệp {path.name}: {exc.strerror or exc}.",
            f"Cannot read the file {path.name}: {exc.strerror or exc}.",
        ) from exc
    if len(data) > max_bytes:
        raise _too_large(len(data), max_bytes)
    return data, path.name


def sniff(data: bytes, filename: str | None = None) -> SourceFormat:
    """The format of ``data`` from its content (the file name only breaks ties for HTML)."""
    head = data[:2048]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        # UTF-16 with a BOM: sniff the decoded text
        codec = "utf-16-le" if head.startswith(b"\xff\xfe") else "utf-16-be"
        head = data[2:8192].decode(codec, errors="ignore").encode("utf-8")
        return "html" if _HTML_MARKERS.search(head) else "txt"
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return "docx"  # the DOCX reader refuses ZIPs without word/document.xml
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(_OLE2):
        return "doc"
    if head.startswith(_IMAGE_SIGNATURES):
        return "image"
    if head.startswith(_BINARY_SIGNATURES) and not _is_mostly_text(head):
        raise unknown_format()
    lowered = head.lstrip().lower()
    if _HTML_MARKERS.search(head) or lowered.startswith((b"<!doctype", b"<html", b"<?xml")):
        return "html"
    ext = (filename or "").lower().rsplit(".", 1)[-1] if filename and "." in filename else ""
    if ext in ("html", "htm", "xhtml") and len(_HTML_TAGS.findall(data[:20000])) >= 3:
        return "html"
    if len(_HTML_TAGS.findall(data[:20000])) >= 10:
        return "html"
    return "txt"


def _is_mostly_text(head: bytes) -> bool:
    printable = sum(1 for b in head if b >= 0x20 or b in (9, 10, 13))
    return printable >= 0.98 * len(head)


def read_bytes(
    source: bytes | str | Path,
    *,
    filename: str | None,
    max_bytes: int,
    on_progress: Callable[[int, int], None] | None = None,
) -> RawText:
    """Sniff the format of ``source`` (a path or bytes) and read it with the matching reader.
    ``on_progress(done, total)`` follows the pages of an OCR (scans and images)."""
    data, path_name = _load(source, max_bytes)
    filename = filename or path_name
    if not data.strip():
        raise _empty()
    fmt = sniff(data, filename)
    if fmt == "docx":
        from docparse.readers.docx import read_docx

        text, encoding, warnings = read_docx(data)
    elif fmt == "doc":
        from docparse.readers.doc import doc_to_docx
        from docparse.readers.docx import read_docx

        text, encoding, warnings = read_docx(doc_to_docx(data))
    elif fmt == "pdf":
        from docparse.readers.pdf import read_pdf

        text, encoding, warnings = read_pdf(data, on_progress)
    elif fmt == "image":
        from docparse.readers.pdf import read_image

        text, encoding, warnings = read_image(data, on_progress)
    elif fmt == "html":
        from docparse.readers.html import read_html

        text, encoding, warnings = read_html(data)
    else:
        from docparse.readers.layout import reorder_text_header, unwrap_text
        from docparse.readers.txt import decode_text

        text, encoding, warnings = decode_text(data)
        text = unwrap_text(reorder_text_header(text))
    if not _VISIBLE.search(text):
        raise _empty()
    return RawText(text=text, format=fmt, filename=filename, encoding=encoding, warnings=warnings)
