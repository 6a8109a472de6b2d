"""The title (trích yếu): the lines after the type name, joined with spaces, case as written."""

from __future__ import annotations

import re

from docparse.extract.segment import Line

_SPACES = re.compile(r"\s+")
_MD = "*_#` \t"


def read_title(lines: tuple[Line, ...]) -> str | None:
    """``Nâng cao hiệu quả ... tuyên truyền,`` + ``giáo dục chính trị ...`` → one line.

    Markdown emphasis around the lines is dropped; the first letter keeps its case (a trích yếu
    written ``tuyên truyền về ...`` under ``KẾ HOẠCH`` stays lowercase).
    """
    parts = [ln.text.strip(_MD) for ln in lines]
    text = _SPACES.sub(" ", " ".join(p for p in parts if p)).strip()
    return text or None
