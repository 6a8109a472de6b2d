"""The pipeline: reader → normalisation → segmentation → extractors."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from docparse.extract import build_document
from docparse.model import ParsedDocument, Source
from docparse.normalize import normalize_text
from docparse.readers import read_bytes

DEFAULT_MAX_BYTES = 20 * 1024 * 1024


def parse_document(
    source: bytes | str | Path,
    *,
    filename: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    on_progress: Callable[[int, int], None] | None = None,
) -> ParsedDocument:
    """Read a document from a path or its bytes and return its structure.

    Raises ``ParseError`` for anything that cannot be read (empty, unknown type, corrupt,
    encrypted, scanned without OCR installed, too large ...). A scan or an image is read by OCR
    (seconds per page): ``on_progress(done, total)`` is called after each page.
    """
    raw = read_bytes(source, filename=filename, max_bytes=max_bytes, on_progress=on_progress)
    text = normalize_text(raw.text)
    return build_document(
        text,
        source=Source(filename=raw.filename, format=raw.format, encoding=raw.encoding),
        warnings=raw.warnings,
    )


def parse_text(text: str, *, filename: str | None = None) -> ParsedDocument:
    """Parse already-decoded plain text (pasted text)."""
    return build_document(
        normalize_text(text),
        source=Source(filename=filename, format="txt", encoding="utf-8"),
        warnings=(),
    )
