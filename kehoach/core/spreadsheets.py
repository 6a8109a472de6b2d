"""Cells written to a spreadsheet (XLSX or CSV) never become formulas.

A task title or a unit name typed as ``=HYPERLINK(...)`` or ``+cmd|...`` would be written by
openpyxl as a live formula, and Excel evaluates such a CSV cell on opening (CSV / formula
injection). Every XLSX and CSV writer of kehoach passes its cells through ``safe_cell`` (a
test enumerates the writers): a text beginning with ``=``, ``+``, ``-``, ``@``, a tab or a
carriage return is prefixed with an apostrophe, as OWASP advises; numbers, dates and ``None``
stay what they are. Readers of our own files call ``unescape_cell`` so a round trip holds.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
ESCAPE = "'"


def safe_cell(value: Any) -> Any:
    """``value`` as a spreadsheet may hold it without evaluating it."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return ESCAPE + value
    return value


def safe_row(values: Iterable[Any]) -> list[Any]:
    """``safe_cell`` of each value of a row."""
    return [safe_cell(v) for v in values]


def unescape_cell(value: Any) -> Any:
    """The value ``safe_cell`` was given, for a cell read back from one of our exports."""
    if isinstance(value, str) and value.startswith(ESCAPE) and value[1:2] in FORMULA_STARTS:
        return value[1:]
    return value
