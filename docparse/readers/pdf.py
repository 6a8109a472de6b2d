"""PDF: the text layer, grouped into lines and joined back into paragraphs.

Steps (the characters come from PDFium through pypdfium2, see :mod:`docparse.readers.pdf_chars`):

1. Characters are grouped into words (:func:`docparse.readers.pdf_chars.read_pages`); words in a
   legacy font (``.VnTime``, ``VNI-Times``: the font name tells) are converted to Unicode
   (:func:`_page_words`). Words of each page are grouped into **lines** by their vertical position; a line whose words
   are separated by a wide horizontal gap (more than :data:`COLUMN_GAP_EM` ems) is split into
   **segments** (two columns printed side by side).
2. **Header zone** of page 1: the lines above the type name (``KẾ HOẠCH``, ``QUYẾT ĐỊNH`` ...,
   within the top :data:`HEADER_ZONE` of the page). When some of them have two segments, the
   zone is emitted **column by column**: every left segment top to bottom (superior body, issuing
   body, ``*``, ``Số ...``), then every right segment (motto, place and date) — the order of a
   clean TXT header — each as its own paragraph.
3. **Running headers and footers**: the first two and the last two lines of a page, when they
   lie in the top or bottom :data:`MARGIN_BAND` (6.5 % of the page height: the official formats
   keep the body at least 20 mm from the edges), are removed if they are a page number (``2``,
   ``- 2 -``, ``Trang 2``, ``2/5``) or repeat on several pages (digits ignored).
4. **Paragraphs**: a line starts a new paragraph when the space above it is clearly larger than
   the page's usual line spacing, or when it starts with an outline label (``I.``, ``1.``,
   ``a)``, ``-``, ``+``) or ``Nơi nhận``. Inside a paragraph, a line that reaches the right margin
   (it was wrapped) or that does not end a sentence while the next starts in lower case is joined
   with a space; otherwise the break is kept as a single newline (title lines, signature). At a
   page break the same rules decide whether the paragraph continues.

5. **End matter**: recipients and signature printed side by side after ``Nơi nhận`` are read
   left column first, then right column (:func:`_end_matter`).

Errors: an encrypted PDF that needs a password → ``encrypted``; no text at all (scanned) →
``no_text_layer``; anything PDFium cannot open or read (or any other exception on the way) →
``corrupt``.
"""

from __future__ import annotations

import itertools
import re
import statistics
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from docparse.errors import ParseError
from docparse.readers import ocr
from docparse.readers.legacy import (
    convert_legacy_text,
    font_encoding,
    is_uppercase_tcvn3_font,
    tcvn3_to_unicode,
    vni_to_unicode,
)
from docparse.readers.txt import LEGACY_WARNING

MAX_PAGES = 2000
COLUMN_GAP_EM = 3.0
HEADER_ZONE = 0.45
MARGIN_BAND = 0.065
MIN_TEXT_CHARS = 20

_TYPE_LINE = re.compile(
    r"^(KẾ HOẠCH|QUYẾT ĐỊNH|CHỈ THỊ|HƯỚNG DẪN|BÁO CÁO|CÔNG VĂN|THÔNG BÁO|NGHỊ QUYẾT|"
    r"CHƯƠNG TRÌNH|TỜ TRÌNH|KẾT LUẬN|QUY ĐỊNH|ĐỀ ÁN|PHƯƠNG ÁN|THÔNG TRI)\b"
)
_LABEL = re.compile(r"^(?:[IVXLC]+[.\-]|\d{1,2}(?:\.\d{1,2})*[.\-)]|[a-zđ]\)|[-+•–*])(?:\s|$)")
_ADDRESSEE = re.compile(r"^Kính gửi\b", re.IGNORECASE)
_NOI_NHAN = re.compile(r"^(Nơi nhận|NƠI NHẬN)")
_PAGE_NUMBER = re.compile(
    r"^[-–—\s]*(?:trang|page)?\s*\d{1,4}(?:\s*(?:/|trên|of)\s*\d{1,4})?[-–—\s]*$", re.IGNORECASE
)
_SENTENCE_END = re.compile(r"[.:;!?]['\"”’)]*$")
_ITEM_END = re.compile(r"[.:;!?,]['\"”’)]*$")
_DIGITS = re.compile(r"\d+")
_CODE_BREAK = re.compile(r"[\w][-/]$")
# Glyphs that Word or LibreOffice print for a list level where the plan means "-" or "+" (dashes
# and the Symbol/Wingdings private-use glyphs). "•" is left alone: a TXT plan keeps it too.
_DASH_GLYPHS = "–—\uf0b7\uf02d"
_PLUS_GLYPHS = "◦○▫\uf0a7\uf06f"


