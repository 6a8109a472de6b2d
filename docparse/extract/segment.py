"""Segmentation: cut the normalised text into the zones of an official document.

    header     issuer lines, motto, ``Số: ...``, place and date    (before the type name line)
    type line  ``KẾ HOẠCH``                                         (or a news headline)
    title      the trích yếu, one or more lines
    preamble   ``Thực hiện ..., X ban hành Kế hoạch ... như sau:``
    body       the outline, handed to the body extractors
    closing    ``Trên đây là Kế hoạch ...``
    end        ``Nơi nhận:`` block and signature block (in either order)

Lines that are page furniture (counters, navigation of a news site, page numbers) are dropped
before anything else, so they never reach a field. A news page (no type name line in capitals,
a headline ``Kế hoạch ...`` instead) ends at its footer (``Nguồn:``, ``Số lượt người xem``,
``TIN MỚI HƠN`` ...); the byline just before ``Nguồn:`` is dropped too.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from docparse.extract.codes import TYPE_NAME_PATTERN, TYPE_NAMES
from docparse.extract.mottos import motto_system
from docparse.noise import is_noise_line


@dataclass(frozen=True, slots=True)
class Line:
    """One non-empty paragraph: its stripped text and where that text starts in the document."""

    start: int
    text: str
    blank_before: bool = False

    @property
    def end(self) -> int:
        return self.start + len(self.text)


@dataclass(frozen=True, slots=True)
class Segments:
    """The zones of a document, each a tuple of lines in reading order."""

    header: tuple[Line, ...] = ()
    type_line: Line | None = None
    type_name: str | None = None  # the type name as written on the type line ("KẾ HOẠCH")
    title: tuple[Line, ...] = ()  # the first may be the rest of the type line
    preamble: tuple[Line, ...] = ()
    body: tuple[Line, ...] = ()
    closing: tuple[Line, ...] = ()
    recipients: tuple[Line, ...] = ()  # the lines after "Nơi nhận:", the Lưu line included
    signature: tuple[Line, ...] = ()
    news: bool = False  # a news page: headline instead of a type name line, no header
    ends_mid_sentence: bool = False  # the last line of content stops without punctuation


# --- noise ------------------------------------------------------------------------------------

_NOISE_RE = re.compile(
    r"""^(?:
        số\ lượt\ truy\ cập | số\ lượt\ (?:người\ )?(?:xem|truy\ cập)\b.* | lượt\ xem\b.*
      | tin\ mới\ hơn | tin\ đã\ đưa | tin\ cũ\ hơn | tin\ liên\ quan | các\ tin\ khác
      | xem\ tiếp | xem\ theo\ ngày.* | tìm\ kiếm | in\ trang | bản\ in | chia\ sẻ | quay\ lại
      | (?:về\ )?đầu\ trang | gửi\ email | trang\ chủ
      | \d{1,3} | [•·|>»]+ | trang\ \d+(?:\ */\ *\d+)?
      | .{0,60}\d{1,2}:\d\d(?::\d\d)?\ *(?:SA|CH|AM|PM)
    )$""",
    re.IGNORECASE | re.VERBOSE,
)
# Where the article of a news page ends: everything from here on is the site's furniture.
_FOOTER_RE = re.compile(
    r"^(?:nguồn\s*:|số lượt (?:người )?(?:xem|truy cập)|tin mới hơn|tin đã đưa|tin cũ hơn|"
    r"tin liên quan|các tin khác|xem tiếp)",
    re.IGNORECASE,
)
_STRIP = " \t\u00a0\u200b\ufeff\u3000"


def is_noise(text: str) -> bool:
    """Page furniture that must never reach a field."""
    if _NOISE_RE.match(text):
        return True
    return is_noise_line(text)


def split_lines(text: str) -> list[Line]:
    """The non-empty, non-noise lines of ``text`` with their offsets."""
    lines: list[Line] = []
    pos = 0
    blank = False
    for raw in text.split("\n"):
        stripped = raw.strip(_STRIP)
        if stripped and not is_noise(stripped):
            lead = len(raw) - len(raw.lstrip(_STRIP))
            lines.append(Line(start=pos + lead, text=stripped, blank_before=blank))
            blank = False
        else:
            blank = True
        pos += len(raw) + 1
    return lines


# --- line kinds ---------------------------------------------------------------------------------

_MD = "*_#` "
# A type name in capitals; between its words OCR may put a stray mark (``QUYẾT: ĐỊNH``).
_TYPE_LINE_RE = re.compile(
    "^(?:"
    + "|".join(re.escape(n.upper()).replace(r"\ ", r"[:;.,]?\s+") for n, _ in TYPE_NAMES)
    + r")(?=$|\s)"
)
_STRAY_MARK_RE = re.compile(r"[:;.,]")
_HEADLINE_RE = re.compile(
    "^(?:" + "|".join(re.escape(n) for n, _ in TYPE_NAMES) + r")\s+\S", re.IGNORECASE
)
_HEADING_RE = re.compile(r"^(?:[IVXLC]+|\d+(?:\.\d+)*|[a-zđ])\s*[.\-)–]\s*\S")
_ROMAN_HEADING_RE = re.compile(r"^[IVXLC]+\s*[.\-–]\s*\S")
_PREAMBLE_OPENER_RE = re.compile(
    r"^(?:Thực hiện|Căn cứ|Theo|Triển khai|Quán triệt|Trên cơ sở|Xét|Thi hành|Nhằm|Để)\b"
)
# Openers a trích yếu may also start with ("Triển khai Kế hoạch số 121-KH/TU ..."), unlike
# "Căn cứ", "Theo", "Xét" which only open a preamble.
_TITLE_OPENER_RE = re.compile(r"^(?:Thực hiện|Triển khai|Quán triệt)\b")
_PREAMBLE_CLOSE_RE = re.compile(
    rf"ban hành\s+(?:{TYPE_NAME_PATTERN})|như sau\s*:?\s*$|:\s*$", re.IGNORECASE
)
_PREAMBLE_END_RE = re.compile(
    rf"(?:ban hành|xây dựng|triển khai)\s+(?:{TYPE_NAME_PATTERN})|như sau\s*:?\s*$|:\s*$",
    re.IGNORECASE,
)
_CLOSING_RE = re.compile(r"^Trên đây\b", re.IGNORECASE)
# A line in brackets under the title that says how the document was issued, not what about:
# ``(Cấp lần đầu: ngày 02 tháng 7 năm 2026)``, ``(Ban hành kèm theo Quyết định số ...)``.
_ANNOTATION_RE = re.compile(
    r"^\((?:[^()]*:[^()]*|\s*(?:Ban hành\s+)?kèm theo\b[^()]*)\)$", re.IGNORECASE
)
_RECIPIENTS_RE = re.compile(r"^[*_]*\s*Nơi nhận\s*[*_]*\s*:?\s*[*_]*", re.IGNORECASE)
_RULE_RE = re.compile(r"^[-_=*–—.~\s]+$")
_END_MARK_RE = re.compile(r"\./\.")
_BYLINE_RE = re.compile(r"^[A-ZĐÀ-Ỹ][^\W\d_]*(?:\s+[A-ZĐÀ-Ỹ][^\W\d_]*){0,4}$")
_TERMINAL = tuple('.!?:;)”"…/*')


def _plain(text: str) -> str:
    return text.strip(_MD)


def is_heading(text: str) -> bool:
    """An outline label (``I.``, ``1.``, ``1.1.``, ``a)``) or a heading in capitals."""
    if _HEADING_RE.match(text):
        return True
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 4 and text == text.upper()


def _type_line_match(text: str) -> re.Match[str] | None:
    return _TYPE_LINE_RE.match(_plain(text))


# --- segmentation -------------------------------------------------------------------------------


def segment(text: str) -> Segments:
    """Cut ``text`` (normalised, one paragraph per line) into zones."""
    lines = split_lines(text)
    n = len(lines)
    if n == 0:
        return Segments()

    first_roman = next((i for i, ln in enumerate(lines) if _ROMAN_HEADING_RE.match(ln.text)), n)
    limit = min(first_roman, 60, n)

    # 1. The type name line in capitals, else a news headline.
    type_idx: int | None = None
    type_match: re.Match[str] | None = None
    for i in range(limit):
        m = _type_line_match(lines[i].text)
        if m:
            type_idx, type_match = i, m
            break
    header_from = 0
    if type_idx is not None:
        # A booklet's cover (``ĐẢNG CỘNG SẢN VIỆT NAM`` / bodies / ``BÁO CÁO`` / title / ``THÁNG
        # 9 - 2025``) comes before the document's own header: the type line that counts is the
        # one whose header has the number or the place and date.
        cover = type_idx
        while type_match is not None and not _has_dating_element(lines[header_from:type_idx]):
            later = next(
                (
                    (k, mk)
                    for k in range(type_idx + 1, limit)
                    if (mk := _type_line_match(lines[k].text))
                ),
                None,
            )
            if later is None or not _has_dating_element(lines[type_idx + 1 : later[0]]):
                break
            header_from = type_idx + 1
            type_idx, type_match = later
        header_from = _own_header_start(lines, header_from, type_idx, cover=cover != type_idx)
    news = False
    if type_idx is None:
        for i in range(min(limit, 40)):
            t = lines[i].text
            if _HEADER_MARK_RE.search(t):
                break  # a document's header (``Số ...``, a motto): no news headline below it
            if (
                _HEADLINE_RE.match(t)
                and len(t) <= 300
                and not t.endswith((".", ":", ";"))
                and not _PREAMBLE_END_RE.search(t)
            ):
                type_idx, news = i, True
                break

    if type_idx is None:
        # Neither: a công văn (``V/v ...`` under the number) or text without front matter.
        type_line = None
        type_name = None
        title: list[Line] = []
        header, title, body_start = _untyped_front(lines)
        if title:
            type_name = "Công văn"  # the V/v line is the trích yếu of a công văn
    else:
        type_line = lines[type_idx]
        header = () if news else tuple(lines[header_from:type_idx])
        plain = _plain(type_line.text)
        if news:
            type_name = _type_name_prefix(plain)
            name_end = len(type_name)
        else:
            assert type_match is not None
            type_name = _STRAY_MARK_RE.sub("", type_match.group(0))
            name_end = type_match.end()
        offset = type_line.text.find(plain)
        rest = plain[name_end:]
        rest_stripped = rest.strip(" \t:–-*")
        title = []
        if rest_stripped:
            rs = type_line.start + offset + plain.find(rest_stripped, name_end)
            title.append(Line(start=rs, text=rest_stripped))
        j = type_idx + 1
        if not news:
            has_blanks = any(ln.blank_before for ln in lines)
            while j < n and len(title) < 5:
                ln = lines[j]
                t = ln.text
                if _RULE_RE.match(t):
                    j += 1
                    if title:
                        break
                    continue
                if not title and _title_despite_opener(lines, j):
                    title.append(ln)
                    j += 1
                    continue
                if (
                    _PREAMBLE_OPENER_RE.match(t)
                    or _ANNOTATION_RE.match(t)
                    or _HEADING_RE.match(t)
                    or (_PREAMBLE_END_RE.search(t) and not _issues_as_title(t, title))
                    or _CLOSING_RE.match(t)
                    or len(t) > 400
                    or (title and has_blanks and ln.blank_before and not _continues_title(t))
                ):
                    break
                title.append(ln)
                j += 1
        body_start = j

    # 2. The preamble: opening paragraphs up to "... ban hành Kế hoạch ... như sau:".
    preamble_end = body_start
    j = body_start
    while j < n and j - body_start < 12:
        t = lines[j].text
        if _HEADING_RE.match(t) or _CLOSING_RE.match(t) or _RECIPIENTS_RE.match(t):
            break
        if _PREAMBLE_END_RE.search(t):
            preamble_end = j + 1
            break
        if _PREAMBLE_OPENER_RE.match(t):
            j += 1
            preamble_end = j
            continue
        break
    # Openers without the closing "như sau:" are still the preamble only if a heading follows.
    if (
        preamble_end > body_start
        and not _PREAMBLE_END_RE.search(lines[preamble_end - 1].text)
        and preamble_end < n
        and not _HEADING_RE.match(lines[preamble_end].text)
    ):
        preamble_end = body_start

    # 3. The end: a news footer, the closing, "Nơi nhận:", the signature.
    end = n
    if news:
        footer = next((i for i in range(preamble_end, n) if _FOOTER_RE.match(lines[i].text)), None)
        if footer is not None:
            end = footer
            if footer > preamble_end and _BYLINE_RE.match(lines[footer - 1].text):
                end = footer - 1
        elif type_idx == 0 and not any(
            is_noise(t.strip(_STRIP)) for t in text.split("\n", 200)[:200]
        ):
            # A headline on the first line of a clean text is a plain title, not a news page.
            news = False
    if not news:
        for i in range(preamble_end, n):
            if _FOOTER_RE.match(lines[i].text) and not lines[i].text.lower().startswith("nguồn"):
                end = i
                break

    recip_idx = next(
        (i for i in range(end - 1, preamble_end - 1, -1) if _RECIPIENTS_RE.match(lines[i].text)),
        None,
    )
    search_to = recip_idx if recip_idx is not None else end
    closing_idx = next(
        (i for i in range(search_to - 1, preamble_end - 1, -1) if _CLOSING_RE.match(lines[i].text)),
        None,
    )
    mark_idx: int | None = None
    if closing_idx is None:
        mark_idx = next(
            (
                i
                for i in range(search_to - 1, preamble_end - 1, -1)
                if _END_MARK_RE.search(lines[i].text)
            ),
            None,
        )

    if closing_idx is not None:
        body_end = closing_idx
        closing: tuple[Line, ...] = (lines[closing_idx],)
        end_start = closing_idx + 1
    elif mark_idx is not None:
        body_end = mark_idx + 1
        closing = ()
        end_start = mark_idx + 1
    elif recip_idx is not None:
        body_end = recip_idx
        closing = ()
        end_start = recip_idx
    else:
        body_end = end
        closing = ()
        end_start = end

    recipients, signature = _end_matter(lines[end_start:end])

    last = lines[end - 1].text if end > 0 else ""
    ends_mid = not last.rstrip(_MD).endswith(_TERMINAL) and not signature and not recipients

    return Segments(
        header=header,
        type_line=type_line,
        type_name=type_name,
        title=tuple(title),
        preamble=tuple(lines[body_start:preamble_end]),
        body=tuple(lines[preamble_end:body_end]),
        closing=closing,
        recipients=tuple(recipients),
        signature=tuple(signature),
        news=news,
        ends_mid_sentence=ends_mid,
    )


_HEADER_MARK_RE = re.compile(
    r"^(?:Số\b|ĐẢNG CỘNG SẢN VIỆT NAM|CỘNG H(?:ÒA|OÀ) XÃ HỘI|Độc lập\s*[-–]\s*Tự do)|"
    r",\s*ngày\b.*\bnăm\s+\d{4}",
    re.IGNORECASE,
)
# ``V/v`` ("về việc"); ``W/v`` is how OCR often reads it.
_DATING_RE = re.compile(r"^Số\b|,\s*ngày\b.*\bnăm\s+\d{4}", re.IGNORECASE)
_CIRCULATION_RE = re.compile(r"^(?:LƯU HÀNH NỘI BỘ|TÀI LIỆU|DỰ THẢO)\b")


def _has_dating_element(lines: Sequence[Line]) -> bool:
    """A ``Số ...`` line or a place and date: what a cover page lacks."""
    return any(_DATING_RE.search(ln.text) for ln in lines)


def _own_header_start(lines: Sequence[Line], start: int, end: int, *, cover: bool) -> int:
    """Where the document's own header begins in ``lines[start:end]``.

    Normally at ``start``. After a cover page (``cover``), or when a motto stands above the
    header's first ``Số``/place-and-date line with other lines between (a cover read into the
    header zone), the header is that line and the lines right above it that can belong to a
    header — the motto, ``*``, rules, bodies in capitals without digits — and the cover's
    lines before them are left out."""
    first = next((i for i in range(start, end) if _DATING_RE.search(lines[i].text)), None)
    if first is None:
        return start
    k = first
    while k > start:
        if first - k >= 6:
            return start  # a long run of header lines: nothing to cut
        t = lines[k - 1].text.strip(_MD)
        letters = [c for c in t if c.isalpha()]
        headerish = (
            not t
            or _RULE_RE.match(t) is not None
            or motto_system(t) is not None
            or (
                t == t.upper()
                and not any(c.isdigit() for c in t)
                and not _CIRCULATION_RE.match(t)
                and not _type_line_match(t)
                and len(letters) >= 2
            )
        )
        if not headerish:
            break
        k -= 1
    if k == start:
        return start
    skipped = lines[start:k]
    if cover or any(motto_system(ln.text) for ln in skipped):
        return k
    return start


_VV_RE = re.compile(r"^[VW] ?/ ?v\b\s*:?\s*", re.IGNORECASE)
_ADDRESSEE_RE = re.compile(r"^Kính gửi\b", re.IGNORECASE)


def _untyped_front(lines: list[Line]) -> tuple[tuple[Line, ...], list[Line], int]:
    """(header, title, first body line) of a document without a type line.

    The header is the run of short lines before the first preamble opener, outline label or
    long paragraph, and only if it has a header element (``Số ...``, a motto, a place and date):
    otherwise the text has no front matter and all of it is body. A ``V/v ...`` line in it (and
    the lower-case lines continuing it) is the title; ``Kính gửi:`` and its list stay with the
    header.
    """
    n = len(lines)
    k = 0
    while k < min(n, 20):
        t = lines[k].text
        if _PREAMBLE_OPENER_RE.match(t) or _HEADING_RE.match(t) or len(t) > 250:
            break
        if _ADDRESSEE_RE.match(t):
            k += 1
            while k < n and lines[k].text[:1] in "-+•–" and len(lines[k].text) < 200:
                k += 1
            break
        k += 1
    head = lines[:k]
    if not any(_HEADER_MARK_RE.search(ln.text) for ln in head):
        return (), [], 0
    title: list[Line] = []
    rest: list[Line] = []
    in_title = False
    for ln in head:
        m = _VV_RE.match(ln.text)
        if m and not title:
            title.append(Line(start=ln.start + m.end(), text=ln.text[m.end() :]))
            in_title = True
        elif in_title and len(title) < 4 and _continues_vv(ln.text):
            title.append(ln)
        else:
            rest.append(ln)
            in_title = False
    return tuple(rest), [t for t in title if t.text], k


_PLACE_DATE_RE = re.compile(r",\s*ngày\b", re.IGNORECASE)


def _continues_vv(text: str) -> bool:
    """Whether a header line after ``V/v ...`` continues it: in lower case, or a line of the
    left column that is no header element (``Giấy phép vận chuyển hàng hóa nguy`` under ``V/v
    triển khai thực hiện thủ tục cấp``) — not the motto, the number, the place and date, a
    body in capitals or ``Kính gửi``."""
    if text[:1].islower():
        return True
    return (
        text != text.upper()
        and not _HEADER_MARK_RE.search(text)
        and not _PLACE_DATE_RE.search(text)
        and motto_system(text) is None
        and not _ADDRESSEE_RE.match(text)
        and len(text) <= 120
    )


_BULLETS = ("-", "+", "•", "–", "*")


def _end_matter(lines: list[Line]) -> tuple[list[Line], list[Line]]:
    """(recipients, signature) of the lines after the closing, in either order or interleaved
    (a two-column table read row by row: ``Nơi nhận:``, ``T/M BAN THƯỜNG VỤ``, ``- ...``)."""
    recipients: list[Line] = []
    signature: list[Line] = []
    in_block = False
    for ln in lines:
        t = ln.text
        if _RECIPIENTS_RE.match(t):
            rest = _RECIPIENTS_RE.sub("", t, count=1).strip()
            if rest:
                recipients.append(Line(start=ln.end - len(rest), text=rest))
            in_block = True
            continue
        if in_block:
            if t.startswith(_BULLETS) and not t.startswith("**"):
                recipients.append(ln)
                in_block = not _plain(t.lstrip("-+•– ")).lower().startswith("lưu")
                continue
            if t.lower().startswith("lưu"):
                recipients.append(ln)
                in_block = False
                continue
            if recipients and t != t.upper() and (t[:1].islower() or not _BYLINE_RE.match(t)):
                recipients.append(ln)  # a recipient wrapped onto a second line
                continue
        signature.append(ln)
    return recipients, signature


_TYPE_PREFIX_RE = re.compile(f"(?:{TYPE_NAME_PATTERN})", re.IGNORECASE)


def _type_name_prefix(text: str) -> str:
    """The type name a headline starts with, as written (``Kế hoạch``)."""
    m = _TYPE_PREFIX_RE.match(text)
    return m.group(0) if m else text.split()[0]


# How the trích yếu of a decision starts: ``Về việc ban hành Quy chế ...``, ``Ban hành Quy
# định ...``, ``Phê duyệt Đề án ...`` — a title, although it says "ban hành" + a type name.
_DECISION_TITLE_RE = re.compile(r"^(?:Về\b|V/v\b|Ban hành\b|Phê duyệt\b|Thành lập\b|Sửa đổi\b)")


def _issues_as_title(text: str, title: Sequence[Line]) -> bool:
    """Whether a line under the type name that says "ban hành Quy chế ..." is the trích yếu of
    a decision (``Về việc ban hành Quy chế làm việc``) rather than the end of a preamble: it
    starts like a decision's title, or continues one, and does not end in a colon."""
    if text.rstrip().endswith(":"):
        return False
    return bool(_DECISION_TITLE_RE.match(text)) or (
        bool(title) and _DECISION_TITLE_RE.match(title[0].text) is not None
    )


