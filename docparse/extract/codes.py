"""The number-symbol grammar ("số, ký hiệu"), type names and dates of Vietnamese documents.

Three grammars (REFERENCE.md §1), tried in this order:

- legal normative ``N/YEAR/TYPE-ISSUER`` — ``98/2023/QH15``, ``30/2020/NĐ-CP``;
- Party ``N-TYPE/ISSUER`` — ``27-CT/TW``, ``121-KH/TU``, ``05-QC/BTCTU-BDVTU``;
- state ``N/TYPE-ISSUER`` — ``289/KH-UBND``, ``18/NQ-HĐND``, ``12/UBND-VX`` (công văn).

Real text puts stray spaces around the separators (``44 -KH/ĐUS``, ``27- CT/TW``); a code is
always printed without them. ``normalize_code`` gives the key codes are matched by.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

Grammar = Literal["party", "state", "legal"]

# A symbol group: letters and digits (Vietnamese letters included), no separators.
_G = r"[^\W_]+"
_L = r"[^\W\d_][^\W_]*"  # a group that starts with a letter (a type code or issuer)
_SP = r"[ \t\u00a0]*"  # stray spaces around separators: never a line break

# Hyphen-like characters seen around numbers: hyphen, non-breaking hyphen, en dash.
_H = r"[-\u2011\u2013]"

LEGAL_RE = re.compile(
    rf"(?<![\w/.-])(\d{{1,5}}){_SP}/{_SP}((?:19|20)\d\d){_SP}/{_SP}({_L}(?:-{_G})*)"
)
PARTY_RE = re.compile(rf"(?<![\w/.-])(\d{{1,5}}){_SP}{_H}{_SP}({_L}){_SP}/{_SP}({_G}(?:-{_G})*)")
STATE_RE = re.compile(rf"(?<![\w/.-])(\d{{1,5}}){_SP}/{_SP}({_L}){_SP}{_H}{_SP}({_G}(?:-{_G})*)")
# ``Số: /KH-STTTT`` — a draft leaves the number blank.
BLANK_STATE_RE = re.compile(rf"(?<![\w])/{_SP}({_L}){_SP}{_H}{_SP}({_G}(?:-{_G})*)")
BLANK_PARTY_RE = re.compile(rf"(?<![\w])-{_SP}({_L}){_SP}/{_SP}({_G}(?:-{_G})*)")


@dataclass(frozen=True, slots=True)
class Code:
    """One number-symbol as read: ``44 -KH/ĐUS`` → number 44, symbol KH/ĐUS, code 44-KH/ĐUS."""

    grammar: Grammar
    number: str | None
    symbol: str
    type_code: str | None
    issuer_code: str | None
    year: str | None
    start: int
    end: int

    @property
    def code(self) -> str | None:
        """The code as cited, without stray spaces; None when the number is blank."""
        if self.number is None:
            return None
        if self.grammar == "party":
            return f"{self.number}-{self.symbol}"
        if self.grammar == "legal":
            return f"{self.number}/{self.year}/{self.symbol}"
        return f"{self.number}/{self.symbol}"

    @property
    def system(self) -> Literal["party", "state"]:
        return "party" if self.grammar == "party" else "state"


# --- type names -----------------------------------------------------------------------------

# Type name → abbreviation (REFERENCE.md §1). Longer names first so that "Chương trình hành
# động" wins over "Chương trình" and "Thông tư liên tịch" over "Thông tư".
TYPE_NAMES: tuple[tuple[str, str], ...] = (
    ("Chương trình hành động", "CTr"),
    ("Thông báo kết luận", "TB"),
    ("Thông tư liên tịch", "TTLT"),
    ("Bản thỏa thuận", "BTT"),
    ("Giấy giới thiệu", "GGT"),
    ("Giấy nghỉ phép", "GNP"),
    ("Giấy ủy quyền", "GUQ"),
    ("Bản ghi nhớ", "BGN"),
    ("Chương trình", "CTr"),
    ("Nghị quyết", "NQ"),
    ("Quyết định", "QĐ"),
    ("Quy định", "QyĐ"),  # Party documents: QĐ (see type_code_for)
    ("Nghị định", "NĐ"),
    ("Thông cáo", "TC"),
    ("Thông báo", "TB"),
    ("Thông tri", "TT"),
    ("Thông tư", "TT"),
    ("Hướng dẫn", "HD"),
    ("Kế hoạch", "KH"),
    ("Phương án", "PA"),
    ("Báo cáo", "BC"),
    ("Biên bản", "BB"),
    ("Tờ trình", "TTr"),
    ("Hợp đồng", "HĐ"),
    ("Công điện", "CĐ"),
    ("Công văn", "CV"),
    ("Giấy mời", "GM"),
    ("Giấy phép", "GP"),
    ("Phiếu gửi", "PG"),
    ("Phiếu chuyển", "PC"),
    ("Phiếu báo", "PB"),
    ("Kết luận", "KL"),
    ("Chỉ thị", "CT"),
    ("Quy chế", "QC"),
    ("Đề án", "ĐA"),
    ("Dự án", "DA"),
    ("Luật", "L"),
)

_TYPE_BY_KEY = {name.casefold(): code for name, code in TYPE_NAMES}
_NAME_BY_KEY = {name.casefold(): name for name, _ in TYPE_NAMES}
_NAME_BY_CODE: dict[str, str] = {}
for _name, _code in TYPE_NAMES:
    _NAME_BY_CODE.setdefault(_code.casefold(), _name)
_NAME_BY_CODE["qđ"] = "Quyết định"
_NAME_BY_CODE["qđi"] = "Quy định"

# "Kế hoạch", "kế hoạch", "KẾ HOẠCH": one alternation, longest first, any case.
TYPE_NAME_PATTERN = "|".join(re.escape(name) for name, _ in TYPE_NAMES)


def type_code_for(name: str, *, system: str | None = None) -> str | None:
    """Abbreviation of a type name in any case; a Party Quy định is QĐ (REFERENCE.md §1)."""
    key = " ".join(name.split()).casefold()
    code = _TYPE_BY_KEY.get(key)
    if code == "QyĐ" and system == "party":
        return "QĐ"
    return code


def type_name_for(name: str) -> str | None:
    """The type name in its usual case (``KẾ HOẠCH`` → ``Kế hoạch``)."""
    return _NAME_BY_KEY.get(" ".join(name.split()).casefold())


def type_name_for_code(code: str) -> str | None:
    """The type name of an abbreviation (``KH`` → ``Kế hoạch``)."""
    return _NAME_BY_CODE.get(code.casefold())


# --- reading codes ----------------------------------------------------------------------------


def _split_symbol(grammar: Grammar, first: str, rest: str) -> tuple[str | None, str | None]:
    """(type code, issuer code) of a symbol's two parts."""
    if grammar == "state" and first.casefold() not in _NAME_BY_CODE and first != "VBHN":
        # Công văn: ``12/UBND-VX`` has no type code; the issuer is the first group.
        return None, first
    return first, rest