def _bullet(text: str) -> str:
    if len(text) > 1 and text[1] == " ":
        if text[0] in _DASH_GLYPHS:
            return "-" + text[1:]
        if text[0] in _PLUS_GLYPHS:
            return "+" + text[1:]
    return text


@dataclass(slots=True)
class _Segment:
    x0: float
    x1: float
    text: str
    font: str = ""
    first: float = 0.0  # width of the first word


@dataclass(slots=True)
class _Line:
    top: float
    bottom: float
    size: float
    page: int
    segments: list[_Segment] = field(default_factory=list)
    words: list[_Segment] = field(default_factory=list)

    @property
    def x0(self) -> float:
        return self.segments[0].x0

    @property
    def x1(self) -> float:
        return self.segments[-1].x1

    @property
    def text(self) -> str:
        return " ".join(s.text for s in self.segments)


def _encrypted() -> ParseError:
    return ParseError(
        "encrypted",
        "Tệp PDF được bảo vệ bằng mật khẩu, không đọc được.",
        "The PDF is password-protected and cannot be read.",
    )


def _corrupt() -> ParseError:
    return ParseError(
        "corrupt",
        "Tệp PDF bị hỏng hoặc không đúng định dạng.",
        "The PDF file is corrupted or not a valid PDF.",
    )


def _no_text_layer() -> ParseError:
    return ParseError(
        "no_text_layer",
        "Tệp PDF không có lớp chữ (bản quét ảnh); cần nhận dạng chữ (OCR) trước khi đọc.",
        "The PDF has no text layer (scanned image); run OCR first.",
    )


_STAMP = re.compile(r"Ký bởi|Người ký|Thời gian ký|Ngày ký|Signed by|Signature valid", re.I)


def _merge_annotations(pages: list[Any], found: dict[int, list[dict[str, Any]]]) -> list[str]:
    """Put the text of annotations (the number and day an e-office system stamps into
    signature widgets) among the page's words, on the line it was stamped on; a word of the
    page it covers (a pre-typed month under a stamped one) gives way. Signature stamp blocks
    ("Ký bởi ...") are not page text: they are returned apart."""
    stamps: list[str] = []
    for index, annots in found.items():
        words = pages[index].words
        for annot in annots:
            if _STAMP.search(annot["text"]) or len(annot["text"]) > 40:
                if _STAMP.search(annot["text"]):
                    stamps.append(annot["text"])
                continue
            top, bottom = annot["top"], annot["bottom"]
            middle = (top + bottom) / 2
            same_line = [w for w in words if top - 2 <= (w["top"] + w["bottom"]) / 2 <= bottom + 2]
            if not same_line:
                continue  # a stamp drawn apart from any line: nothing to attach it to
            nearest = min(same_line, key=lambda w: abs((w["top"] + w["bottom"]) / 2 - middle))
            annot = dict(annot, top=nearest["top"], bottom=nearest["bottom"])
            covered = [
                w
                for w in same_line
                if min(w["x1"], annot["x1"]) - max(w["x0"], annot["x0"])
                > 0.5 * min(w["x1"] - w["x0"], annot["x1"] - annot["x0"])
                and any(c.isdigit() for c in w["text"])
            ]
            for w in covered:
                words.remove(w)
            words.append(annot)
    return stamps


def _ocr_nothing() -> ParseError:
    return ParseError(
        "ocr_empty",
        "Tệp PDF là bản quét ảnh nhưng nhận dạng chữ (OCR) không đọc được chữ nào.",
        "The PDF is a scan but OCR found no text in it.",
    )


