"""DOCX reader: a Word file gives the same text, and so the same facts, as the clean TXT.

Word puts the header in a two-column table and keeps outline labels (``I.``, ``1.``, ``a)``,
``-``, ``+``) in numbering.xml, not in the paragraph text; the reader restores both.
"""

from __future__ import annotations

import io
import zipfile

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from docparse import parse_document
from docparse.normalize import normalize_text
from docparse.readers import read_bytes
from docparse.readers.docx import _format_number, _Level, _Numbering, read_docx
from docparse.tests import fixtures as fx

MAX = 20 * 1024 * 1024


def read_docx_text(data: bytes) -> str:
    text, _, _ = read_docx(data)
    return normalize_text(text)


@pytest.mark.parametrize("source", fx.SOURCES)
def test_docx_text_equals_the_clean_text(source):
    # given a plan written as DOCX with a header table and automatic numbering
    text = fx.source_text(source)
    data = fx.build_docx(text)
    # when it is read
    raw = read_bytes(data, filename="plan.docx", max_bytes=MAX)
    # then the text is the clean text, block for block
    assert raw.format == "docx"
    assert normalize_text(raw.text) == fx.canonical_txt(text)


@pytest.mark.parametrize("source", fx.SOURCES)
def test_docx_gives_the_same_facts_as_txt(source):
    text = fx.source_text(source)
    from_txt = parse_document(fx.canonical_txt(text).encode("utf-8"), filename="plan.txt")
    from_docx = parse_document(fx.build_docx(text), filename="plan.docx")
    assert from_docx.source.format == "docx"
    assert fx.comparable(from_docx) == fx.comparable(from_txt)


def test_outline_labels_live_in_numbering_xml_not_in_the_text():
    data = fx.build_docx(fx.sample_text("party_plan"))
    body = fx.docx_body_xml(data)
    assert "w:numPr" in body
    assert ">I. MỤC ĐÍCH" not in body and ">MỤC ĐÍCH, YÊU CẦU<" in body
    assert ">a) Quan điểm" not in body
    text = read_docx_text(data)
    assert "\nI. MỤC ĐÍCH, YÊU CẦU\n" in text
    assert "\na) Quan điểm, mục tiêu" in text
    assert "\nb) Trách nhiệm của người đứng đầu" in text
    assert "\n- Gương mẫu thực hiện" in text  # the en dash bullet is read as "-"
    assert "\n+ Công khai dự toán" in text
    # counters restart under each higher level: II. is followed by 1. again
    assert "II. NỘI DUNG TUYÊN TRUYỀN\n\n1. Tuyên truyền nội dung" in text


def test_header_table_is_read_left_column_then_right_column():
    data = fx.build_docx(fx.sample_text("state_plan"))
    assert "<w:tbl>" in fx.docx_body_xml(data)
    lines = read_docx_text(data).split("\n\n")[:6]
    assert lines == [
        "UBND TỈNH BÌNH ĐỊNH",
        "SỞ VĂN HÓA VÀ THỂ THAO",
        "Số: 45/KH-SVHTT",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Bình Định, ngày 08 tháng 4 năm 2024",
    ]


def test_party_header_table_keeps_the_star_before_the_number():
    lines = read_docx_text(fx.build_docx(fx.sample_text("party_plan"))).split("\n\n")[:6]
    assert lines == [
        "ĐẢNG BỘ TỈNH LÂM ĐỒNG",
        "ĐẢNG ỦY SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH",
        "*",
        "Số 12-KH/ĐU",
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "Lâm Đồng, ngày 05 tháng 3 năm 2024",
    ]


def test_a_table_in_the_body_is_read_row_by_row():
    import docx

    document = docx.Document()
    document.add_paragraph("Phân công thực hiện như sau:")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Đơn vị"
    table.cell(0, 1).text = "Nhiệm vụ"
    table.cell(1, 0).text = "Văn phòng Sở"
    table.cell(1, 1).text = "Tổng hợp báo cáo"
    buffer = io.BytesIO()
    document.save(buffer)
    assert read_docx_text(buffer.getvalue()).split("\n\n") == [
        "Phân công thực hiện như sau:",
        "Đơn vị",
        "Nhiệm vụ",
        "Văn phòng Sở",
        "Tổng hợp báo cáo",
    ]


