"""PDF characters through PDFium: words come out whole and in reading order whatever the page's
rotation, the way the text was positioned, or who else is reading a PDF at the same time."""

from __future__ import annotations

import io
import threading

import pytest

from docparse import ParseError, parse_document
from docparse.normalize import normalize_text
from docparse.readers import pdf, pdf_chars, read_bytes
from docparse.tests import fixtures as fx

MAX = 20 * 1024 * 1024


def pdf_text(data: bytes) -> str:
    return normalize_text(read_bytes(data, filename="plan.pdf", max_bytes=MAX).text)


def _plan_lines() -> list[str]:
    text = fx.canonical_txt(fx.sample_text("state_plan"))
    return [p.replace("\n", " ")[:80] for p in text.split("\n\n")][:25]


def _rotated_pdf(rotation: int) -> bytes:
    """The plan's first lines on a page stored turned and displayed upright by ``/Rotate``
    (as scanners and some printers write landscape or upside-down pages)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    font = fx._register_font()
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=A4)
    width, height = A4
    shown_height = width if rotation in (90, 270) else height
    page.setPageRotation(rotation)
    page.translate(*{0: (0, 0), 90: (width, 0), 180: (width, height), 270: (0, height)}[rotation])
    page.rotate(rotation)
    y = shown_height - 60
    for line in _plan_lines():
        page.setFont(font, 10)
        page.drawString(60, y, line)
        y -= 16
    page.showPage()
    page.save()
    return buffer.getvalue()


@pytest.mark.parametrize("rotation", [90, 180, 270])
def test_a_page_displayed_rotated_reads_like_an_upright_one(rotation):
    upright = pdf_text(_rotated_pdf(0))
    assert upright.split() == " ".join(_plan_lines()).split()
    assert pdf_text(_rotated_pdf(rotation)) == upright


def test_words_positioned_without_spaces_are_still_separate_words():
    # some producers draw each word at its position and print no space character at all
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.pdfgen import canvas

    font = fx._register_font()
    words = [
        "Kế",
        "hoạch",
        "tuyên",
        "truyền",
        "kỷ",
        "niệm",
        "ngày",
        "thành",
        "lập",
        "Đảng",
        "Cộng",
        "sản",
        "Việt",
        "Nam",
    ]
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=A4)
    page.setFont(font, 12)
    x = 72.0
    for word in words:
        page.drawString(x, 700, word)
        x += stringWidth(word, font, 12) + 4  # a third of an em between words
    page.showPage()
    page.save()
    assert pdf_text(buffer.getvalue()) == " ".join(words)


def test_a_hyphen_pdfium_takes_for_a_soft_one_is_a_hyphen():
    # A hyphen that ends a line comes back from PDFium as U+FFFE; it is printed: "-".
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    font = fx._register_font()
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=A4)
    page.setFont(font, 12)
    page.drawString(60, 700, "Căn cứ Quyết định số 2257/QĐ-")
    page.drawString(60, 685, "UBND ngày 28/11/2023 của UBND tỉnh.")
    page.showPage()
    page.save()
    words = [w["text"] for p in pdf_chars.read_pages(buffer.getvalue(), 10) for w in p.words]
    assert "2257/QĐ-" in words
    assert not any("\ufffe" in w for w in words)


def test_a_large_title_with_horned_letters_keeps_its_words_whole():
    # PDFium's character box spans the glyph: the horn of "ư" reaches over the next letter
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    font = fx._register_font()
    lines = ["TRƯỜNG THƯỜNG TRỰC ƯU TIÊN", "người được hưởng ưu đãi"]
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=A4)
    page.setFont(font, 28)
    page.drawString(40, 700, lines[0])
    page.drawString(40, 660, lines[1])
    page.showPage()
    page.save()
    assert pdf_text(buffer.getvalue()).split() == " ".join(lines).split()


def test_a_kerned_pair_stays_one_word():
    # "V" + "iệt" with the pair kerned 1.2 pt closer, as Chromium prints "Việt"
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.pdfgen import canvas

    font = fx._register_font()
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=A4)
    page.setFont(font, 16)
    page.drawString(72, 700, "Con người")
    x = 72 + stringWidth("Con người ", font, 16)
    page.drawString(x, 700, "V")
    page.drawString(x + stringWidth("V", font, 16) - 1.2, 700, "iệt Nam trong thời đại mới")
    page.showPage()
    page.save()
    assert pdf_text(buffer.getvalue()) == "Con người Việt Nam trong thời đại mới"


def test_a_pdf_protected_only_against_editing_opens_without_a_password():
    from reportlab.lib.pdfencrypt import StandardEncryption
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    # an empty user password (the owner's restricts editing): tried as every viewer does
    encryption = StandardEncryption("", ownerPassword="chu-so-huu", canModify=0)
    style = ParagraphStyle("body", fontName=fx._register_font(), fontSize=11, leading=14)
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, encrypt=encryption).build(
        [Paragraph(line, style) for line in _plan_lines()]
    )
    assert b"/Encrypt" in buffer.getvalue()
    assert pdf_text(buffer.getvalue()).split() == " ".join(_plan_lines()).split()


def test_a_password_protected_pdf_is_encrypted_not_corrupt():
    data = fx.build_pdf(fx.sample_text("state_plan"), encrypt="matkhau")
    with pytest.raises(ParseError) as caught:
        parse_document(data)
    assert caught.value.code == "encrypted"
    # the same bytes with the encryption dictionary damaged are no longer a password matter
    with pytest.raises(ParseError) as caught:
        parse_document(data[: len(data) // 2])
    assert caught.value.code in ("corrupt", "no_text_layer")


def test_too_many_pages(monkeypatch):
    data = fx.build_pdf(fx.sample_text("party_plan"))
    assert len(pdf_chars.read_pages(data, 100)) == 2
    monkeypatch.setattr(pdf, "MAX_PAGES", 1)
    with pytest.raises(ParseError) as caught:
        parse_document(data)
    assert caught.value.code == "too_large"
    assert "2" in caught.value.message_vi


def test_readers_in_several_threads_get_the_same_text():
    # PDFium is not thread-safe: the reader serialises its use
    documents = [fx.build_pdf(fx.sample_text(name)) for name in fx.SAMPLE_NAMES]
    expected = [pdf_text(data) for data in documents]
    results: dict[int, list[str]] = {}
    errors: list[BaseException] = []

    def work(worker: int) -> None:
        try:
            results[worker] = [pdf_text(data) for data in documents * 3][: len(documents)]
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert all(texts == expected for texts in results.values())
