"""The two national mottos of a document header, recognised even when misread.

``ĐẢNG CỘNG SẢN VIỆT NAM`` heads a Party document, ``CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM`` /
``Độc lập - Tự do - Hạnh phúc`` a state one. Scans and some PDF fonts get their accents or a
letter wrong (``CỌNG HÒA``, ``CỘNG HÕA``, ``ĐẢNG CỤỘNG SẢN VI1 NAM``): they are compared
without marks, and a cell alone may differ in a few letters.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from docparse.extract._fold import strip_marks

# A motto inside a line: the two columns of a header read as one line ("ĐẢNG BỘ TỈNH X ĐẢNG
# CỘNG SẢN VIỆT NAM" once spaces are normalised). Looked for in the text without its marks
# (``strip_marks`` keeps every character in place), so that a motto whose accents a scan or a
# font got wrong (``CỌNG HÒA``, ``CỘNG HÕA``, ``ĐẢNG CỘNG SÁN``) still splits the line.
_MOTTO_INSIDE = re.compile(
    r"(dang cong san viet nam|cong hoa xa hoi chu nghia viet nam|"
    r"doc lap\s*[-–]\s*tu do\s*[-–]\s*hanh phuc)",
)
# The mottos as letters only, for a cell that is a motto misread by OCR (``ĐẢNG CỤỘNG SẢN VI1
# NAM``, ``Độc lập - Tự do - Hạnh : phúc -``).
_MOTTO_KEYS = (
    ("dangcongsanvietnam", "party"),
    ("conghoaxahoichunghiavietnam", "state"),
    ("doclaptudohanhphuc", "state"),
)
_NOT_LETTER = re.compile(r"[^a-z]+")


def motto_system(cell: str) -> str | None:
    """``party`` or ``state`` when ``cell`` is a motto, allowing for a few misread letters: its
    letters without marks are at least 85 % similar to a motto's (difflib ratio). A misread
    Party motto must still read ``ĐẢNG`` first and ``SẢN`` (``ĐẢNG ỦY CÔNG AN VIỆT NAM`` is a
    body, not the motto)."""
    folded = strip_marks(cell)
    key = _NOT_LETTER.sub("", folded)
    for motto, system in _MOTTO_KEYS:
        if key == motto:
            return system
        if not 0.8 * len(motto) <= len(key) <= 1.25 * len(motto):
            continue
        if system == "party":
            words = folded.split()
            if not words or words[0] != "dang" or "san" not in words:
                continue
        if SequenceMatcher(None, key, motto, autojunk=False).ratio() >= 0.85:
            return system
    return None


def split_mottos(part: str) -> list[str]:
    """``part`` cut before and after every motto in it (two header columns read as one line)."""
    folded = strip_marks(part)
    if len(folded) != len(part):  # not length-preserving (should not happen on NFC text)
        return [part]
    pieces: list[str] = []
    at = 0
    for m in _MOTTO_INSIDE.finditer(folded):
        pieces.extend((part[at : m.start()], part[m.start() : m.end()]))
        at = m.end()
    pieces.append(part[at:])
    return pieces
