"""Builders that generate test documents at test time from a plain-text plan.

A plan's text is a list of *blocks* (paragraphs separated by a blank line; a block may hold
several lines, as a multi-line title or the list under ``Nơi nhận:``). Every builder writes the
same blocks in another form — DOCX (header table, Word automatic numbering, legacy fonts), PDF
(two-column header, page numbers), HTML (page chrome and counters), legacy encodings and messy
Unicode — so a test can check that each reader gives back the clean text.

Sources: the sample plans in ``samples/`` (written for the tests, in the style of real plans)
and the seeds in ``../shared/seeds/`` read at test time (never copied into the repository).
"""

from __future__ import annotations

import functools
import html
import io
import re
import shutil
import subprocess
import tempfile
import unicodedata
from pathlib import Path
from typing import Any

import pytest

from docparse.model import ParsedDocument
from docparse.normalize import normalize_text
from docparse.readers.legacy import TCVN3_TABLE, VNI_TABLE

SAMPLES_DIR = Path(__file__).resolve().parent / "samples"
SEEDS_DIR = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"
FONT_CANDIDATES = (
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
    Path("/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf"),
)

SAMPLE_NAMES = ("party_plan", "state_plan")


def sample_text(name: str) -> str:
    return (SAMPLES_DIR / f"{name}.txt").read_text(encoding="utf-8")


def seed_paths() -> list[Path]:
    """The seed files, or skip the test when ``../shared/seeds`` is not there."""
    if not SEEDS_DIR.is_dir():
        pytest.skip(f"seeds not available: {SEEDS_DIR} is absent (needs ../shared beside the repo)")
    paths = sorted(SEEDS_DIR.glob("*.txt"))
    if not paths:
        pytest.skip(f"seeds not available: no .txt in {SEEDS_DIR}")
    return paths


def seed_names() -> list[str]:
    """Seed file names for parametrisation (empty when absent: the tests then skip)."""
    if not SEEDS_DIR.is_dir():
        return ["<no seeds>"]
    return sorted(p.name for p in SEEDS_DIR.glob("*.txt")) or ["<no seeds>"]


def seed_text(name: str) -> str:
    path = SEEDS_DIR / name
    if not path.is_file():
        pytest.skip(f"seed not available: {path} is absent (needs ../shared beside the repo)")
    return path.read_text(encoding="utf-8")


def blocks(text: str) -> list[list[str]]:
    """The normalised text as blocks of lines."""
    return [block.split("\n") for block in normalize_text(text).split("\n\n") if block.strip()]


def canonical_txt(text: str) -> str:
    """What every reader should give back for ``text`` (after normalisation)."""
    return "\n\n".join("\n".join(lines) for lines in blocks(text))


# --- header split ------------------------------------------------------------------------------

_TYPE_LINE = re.compile(r"^(KẾ HOẠCH|QUYẾT ĐỊNH|CHỈ THỊ|HƯỚNG DẪN|BÁO CÁO|CÔNG VĂN|THÔNG BÁO)\b")
_MOTTO = re.compile(r"^(CỘNG HÒA|ĐẢNG CỘNG SẢN)")


def split_header(
    parts: list[list[str]],
) -> tuple[list[list[str]], list[list[str]], list[list[str]]] | None:
    """(left column blocks, right column blocks, rest) when the text opens with a header."""
    end = next((i for i, b in enumerate(parts) if _TYPE_LINE.match(b[0])), None)
    if end is None or end == 0:
        return None
    header = parts[:end]
    motto = next((i for i, b in enumerate(header) if _MOTTO.match(b[0])), None)
    if motto is None or motto == 0:
        return None
    return header[:motto], header[motto:], parts[end:]


def split_end(
    parts: list[list[str]],
) -> tuple[list[list[str]], list[list[str]], list[list[str]]] | None:
    """(body, left column, right column) of the end matter: ``Nơi nhận`` and its list on the
    left, the signature on the right, as the official formats lay them out side by side."""
    start = next((i for i, b in enumerate(parts) if b[0].startswith("Nơi nhận")), None)
    if start is None:
        return None
    end = start + 1
    while end < len(parts) and parts[end][0].startswith(("-", "+", "Lưu")):
        end += 1
    if end >= len(parts):
        return None
    return parts[:start], parts[start:end], parts[end:]


