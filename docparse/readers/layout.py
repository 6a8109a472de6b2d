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


# --- hard-wrapped text ------------------------------------------------------------------------

_LABEL = re.compile(
    r"^(?:[IVXLC]+[.\-]|\d{1,2}(?:\.\d{1,2})*[.\-)]|[a-zđ]\)|[-+•–*])(?:\s|$)|^(?:Nơi nhận|Lưu\b)"
)
_SENTENCE_END = re.compile(r"[.:;!?]['\"”’)]*$")
_CODE_BREAK = re.compile(r"\w[-/]$")
MIN_WRAPPED_LINES = 10
MAX_WRAP_WIDTH = 110


_ITEM_END = re.compile(r"[.:;!?,]['\"”’)]*$")


def _wrap_width(lines: list[str]) -> int | None:
    """The column a hard-wrapped text was wrapped at, or None when it is not hard-wrapped: lines
    of at most ~110 characters, many of them close to the longest."""
    lengths = sorted(len(line) for line in lines if line)
    if len(lengths) < MIN_WRAPPED_LINES or lengths[-1] > MAX_WRAP_WIDTH or lengths[-1] < 40:
        return None
    # (a few lines may run longer than the wrap column: the 98th percentile, not the maximum)
    width = lengths[int(0.98 * (len(lengths) - 1))]
    near = sum(1 for n in lengths if n >= 0.75 * width)
    return width if near >= 0.3 * len(lengths) else None


def unwrap_text(text: str) -> str:
    """Join the lines of a hard-wrapped text (a text dump of a PDF, an e-mail) back into
    paragraphs. A line was wrapped when the next line's first word would not have fitted in the
    wrap column after it, or when it is long or followed by lower case and does not end a
    sentence; then the next line continues it — unless the next line starts an
    outline label, ``Nơi nhận`` or ``Lưu``, or the line is in capitals. A ``-`` starting the next
    line after a wrapped line without final punctuation is a spaced hyphen (``2024`` / ``- 2025``),
    not an item. Text that is not hard-wrapped is returned as it is."""
    lines = [line.strip() for line in text.split("\n")]
    width = _wrap_width(lines)
    if width is None:
        return text
    out: list[str] = []
    last = ""  # the previous physical line
    for line in lines:
        prev, last = last, line
        if out and out[-1] and line:
            open_end = not _SENTENCE_END.search(prev)
            wrapped = (
                len(prev) + 1 + len(line.split(" ", 1)[0]) > width
                # a proportional font wraps a little earlier or later than a character count
                or (len(prev) >= 0.85 * width and open_end)
                or (line[:1].islower() and open_end and len(prev) >= 0.5 * width)
            )
            label = bool(_LABEL.match(line))
            if label and line[:1] in "-+–" and wrapped and not _ITEM_END.search(prev):
                label = False
            if wrapped and not label and not prev.isupper():
                glue = "" if _CODE_BREAK.search(prev) else " "
                out[-1] = out[-1] + glue + line
                continue
        out.append(line)
    return "\n".join(out)