def test_line_breaks_inside_a_paragraph_stay_single_newlines():
    text = read_docx_text(fx.build_docx(fx.sample_text("party_plan")))
    assert "KẾ HOẠCH\ntuyên truyền thực hiện Chỉ thị" in text
    assert "- Ban Tuyên giáo Tỉnh ủy (b/c),\n- Đảng ủy Khối" in text


def test_without_numbering_the_labels_in_the_text_are_kept():
    text = fx.sample_text("state_plan")
    data = fx.build_docx(text, numbering=False, header_table=False)
    assert read_docx_text(data) == fx.canonical_txt(text)


def _numbering(levels: dict[int, _Level]) -> _Numbering:
    return _Numbering(levels={"1": levels})


def test_numbering_formats_and_multi_level_text():
    numbering = _numbering(
        {
            0: _Level("upperRoman", "%1.", 1),
            1: _Level("decimal", "%1.%2.", 1),
            2: _Level("lowerLetter", "%3)", 1),
        }
    )
    labels = [numbering.label("1", level) for level in (0, 1, 1, 2, 2, 0, 1, 2)]
    assert labels == ["I.", "I.1.", "I.2.", "a)", "b)", "II.", "II.1.", "a)"]


def test_numbering_start_values_and_unknown_lists():
    numbering = _numbering({0: _Level("decimal", "%1.", 4), 1: _Level("bullet", "o", 1)})
    assert numbering.label("1", 0) == "4."
    assert numbering.label("1", 0) == "5."
    assert numbering.label("1", 1) == "+"
    assert numbering.label("99", 0) is None
    assert numbering.label("1", 12) is None


@pytest.mark.parametrize(
    ("value", "fmt", "expected"),
    [
        (4, "upperRoman", "IV"),
        (9, "upperRoman", "IX"),
        (14, "lowerRoman", "xiv"),
        (1, "lowerLetter", "a"),
        (27, "lowerLetter", "aa"),
        (3, "upperLetter", "C"),
        (7, "decimalZero", "07"),
        (12, "decimal", "12"),
    ],
)
def test_number_formats(value, fmt, expected):
    assert _format_number(value, fmt) == expected


def test_deleted_text_and_text_boxes_are_ignored():
    # tracked deletions and text boxes are not part of the document's running text
    data = fx.build_docx("Đoạn một.\n\nĐoạn hai.", numbering=False)
    body = fx.docx_body_xml(data)
    body = body.replace(
        "<w:t>Đoạn hai.</w:t>",
        '<w:t>Đoạn hai.</w:t></w:r><w:del w:id="1" w:author="a"><w:r><w:delText> đã xóa'
        "</w:delText></w:r></w:del><w:r><w:pict><w:txbxContent><w:p><w:r><w:t>HỘP CHỮ</w:t>"
        '</w:r></w:p></w:txbxContent></w:pict></w:r><w:r><w:t xml:space="preserve"> tiếp</w:t>',
    )
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name in source.namelist():
            payload = body.encode() if name == "word/document.xml" else source.read(name)
            target.writestr(name, payload)
    assert read_docx_text(out.getvalue()) == "Đoạn một.\n\nĐoạn hai. tiếp"


_W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _with_notes(data: bytes, body: str, part: str, notes: str) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name in source.namelist():
            payload = body.encode() if name == "word/document.xml" else source.read(name)
            target.writestr(name, payload)
        target.writestr(part, f'<w:{part[5:-5]} xmlns:w="{_W_NS}">{notes}</w:{part[5:-5]}>')
    return out.getvalue()


def _note(kind: str, note_id: str, *paragraphs: str, note_type: str | None = None) -> str:
    attr = f' w:type="{note_type}"' if note_type else ""
    runs = "".join(
        f'<w:p><w:r><w:{kind}Ref/></w:r><w:r><w:t xml:space="preserve"> {t}</w:t></w:r></w:p>'
        for t in paragraphs
    )
    return f'<w:{kind} w:id="{note_id}"{attr}>{runs}</w:{kind}>'