# --- DOCX --------------------------------------------------------------------------------------

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

# Outline levels used for automatic numbering: (label regex, numFmt, lvlText).
_LEVELS = (
    (re.compile(r"^([IVX]+)\.\s+(.*)$", re.S), "upperRoman", "%1."),
    (re.compile(r"^(\d+)\.\s+(.*)$", re.S), "decimal", "%2."),
    (re.compile(r"^([a-z])\)\s+(.*)$", re.S), "lowerLetter", "%3)"),
    (re.compile(r"^(-)\s+(.*)$", re.S), "bullet", "–"),
    (re.compile(r"^(\+)\s+(.*)$", re.S), "bullet", "+"),
)
_ROMAN = {
    "I": 1,
    "II": 2,
    "III": 3,
    "IV": 4,
    "V": 5,
    "VI": 6,
    "VII": 7,
    "VIII": 8,
    "IX": 9,
    "X": 10,
}


def _label_value(fmt: str, label: str) -> int | None:
    if fmt == "upperRoman":
        return _ROMAN.get(label)
    if fmt == "decimal":
        return int(label)
    if fmt == "lowerLetter":
        return ord(label) - ord("a") + 1
    return None


def _numbering_xml() -> bytes:
    from lxml import etree

    w = "{" + W_NS + "}"
    root = etree.Element(w + "numbering", nsmap={"w": W_NS})
    abstract = etree.SubElement(root, w + "abstractNum")
    abstract.set(w + "abstractNumId", "7")
    etree.SubElement(abstract, w + "multiLevelType").set(w + "val", "multilevel")
    for ilvl, (_, fmt, text) in enumerate(_LEVELS):
        lvl = etree.SubElement(abstract, w + "lvl")
        lvl.set(w + "ilvl", str(ilvl))
        etree.SubElement(lvl, w + "start").set(w + "val", "1")
        etree.SubElement(lvl, w + "numFmt").set(w + "val", fmt)
        etree.SubElement(lvl, w + "lvlText").set(w + "val", text)
        etree.SubElement(lvl, w + "lvlJc").set(w + "val", "left")
        if fmt == "bullet":
            rpr = etree.SubElement(lvl, w + "rPr")
            fonts = etree.SubElement(rpr, w + "rFonts")
            fonts.set(w + "ascii", "Times New Roman")
            fonts.set(w + "hAnsi", "Times New Roman")
    num = etree.SubElement(root, w + "num")
    num.set(w + "numId", "3")
    etree.SubElement(num, w + "abstractNumId").set(w + "val", "7")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _tcvn3_encoder() -> dict[str, str]:
    inverse = {char: chr(code) for code, char in TCVN3_TABLE.items() if len(char) == 1}
    for code in range(0xB0, 0xB5):
        inverse.pop(TCVN3_TABLE[code], None)
    return inverse


TCVN3_ENCODE = _tcvn3_encoder()


def _vni_encoder() -> dict[str, str]:
    inverse: dict[str, str] = {}
    for seq, char in sorted(VNI_TABLE.items(), key=lambda kv: len(kv[0])):
        if len(seq) == 2 and seq[0].isupper() != seq[1].isupper():
            continue
        inverse.setdefault(char, seq)
    return inverse


VNI_ENCODE = _vni_encoder()


def to_vni(text: str) -> str:
    """Unicode → VNI-Windows (as the Latin-1 characters a VNI-Times run holds)."""
    return "".join(VNI_ENCODE.get(c, c) for c in unicodedata.normalize("NFC", text))


def to_tcvn3_runs(text: str) -> list[tuple[str, str]]:
    """Unicode → TCVN3 runs ``(text, font)``: ``.VnTime`` for what VN3 has, ``.VnTimeH`` (the
    uppercase font, lowercase codes) for capitals with a tone."""
    runs: list[tuple[str, str]] = []
    for char in unicodedata.normalize("NFC", text):
        if char in TCVN3_ENCODE and not (
            char >= "\u00c0" and char.isupper() and char not in "ĂÂÊÔƠƯĐ"
        ):
            code, font = TCVN3_ENCODE[char], ".VnTime"
        elif char.isupper() and char.lower() in TCVN3_ENCODE:
            code, font = TCVN3_ENCODE[char.lower()], ".VnTimeH"
        else:
            code, font = char, ".VnTime"
        if runs and runs[-1][1] == font:
            runs[-1] = (runs[-1][0] + code, font)
        else:
            runs.append((code, font))
    return runs