W_OCR = (
    "Tệp PDF là bản quét ảnh: nội dung đọc bằng nhận dạng chữ (OCR), cần đối chiếu với bản gốc. "
    "(Scanned PDF read by OCR: check it against the original.)"
)
W_IMAGE = (
    "Tệp ảnh: nội dung đọc bằng nhận dạng chữ (OCR), cần đối chiếu với bản gốc. "
    "(Image read by OCR: check it against the original.)"
)
W_OCR_GARBLED = (
    "Lớp chữ của tệp PDF bị hỏng (sai bảng mã hoặc OCR kém): nội dung đọc lại bằng nhận dạng "
    "chữ (OCR), cần đối chiếu với bản gốc. "
    "(The PDF's text layer is garbled: read again by OCR, check it against the original.)"
)
W_GARBLED = (
    "Lớp chữ của tệp PDF có vẻ bị hỏng (sai bảng mã hoặc OCR kém) và máy chủ chưa cài OCR: "
    "nội dung có thể sai. (The PDF's text layer looks garbled and OCR is not installed.)"
)
_VISIBLE_TEXT = re.compile(r"\S")
_WORD = re.compile(r"[^\W\d_]+")
# The marks Vietnamese puts on a Latin letter: the five tones, circumflex, breve, horn.
_VIET_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323\u0302\u0306\u031b")


def _letter_kind(ch: str) -> int:
    """0: a plain Latin letter; 1: a Vietnamese letter with marks; 2: a letter Vietnamese does
    not use (ü, Cyrillic, Greek ... : the sign of a text layer with a broken encoding)."""
    if ch < "\x80":
        return 0
    if ch in "đĐƣƢ":  # ƣ (U+01A3): the "ư" of fonts with a wrong glyph name, common in PDFs
        return 1
    decomposed = unicodedata.normalize("NFD", ch)
    base, marks = decomposed[0], decomposed[1:]
    if base.isascii() and base.isalpha() and marks and all(m in _VIET_MARKS for m in marks):
        return 1
    return 2


def trustworthy(text: str, *, min_words: int = 40) -> bool:
    """Whether a text layer reads as Vietnamese: few letters foreign to Vietnamese (a broken
    ToUnicode map gives Cyrillic or Armenian letters) and enough syllables with marks (a poor
    OCR layer drops them: "Bang Cong san Vit Nam"). Short texts are given the benefit of the
    doubt."""
    words = _WORD.findall(text[:200_000])
    if len(words) < min_words:
        return True
    letters = foreign = marked = 0
    for word in words:
        kinds = [_letter_kind(ch) for ch in word]
        letters += len(kinds)
        foreign += kinds.count(2)
        marked += 1 in kinds
    if foreign > 0.02 * letters:
        return False
    return marked >= 0.5 * len(words)


