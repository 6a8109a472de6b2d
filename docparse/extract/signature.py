"""The signature block: authority (``T/M BAN THƯỜNG VỤ``, ``KT. GIÁM ĐỐC``), title, name.

Lines come as the block was laid out, or flattened onto one line (``T/M BAN THƯỜNG VỤ PHÓ BÍ
THƯ``), or wrapped in Markdown bold (``**T/M ĐẢNG ỦY`` / ``PHÓ BÍ THƯ**``). A block may have no
name (``GIÁM ĐỐC`` of a draft).
"""

from __future__ import annotations

import re

from docparse.extract.segment import Line
from docparse.model import Signature

# State prefixes carry a dot (TM., KT., TL., TUQ., Q.); Party ones a slash (T/M, K/T, T/L).
_PREFIX_RE = re.compile(r"^(?:T/M|K/T|T/L|TM\.|KT\.|TL\.|TUQ\.|Q\.|TM|KT|TL|TUQ)(?=\s)")
_TITLES = (
    "TỔNG BÍ THƯ",
    "BÍ THƯ",
    "CHỦ TỊCH",
    "TỔNG GIÁM ĐỐC",
    "GIÁM ĐỐC",
    "TRƯỞNG BAN",
    "CHÁNH VĂN PHÒNG",
    "TRƯỞNG PHÒNG",
    "BỘ TRƯỞNG",
    "THỦ TRƯỞNG",
    "CỤC TRƯỞNG",
    "VỤ TRƯỞNG",
    "VIỆN TRƯỞNG",
    "HIỆU TRƯỞNG",
    "CHI CỤC TRƯỞNG",
    "CHÁNH THANH TRA",
    "THƯỜNG TRỰC",
    "ỦY VIÊN",
    "UỶ VIÊN",
    "TRƯỞNG",
)
_TITLE_END_RE = re.compile(r"\s((?:PHÓ\s+)?(?:" + "|".join(_TITLES) + r"))$")
_TITLE_FULL_RE = re.compile(r"^(?:PHÓ\s+)?(?:" + "|".join(_TITLES) + r")$")
_SKIP_RE = re.compile(r"^\(?\s*(?:đã ký|ký|ký tên|ký, ghi rõ|đóng dấu|\./\.)", re.IGNORECASE)
_NAME_RE = re.compile(r"^[^\W\d_][^\W\d_]*(?:\s+[^\W\d_]+){1,5}$")
_MD = "*_ \t"


def _is_upper(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and text == text.upper()


def extract_signature(lines: tuple[Line, ...]) -> Signature:
    """Read the signature block from the end-matter lines that are not Nơi nhận."""
    upper: list[str] = []
    name: str | None = None
    for ln in lines:
        text = " ".join(ln.text.replace("**", " ").strip(_MD).split())
        if not text or _SKIP_RE.match(text):
            continue
        if _is_upper(text):
            if name is None:
                upper.append(text)
            continue
        if (
            upper
            and name is None
            and _NAME_RE.match(text)
            and all(w[0].isupper() for w in text.split())
        ):
            name = text
    if not upper:
        return Signature(name=name)
    auth_parts: list[str] = []
    title_parts: list[str] = []
    for i, u in enumerate(upper):
        if _PREFIX_RE.match(u):
            auth_parts.append(u)
            title_parts = []
            continue
        if auth_parts and not title_parts and not _TITLE_FULL_RE.match(u) and i < len(upper) - 1:
            auth_parts[-1] = f"{auth_parts[-1]} {u}"  # the authority wrapped onto a second line
        else:
            title_parts.append(u)
    authority = " ".join(auth_parts) or None
    title = " ".join(title_parts) or None
    if authority and title is None:
        # Flattened onto one line: "T/M BAN THƯỜNG VỤ PHÓ BÍ THƯ".
        m = _TITLE_END_RE.search(authority)
        if m and _PREFIX_RE.sub("", authority[: m.start()]).strip():
            title = m.group(1)
            authority = authority[: m.start()].strip()
    return Signature(authority=authority, title=title, name=name)
