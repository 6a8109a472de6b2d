"""Header columns laid out with tabs or runs of spaces instead of a table.

Many Word files and text dumps (``pdftotext -layout``) put the two header columns on the same
lines, separated by tabs or by many spaces::

    ĐẢNG BỘ TỈNH LÂM ĐỒNG            ĐẢNG CỘNG SẢN VIỆT NAM
    ĐẢNG ỦY SỞ VĂN HÓA ...
            *                  Lâm Đồng, ngày 05 tháng 3 năm 2024
    Số 12-KH/ĐU

:func:`reorder_header` rewrites the lines above the type name (``KẾ HOẠCH`` ...) as the clean
header order every reader produces: the left column top to bottom, then the right column, one
paragraph per line. A line with a single part belongs to the right column when it is indented
(a leading tab or at least :data:`MIN_GAP` spaces), to the left column otherwise.
"""

from __future__ import annotations

import re

MIN_GAP = 4
MAX_HEADER_PARAGRAPHS = 16

TYPE_LINE = re.compile(
    r"^\s*(KẾ HOẠCH|QUYẾT ĐỊNH|CHỈ THỊ|HƯỚNG DẪN|BÁO CÁO|CÔNG VĂN|THÔNG BÁO|NGHỊ QUYẾT|"
    r"CHƯƠNG TRÌNH|TỜ TRÌNH|KẾT LUẬN|QUY ĐỊNH|ĐỀ ÁN|PHƯƠNG ÁN|THÔNG TRI)\s*$"
)
_GAP = re.compile(rf"\t+|[ \u00a0]{{{MIN_GAP},}}")
_INDENT = re.compile(rf"^(?:\t|[ \u00a0]{{{MIN_GAP},}})")


def _type_index(paragraphs: list[str]) -> int | None:
    for i, paragraph in enumerate(paragraphs[:MAX_HEADER_PARAGRAPHS]):
        first = paragraph.split("\n", 1)[0]
        if TYPE_LINE.match(first):
            return i
    return None


def reorder_header(paragraphs: list[str]) -> list[str]:
    """Paragraphs with a column-laid-out header rewritten left column first (see module doc).

    Returns ``paragraphs`` unchanged when there is no type line near the top or no header line
    has two columns.
    """
    end = _type_index(paragraphs)
    if not end:
        return paragraphs
    lines = [line for paragraph in paragraphs[:end] for line in paragraph.split("\n")]
    split = [[part.strip() for part in _GAP.split(line.strip()) if part.strip()] for line in lines]
    if not any(len(parts) >= 2 for parts in split):
        return paragraphs
    left: list[str] = []
    right: list[str] = []
    for line, parts in zip(lines, split, strict=True):
        if not parts:
            continue
        if len(parts) >= 2:
            left.append(parts[0])
            right.append(" ".join(parts[1:]))
        elif _INDENT.match(line):
            right.append(parts[0])
        else:
            left.append(parts[0])
    return left + right + paragraphs[end:]


def reorder_text_header(text: str) -> str:
    """:func:`reorder_header` on plain text (paragraphs separated by blank lines)."""
    sample = text[:3000]
    if "\t" not in sample and " " * MIN_GAP not in sample:
        return text
    paragraphs = re.split(r"\n[ \t\r\u00a0]*\n", text)
    reordered = reorder_header(paragraphs)
    return text if reordered is paragraphs else "\n\n".join(reordered)
