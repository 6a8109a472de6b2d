"""The results workbook writes no live formula: a unit name or a task title typed as "=…"
comes out as text (see kehoach/core/spreadsheets.py)."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from kehoach.execution.models import Task
from kehoach.organizations.models import Unit
from kehoach.results.exports import results_export
from kehoach.results.services import results_compile
from kehoach.results.tests.conftest import TODAY

pytestmark = pytest.mark.django_db

EVIL_UNIT = "=cmd|' /C calc'!A0"
EVIL_TASK = "-2+3+cmd|' /C calc'!A0"


def test_a_formula_like_unit_name_and_task_title_are_text_in_every_sheet(scene):
    # Given a cell named like a formula and a task titled like one, compiled into a report
    Unit.objects.filter(pk=scene.units["A2"].pk).update(name=EVIL_UNIT)
    Task.objects.filter(pk=scene.tasks["t1"].pk).update(title=EVIL_TASK)
    report = results_compile(actor=scene.editor, plan=scene.plan, period=scene.period, today=TODAY)
    # When it is exported as XLSX
    book = load_workbook(io.BytesIO(results_export(report=report, fmt="xlsx").content))
    found = [c for sheet in book for row in sheet.iter_rows() for c in row if c.value is not None]
    # Then no cell of any sheet is a formula, the names are kept behind an apostrophe
    assert [(c.parent.title, c.coordinate) for c in found if c.data_type == "f"] == []
    values = {c.value for c in found}
    assert {"'" + EVIL_UNIT, "'" + EVIL_TASK} <= values
    # and figures stay numbers
    assert any(isinstance(v, int | float) for v in values)
