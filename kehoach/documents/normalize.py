"""Normalisation of what the registry compares: folded text, canonical codes, partial dates.

Folding (lower case, no diacritics, đ→d) is done in Python and stored, so the same comparison
works on SQLite and PostgreSQL without database extensions.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from functools import lru_cache

from django.utils.translation import gettext

from kehoach.core.exceptions import DomainError


@lru_cache(maxsize=4096)
def fold_char(ch: str) -> str:
    """One character folded: lower case without combining marks; đ/Đ → d."""
    if ch in "đĐ":
        return "d"
    if ch.isascii():
        return ch.lower()
    decomposed = unicodedata.normalize("NFD", ch)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


# Fast path: below U+3000, characters folding to exactly one character go through a
# ``str.translate`` table; the few that fold to zero or several (combining marks, "İ") take the
# slow path. Characters from U+3000 on are left as they are.
_TABLE: dict[int, str] = {}
_UNSAFE: list[str] = []
for _cp in range(0x3000):
    _ch = chr(_cp)
    _f = fold_char(_ch)
    if len(_f) != 1:
        _UNSAFE.append(_ch)
    elif _f != _ch:
        _TABLE[_cp] = _f
_UNSAFE_RE = re.compile("[" + "".join(re.escape(c) for c in _UNSAFE) + "]")
fold_char.cache_clear()


def fold(text: str | None) -> str:
    """``text`` lower-cased without Vietnamese diacritics: "Tiết kiệm, Đà Lạt" → "tiet kiem, da lat"."""
    if not text:
        return ""
    text = unicodedata.normalize("NFC", text)
    if not _UNSAFE_RE.search(text):
        return text.translate(_TABLE)
    return "".join(fold_char(c) if ord(c) < 0x3000 else c for c in text)


def fold_with_map(text: str) -> tuple[str, list[int]]:
    """The folded text and, for each folded character, the index of its original character."""
    if not _UNSAFE_RE.search(text):
        return text.translate(_TABLE), list(range(len(text)))
    out: list[str] = []
    index: list[int] = []
    for i, ch in enumerate(text):
        f = fold_char(ch) if ord(ch) < 0x3000 else ch
        out.append(f)
        index.extend([i] * len(f))
    return "".join(out), index


_WORD_RE = re.compile(r"[a-z0-9]+")


def words(folded: str) -> list[str]:
    """Words of an already folded text, in order."""
    return _WORD_RE.findall(folded)


def code_key(code: str | None) -> str:
    """Canonical key of a number-symbol: case, diacritics and separators do not matter.

    ``27-CT/TW``, ``27/CT-TW``, ``27 ct tw`` and ``27- CT/TW`` all give ``27-ct-tw``;
    ``98/2023/QH15`` gives ``98-2023-qh15``.
    """
    return "-".join(words(fold(code)))


# A code typed as a query: a number, then one to five groups (letters, or a year), separated by
# -, / or spaces: "27-CT/TW", "27/ct-tw", "27 ct tw", "98/2023/QH15", "289/KH-UBND".
_QUERY_CODE_RE = re.compile(r"^\s*\d{1,5}(?:\s*[-/\s]\s*(?:[a-z][a-z0-9]{0,9}|\d{4}))+\s*$")
# A code inside a longer query: needs an explicit - or / after the number.
_EMBEDDED_CODE_RE = re.compile(
    r"(?<![a-z0-9])\d{1,5}\s*[-/]\s*(?:\d{4}\s*/\s*)?[a-z][a-z0-9]{0,9}(?:\s*[-/]\s*[a-z][a-z0-9]{0,9}){0,3}"
)


def query_code_keys(folded_query: str) -> list[str]:
    """Code keys a search query contains (the whole query, or codes written with - or /)."""
    if _QUERY_CODE_RE.match(folded_query) and re.search(r"[a-z]", folded_query):
        return [code_key(folded_query)]
    return [code_key(m.group(0)) for m in _EMBEDDED_CODE_RE.finditer(folded_query)]


_DMY_RE = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")
_MY_RE = re.compile(r"^(\d{1,2})[/.\-](\d{4})$")
_ISO_RE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")


def parse_date_text(value: str | None) -> tuple[str, dt.date | None, int | None]:
    """Read an ISO or Vietnamese-written date, full or partial.

    Returns ``(iso text, date or None, year or None)``: "12/9/2023" → ("2023-09-12", date, 2023);
    "9/2023" or "2023-09" → ("2023-09", None, 2023); "" → ("", None, None).
    Raises ``DomainError`` for a date that does not exist.
    """
    value = (value or "").strip()
    if not value:
        return "", None, None
    y = m = d = None
    if match := _ISO_RE.match(value):
        y, m, d = match.group(1), match.group(2), match.group(3)
    elif match := _DMY_RE.match(value):
        d, m, y = match.groups()
    elif match := _MY_RE.match(value):
        m, y = match.groups()
    else:
        raise DomainError(
            gettext(
                "Ngày không hợp lệ: hãy ghi ngày/tháng/năm (25/12/2023), tháng/năm (9/2023) hoặc năm."
            ),
            field="date_text",
        )
    year = int(y)
    if not 1930 <= year <= 2100:
        raise DomainError(f"Năm {year} không hợp lệ.", field="date_text")
    if m is None:
        return f"{year:04d}", None, year
    month = int(m)
    if not 1 <= month <= 12:
        raise DomainError(f"Tháng {month} không hợp lệ.", field="date_text")
    if d is None:
        return f"{year:04d}-{month:02d}", None, year
    try:
        day = dt.date(year, month, int(d))
    except ValueError:
        raise DomainError(f"Ngày {value} không có trên lịch.", field="date_text") from None
    return day.isoformat(), day, year


def first_day(date_text: str) -> dt.date | None:
    """The first day a partial ISO date can mean ("2023-09" → 2023-09-01)."""
    parts = [int(p) for p in date_text.split("-") if p.isdigit()] if date_text else []
    if not parts:
        return None
    try:
        return dt.date(
            parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1
        )
    except ValueError:
        return None
