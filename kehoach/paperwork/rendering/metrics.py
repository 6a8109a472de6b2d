"""Estimated width of a line of Times text, to size rules "as long as the text" or a fraction of it.

Widths are the Adobe Font Metrics of Times-Roman and Times-Bold (Times New Roman and Liberation
Serif share them), per 1000 units of the font size. Vietnamese letters are measured by their base
letter: the diacritics sit above or below and do not widen the glyph.
"""

from __future__ import annotations

import unicodedata

_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,-:/()*"
_ROMAN = (
    "444,500,444,500,444,333,500,500,278,278,500,278,778,500,500,500,500,333,389,278,500,500,722,"
    "500,500,444,722,667,667,722,611,556,722,722,333,389,722,611,889,722,722,556,722,667,556,611,"
    "722,722,944,722,722,611,500,500,500,500,500,500,500,500,500,500,250,250,250,333,278,278,333,"
    "333,500"
)
_BOLD = (
    "500,556,444,556,444,333,500,556,278,333,556,278,833,556,500,556,556,444,389,333,556,500,722,"
    "500,500,444,722,667,722,722,667,611,778,778,389,500,778,667,944,722,778,611,778,722,556,667,"
    "722,722,1000,722,722,667,500,500,500,500,500,500,500,500,500,500,250,250,250,333,333,278,333,"
    "333,500"
)
_WIDTHS = {
    False: dict(zip(_CHARS, map(int, _ROMAN.split(",")), strict=True)),
    True: dict(zip(_CHARS, map(int, _BOLD.split(",")), strict=True)),
}
_BASE = {"đ": "d", "Đ": "D"}
PT_PER_MM = 72 / 25.4


def text_width_mm(text: str, *, size_pt: float, bold: bool = False) -> float:
    """Estimated printed width of ``text`` in millimetres."""
    widths = _WIDTHS[bold]
    total = 0
    for char in text:
        base = _BASE.get(char) or unicodedata.normalize("NFD", char)[:1]
        total += widths.get(base, 500)
    return total / 1000 * size_pt / PT_PER_MM