def to_tcvn3_bytes(text: str) -> bytes:
    """Unicode → TCVN3 bytes for a plain text file (capitals without a VN3 code are lowercased:
    plain TCVN3 files cannot hold them)."""
    out = []
    for char in unicodedata.normalize("NFC", text):
        if char in TCVN3_ENCODE:
            out.append(TCVN3_ENCODE[char])
        elif char.lower() in TCVN3_ENCODE:
            out.append(TCVN3_ENCODE[char.lower()])
        else:
            out.append(char)
    return "".join(out).encode("cp1252", errors="strict")


def tcvn3_lossy(text: str) -> str:
    """What a plain TCVN3 file keeps of ``text`` (see ``to_tcvn3_bytes``)."""
    return "".join(
        c if c in TCVN3_ENCODE or c.lower() not in TCVN3_ENCODE else c.lower()
        for c in unicodedata.normalize("NFC", text)
    )


def column_header_lines(text: str, gap: str) -> str:
    """``text`` with its header laid out as two columns on the same lines, separated by ``gap``
    (a tab, or spaces as ``pdftotext -layout`` writes): what Word files without a header table
    and text dumps look like."""
    parts = blocks(text)
    header = split_header(parts)
    if header is None:
        return canonical_txt(text)
    left, right, rest = header
    left_lines = [" ".join(b) for b in left]
    right_lines = [" ".join(b) for b in right]
    rows = []
    for i in range(max(len(left_lines), len(right_lines))):
        lhs = left_lines[i] if i < len(left_lines) else ""
        rhs = right_lines[i] if i < len(right_lines) else ""
        rows.append(f"{lhs}{gap}{rhs}" if rhs else lhs)
    return "\n".join(rows) + "\n\n" + "\n\n".join("\n".join(b) for b in rest)


