"""PDF through LibreOffice when installed; a clear Vietnamese message when not."""

from __future__ import annotations

import subprocess

import pypdfium2 as pdfium
import pytest

from kehoach.paperwork.rendering import pdf as pdf_module
from kehoach.paperwork.rendering import render_docx
from kehoach.paperwork.rendering.pdf import MISSING_MESSAGE, PdfUnavailable, docx_to_pdf


def test_without_libreoffice_the_message_says_so_in_vietnamese(monkeypatch, state_sample):
    monkeypatch.setattr(pdf_module.shutil, "which", lambda name: None)
    assert not pdf_module.pdf_available()
    with pytest.raises(PdfUnavailable) as caught:
        docx_to_pdf(render_docx(state_sample))
    assert str(caught.value) == MISSING_MESSAGE
    assert "LibreOffice" in MISSING_MESSAGE and "PDF" in MISSING_MESSAGE


def test_a_conversion_that_hangs_is_stopped(monkeypatch, state_sample):
    monkeypatch.setattr(pdf_module.shutil, "which", lambda name: "/usr/bin/soffice")

    def hang(*args, **kwargs):
        raise subprocess.TimeoutExpired(cmd=args[0], timeout=kwargs["timeout"])

    monkeypatch.setattr(pdf_module.subprocess, "run", hang)
    with pytest.raises(PdfUnavailable, match="không chuyển xong"):
        docx_to_pdf(render_docx(state_sample), timeout=1)


@pytest.mark.skipif(not pdf_module.pdf_available(), reason="LibreOffice (soffice) is not installed")
@pytest.mark.slow
def test_with_libreoffice_the_pdf_has_two_a4_pages_and_the_texts(party_sample):
    data = docx_to_pdf(render_docx(party_sample))
    assert data.startswith(b"%PDF")
    pdf = pdfium.PdfDocument(data)
    try:
        assert len(pdf) >= 2
        first = pdf[0]
        assert tuple(round(v) for v in first.get_size()) == (595, 842)  # A4 in points
        text = first.get_textpage().get_text_range()
        second = pdf[1].get_textpage().get_text_range()
    finally:
        pdf.close()
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in text
    assert "Số 12-KH/ĐU" in text
    assert "KẾ HOẠCH" in text
    assert second.strip().splitlines()[0].strip() == "2"  # page number on top of page 2