def _continues_title(text: str) -> bool:
    """Whether a line after a blank line still continues the trích yếu: it starts in lower case
    (``và bầu cử đại biểu ...``, ``vật liệu công nghiệp tại ...``) and is not long. A Word file
    often breaks a long title into paragraphs of their own (centred lines with Enter between
    them), so a blank line alone does not end a title."""
    return text[:1].islower() and len(text) <= 300


def _title_despite_opener(lines: Sequence[Line], j: int) -> bool:
    """Whether line ``j``, right after the type name, is the trích yếu although it opens like a
    preamble ("Triển khai Kế hoạch số 121-KH/TU ..."): it reads like a title (no "như sau:", no
    trailing ``;``/``,``, not long) and a real preamble or a heading follows within a few lines."""
    t = lines[j].text
    wrapped = j + 1 < len(lines) and _continues_title(lines[j + 1].text)
    if (
        not _TITLE_OPENER_RE.match(t)
        or _PREAMBLE_CLOSE_RE.search(t)
        or len(t) > 300
        or t.rstrip().endswith((";", "."))
        or (t.rstrip().endswith(",") and not wrapped)
    ):
        return False
    for ln in lines[j + 1 : j + 5]:
        if _HEADING_RE.match(ln.text) or _CLOSING_RE.match(ln.text):
            return False
        if _PREAMBLE_OPENER_RE.match(ln.text) or _PREAMBLE_END_RE.search(ln.text):
            return True
    return False
