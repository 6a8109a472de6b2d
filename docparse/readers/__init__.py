"""Readers turn bytes of one format into plain text: one paragraph per line, labels restored.

Every reader returns the same ``RawText`` so the extractors see one representation whatever
the source format. (Skeleton: TXT only; DOCX, PDF, HTML and legacy encodings to come.)
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from docparse.errors import ParseError
from docparse.model import SourceFormat


@dataclass(frozen=True, slots=True)
class RawText:
    """Text read from a file, before normalisation."""

    text: str
    format: SourceFormat
    filename: str | None = None
    encoding: str | None = None
    warnings: tuple[str, ...] = ()


def read_bytes(source: bytes | str | Path, *, filename: str | None, max_bytes: int) -> RawText:
    """Sniff the format of ``source`` and read it with the matching reader."""
    if isinstance(source, (str, Path)):
        path = Path(source)
        filename = filename or path.name
        data = path.read_bytes()
    else:
        data = source
    if not data:
        raise ParseError("empty", "Tệp rỗng, không có nội dung.", "The file is empty.")
    if len(data) > max_bytes:
        raise ParseError("too_large", "Tệp quá lớn.", "The file is too large.")
    return RawText(text=data.decode("utf-8"), format="txt", filename=filename, encoding="utf-8")
