"""The statistics XLSX: a field or agency named like a formula is written as text."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from kehoach.qa.exports import statistics_xlsx
from kehoach.qa.models import Question
from kehoach.qa.selectors import statistics
from kehoach.qa.services.fields import field_create

pytestmark = pytest.mark.django_db


def test_a_name_beginning_like_a_formula_is_written_as_text(qa):
    field = field_create(actor=None, unit=qa.world.a.unit, name='=HYPERLINK("http://x","y")')
    qa.ask(text="Câu hỏi trong lĩnh vực có tên lạ")
    Question.objects.update(field=field)
    book = load_workbook(io.BytesIO(statistics_xlsx(statistics(questions=Question.objects.all()))))
    sheet = book["Theo lĩnh vực"]
    values = [row[0].value for row in sheet.iter_rows(min_row=2)]
    assert values == ['\'=HYPERLINK("http://x","y")']
    assert sheet.cell(row=2, column=2).value == 1  # counts stay numbers
    assert book["Tổng hợp"].cell(row=1, column=2).value == 1
