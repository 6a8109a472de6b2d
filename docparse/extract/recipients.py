"""Nơi nhận: one recipient per line with its purpose, and the archive line (``Lưu: VT, ...``)."""

from __future__ import annotations

import re

from docparse.extract.segment import Line
from docparse.model import Recipient

_BULLET = "-+•–*· \t"
_ARCHIVE_RE = re.compile(r"^Lưu\b\s*:?\s*(.*)$", re.IGNORECASE)
_PURPOSE_RE = re.compile(r"\s*\(\s*(?:để\s+)?([^()]{1,20}?)\s*\)\s*[,;.]?\s*$", re.IGNORECASE)
_PURPOSES = {
    "b/c": "b/c",
    "b/cáo": "b/c",
    "báo cáo": "b/c",
    "bc": "b/c",
    "t/h": "t/h",
    "thực hiện": "t/h",
    "th": "t/h",
    "p/h": "p/h",
    "phối hợp": "p/h",
    "ph": "p/h",
    "biết": "biết",
    "b/biết": "biết",
    "theo dõi": "theo dõi",
    "chỉ đạo": "chỉ đạo",
    "đăng tải": "đăng tải",
}
_TRAIL = " ,;.\t"


def _purpose(text: str) -> tuple[str, str | None]:
    m = _PURPOSE_RE.search(text)
    if not m:
        return text.strip(_TRAIL), None
    raw = " ".join(m.group(1).split()).casefold()
    purpose = _PURPOSES.get(raw.replace(" / ", "/"))
    if purpose is None:
        return text.strip(_TRAIL), None
    return text[: m.start()].strip(_TRAIL), purpose


def extract_recipients(lines: tuple[Line, ...]) -> tuple[tuple[Recipient, ...], str | None]:
    """(recipients, archive): ``- UBND Thành phố (t/h),`` → name ``UBND Thành phố``, ``t/h``."""
    names: list[str] = []
    archive: str | None = None
    any_bullet = False
    for ln in lines:
        bulleted = ln.text[:1] in "-+•–*·"
        any_bullet = any_bullet or bulleted
        text = ln.text.strip(_BULLET).strip("*_ ")
        if not text:
            continue
        m = _ARCHIVE_RE.match(text)
        if m:
            archive = m.group(1).strip(_TRAIL) or None
            continue
        if not bulleted and names and (text[:1].islower() or any_bullet):
            names[-1] = f"{names[-1]} {text}"  # a recipient wrapped onto a second line
            continue
        names.append(text)
    out: list[Recipient] = []
    for raw in names:
        name, purpose = _purpose(raw)
        if name:
            out.append(Recipient(name=name, purpose=purpose))
    return tuple(out), archive
