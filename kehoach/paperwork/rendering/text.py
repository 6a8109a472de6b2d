"""Wording rules of the header and signature lines, driven by the profile's ``[text]`` table."""

from __future__ import annotations

import re

from kehoach.paperwork.rendering.profiles import Profile

_ROMAN = re.compile(r"^[IVXLC]+$")
_ARABIC = re.compile(r"^\d+$")
_DECIMAL = re.compile(r"^\d+(?:\.\d+)+$")
_LETTER = re.compile(r"^[a-zđ]$", re.IGNORECASE)
_AUTHORITY = re.compile(r"^\s*(T/M|TM\.?|K/T|KT\.?|T/L|TL\.?|TUQ\.?|Q\.)\s+", re.IGNORECASE)
_AUTHORITY_KEYS = {
    "T/M": "TM",
    "TM": "TM",
    "K/T": "KT",
    "KT": "KT",
    "T/L": "TL",
    "TL": "TL",
    "TUQ": "TUQ",
    "Q": "Q",
}

# Type names by type code (REFERENCE §1), used when a document gives a code but no name.
TYPE_NAMES = {
    "NQ": "Nghị quyết",
    "QĐ": "Quyết định",
    "CT": "Chỉ thị",
    "QC": "Quy chế",
    "QYĐ": "Quy định",
    "QĐI": "Quy định",
    "TC": "Thông cáo",
    "TB": "Thông báo",
    "HD": "Hướng dẫn",
    "CTR": "Chương trình",
    "KH": "Kế hoạch",
    "PA": "Phương án",
    "ĐA": "Đề án",
    "DA": "Dự án",
    "BC": "Báo cáo",
    "BB": "Biên bản",
    "TTR": "Tờ trình",
    "KL": "Kết luận",
    "CV": "Công văn",
}


def label_kind(number: str) -> str | None:
    """``I`` → roman, ``2`` → arabic, ``1.1`` → decimal, ``a`` → letter; else None."""
    if _ROMAN.match(number):
        return "roman"
    if _ARABIC.match(number):
        return "arabic"
    if _DECIMAL.match(number):
        return "decimal"
    if _LETTER.match(number):
        return "letter"
    return None


def outline_label(number: str | None, profile: Profile) -> str | None:
    """The printed label of an outline number, punctuation from the profile (``I.``, ``a)``)."""
    if not number:
        return None
    kind = label_kind(number)
    pattern = profile.text["labels"].get(kind or "", "{n}.")
    return str(pattern).format(n=number)


def split_symbol(symbol: str, system: str | None) -> tuple[str, str] | None:
    """``KH/ĐUS`` (Party) or ``KH-STTTT`` (state) → (type, issuer); None when not that shape."""
    symbol = re.sub(r"\s+", "", symbol)
    if system == "party":
        head, sep, tail = symbol.partition("/")
    else:
        head, sep, tail = symbol.partition("-")
        if "/" in head:  # N/YEAR/TYPE... or a Party symbol in a state document
            return None
    if not sep or not head or not tail:
        return None
    return head, tail


def symbol_for(symbol: str | None, *, source_system: str | None, profile: Profile) -> str | None:
    """The symbol in the profile's grammar: ``KH/ĐUS`` printed by a state profile is ``KH-ĐUS``."""
    if not symbol or source_system is None or source_system == profile.system:
        return symbol
    parts = split_symbol(symbol, source_system)
    if parts is None:
        return symbol
    return str(profile.text["symbol"]).format(type=parts[0], issuer=parts[1])


def number_line(number: str | None, symbol: str | None, profile: Profile) -> str:
    """``Số: 45/KH-SVHTT`` (state), ``Số 121-KH/TU`` (Party); blank number for a draft."""
    blank = str(profile.text["number_blank"])
    return str(profile.text["number"]).format(number=number or blank, symbol=symbol or "")


def _day(value: int) -> str:
    return f"{value:02d}"


def _month(value: int) -> str:
    # Decree 30: days below 10 and months 1 and 2 take a leading zero.
    return f"{value:02d}" if value < 3 else str(value)


def place_date_line(place: str | None, date: str | None, profile: Profile) -> str:
    """``Bình Phước, ngày 12 tháng 9 năm 2023``; missing parts are left blank to fill by hand."""
    blank = str(profile.text["date_blank"])
    parts = (date or "").split("-")
    year = parts[0] if parts and parts[0] else blank
    month = _month(int(parts[1])) if len(parts) > 1 and parts[1].isdigit() else blank
    day = _day(int(parts[2])) if len(parts) > 2 and parts[2].isdigit() else blank
    return str(profile.text["place_date"]).format(
        place=place or profile.text["place_blank"], day=day, month=month, year=year
    )


def authority_for(authority: str | None, profile: Profile) -> str | None:
    """Authority line with the profile's prefix: ``T/M BAN THƯỜNG VỤ`` ↔ ``TM. BAN THƯỜNG VỤ``."""
    if not authority:
        return authority
    match = _AUTHORITY.match(authority)
    if not match:
        return authority
    key = _AUTHORITY_KEYS[match.group(1).upper().rstrip(".")]
    prefix = profile.text["authority_prefixes"].get(key)
    if not prefix:
        return authority
    return f"{prefix} {authority[match.end() :].strip()}"


def recipient_line(name: str, purpose: str | None, profile: Profile) -> str:
    """``- Ban Tuyên giáo Tỉnh ủy (b/c),`` with the profile's separator."""
    name = name.strip().rstrip(",;.")
    purpose_text = str(profile.text["recipient_purpose"]).format(purpose=purpose) if purpose else ""
    return str(profile.text["recipient_item"]).format(name=name, purpose=purpose_text)


def archive_line(archive: str | None, profile: Profile) -> str:
    """``- Lưu: VT, BTG Thành ủy.`` (state) or ``- Lưu Văn phòng.`` (Party)."""
    value = (archive or str(profile.text["archive_default"])).strip().rstrip(".")
    return str(profile.text["archive"]).format(archive=value)


def type_name_for(type_name: str | None, doc_type: str | None) -> str | None:
    """The type name as written, else the name of the type code."""
    if type_name:
        return type_name
    if doc_type:
        return TYPE_NAMES.get(doc_type.upper())
    return None
