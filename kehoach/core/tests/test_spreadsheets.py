"""Spreadsheet cells never become formulas, and every writer of kehoach says so."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from pathlib import Path

import pytest

from kehoach.core.spreadsheets import safe_cell, safe_row, unescape_cell

KEHOACH = Path(__file__).resolve().parents[2]
# What writes a spreadsheet: an openpyxl workbook, a csv writer.
WRITER_RE = re.compile(r"\bWorkbook\(|\bcsv\.(?:writer|DictWriter)\(|\bxlsxwriter\b")
# The writers known today, each with its export test (a new one must be added here with a test).
KNOWN_WRITERS = {
    "execution/exports.py": "execution/tests/plans/test_export_formulas.py",
    "organizations/tree_io/export.py": "organizations/tests/test_tree_io.py",
    "results/spreadsheet.py": "results/tests/test_spreadsheet_formulas.py",
    "training/exports.py": "training/tests/test_exports.py",
    "training/roster_io.py": "training/tests/test_roster_io.py",
    "qa/exports.py": "qa/tests/test_exports.py",
}


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_a_text_beginning_like_a_formula_is_prefixed_with_an_apostrophe(start):
    value = f'{start}HYPERLINK("http://evil.example")'
    assert safe_cell(value) == "'" + value
    assert unescape_cell(safe_cell(value)) == value


@pytest.mark.parametrize(
    "value",
    [
        "Chi bộ A1",
        "Tỷ lệ = 95%",
        "'quoted",
        "",
        None,
        -3,
        2.5,
        Decimal("-1.5"),
        dt.date(2026, 1, 2),
        True,
    ],
)
def test_other_values_pass_unchanged_and_numbers_stay_numbers(value):
    assert safe_cell(value) == value and type(safe_cell(value)) is type(value)
    assert unescape_cell(value) == value


def test_a_row_is_made_safe_cell_by_cell():
    assert safe_row(["=1+1", 5, None, "ok"]) == ["'=1+1", 5, None, "ok"]


def _writers() -> set[str]:
    found = set()
    for path in KEHOACH.rglob("*.py"):
        rel = path.relative_to(KEHOACH).as_posix()
        if "/tests/" in f"/{rel}" or "/migrations/" in rel:
            continue
        if WRITER_RE.search(path.read_text(encoding="utf-8")):
            found.add(rel)
    return found


def test_every_spreadsheet_writer_is_known_and_has_a_formula_test():
    # A module that starts writing XLSX or CSV must be listed above with its export test.
    assert _writers() == set(KNOWN_WRITERS)
    for test in KNOWN_WRITERS.values():
        assert (KEHOACH / test).exists(), test


@pytest.mark.parametrize("module", sorted(KNOWN_WRITERS))
def test_every_spreadsheet_writer_goes_through_the_helper(module):
    source = (KEHOACH / module).read_text(encoding="utf-8")
    assert re.search(r"from kehoach\.core\.spreadsheets import .*\bsafe_(?:cell|row)\b", source)
    # no raw row is appended to a sheet or a csv writer: each one is wrapped
    calls = re.findall(r"\b(?:ws|sheet|writer)\.(?:append|writerow)\((.*)", source)
    assert calls, module
    for call in calls:
        assert call.startswith(("safe_row(", "[safe_cell(", "[_cell(")) or call == "[])", (
            f"{module}: .append/.writerow({call}"
        )