# Where a code may start: a number followed by a separator. Each grammar is then tried there.
_CANDIDATE_RE = re.compile(rf"(?<![\w/.-])\d{{1,5}}(?={_SP}[-/\u2011\u2013])")


# A national standard or technical regulation (``QCVN 01:2019/BCT``, ``TCVN 5712:1993``) is
# cited by its number and year after a colon; it is not a document of an issuer.
_STANDARD_BEFORE_RE = re.compile(r"\b(?:QCVN|TCVN|QCĐP)\s*[\d.\-]*\s*:\s*$", re.IGNORECASE)


def find_codes(text: str, offset: int = 0) -> list[Code]:
    """Every number-symbol in ``text`` (one line), left to right, without overlaps."""
    found: list[Code] = []
    if "/" not in text:
        return found
    after = 0
    for cand in _CANDIDATE_RE.finditer(text):
        at = cand.start()
        if at < after:
            continue
        if _STANDARD_BEFORE_RE.search(text, max(0, at - 24), at):
            continue  # the year of a standard, ``QCVN 01:2019/BCT``: not a document code
        m = LEGAL_RE.match(text, at)
        if m:
            sym = m.group(3)
            found.append(
                Code(
                    grammar="legal",
                    number=m.group(1),
                    symbol=sym,
                    type_code=sym.split("-")[0],
                    issuer_code=sym.split("-")[-1],
                    year=m.group(2),
                    start=offset + m.start(),
                    end=offset + m.end(),
                )
            )
            after = m.end()
            continue
        g: Grammar = "party"
        m = PARTY_RE.match(text, at)
        if m is None:
            g = "state"
            m = STATE_RE.match(text, at)
        if m is None:
            continue
        first, rest = m.group(2), m.group(3)
        sep = "/" if g == "party" else "-"
        type_code, issuer_code = _split_symbol(g, first, rest)
        found.append(
            Code(
                grammar=g,
                number=m.group(1),
                symbol=f"{first}{sep}{rest}",
                type_code=type_code,
                issuer_code=issuer_code,
                year=None,
                start=offset + m.start(),
                end=offset + m.end(),
            )
        )
        after = m.end()
    return found


