"""An agency's own template (letterhead): its styles and first-page header carry over."""

from __future__ import annotations

import io

import pytest
from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml.ns import qn

from kehoach.paperwork.rendering import render_docx
from kehoach.paperwork.rendering.docx_writer import TemplateError
from kehoach.paperwork.tests.reading import component_of, open_docx


def _letterhead_template() -> bytes:
    """What a clerk makes in Word: a letterhead in the first-page header, a house style, a note."""
    document = Document()
    section = document.sections[0]
    section.different_first_page_header_footer = True
    section.first_page_header.is_linked_to_previous = False
    section.first_page_header.paragraphs[
        0
    ].text = "SỞ VĂN HÓA - ĐƯỜNG 30/4, TP ĐỒNG XOÀI - ĐT 0271 3879 000"
    document.styles.add_style("Agency Note", WD_STYLE_TYPE.PARAGRAPH)
    document.add_paragraph("Văn bản mẫu: nội dung này không được giữ lại.")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_template_letterhead_and_styles_are_kept_and_its_body_replaced(state_sample):
    data = render_docx(state_sample, profile="state", template=_letterhead_template())
    document = open_docx(data)
    section = document.sections[0]
    assert "ĐƯỜNG 30/4" in section.first_page_header.paragraphs[0].text
    assert "Agency Note" in [s.name for s in document.styles]
    body_text = "\n".join(p.text for p in document.paragraphs)
    assert "không được giữ lại" not in body_text
    header_table = document.tables[0]
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in header_table.rows[0].cells[1].paragraphs[0].text
    # Page numbers still come from page 2.
    assert "PAGE" in "".join(t.text for t in section.header._element.iter(qn("w:instrText")))
    assert [component_of(p) for p in section.header.paragraphs if p.runs] == ["page_number"]


def test_template_page_setup_is_replaced_by_the_profiles(state_sample):
    template = Document()
    template.sections[0].left_margin = 0
    buffer = io.BytesIO()
    template.save(buffer)
    document = open_docx(render_docx(state_sample, profile="state", template=buffer.getvalue()))
    assert document.sections[0].left_margin.mm == pytest.approx(30, abs=0.1)


def test_a_template_that_is_not_a_docx_is_refused_in_vietnamese(state_sample):
    with pytest.raises(TemplateError, match=r"Tệp mẫu không phải văn bản \.docx"):
        render_docx(state_sample, template=b"not a zip file")