def build_docx(
    text: str,
    *,
    header_table: bool = True,
    header_tabs: bool = False,
    numbering: bool = True,
    legacy: str | None = None,
    end_table: bool = True,
) -> bytes:
    """A DOCX of ``text``: header table (or, with ``header_tabs``, header paragraphs whose two
    columns are separated by a tab), automatic numbering for outline labels, the recipients and
    the signature side by side in a table (``end_table``), and (optionally) every run in a legacy
    font (``"tcvn3"`` or ``"vni"``)."""
    import docx
    from docx.oxml.ns import qn
    from docx.shared import Pt
    from lxml import etree

    document = docx.Document()
    document.styles["Normal"].font.name = "Times New Roman"
    document.styles["Normal"].font.size = Pt(14)
    parts = blocks(text)

    def add_runs(paragraph, line_text: str) -> None:
        if legacy == "tcvn3":
            runs = to_tcvn3_runs(line_text)
        elif legacy == "vni":
            runs = [(to_vni(line_text), "VNI-Times")]
        else:
            runs = [(line_text, "")]
        for run_text, font in runs:
            run = paragraph.add_run(run_text)
            if font:
                run.font.name = font

    def fill(paragraph, lines: list[str]) -> None:
        for i, line in enumerate(lines):
            if i:
                paragraph.add_run().add_break()
            add_runs(paragraph, line)

    def fill_cell(cell, cell_blocks: list[list[str]]) -> None:
        # as in the official formats: centred; the issuing body, the motto and the Party name
        # in bold, the place and date in italics, the superior body regular
        from docx.enum.text import WD_ALIGN_PARAGRAPH

        first = True
        for index, lines in enumerate(cell_blocks):
            paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
            first = False
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            fill(paragraph, lines)
            line = lines[0]
            bold = line.isupper() and (index > 0 or _MOTTO.match(line)) and line != "*"
            italic = ", ngày" in line
            for run in paragraph.runs:
                run.bold = bool(bold) or line.startswith("Độc lập")
                run.italic = italic

    def fill_end(cell, cell_blocks: list[list[str]]) -> None:
        first = True
        for lines in cell_blocks:
            paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
            first = False
            fill(paragraph, lines)

    if header_tabs:
        header_table = False
        tabbed = column_header_lines(text, "\t").split("\n\n", 1)
        if len(tabbed) == 2 and split_header(parts) is not None:
            for line in tabbed[0].split("\n"):
                document.add_paragraph(line)  # python-docx writes "\t" as <w:tab/>
            parts = split_header(parts)[2]  # type: ignore[index]
    header = split_header(parts) if header_table else None
    if header is not None:
        left, right, parts = header
        number_at = next((i for i, b in enumerate(left) if b[0].startswith("Số")), len(left))
        table = document.add_table(rows=2, cols=2)
        fill_cell(table.cell(0, 0), left[:number_at])
        fill_cell(table.cell(1, 0), left[number_at:])
        fill_cell(table.cell(0, 1), right[:-1] if len(right) > 1 else right)
        fill_cell(table.cell(1, 1), right[-1:] if len(right) > 1 else [])

    end = split_end(parts) if end_table else None
    if end is not None:
        parts, end_left, end_right = end
    counters: list[int | None] = [None] * len(_LEVELS)
    for lines in parts:
        paragraph = document.add_paragraph()
        label_level = None
        body = lines
        if numbering and len(lines) == 1:
            for ilvl, (pattern, fmt, _) in enumerate(_LEVELS):
                match = pattern.match(lines[0])
                if not match:
                    continue
                previous = counters[ilvl]
                expected = previous + 1 if previous is not None else 1
                value = _label_value(fmt, match.group(1))
                if fmt != "bullet" and value != expected:
                    break
                counters[ilvl] = value if fmt != "bullet" else 1
                for deeper in range(ilvl + 1, len(_LEVELS)):
                    counters[deeper] = None
                label_level, body = ilvl, [match.group(2)]
                break
        fill(paragraph, body)
        if label_level is not None:
            ppr = paragraph._p.get_or_add_pPr()
            num_pr = etree.SubElement(ppr, qn("w:numPr"))
            etree.SubElement(num_pr, qn("w:ilvl")).set(qn("w:val"), str(label_level))
            etree.SubElement(num_pr, qn("w:numId")).set(qn("w:val"), "3")

    if end is not None:
        table = document.add_table(rows=1, cols=2)
        fill_end(table.cell(0, 0), end_left)
        fill_end(table.cell(0, 1), end_right)

    buffer = io.BytesIO()
    document.save(buffer)
    return _with_numbering(buffer.getvalue()) if numbering else buffer.getvalue()


def _with_numbering(data: bytes) -> bytes:
    """Put our numbering.xml in the package (python-docx's template may lack one)."""
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    names = source.namelist()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in names:
            payload = source.read(name)
            if name == "word/numbering.xml":
                payload = _numbering_xml()
            elif name == "[Content_Types].xml" and "word/numbering.xml" not in names:
                payload = payload.replace(
                    b"</Types>",
                    b'<Override PartName="/word/numbering.xml" ContentType="application/'
                    b'vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/></Types>',
                )
            elif name == "word/_rels/document.xml.rels" and "word/numbering.xml" not in names:
                payload = payload.replace(
                    b"</Relationships>",
                    b'<Relationship Id="rIdNum1" Type="http://schemas.openxmlformats.org/'
                    b'officeDocument/2006/relationships/numbering" Target="numbering.xml"/>'
                    b"</Relationships>",
                )
            target.writestr(name, payload)
        if "word/numbering.xml" not in names:
            target.writestr("word/numbering.xml", _numbering_xml())
    return out.getvalue()


def docx_body_xml(data: bytes) -> str:
    import zipfile

    return zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode("utf-8")


# --- PDF ---------------------------------------------------------------------------------------


def pdf_font() -> Path:
    for path in FONT_CANDIDATES:
        if path.is_file():
            return path
    pytest.skip("no TTF font with Vietnamese glyphs (DejaVuSans or Liberation Serif) installed")
    raise AssertionError  # pragma: no cover


def _register_font() -> str:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    name = "DocparseVN"
    if name not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(name, str(pdf_font())))
    return name


