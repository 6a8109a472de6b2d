"""Text helpers shared by domains: diacritic-insensitive folding for search fields."""

from __future__ import annotations

import unicodedata


def fold(text: str | None) -> str:
    """Lower-case ``text`` without Vietnamese diacritics ("Sở Tài nguyên" -> "so tai nguyen").

    Stored beside names so that a plain ``LIKE`` finds "tiet kiem" in "tiết kiệm" on SQLite and
    PostgreSQL alike (SQLite folds case for ASCII only).
    """
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(stripped.lower().split())