def read_number_line(value: str) -> Code | None:
    """The code of a ``Số: ...`` line's value, a blank number included (``/KH-STTTT``)."""
    codes = find_codes(value)
    if codes:
        return codes[0]
    for grammar, regex in (("state", BLANK_STATE_RE), ("party", BLANK_PARTY_RE)):
        m = regex.search(value)
        if m:
            g: Grammar = "party" if grammar == "party" else "state"
            sep = "/" if g == "party" else "-"
            type_code, issuer_code = _split_symbol(g, m.group(1), m.group(2))
            return Code(
                grammar=g,
                number=None,
                symbol=f"{m.group(1)}{sep}{m.group(2)}",
                type_code=type_code,
                issuer_code=issuer_code,
                year=None,
                start=m.start(),
                end=m.end(),
            )
    return None


_KEY_SPLIT = re.compile(r"[\W_]+")


def normalize_code(code: str) -> str:
    """The key codes are matched by: case, spaces and separators ignored, leading zeros dropped.

    ``27-CT/TW``, ``27/CT-TW``, ``27 ct tw`` and ``27- CT/TW`` all give ``27-CT-TW``;
    ``05-CT/TW`` and ``5-CT/TW`` are the same code. Codes are printed as written, never as keys.
    """
    text = unicodedata.normalize("NFC", code).replace("\u00d0", "Đ").replace("\u00f0", "đ")
    parts = [p for p in _KEY_SPLIT.split(text.upper()) if p]
    out = [p.lstrip("0") or "0" if p.isdigit() else p for p in parts]
    return "-".join(out)


# --- dates --------------------------------------------------------------------------------------

# ``ngày 12 tháng 9 năm 2023``, ``ngày   tháng 9 năm 2023``, ``ngày ... tháng ... năm 2023``.
_BLANK = r"[ \t\u00a0.…_]*"
LONG_DATE_RE = re.compile(
    rf"ngày{_BLANK}(\d{{1,2}})?{_BLANK}tháng{_BLANK}(\d{{1,2}})?{_BLANK}năm{_BLANK}((?:19|20)\d\d)",
    re.IGNORECASE,
)
# ``25/12/2023``, ``01-10-1997``, ``25.12.2023``.
SHORT_DATE_RE = re.compile(r"(?<![\d/])(\d{1,2})([/.-])(\d{1,2})\2((?:19|20)\d\d)(?![\d/])")


def iso_date(day: str | None, month: str | None, year: str) -> str | None:
    """``2023-09-12``; ``2023-09`` when the day is blank; ``2023`` when the month is blank too."""
    if month is None or not month.strip():
        return year
    mo = int(month)
    if not 1 <= mo <= 12:
        return year
    if day is None or not day.strip():
        return f"{year}-{mo:02d}"
    d = int(day)
    if not 1 <= d <= 31:
        return f"{year}-{mo:02d}"
    return f"{year}-{mo:02d}-{d:02d}"