def build_pdf(
    text: str,
    *,
    page_numbers: bool = True,
    encrypt: str | None = None,
    running_header: str | None = None,
    footer: str | None = None,
    normalise: bool = True,
    decree30: bool = False,
) -> bytes:
    """A PDF of ``text`` with a text layer: the header as two columns at the same heights, body
    paragraphs with space after them, page numbers at the top of pages after the first."""
    from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    font = _register_font()
    body_style = ParagraphStyle(
        "body", fontName=font, fontSize=11, leading=14, spaceAfter=8, alignment=TA_JUSTIFY
    )
    if decree30:
        # Decree 30 body: 13 pt, 1.5 line spacing, 1 cm first-line indent; here no space
        # between paragraphs, the hardest case for finding them
        body_style = ParagraphStyle(
            "body",
            fontName=font,
            fontSize=13,
            leading=19.5,
            spaceAfter=0,
            firstLineIndent=10 * mm,
            alignment=TA_JUSTIFY,
        )
    # normalise=False keeps legacy bytes as they are (TCVN3 "ư" is a soft hyphen)
    parts = blocks(text) if normalise else [b.split("\n") for b in text.split("\n\n") if b.strip()]
    story = []
    header = split_header(parts)
    if header is not None:
        from reportlab.pdfbase.pdfmetrics import stringWidth

        left, right, parts = header
        size = 10.5
        widest_left = max(stringWidth(" ".join(b), font, 1) for b in left)
        widest_right = max(stringWidth(" ".join(b), font, 1) for b in right)
        # Shrink the header font until each column line fits on one line (90 mm / 85 mm).
        while size > 6 and (widest_left * size > 82 * mm or widest_right * size > 78 * mm):
            size -= 0.5
        centre = ParagraphStyle(
            "centre",
            parent=body_style,
            alignment=TA_CENTER,
            spaceAfter=4,
            fontSize=size,
            leading=size * 1.3,
            firstLineIndent=0,
        )
        rows = max(len(left), len(right))
        cells = []
        for i in range(rows):
            cells.append(
                [
                    Paragraph(html.escape(" ".join(left[i])), centre) if i < len(left) else "",
                    Paragraph(html.escape(" ".join(right[i])), centre) if i < len(right) else "",
                ]
            )
        table = Table(cells, colWidths=[90 * mm, 85 * mm])
        table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
        story.append(table)
        story.append(Spacer(1, 6 * mm))
    title = ParagraphStyle("title", parent=body_style, alignment=TA_CENTER, firstLineIndent=0)
    end = split_end(parts) if normalise else None
    if end is not None:
        parts, end_left, end_right = end
    for lines in parts:
        style = title if _TYPE_LINE.match(lines[0]) else body_style
        story.append(Paragraph("<br/>".join(html.escape(line) for line in lines), style))

    if end is not None:
        small = ParagraphStyle(
            "small",
            parent=body_style,
            fontSize=9,
            leading=11,
            spaceAfter=2,
            firstLineIndent=0,
            alignment=0,
        )
        sign = ParagraphStyle("sign", parent=small, fontSize=10.5, leading=13, alignment=TA_CENTER)

        def cell(bs: list[list[str]], style: ParagraphStyle) -> list[Paragraph]:
            return [Paragraph("<br/>".join(html.escape(x) for x in b), style) for b in bs]

        end_table = Table(
            [[cell(end_left, small), cell(end_right, sign)]], colWidths=[85 * mm, 85 * mm]
        )
        end_table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
        story.append(end_table)

    def first(canvas, doc) -> None:
        if footer:
            canvas.setFont(font, 8)
            canvas.drawString(20 * mm, 10 * mm, footer)

    def later(canvas, doc) -> None:
        canvas.setFont(font, 10)
        if page_numbers:
            canvas.drawCentredString(A4[0] / 2, A4[1] - 12 * mm, str(doc.page))
        if running_header:
            canvas.drawString(20 * mm, A4[1] - 8 * mm, f"{running_header} - trang {doc.page}")
        first(canvas, doc)

    buffer = io.BytesIO()
    kwargs = {}
    if encrypt:
        from reportlab.lib.pdfencrypt import StandardEncryption

        kwargs["encrypt"] = StandardEncryption(encrypt, ownerPassword="owner-" + encrypt)
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=20 * mm,
        rightMargin=15 * mm,
        topMargin=20 * mm,
        bottomMargin=20 * mm,
        **kwargs,
    )
    doc.build(story, onFirstPage=first, onLaterPages=later)
    return buffer.getvalue()