def _page_words(words: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Words in a legacy Vietnamese font (``.VnTime``, ``VNI-Times`` ...: its name tells the
    encoding) converted to Unicode, marked with ``legacy``."""
    encodings: dict[str, tuple[str, str | None]] = {}
    for word in words:
        font = str(word["font"])
        if font not in encodings:
            font_name = font.split("@", 1)[0].split("+", 1)[-1]
            encodings[font] = (font_name, font_encoding(font_name))
        font_name, encoding = encodings[font]
        if encoding == "tcvn3":
            word["text"] = tcvn3_to_unicode(
                word["text"], uppercase=is_uppercase_tcvn3_font(font_name)
            )
            word["legacy"] = encoding
        elif encoding == "vni":
            word["text"] = vni_to_unicode(word["text"])
            word["legacy"] = encoding
    return words


def _median(values: list[float]) -> float:
    """``statistics.median`` of a non-empty list, without its per-call overhead."""
    values.sort()
    middle = len(values) // 2
    if len(values) % 2:
        return values[middle]
    return (values[middle - 1] + values[middle]) / 2


def _page_lines(words: list[dict[str, Any]], index: int) -> list[_Line]:
    words.sort(key=lambda w: (round(w["top"], 1), w["x0"]))
    lines: list[_Line] = []
    rows: list[list[dict[str, Any]]] = []
    row_top = 0.0
    for word in words:
        top = word["top"]
        height = word["bottom"] - top
        if rows and abs(row_top - top) <= max(2.0, 0.45 * height):
            rows[-1].append(word)
        else:
            rows.append([word])
            row_top = top
    for row in rows:
        row.sort(key=lambda w: w["x0"])
        size = _median([w["bottom"] - w["top"] for w in row]) or 10.0
        line = _Line(
            top=min(w["top"] for w in row),
            bottom=max(w["bottom"] for w in row),
            size=size,
            page=index,
        )
        limit = COLUMN_GAP_EM * size
        segments, line_words = line.segments, line.words
        for word in row:
            x0, x1, text, font = word["x0"], word["x1"], word["text"], word["font"]
            line_words.append(_Segment(x0, x1, text, font))
            if segments and x0 - segments[-1].x1 <= limit:
                segments[-1].x1 = x1
                segments[-1].text += " " + text
            else:
                segments.append(_Segment(x0, x1, text, font))
        lines.append(line)
    return lines


def _running_candidates(lines: list[_Line], height: float) -> list[int]:
    """Indexes of the lines that may be a running header or footer: the first two and the last
    two lines of the page, when they lie in the top or bottom margin band."""
    picks = set(range(min(2, len(lines)))) | set(range(max(0, len(lines) - 2), len(lines)))
    return [
        i
        for i in sorted(picks)
        if lines[i].top < MARGIN_BAND * height or lines[i].bottom > (1 - MARGIN_BAND) * height
    ]


def _strip_running(pages: list[list[_Line]], heights: list[float]) -> list[list[_Line]]:
    """Remove page numbers and lines repeated in the margin bands of several pages."""
    keys: Counter[str] = Counter()
    for lines, height in zip(pages, heights, strict=True):
        for i in _running_candidates(lines, height):
            keys[_DIGITS.sub("#", lines[i].text.lower())] += 1
    repeated = {k for k, n in keys.items() if n >= 2 and len(pages) >= 2}
    out: list[list[_Line]] = []
    for lines, height in zip(pages, heights, strict=True):
        drop = {
            i
            for i in _running_candidates(lines, height)
            if _PAGE_NUMBER.match(lines[i].text)
            or _DIGITS.sub("#", lines[i].text.lower()) in repeated
        }
        out.append([line for i, line in enumerate(lines) if i not in drop])
    return out


# Lines that start a header element (never the continuation of a wrapped line): the star, the
# number, the motto, the place and date, and the usual first words of a body's name.
_HEADER_STARTS = re.compile(
    r"^(?:\*|Số\b|SỐ\b|Độc lập|ĐỘC LẬP|CỘNG HÒA|CỘNG HOÀ|ĐẢNG\b|[^,]{2,40}, ngày\b|"
    r"(?:UBND|HĐND|ỦY BAN|UỶ BAN|SỞ|BAN|BỘ|TỈNH ỦY|THÀNH ỦY|HUYỆN ỦY|QUẬN ỦY|THỊ ỦY|CHI BỘ|"
    r"PHÒNG|TRUNG TÂM|CỤC|VĂN PHÒNG|HỘI ĐỒNG|MẶT TRẬN|ĐOÀN|CÔNG AN|BỘ CHỈ HUY|TRƯỜNG)\b)"
)


def _gutter(zone: list[_Line], width: float) -> float | None:
    """An x position in the middle of the page that no word of the header zone crosses."""
    intervals = sorted((w.x0, w.x1) for line in zone for w in line.words)
    if not intervals:
        return None
    low, high = 0.25 * width, 0.75 * width
    size = statistics.median(line.size for line in zone)
    best: tuple[float, float] | None = None
    reach = intervals[0][1]
    for x0, x1 in intervals[1:]:
        if x0 > reach:
            gap = (max(reach, low), min(x0, high))
            if gap[1] - gap[0] >= 0.5 * size and (
                best is None or gap[1] - gap[0] > best[1] - best[0]
            ):
                best = gap
        reach = max(reach, x1)
    if best is None:
        return None
    left_words = sum(1 for line in zone for w in line.words if w.x1 <= best[0])
    right_words = sum(1 for line in zone for w in line.words if w.x0 >= best[1])
    if not left_words or not right_words:
        return None
    return (best[0] + best[1]) / 2


def _column_entries(zone: list[_Line], gutter: float, left_side: bool) -> list[_Segment]:
    """The words of each header line on one side of the gutter."""
    entries: list[_Segment] = []
    for line in zone:
        words = [w for w in line.words if (w.x1 <= gutter) == left_side]
        if words:
            text = " ".join(w.text for w in words)
            first = words[0].x1 - words[0].x0
            entries.append(_Segment(words[0].x0, words[-1].x1, text, words[0].font, first))
    return entries


# Header phrases a narrow column may wrap: joined back when the two lines make (part of) one.
_HEADER_PHRASES = (
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "ĐỘC LẬP - TỰ DO - HẠNH PHÚC",
    "ĐẢNG CỘNG SẢN VIỆT NAM",
)


def _phrase_key(text: str) -> str:
    return " ".join(text.upper().replace("HOÀ", "HÒA").split())


def _continues_phrase(prev: str, nxt: str) -> bool:
    joined = _phrase_key(f"{prev} {nxt}")
    head = _phrase_key(prev)
    return any(p.startswith(joined) and p != head for p in _HEADER_PHRASES)


def _join_wrapped(
    entries: list[_Segment], room: float, starts: re.Pattern[str] | None = None
) -> list[str]:
    """Join the lines of a header cell that Word or LibreOffice wrapped inside its column
    (``room`` wide): a line continues the previous one when together they spell a known header
    phrase (the motto), when it starts in lower case or with a digit, or when its first word
    would not have fitted on the previous line in the same font — unless it starts a header
    element of its own (see ``_HEADER_STARTS``, or ``starts``)."""
    starts = starts or _HEADER_STARTS
    out: list[_Segment] = entries[:1]
    for entry in entries[1:]:
        prev = out[-1]
        wrapped = (prev.x1 - prev.x0) + entry.first + 3 > 0.9 * room
        continues = entry.text[:1].islower() or entry.text[:1].isdigit()
        if _continues_phrase(prev.text, entry.text) or (
            not starts.match(entry.text)
            and prev.text != "*"
            and (continues or (wrapped and entry.font == prev.font))
        ):
            out[-1] = _Segment(
                min(prev.x0, entry.x0),
                max(prev.x1, entry.x1),
                f"{prev.text} {entry.text}",
                prev.font,
            )
        else:
            out.append(entry)
    return [e.text for e in out]


# Lines that start an element of the end matter: a recipient, the archive line, the signature's
# authority, a title in capitals, "Nơi nhận".
_END_STARTS = re.compile(
    r"^(?:[-+•–]\s|Nơi nhận|NƠI NHẬN|Lưu\b|T/M|K/T|T/L|TM\.|KT\.|TL\.|TUQ\.|Q\.|"
    r"[A-ZĐÀ-Ỹ][A-ZĐÀ-Ỹ /.]+$)"
)
MAX_END_LINES = 40


def _end_matter(lines: list[_Line], widths: list[float]) -> tuple[list[str], int]:
    """Recipients and signature printed side by side after ``Nơi nhận`` (a two-column table in
    the source): the left column's lines, then the right column's, and the index of the first
    line they replace. Nothing when the end matter is not in two columns."""
    start = None
    for i in range(len(lines) - 1, max(-1, len(lines) - MAX_END_LINES - 1), -1):
        if _NOI_NHAN.match(lines[i].text):
            start = i
            break
    if start is None:
        return [], len(lines)
    zone = lines[start:]
    width = widths[zone[0].page] if zone[0].page < len(widths) else max(widths)
    gutter = _gutter(zone, width)
    if gutter is None:
        return [], len(lines)
    margin_left = min(line.x0 for line in lines)
    margin_right = max(line.x1 for line in lines)
    left = _join_wrapped(_column_entries(zone, gutter, True), gutter - margin_left, _END_STARTS)
    right = _join_wrapped(_column_entries(zone, gutter, False), margin_right - gutter, _END_STARTS)
    return left + right, start


def _header(lines: list[_Line], width: float, height: float) -> tuple[list[str], int]:
    """The column-by-column header of page 1 and the number of lines it used.

    The columns are split at a gutter no header word crosses; each column's room runs from the
    page's text margin to the gutter."""
    end = None
    for i, line in enumerate(lines):
        if line.top > HEADER_ZONE * height:
            break
        if _TYPE_LINE.match(line.text) or _ADDRESSEE.match(line.text):
            # the type name; a công văn has none: its header ends where "Kính gửi" starts
            end = i
            break
    if not end:
        return [], 0
    zone = lines[:end]
    gutter = _gutter(zone, width)
    if gutter is None:
        return [], 0
    margin_left = min(line.x0 for line in lines)
    margin_right = max(line.x1 for line in lines)
    left = _join_wrapped(_column_entries(zone, gutter, True), gutter - margin_left)
    right = _join_wrapped(_column_entries(zone, gutter, False), margin_right - gutter)
    return left + right, end


def _paragraphs(
    lines: list[_Line], left_edge: dict[int, float], right_edge: dict[int, float]
) -> list[str]:
    spacing: dict[int, float] = {}
    by_page: dict[int, list[float]] = {}
    for before, cur in itertools.pairwise(lines):
        if before.page == cur.page and cur.top > before.top:
            by_page.setdefault(cur.page, []).append(cur.top - before.top)
    for page, steps in by_page.items():
        lead = min(statistics.median(steps), sorted(steps)[len(steps) // 4] * 1.15)
        if len(steps) < 6:
            # too few lines to tell line spacing from paragraph spacing: assume at most
            # 1.35 times the font size between the lines of a paragraph
            size = statistics.median(line.size for line in lines if line.page == page)
            lead = min(lead, 1.35 * size)
        spacing[page] = lead

    def centred(line: _Line) -> bool:
        left = left_edge.get(line.page, line.x0)
        right = right_edge.get(line.page, line.x1)
        return (
            line.x0 > left + 3 * line.size
            and abs((line.x0 + line.x1) / 2 - (left + right) / 2) < 1.5 * line.size
        )

    paragraphs: list[str] = []
    current = ""
    prev: _Line | None = None
    for line in lines:
        text = _bullet(line.text.strip())
        if not text:
            continue
        if prev is None:
            current = text
            prev = line
            continue
        prev_text = prev.text.strip()
        first = line.words[0] if line.words else None
        first_width = (first.x1 - first.x0) if first else 2.5 * line.size
        # wrapped: the next line's first word would not have fitted at the end of this one
        wrapped = prev.x1 + first_width + 0.3 * prev.size > right_edge.get(prev.page, prev.x1)
        lower_next = text[:1].islower() or text[:1].isdigit()
        ends_sentence = bool(_SENTENCE_END.search(prev_text))
        starts_block = bool(_LABEL.match(text) or _NOI_NHAN.match(text))
        if starts_block and text[:1] in "-+–" and wrapped and not _ITEM_END.search(prev_text):
            # "phòng Bưu chính" / "- Viễn thông ...": a spaced hyphen wrapped to a line start
            starts_block = False
        if prev.page == line.page:
            lead = spacing.get(line.page, 1.25 * line.size)
            gap_break = (line.top - prev.top) > lead * 1.3
        else:
            gap_break = not (wrapped or (lower_next and not ends_sentence))
        # a first-line indent starts a paragraph, unless the line continues a wrapped list item
        # whose text hangs after its label
        indented = line.x0 > left_edge.get(line.page, line.x0) + 1.2 * line.size
        hanging = bool(_LABEL.match(prev_text)) and wrapped and line.x0 > prev.x0
        new_line = indented and not hanging and not centred(line)
        if gap_break:
            paragraphs.append(current)
            current = text
        elif starts_block or new_line or prev_text.isupper() or (centred(prev) and centred(line)):
            current += "\n" + text
        elif wrapped or (lower_next and not ends_sentence):
            # "15-" + "HD/BTGTU", "KH/" + "TU": a code broken at its hyphen or slash
            glue = "" if _CODE_BREAK.search(prev_text) else " "
            current += glue + text
        else:
            current += "\n" + text
        prev = line
    if prev is not None:
        paragraphs.append(current)
    return paragraphs


def _layout(pages: list[Any]) -> tuple[str, set[str]]:
    """The text of the pages' words (a text layer or OCR): header, paragraphs, end matter; and
    the legacy encodings met."""
    page_lines: list[list[_Line]] = []
    widths: list[float] = []
    heights: list[float] = []
    legacy: set[str] = set()
    for index, page in enumerate(pages):
        words = _page_words(page.words)
        legacy.update(str(w["legacy"]) for w in words if "legacy" in w)
        page_lines.append(_page_lines(words, index))
        widths.append(page.width)
        heights.append(page.height)
    if not page_lines:
        return "", legacy
    page_lines = _strip_running(page_lines, heights)
    header, used = _header(page_lines[0], widths[0], heights[0]) if page_lines[0] else ([], 0)
    body = [line for lines in page_lines for line in lines]
    body = body[used:]
    end_matter, end_at = _end_matter(body, widths)
    body = body[:end_at]
    left_edge: dict[int, float] = {}
    right_edge: dict[int, float] = {}
    for line in body:
        left_edge[line.page] = min(left_edge.get(line.page, line.x0), line.x0)
        right_edge[line.page] = max(right_edge.get(line.page, 0.0), line.x1)
    # the text block's right margin is the same on every page: a last page of short lines
    # must not pass for a narrow page whose every line was wrapped
    widest = max(right_edge.values(), default=0.0)
    for number in right_edge:
        edge = widest
        width = widths[number] if number < len(widths) else widest
        if edge < 0.85 * width:
            # no line reaches the margin (a short document): assume a right margin a little
            # narrower than the left one, as in the official formats
            edge = max(edge, width - 0.75 * left_edge[number])
        right_edge[number] = edge
    paragraphs = header + _paragraphs(body, left_edge, right_edge) + end_matter
    text = "\n\n".join(p for p in paragraphs if p.strip())
    if not legacy:
        # a legacy font whose name was lost (or not embedded): judge by the text itself
        text, found = convert_legacy_text(text)
        if found:
            legacy.add(found)
    return text, legacy


def read_pdf(
    data: bytes, on_progress: ocr.Progress | None = None
) -> tuple[str, str | None, tuple[str, ...]]:
    """Read PDF bytes: (text, encoding, warnings). Raises ``ParseError``."""
    try:
        from docparse.readers import pdf_chars
    except ImportError as exc:  # pragma: no cover - a declared dependency
        raise ParseError(
            "unsupported", "Thiếu thư viện pypdfium2.", "pypdfium2 is missing."
        ) from exc

    warnings: list[str] = []
    try:
        pages = pdf_chars.read_pages(data, MAX_PAGES)
    except pdf_chars.PasswordProtected as exc:
        raise _encrypted() from exc
    except pdf_chars.TooManyPages as exc:
        raise ParseError(
            "too_large",
            f"Tệp PDF quá nhiều trang ({exc.count}, tối đa {MAX_PAGES}).",
            f"The PDF has too many pages ({exc.count}, limit {MAX_PAGES}).",
        ) from exc
    except Exception as exc:  # PDFium (or ctypes) on a damaged file
        raise _corrupt() from exc
    if not pages:
        raise _corrupt()
    try:
        annotated = pdf_chars.annotated_pages(data)
        stamps = _merge_annotations(pages, pdf_chars.annotation_texts(data, annotated))
    except Exception:  # an appearance pdfminer cannot interpret: the text layer alone
        stamps = []
    warnings.extend(f"Dấu chữ ký số trên trang: {' '.join(t.split())}" for t in stamps)
    text, legacy = _layout(pages)
    if len(_VISIBLE_TEXT.findall(text)) < MIN_TEXT_CHARS or not trustworthy(text):
        scanned = len(_VISIBLE_TEXT.findall(text)) < MIN_TEXT_CHARS
        if not ocr.ocr_available():
            if scanned:
                raise _no_text_layer()
            warnings.append(W_GARBLED)
        else:
            ocr_pages = ocr.ocr_pdf(data, MAX_PAGES, on_progress)
            warnings.append(W_OCR if scanned else W_OCR_GARBLED)
            warnings.extend(ocr.page_warnings(ocr_pages))
            pdf_pages = [pdf_chars.Page(p.width, p.height, p.words) for p in ocr_pages]
            text, legacy = _layout(pdf_pages)
            if len(_VISIBLE_TEXT.findall(text)) < MIN_TEXT_CHARS:
                raise _ocr_nothing()
            return text, None, tuple(warnings)
    encoding = "+".join(sorted(legacy)) if legacy else None
    warnings.extend(LEGACY_WARNING[name] for name in sorted(legacy))
    return text, encoding, tuple(warnings)


def read_image(
    data: bytes, on_progress: ocr.Progress | None = None
) -> tuple[str, str | None, tuple[str, ...]]:
    """Read a photo or scan saved as an image (JPEG, PNG, TIFF, several pages) by OCR, laid out
    like a PDF page. Raises ``ParseError``."""
    from docparse.readers import pdf_chars

    ocr_pages = ocr.ocr_image(data, MAX_PAGES, on_progress)
    warnings = [W_IMAGE, *ocr.page_warnings(ocr_pages)]
    pages = [pdf_chars.Page(p.width, p.height, p.words) for p in ocr_pages]
    text, _legacy = _layout(pages)
    if len(_VISIBLE_TEXT.findall(text)) < MIN_TEXT_CHARS:
        raise ParseError(
            "ocr_empty",
            "Nhận dạng chữ (OCR) không đọc được chữ nào trong ảnh.",
            "OCR found no text in the image.",
        )
    return text, None, tuple(warnings)