def test_footnotes_and_endnotes_follow_the_paragraph_that_cites_them():
    # Citations often sit in footnotes ("Căn cứ ...¹"); a PDF prints them in the body too.
    data = fx.build_docx(
        "Căn cứ các văn bản của cấp trên.\n\nĐoạn hai.\n\nĐoạn ba.", numbering=False
    )
    body = fx.docx_body_xml(data)
    body = body.replace(
        "<w:t>Căn cứ các văn bản của cấp trên.</w:t>",
        '<w:t>Căn cứ các văn bản của cấp trên.</w:t></w:r><w:r><w:footnoteReference w:id="2"/>',
    ).replace(
        "<w:t>Đoạn hai.</w:t>", '<w:t>Đoạn hai.</w:t></w:r><w:r><w:footnoteReference w:id="3"/>'
    )
    notes = (
        _note("footnote", "0", "", note_type="separator")
        + _note(
            "footnote", "2", "Hướng dẫn số 36-HD/BTCTW ngày 09/9/2025;", "Chỉ thị số 28/CT-TTg."
        )
        + _note("footnote", "3", "Nghị quyết số 10-NQ/TW ngày 10/02/2022.")
        + _note("footnote", "4", "Không được dẫn.")  # never referred to: not in the text
    )
    data = _with_notes(data, body, "word/footnotes.xml", notes)
    assert read_docx_text(data) == (
        "Căn cứ các văn bản của cấp trên.\n\n"
        "Hướng dẫn số 36-HD/BTCTW ngày 09/9/2025; Chỉ thị số 28/CT-TTg.\n\n"
        "Đoạn hai.\n\nNghị quyết số 10-NQ/TW ngày 10/02/2022.\n\nĐoạn ba."
    )
    codes = {r.code for r in parse_document(data).references}
    assert {"36-HD/BTCTW", "28/CT-TTg", "10-NQ/TW"} <= codes


def test_an_endnote_is_read_like_a_footnote():
    data = fx.build_docx("Đoạn một.\n\nĐoạn hai.", numbering=False)
    body = fx.docx_body_xml(data).replace(
        "<w:t>Đoạn một.</w:t>", '<w:t>Đoạn một.</w:t></w:r><w:r><w:endnoteReference w:id="1"/>'
    )
    data = _with_notes(data, body, "word/endnotes.xml", _note("endnote", "1", "Ghi chú cuối."))
    assert read_docx_text(data) == "Đoạn một.\n\nGhi chú cuối.\n\nĐoạn hai."


@pytest.mark.parametrize("name", fx.SAMPLE_NAMES)
def test_header_laid_out_with_tabs_is_read_left_column_first(name):
    # no header table: each header paragraph holds the left and the right column, tab-separated
    text = fx.sample_text(name)
    data = fx.build_docx(text, header_tabs=True, end_table=False)
    assert "<w:tbl>" not in fx.docx_body_xml(data) and "<w:tab/>" in fx.docx_body_xml(data)
    assert read_docx_text(data) == fx.canonical_txt(text)


@pytest.mark.parametrize("name", fx.SAMPLE_NAMES)
def test_docx_saved_by_a_word_processor_reads_the_same(name):
    # LibreOffice rewrites numbering.xml, styles and the table in its own way
    text = fx.sample_text(name)
    data = fx.libreoffice_versions(name)["docx"]
    assert read_docx_text(data) == fx.canonical_txt(text)
    from_txt = parse_document(fx.canonical_txt(text).encode("utf-8"))
    assert fx.comparable(parse_document(data)) == fx.comparable(from_txt)