def build_lines_pdf(paragraphs: list[str]) -> bytes:
    """A PDF with one short paragraph per line, drawn as they are (no normalisation, no line
    breaking): for legacy bytes such as TCVN3's "ư", a soft hyphen the Paragraph flowable drops."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    font = _register_font()
    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, pagesize=A4)
    y = A4[1] - 72
    for paragraph in paragraphs:
        if y < 72:
            c.showPage()
            y = A4[1] - 72
        c.setFont(font, 9)
        c.drawString(60, y, paragraph)
        y -= 24
    c.showPage()
    c.save()
    return buffer.getvalue()


def build_image_only_pdf() -> bytes:
    """A 'scanned' PDF: a page of drawn shapes and a raster image, no text layer."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, pagesize=A4)
    try:
        from PIL import Image

        image = Image.new("L", (200, 100), color=200)
        c.drawImage(ImageReader(image), 100, 500, width=400, height=200)
    except ImportError:  # pragma: no cover - Pillow is a reportlab dependency
        pass
    for y in range(100, 800, 20):
        c.line(80, y, 500, y)
    c.showPage()
    c.save()
    return buffer.getvalue()


# --- HTML --------------------------------------------------------------------------------------


def build_html(text: str, *, header_table: bool = False) -> bytes:
    """A news-site page: scripts, styles, navigation, a visit counter and a sidebar around an
    ``<article>`` holding the plan (one ``<p>`` per block, ``<br>`` between lines); with
    ``header_table`` the header is a two-row, two-column table as pasted from Word."""

    def para(lines: list[str]) -> str:
        return "<p>" + "<br>".join(html.escape(line) for line in lines) + "</p>"

    parts = blocks(text)
    table = ""
    header = split_header(parts) if header_table else None
    if header is not None:
        left, right, parts = header
        at = next((i for i, b in enumerate(left) if b[0].startswith("Số")), len(left))
        cell = lambda bs: "<td>" + "".join(para(b) for b in bs) + "</td>"  # noqa: E731
        table = (
            '<table class="header"><tr>'
            + cell(left[:at])
            + cell(right[:-1])
            + "</tr><tr>"
            + cell(left[at:])
            + cell(right[-1:])
            + "</tr></table>\n"
        )
    paragraphs = table + "\n".join(para(lines) for lines in parts)
    return f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>Kế hoạch tuyên truyền</title>
