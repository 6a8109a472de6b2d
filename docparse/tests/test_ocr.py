"""Scans, photos, garbled text layers, e-issued PDFs and .doc files: the readers for documents
as officers receive them. The scans are drawn here (Liberation Serif, which has every Vietnamese
letter, at 300 dpi) and read by the real Tesseract; tests skip when it is not installed."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest

from docparse.api import parse_document
from docparse.extract.header import read_header
from docparse.extract.segment import Line
from docparse.readers import ocr
from docparse.readers.pdf import _merge_annotations, trustworthy
from docparse.tests import fixtures as fx

FONT = Path("/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf")
BOLD = Path("/usr/share/fonts/truetype/liberation2/LiberationSerif-Bold.ttf")
needs_ocr = pytest.mark.skipif(
    not ocr.ocr_available() or not FONT.exists() or not BOLD.exists(),
    reason="Tesseract with Vietnamese data (tesseract-ocr-vie) or Liberation fonts not installed",
)

LEFT = ["ỦY BAN NHÂN DÂN", "TỈNH HÀ GIANG", "Số: 215/KH-UBND"]
RIGHT = [
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "Hà Giang, ngày 14 tháng 3 năm 2024",
]
BODY = [
    "KẾ HOẠCH",
    "Tuyên truyền phòng, chống tác hại của thuốc lá năm 2024",
    "",
    "Thực hiện Chỉ thị số 12/CT-TTg ngày 20/4/2022 của Thủ tướng Chính phủ và",
    "Quyết định số 568/QĐ-UBND ngày 02/3/2024 của Ủy ban nhân dân tỉnh, Ủy ban",
    "nhân dân tỉnh ban hành Kế hoạch như sau:",
    "I. MỤC ĐÍCH, YÊU CẦU",
    "1. Nâng cao nhận thức của người dân về tác hại của thuốc lá.",
    "II. NỘI DUNG",
    "1. Tuyên truyền trên báo chí, đài phát thanh và mạng xã hội.",
]


def _page(skew: float = 0.0, lines: list[str] | None = None):
    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("L", (2480, 3508), 255)
    draw = ImageDraw.Draw(image)
    bold = ImageFont.truetype(str(BOLD), 48)
    regular = ImageFont.truetype(str(FONT), 54)
    y = 250
    for left, right in zip(LEFT, RIGHT, strict=True):
        draw.text((620 - draw.textlength(left, font=bold) / 2, y), left, font=bold, fill=0)
        draw.text((1700 - draw.textlength(right, font=bold) / 2, y), right, font=bold, fill=0)
        y += 90
    y += 120
    for i, text in enumerate(lines if lines is not None else BODY):
        font = bold if i < 2 else regular
        x = 1240 - draw.textlength(text, font=font) / 2 if i < 2 else 280
        draw.text((x, y), text, font=font, fill=0)
        y += 95
    if skew:
        image = image.rotate(skew, expand=False, fillcolor=255, resample=Image.Resampling.BICUBIC)
    return image


def _png(image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", dpi=(300, 300))
    return buffer.getvalue()


def _scanned_pdf(images) -> bytes:
    buffer = io.BytesIO()
    images[0].convert("RGB").save(
        buffer, format="PDF", resolution=300, save_all=True, append_images=images[1:]
    )
    return buffer.getvalue()


def _assert_plan_facts(doc) -> None:
    assert doc.system == "state"
    assert doc.doc_type == "KH"
    assert doc.number == "215"
    assert doc.symbol == "KH-UBND"
    assert doc.issuer.name and doc.issuer.name.upper() == "ỦY BAN NHÂN DÂN TỈNH HÀ GIANG"
    assert doc.place == "Hà Giang"
    assert doc.date == "2024-03-14"
    assert doc.title == "Tuyên truyền phòng, chống tác hại của thuốc lá năm 2024"
    codes = {r.code for r in doc.references}
    assert {"12/CT-TTg", "568/QĐ-UBND"} <= codes


@needs_ocr
def test_photo_of_a_page_is_read_by_ocr_with_its_confidence():
    doc = parse_document(_png(_page()), filename="anh-chup.png")
    assert doc.source.format == "image"
    _assert_plan_facts(doc)
    confidence = [w for w in doc.warnings if w.startswith("Trang 1: đọc bằng nhận dạng chữ")]
    assert confidence and "%" in confidence[0]


@needs_ocr
def test_scanned_pdf_is_read_page_by_page_with_progress():
    calls: list[tuple[int, int]] = []
    data = _scanned_pdf([_page(), _page(lines=["2. Tổ chức hội nghị chuyên đề."])])
    doc = parse_document(data, on_progress=lambda done, total: calls.append((done, total)))
    _assert_plan_facts(doc)
    assert sorted(calls) == [(1, 2), (2, 2)]
    assert any(w.startswith("Trang 2: đọc bằng nhận dạng chữ") for w in doc.warnings)


@needs_ocr
def test_a_scan_fed_askew_is_deskewed():
    doc = parse_document(_png(_page(skew=1.2)))
    _assert_plan_facts(doc)


@needs_ocr
def test_a_blank_page_among_scanned_pages_says_it_yielded_nothing():
    from PIL import Image

    blank = Image.new("L", (2480, 3508), 255)
    doc = parse_document(_scanned_pdf([_page(), blank]))
    assert any(w.startswith("Trang 2: nhận dạng chữ (OCR) không đọc được") for w in doc.warnings)


@needs_ocr
def test_multi_page_tiff():
    from PIL import Image

    buffer = io.BytesIO()
    first = _page()
    second = Image.new("L", first.size, 255)
    first.save(buffer, format="TIFF", save_all=True, append_images=[second], dpi=(300, 300))
    doc = parse_document(buffer.getvalue())
    _assert_plan_facts(doc)
    assert any(w.startswith("Trang 2:") for w in doc.warnings)


def test_text_layer_with_a_broken_unicode_map_is_not_trusted():
    # what a PDF with a wrong ToUnicode table gives (Cyrillic and Armenian letters)
    garbled = "7KӵF KLӋQ 4X\\ӃW ÿӏQK Vӕ 4Ĉ6&7 FӫD Giám ÿӕF 6ӣ Công 7KѭѫQJ WӍQK " * 10
    assert not trustworthy(garbled)


def test_poor_ocr_layer_without_accents_is_not_trusted():
    poor = "Can cu Dieu le Bang Cong san Vit Nam; Quy dinh so 294 cua Ban Chap hanh " * 8
    assert not trustworthy(poor)


def test_vietnamese_text_layer_is_trusted_even_with_the_u_horn_substitute():
    text = fx.sample_text("state_plan").replace("ư", "ƣ")
    assert trustworthy(text)


def test_number_stamped_into_a_widget_joins_the_number_line_and_covers_the_pretyped_month():
    words = [
        {"text": "Số:", "x0": 80, "x1": 100, "top": 100, "bottom": 113, "font": "T@13"},
        {"text": "/UBND-XD", "x0": 160, "x1": 220, "top": 100, "bottom": 113, "font": "T@13"},
        {"text": "tháng", "x0": 380, "x1": 410, "top": 100, "bottom": 113, "font": "T@13"},
        {"text": "4", "x0": 428, "x1": 434, "top": 100, "bottom": 113, "font": "T@13"},
    ]
    page = fx_page(words)
    stamped = {
        0: [
            {"text": "7432", "x0": 120, "x1": 155, "top": 96, "bottom": 116, "font": "a@20"},
            {"text": "5", "x0": 424, "x1": 441, "top": 96, "bottom": 116, "font": "a@20"},
            {
                "text": "Ký bởi: Ủy ban nhân dân tỉnh Lào Cai Thời gian ký: 21.07.2026",
                "x0": 300,
                "x1": 500,
                "top": 600,
                "bottom": 700,
                "font": "a@100",
            },
        ]
    }
    stamps = _merge_annotations([page], stamped)
    texts = [w["text"] for w in sorted(page.words, key=lambda w: w["x0"])]
    assert texts == ["Số:", "7432", "/UBND-XD", "tháng", "5"]
    assert all(w["top"] == 100 for w in page.words)
    assert stamps and stamps[0].startswith("Ký bởi")


def fx_page(words):
    from docparse.readers.pdf_chars import Page

    return Page(595.0, 842.0, words)


def test_e_issued_pdf_with_the_number_in_a_form_field():
    pytest.importorskip("reportlab")
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, pagesize=A4)
    c.setFont("Helvetica", 12)
    c.drawString(72, 760, "So: /UBND-VP")
    c.acroForm.textfield(
        name="so", value="318", x=92, y=756, width=30, height=16, borderWidth=0, fontSize=12
    )
    c.showPage()
    c.save()
    from docparse.readers import pdf_chars

    data = buffer.getvalue()
    found = pdf_chars.annotation_texts(data, pdf_chars.annotated_pages(data))
    assert [w["text"] for w in found[0]] == ["318"]


@pytest.mark.parametrize(
    ("lines", "issuer", "superior"),
    [
        (["ỦY BAN NHÂN DÂN", "TỈNH LÀO CAI"], "ỦY BAN NHÂN DÂN TỈNH LÀO CAI", None),
        (["HỘI ĐỒNG NHÂN DÂN", "TỈNH QUẢNG NINH"], "HỘI ĐỒNG NHÂN DÂN TỈNH QUẢNG NINH", None),
        (["UBND TỈNH LÀO CAI", "SỞ CÔNG THƯƠNG"], "SỞ CÔNG THƯƠNG", "UBND TỈNH LÀO CAI"),
        (["ĐẢNG BỘ TỈNH HÀ GIANG", "HUYỆN ỦY BẮC MÊ"], "HUYỆN ỦY BẮC MÊ", "ĐẢNG BỘ TỈNH HÀ GIANG"),
        (
            ["ỦY BAN MTTQ VIỆT NAM", "XÃ LƯƠNG MINH", "BAN THƯỜNG TRỰC"],
            "BAN THƯỜNG TRỰC",
            "ỦY BAN MTTQ VIỆT NAM XÃ LƯƠNG MINH",
        ),
    ],
)
def test_a_body_and_its_place_on_two_header_lines_are_one_name(lines, issuer, superior):
    head = read_header(tuple(Line(i, text) for i, text in enumerate(lines)))
    assert (head.issuer, head.superior) == (issuer, superior)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) not installed")
def test_word_97_document_is_read_through_libreoffice(tmp_path):
    import subprocess

    source = tmp_path / "ke-hoach.docx"
    source.write_bytes(fx.build_docx(fx.sample_text("state_plan")))
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "doc:MS Word 97",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        capture_output=True,
        timeout=120,
        check=True,
    )
    data = (tmp_path / "ke-hoach.doc").read_bytes()
    assert data.startswith(b"\xd0\xcf\x11\xe0")
    doc = parse_document(data, filename="ke-hoach.doc")
    expected = parse_document(fx.build_docx(fx.sample_text("state_plan")))
    assert doc.source.format == "doc"
    for field in ("system", "doc_type", "number", "symbol", "place", "date", "title"):
        assert getattr(doc, field) == getattr(expected, field), field
    assert doc.issuer.name == expected.issuer.name
    assert {r.code for r in doc.references} == {r.code for r in expected.references}


@pytest.mark.parametrize(
    ("word", "read"),
    [
        ("I105/KH-ĐKT", "1105/KH-ĐKT"),  # I for 1 in a code's number
        ("l2/UBND-VX", "12/UBND-VX"),
        ("I05-KH/TU", "105-KH/TU"),
        ("1105/KH-ĐKT", "1105/KH-ĐKT"),
        ("ILO/UN", "ILO/UN"),  # no digit at all: letters, not a number
        ("IOO", "IOO"),
        ("lớp", "lớp"),
        ("QUYÉT", "QUYẾT"),
        ("ÐẢNG", "ĐẢNG"),
    ],
)
def test_ocr_slips_in_words_are_undone(word, read):
    assert ocr.correct_word(word) == read