def _save(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return fx._with_numbering(buffer.getvalue())


def _num_pr(element, ilvl: int, num_id: str = "3") -> None:
    from docx.oxml.ns import qn
    from lxml import etree

    ppr = element.get_or_add_pPr()
    num_pr = etree.SubElement(ppr, qn("w:numPr"))
    etree.SubElement(num_pr, qn("w:ilvl")).set(qn("w:val"), str(ilvl))
    etree.SubElement(num_pr, qn("w:numId")).set(qn("w:val"), num_id)


def test_numbering_attached_to_a_paragraph_style():
    # "Mục I" style carries level 0 of the list, "Mục 1" level 1: the paragraphs have no numPr
    import docx
    from docx.enum.style import WD_STYLE_TYPE

    document = docx.Document()
    for name, level in (("Muc I", 0), ("Muc 1", 1)):
        style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        _num_pr(style.element, level)
    document.add_paragraph("MỤC ĐÍCH, YÊU CẦU", style="Muc I")
    document.add_paragraph("Mục đích", style="Muc 1")
    document.add_paragraph("Yêu cầu", style="Muc 1")
    document.add_paragraph("NỘI DUNG", style="Muc I")
    document.add_paragraph("Nội dung chính", style="Muc 1")
    assert read_docx_text(_save(document)).split("\n\n") == [
        "I. MỤC ĐÍCH, YÊU CẦU",
        "1. Mục đích",
        "2. Yêu cầu",
        "II. NỘI DUNG",
        "1. Nội dung chính",
    ]


def test_a_paragraph_can_switch_its_style_numbering_off():
    import docx
    from docx.enum.style import WD_STYLE_TYPE

    document = docx.Document()
    style = document.styles.add_style("Muc 1", WD_STYLE_TYPE.PARAGRAPH)
    _num_pr(style.element, 1)
    document.add_paragraph("Có số", style="Muc 1")
    plain = document.add_paragraph("Không số", style="Muc 1")
    _num_pr(plain._p, 0, num_id="0")  # numId 0: no numbering
    assert read_docx_text(_save(document)).split("\n\n") == ["1. Có số", "Không số"]


def test_start_override_restarts_a_list():
    from lxml import etree

    from docparse.readers.docx import W, _load_numbering

    xml = f"""<w:numbering xmlns:w="{W}">
      <w:abstractNum w:abstractNumId="1">
        <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
      </w:abstractNum>
      <w:num w:numId="5"><w:abstractNumId w:val="1"/></w:num>
      <w:num w:numId="6"><w:abstractNumId w:val="1"/>
        <w:lvlOverride w:ilvl="0"><w:startOverride w:val="3"/></w:lvlOverride></w:num>
    </w:numbering>"""
    numbering = _load_numbering(etree.fromstring(xml.encode()))
    assert [numbering.label("5", 0), numbering.label("5", 0)] == ["1.", "2."]
    assert [numbering.label("6", 0), numbering.label("6", 0)] == ["3.", "4."]


def test_legacy_font_set_on_the_paragraph_style():
    import docx

    document = docx.Document()
    document.styles["Normal"].font.name = ".VnTime"
    document.add_paragraph("Bé Tµi chÝnh ban hµnh kÕ ho¹ch")
    buffer = io.BytesIO()
    document.save(buffer)
    text, encoding, warnings = read_docx(buffer.getvalue())
    assert text == "Bộ Tài chính ban hành kế hoạch"
    assert encoding == "tcvn3" and warnings


_WORDS = sorted(
    {w for name in fx.SAMPLE_NAMES for w in fx.sample_text(name).split() if w.isalpha()}
)
_LINE = st.lists(st.sampled_from(_WORDS), min_size=1, max_size=12).map(" ".join)
_LABELLED = st.tuples(st.sampled_from(["", "", "I. ", "1. ", "2. ", "a) ", "- ", "+ "]), _LINE).map(
    "".join
)
_PLAN = st.lists(st.lists(_LABELLED, min_size=1, max_size=3), min_size=1, max_size=15)


@given(_PLAN)
@settings(max_examples=40, deadline=None, derandomize=True)
def test_any_plan_text_round_trips_through_docx(parts):
    # whatever the paragraphs and labels, the DOCX reader gives the text back
    text = "\n\n".join("\n".join(lines) for lines in parts)
    assert read_docx_text(fx.build_docx(text)) == fx.canonical_txt(text)