<style>body {{ font-family: serif; }} .menu li {{ display: inline; }}</style>
<script>var counter = 50509022; document.write("<p>Quảng cáo</p>");</script>
</head><body>
<header><div class="logo">Cổng thông tin điện tử</div>
<nav><ul class="menu"><li><a href="/">Trang chủ</a></li><li><a href="/tin">Tin tức</a></li>
<li><a href="/vb">Văn bản</a></li></ul></nav></header>
<form action="/search"><input name="q"><button>Tìm kiếm</button></form>
<div class="wrapper">
<aside class="sidebar"><h3>Số lượt truy cập</h3><div>5</div><div>0</div><div>5</div>
<ul><li><a href="/a">Tin mới hơn</a></li><li><a href="/b">Tin đã đưa</a></li></ul></aside>
<main><article class="news-detail">
{paragraphs}
</article></main>
</div>
<footer><p>Bản quyền thuộc về Cổng thông tin điện tử. Địa chỉ: 01 đường Trần Hưng Đạo.</p></footer>
<script>console.log("x")</script>
</body></html>
""".encode()


# --- messy Unicode -----------------------------------------------------------------------------

_MODERN_TO_OLD = {}
for _first, _second in (("o", "a"), ("o", "e"), ("u", "y")):
    for _tone in "\u0300\u0301\u0309\u0303\u0323":
        for _f, _s in ((_first, _second), (_first.upper(), _second.upper())):
            _MODERN_TO_OLD[unicodedata.normalize("NFC", _f + _tone) + _s] = (
                _f + unicodedata.normalize("NFC", _s + _tone)
            )
_MODERN = re.compile(
    r"(?<![qQ])(" + "|".join(re.escape(k) for k in _MODERN_TO_OLD) + r")(?![^\W\d_])"
)


def old_tone(text: str) -> str:
    """``hòa`` → ``hoà``, ``ủy`` → ``uỷ``: the old tone placement."""
    return _MODERN.sub(lambda m: _MODERN_TO_OLD[m.group(0)], text)


def messy_unicode(text: str) -> str:
    """NFD, old tone placement, CRLF, non-breaking spaces, zero-width spaces and tabs."""
    text = old_tone(text)
    text = text.replace(" tuyên ", " tuyên\u00a0").replace("Kế hoạch", "Kế\u00a0hoạch")
    text = text.replace("Đảng", "\u200bĐảng").replace(": ", ":\t")
    text = unicodedata.normalize("NFD", text)
    return text.replace("\n", "\r\n")


# --- comparing parse results -------------------------------------------------------------------


def comparable(doc: ParsedDocument) -> dict[str, Any]:
    """The contract object without ``source`` and without the warnings about a converted legacy
    encoding: what must be equal whatever the file format."""
    from docparse.readers.txt import LEGACY_WARNING

    data: dict[str, Any] = doc.to_dict()
    data.pop("source")
    data["warnings"] = [w for w in data["warnings"] if w not in LEGACY_WARNING.values()]
    return data


def plain_facts(value):
    """``comparable`` output without mention offsets and with whitespace collapsed (for PDF,
    where a line break inside a paragraph may come back as a space)."""
    if isinstance(value, dict):
        return {k: plain_facts(v) for k, v in value.items() if k != "mentions"}
    if isinstance(value, list):
        return [plain_facts(v) for v in value]
    if isinstance(value, str):
        return " ".join(value.split())
    return value


SOURCES = list(SAMPLE_NAMES) + [f"seed:{name}" for name in seed_names()]


def source_text(source: str) -> str:
    """The text of a sample (``party_plan``) or of a seed (``seed:000_....txt``; skips when the
    seeds are absent)."""
    if source.startswith("seed:"):
        name = source[5:]
        if name == "<no seeds>":
            pytest.skip(f"seeds not available: {SEEDS_DIR} is absent (needs ../shared)")
        return seed_text(name)
    return sample_text(source)


# --- LibreOffice -------------------------------------------------------------------------------


@functools.cache
def libreoffice_versions(name: str) -> dict[str, bytes]:
    """The DOCX of a sample converted by LibreOffice to PDF and re-saved as DOCX: files written
    by a real word processor (its own numbering.xml, table layout and PDF export)."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) not installed: make system-deps")
    with tempfile.TemporaryDirectory(prefix="docparse-lo-") as tmp:
        folder = Path(tmp)
        source = folder / f"{name}.docx"
        source.write_bytes(build_docx(sample_text(name)))
        out: dict[str, bytes] = {}
        for target, filter_name in (("pdf", "pdf"), ("docx", "docx:MS Word 2007 XML")):
            result = subprocess.run(
                [
                    soffice,
                    "--headless",
                    f"-env:UserInstallation=file://{folder / 'profile'}",
                    "--convert-to",
                    filter_name,
                    "--outdir",
                    str(folder / target),
                    str(source),
                ],
                capture_output=True,
                timeout=180,
                check=False,
            )
            converted = folder / target / f"{name}.{target}"
            if result.returncode != 0 or not converted.is_file():
                pytest.skip(f"LibreOffice could not convert to {target}: {result.stderr[-200:]!r}")
            out[target] = converted.read_bytes()
    return out


def hard_wrap(text: str, width: int = 78) -> str:
    """``text`` as a text dump of a PDF or an e-mail has it: every line wrapped at ``width``
    columns (never right after a word ending in a hyphen: "121- KH/TU" and "121-KH/TU" cannot
    be told apart once wrapped there, so such a line runs one word longer)."""

    def wrap(line: str) -> list[str]:
        rows: list[list[str]] = [[]]
        for word in line.split(" "):
            row = rows[-1]
            if row and len(" ".join([*row, word])) > width and not row[-1].endswith("-"):
                rows.append([word])
            else:
                row.append(word)  # (a line ending in a hyphen takes one more word)
        return [" ".join(row) for row in rows]

    return "\n\n".join(
        "\n".join(row for line in block.split("\n") for row in wrap(line))
        for block in canonical_txt(text).split("\n\n")
    )
