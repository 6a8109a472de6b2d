"""The header: issuer and superior body, national motto, ``Số: ...``, place and date.

Both header layouts flatten to a few lines before the type name: the left column (superior body,
issuing body, ``*`` in Party documents, the number) and the right column (motto, place and
date). A two-column line read from a PDF (``UBND TỈNH X    CỘNG HÒA XÃ HỘI ...``) is split on
tabs and runs of spaces first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from docparse.extract.codes import LONG_DATE_RE, Code, find_codes, iso_date, read_number_line
from docparse.extract.mottos import motto_system, split_mottos
from docparse.extract.segment import Line

_CELL_SPLIT = re.compile(r"\t+|\s{3,}")
# ``Hà Nội, ngày 05/3/2024``: a short date after "ngày" also dates a document.
_SHORT_HEADER_DATE_RE = re.compile(
    r"ngày\s+(\d{1,2})[/.-](\d{1,2})[/.-]((?:19|20)\d\d)(?!\d)", re.IGNORECASE
)
# ``Lào Cai, ngày 0Â tháng + năm 2026``: a day or month written by hand into the blank, which
# OCR reads as a stray mark. The place is still the place; an unreadable day or month counts
# as blank (never guessed from the digits in it).
_LOOSE_HEADER_DATE_RE = re.compile(
    r",\s*ngày\s*(\S{1,4}\s+)?tháng\s*(\S{1,3}\s+)?năm\s*((?:19|20)\d\d)(?!\d)", re.IGNORECASE
)
_NUMBER_RE = re.compile(r"^Số\b\s*:?\s*(.*)$", re.IGNORECASE)
_RULE_RE = re.compile(r"^[-_=*–—.~\s]+$")
# A name wrapped over lines: ``SỞ THÔNG TIN VÀ`` / ``TRUYỀN THÔNG``; ``ĐOÀN KIỂM TRA`` / ``THEO
# QUYẾT ĐỊNH`` / ``SỐ 1050/QĐ-SCT`` (a team named by the decision that set it up).
_CONNECTOR_END = re.compile(r"(?:\bVÀ|&|-|–|,|\bQUYẾT ĐỊNH|\bSỐ)$")
_CONNECTOR_START = re.compile(r"^(?:VÀ\b|&|-|–|THEO\b)")
_MD = "*_ "
# "ỦY BAN NHÂN DÂN" / "TỈNH LÀO CAI": a body named by its kind on one line and its place on the
# next is one name (the issuer), not a superior and an issuer; so is "ỦY BAN MTTQ VIỆT NAM" /
# "XÃ LƯƠNG MINH" above "BAN THƯỜNG TRỰC". (HUYỆN ỦY, TỈNH ỦY ... are bodies, not places.)
_PLACE_START = re.compile(
    r"^(?:TỈNH|HUYỆN|XÃ|THÀNH PHỐ|TP\.?|PHƯỜNG|QUẬN|THỊ XÃ|THỊ TRẤN|ĐẶC KHU)\s+(?!Ủ|UỶ|ỦY|UY\b)"
)
_GENERIC_BODY = re.compile(
    r"^(?:Ủ|U)(?:Y|Ỷ) BAN NHÂN DÂN$|^HỘI ĐỒNG NHÂN DÂN$|^(?:Ủ|U)(?:Y|Ỷ) BAN (?:MTTQ|MẶT TRẬN TỔ QUỐC)"
    r"(?: VIỆT NAM)?$|^ỦY BAN BẦU CỬ$|^ĐẢNG BỘ$|^ĐOÀN THANH NIÊN CỘNG SẢN HỒ CHÍ MINH$"
)


@dataclass(frozen=True, slots=True)
class Header:
    """What the header lines say, as written."""

    system: str | None = None  # from the motto
    code: Code | None = None
    issuer: str | None = None
    superior: str | None = None
    place: str | None = None
    date: str | None = None
    found: bool = False  # at least one recognisable header element


def _cells(lines: tuple[Line, ...]) -> list[str]:
    cells: list[str] = []
    for ln in lines:
        for part in _CELL_SPLIT.split(ln.text):
            for cell in split_mottos(part):
                cell = cell.strip(_MD)
                if cell:
                    cells.append(cell)
    return cells


_BARE_NUMBER = re.compile(r"^Số\s*:?$", re.IGNORECASE)
_NUMBER_ONLY = re.compile(r"^Số\s*:?\s*\d{1,5}$", re.IGNORECASE)
_SYMBOL_REST = re.compile(r"^[/-]\s*[^\W\d_]")
_DANGLING_DAY = re.compile(r",?\s*ngày\s*$", re.IGNORECASE)
_CODE_REST = re.compile(r"^(?:\d|/|-[A-ZĐ])")


def _rejoin(cells: list[str]) -> list[str]:
    """Put back together what a header table or an e-office layout left in pieces: ``Số:`` and
    ``/KH-SCT`` (the number left blank, the rest in another paragraph of the cell), ``Lào Cai,
    ngày`` and ``tháng 6 năm 2026``. The piece is looked for in the next three cells."""
    out = _rejoin_mottos(cells)
    for i, cell in enumerate(out):
        if _BARE_NUMBER.match(cell):
            rest = _CODE_REST
        elif _NUMBER_ONLY.match(cell):
            rest = _SYMBOL_REST  # ``Số: 542`` stamped apart from ``/TB-UBND``
        elif _DANGLING_DAY.search(cell):
            rest = re.compile(r"^(?:\d{1,2}\s+)?tháng\b", re.IGNORECASE)
        elif _UNFINISHED_DATE.search(cell) and not _YEAR_END.search(cell):
            rest = _DATE_REST
        else:
            continue
        for j in range(i + 1, min(len(out), i + 4)):
            if rest.match(out[j]):
                out[i] = f"{cell} {out[j]}"
                out[j] = ""
                break
    return [c for c in out if c]


# ``Bình Định, ngày 08 tháng 4`` / ``năm 2024``: a place and date wrapped in its column.
_UNFINISHED_DATE = re.compile(r",\s*ngày\b[^,]{0,20}$", re.IGNORECASE)
_YEAR_END = re.compile(r"năm\s*(?:19|20)\d\d", re.IGNORECASE)
_DATE_REST = re.compile(r"^(?:tháng\b|năm\s*(?:19|20)\d\d)", re.IGNORECASE)


def _rejoin_mottos(cells: list[str]) -> list[str]:
    """A motto wrapped in a narrow column (``CỘNG HÒA XÃ HỘI CHỦ`` / ``NGHĨA VIỆT NAM``) is one
    cell again, so that its second half is not taken for a body."""
    out: list[str] = []
    i = 0
    while i < len(cells):
        cell = cells[i]
        if (
            i + 1 < len(cells)
            and motto_system(cell) is None
            and motto_system(cells[i + 1]) is None
            and motto_system(f"{cell} {cells[i + 1]}") is not None
        ):
            out.append(f"{cell} {cells[i + 1]}")
            i += 2
            continue
        out.append(cell)
        i += 1
    return out


def _header_date(text: str) -> tuple[re.Match[str] | None, str | None]:
    m = LONG_DATE_RE.search(text) or _SHORT_HEADER_DATE_RE.search(text)
    if m:
        return m, iso_date(m.group(1), m.group(2), m.group(3))  # both forms: day, month, year
    m = _LOOSE_HEADER_DATE_RE.search(text)
    if m:
        day, month = ((g or "").strip(" _.…") for g in (m.group(1), m.group(2)))
        return m, iso_date(
            day if day.isdigit() else None, month if month.isdigit() else None, m.group(3)
        )
    return None, None


def read_place_date(text: str) -> tuple[str | None, str | None]:
    """``Bình Phước, ngày 12 tháng 9 năm 2023`` → (``Bình Phước``, ``2023-09-12``)."""
    m, date = _header_date(text)
    if m is None:
        return None, None
    prefix = text[: m.start()].rstrip(" ,\t")
    codes = find_codes(prefix)
    if codes:
        prefix = prefix[codes[-1].end :]
    else:
        blank = read_number_line(prefix)  # ``Số -CTr/TU Thái Nguyên, ngày ...``: a draft
        if blank is not None:
            prefix = prefix[blank.end :]
    place = prefix.split(",")[-1].strip(" \t*_") if prefix else ""
    if not place or len(place) > 50 or not place[0].isupper() or any(c.isdigit() for c in place):
        return None, date
    return place, date


def read_header(lines: tuple[Line, ...]) -> Header:
    """Read the header zone (the lines before the type name line)."""
    system: str | None = None
    code: Code | None = None
    place: str | None = None
    date: str | None = None
    found = False
    names: list[str] = []
    for cell in _rejoin(_cells(lines)):
        motto = motto_system(cell)
        if motto is not None:
            system = system or motto
            found = True
            continue
        if _RULE_RE.match(cell):
            continue
        if names and _CONNECTOR_END.search(names[-1]) and cell == cell.upper():
            names.append(cell)  # ``THEO QUYẾT ĐỊNH`` / ``SỐ 1050/QĐ-SCT``: the name goes on
            continue
        m = _NUMBER_RE.match(cell)
        if m and code is None:
            code = read_number_line(m.group(1))
            if code is not None:
                found = True
                p, d = read_place_date(m.group(1))
                if d:
                    place, date = p, d
                continue
        if date is None and _header_date(cell)[0] is not None:
            place, date = read_place_date(cell)
            found = True
            continue
        letters = [c for c in cell if c.isalpha()]
        if len(letters) >= 2 and cell == cell.upper():
            names.append(cell)
    # Rejoin an issuer name wrapped over two lines ("SỞ THÔNG TIN VÀ" / "TRUYỀN THÔNG").
    joined: list[str] = []
    for name in names:
        if joined and (
            _CONNECTOR_END.search(joined[-1])
            or _CONNECTOR_START.match(name)
            or (_PLACE_START.match(name) and _GENERIC_BODY.match(joined[-1]))
            # "BỘ CÔNG THƯƠNG" / "TRƯỜNG ĐẠI HỌC CÔNG THƯƠNG" / "THÀNH PHỐ HỒ CHÍ MINH": under
            # the superior, a line that names a place ends the issuer's name.
            or (_PLACE_START.match(name) and len(joined) >= 2)
        ):
            joined[-1] = f"{joined[-1]} {name}"
        else:
            joined.append(name)
    issuer = joined[-1] if joined else None
    superior = joined[-2] if len(joined) >= 2 else None
    if joined:
        found = True
    return Header(
        system=system,
        code=code,
        issuer=issuer,
        superior=superior,
        place=place,
        date=date,
        found=found,
    )
