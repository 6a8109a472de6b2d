"""A docparse ParsedDocument becomes the renderer's document: outline, preamble, closing."""

from __future__ import annotations

from docparse.model import Issuer, ParsedDocument, Section, Signature, Source
from kehoach.paperwork.rendering import official_from_parsed, select_profile
from kehoach.paperwork.rendering.model import Heading, Paragraph

STATE = select_profile(name="state")
PARTY = select_profile(name="party")

TEXT = """ĐẢNG CỘNG SẢN VIỆT NAM
KẾ HOẠCH
tuyên truyền thực hiện Chỉ thị số 27-CT/TW
giai đoạn 2024 - 2025
Thực hiện Chỉ thị số 27-CT/TW, ngày 25/12/2023 của Bộ Chính trị, Đảng ủy ban hành Kế hoạch như sau:
I. MỤC ĐÍCH, YÊU CẦU
1. Mục đích
Nâng cao nhận thức.
Trên đây là Kế hoạch tuyên truyền của Đảng ủy./.
Nơi nhận:
- Các chi bộ (t/h),
"""


def _doc(**overrides) -> ParsedDocument:
    fields = {
        "source": Source(filename="x.txt", format="txt"),
        "system": "party",
        "number": "12",
        "symbol": "KH/ĐU",
        "issuer": Issuer(name="Đảng ủy Sở", superior="Đảng bộ Khối"),
        "title": "tuyên truyền thực hiện Chỉ thị số 27-CT/TW giai đoạn 2024 - 2025",
        "sections": (
            Section(
                number="I",
                heading="MỤC ĐÍCH, YÊU CẦU",
                children=(Section(number="1", heading="Mục đích", text="Nâng cao nhận thức."),),
            ),
        ),
        "signature": Signature(authority="T/M ĐẢNG ỦY", title="BÍ THƯ", name="Trần Văn Minh"),
        "text": TEXT,
    }
    fields.update(overrides)
    return ParsedDocument(**fields)


def test_preamble_is_the_text_between_the_title_and_the_outline():
    official = official_from_parsed(_doc(), PARTY)
    assert official.preamble == (
        "Thực hiện Chỉ thị số 27-CT/TW, ngày 25/12/2023 của Bộ Chính trị, Đảng ủy ban hành Kế hoạch như sau:",
    )


def test_closing_is_taken_when_the_outline_does_not_hold_it():
    official = official_from_parsed(_doc(), PARTY)
    assert official.closing == ("Trên đây là Kế hoạch tuyên truyền của Đảng ủy./.",)
    held = _doc(
        sections=(
            Section(
                number="I",
                heading="TỔ CHỨC",
                text="Trên đây là Kế hoạch tuyên truyền của Đảng ủy./.",
            ),
        )
    )
    assert official_from_parsed(held, PARTY).closing == ()


def test_from_json_alone_there_is_no_preamble_nor_closing():
    official = official_from_parsed(_doc(text=""), PARTY)
    assert official.preamble == () and official.closing == ()


def test_outline_gets_labels_and_levels():
    body = official_from_parsed(_doc(), PARTY).body
    assert body == (
        Heading("I.", "MỤC ĐÍCH, YÊU CẦU", 1),
        Heading("1.", "Mục đích", 2),
        Paragraph("Nâng cao nhận thức."),
    )


def test_numbered_sentences_and_run_on_items_are_paragraphs_not_headings():
    sections = (
        Section(number="1", heading="Trên báo chí và mạng xã hội."),
        Section(
            number="2",
            heading="Tuyên truyền, quán triệt các cấp ủy,",
            text="nhất là người đứng đầu.\nDòng khác.",
        ),
        Section(number="a", heading="Các mô hình tiêu biểu", text="chú trọng khu dân cư."),
        Section(number="3", heading="x" * 200),
    )
    body = official_from_parsed(_doc(sections=sections), PARTY).body
    assert body == (
        Paragraph("1. Trên báo chí và mạng xã hội."),
        Paragraph("2. Tuyên truyền, quán triệt các cấp ủy, nhất là người đứng đầu."),
        Paragraph("Dòng khác."),
        Paragraph("a) Các mô hình tiêu biểu chú trọng khu dân cư."),
        Paragraph("3. " + "x" * 200),
    )


def test_a_party_document_in_the_state_format_changes_its_grammar_not_its_facts():
    official = official_from_parsed(_doc(), STATE)
    assert (official.number, official.symbol) == ("12", "KH-ĐU")
    assert official.signature.authority == "TM. ĐẢNG ỦY"
    assert (official.issuer, official.superior) == ("Đảng ủy Sở", "Đảng bộ Khối")
