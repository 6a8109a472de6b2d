"""PDF reader: the text layer of a plan comes back as the clean text — a two-column header
column by column, page numbers removed, wrapped lines joined into paragraphs."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from docparse import ParseError, parse_document
from docparse.normalize import normalize_text
from docparse.readers import read_bytes
from docparse.tests import fixtures as fx

MAX = 20 * 1024 * 1024


def pdf_text(data: bytes) -> str:
    raw = read_bytes(data, filename="plan.pdf", max_bytes=MAX)
    assert raw.format == "pdf"
    return normalize_text(raw.text)


def test_two_column_header_is_read_column_by_column():
    text = pdf_text(fx.build_pdf(fx.sample_text("party_plan")))
    assert text.split("\n\n")[:6] == [
        "ĐẢNG BỘ TỈNH LÂM ĐỒNG",
        "ĐẢNG ỦY SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH",
        "*",
        "Số 12-KH/ĐU",
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "Lâm Đồng, ngày 05 tháng 3 năm 2024",
    ]


def test_state_header_with_motto_on_two_lines():
    text = pdf_text(fx.build_pdf(fx.sample_text("state_plan")))
    assert text.split("\n\n")[:6] == [
        "UBND TỈNH BÌNH ĐỊNH",
        "SỞ VĂN HÓA VÀ THỂ THAO",
        "Số: 45/KH-SVHTT",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Bình Định, ngày 08 tháng 4 năm 2024",
    ]


@pytest.mark.parametrize("source", fx.SOURCES)
def test_pdf_text_has_the_words_and_paragraphs_of_the_clean_text(source):
    text = fx.source_text(source)
    data = fx.build_pdf(text)
    out = pdf_text(data)
    expected = fx.canonical_txt(text)
    # every word in order, nothing added (page numbers are gone)
    assert out.split() == expected.split()
    # every paragraph of the clean text starts a line: no paragraph was glued to the previous one
    lines = out.split("\n")
    for block in expected.split("\n\n"):
        first = block.split("\n")[0][:40]
        assert any(line.startswith(first) for line in lines), first


def test_page_numbers_are_removed():
    text = fx.sample_text("party_plan")
    data = fx.build_pdf(text + "\n\n" + "\n\n".join(["Đoạn thêm để sang trang mới."] * 40))
    out = pdf_text(data)
    assert not [line for line in out.split("\n") if re.fullmatch(r"\d{1,3}", line)]


@pytest.mark.parametrize("decree30", [False, True], ids=["spaced", "indented"])
@pytest.mark.parametrize("source", fx.SOURCES)
def test_pdf_gives_the_same_facts_as_txt(source, decree30):
    # spaced: 8 pt between paragraphs; indented: 1.5 line spacing, first-line indent, no space
    text = fx.source_text(source)
    from_txt = parse_document(fx.canonical_txt(text).encode("utf-8"), filename="plan.txt")
    from_pdf = parse_document(fx.build_pdf(text, decree30=decree30), filename="plan.pdf")
    assert from_pdf.source.format == "pdf"
    assert fx.plain_facts(fx.comparable(from_pdf)) == fx.plain_facts(fx.comparable(from_txt))


def test_encrypted_pdf_is_refused():
    with pytest.raises(ParseError) as caught:
        parse_document(fx.build_pdf(fx.sample_text("state_plan"), encrypt="matkhau"))
    assert caught.value.code == "encrypted"
    assert "mật khẩu" in caught.value.message_vi


def test_blank_scan_is_refused_saying_ocr_found_nothing():
    from docparse.readers.ocr import ocr_available

    with pytest.raises(ParseError) as caught:
        parse_document(fx.build_image_only_pdf())
    assert caught.value.code == ("ocr_empty" if ocr_available() else "no_text_layer")
    assert "OCR" in caught.value.message_en


def test_truncated_pdf_is_corrupt():
    data = fx.build_pdf(fx.sample_text("state_plan"))
    with pytest.raises(ParseError) as caught:
        parse_document(data[: len(data) // 3])
    assert caught.value.code in ("corrupt", "no_text_layer")


def test_running_headers_and_footers_are_removed():
    text = fx.sample_text("state_plan")
    longer = text.replace(
        "Nơi nhận:", "\n\n".join(["Đoạn bổ sung cho dài thêm."] * 60) + "\n\nNơi nhận:"
    )
    data = fx.build_pdf(
        longer,
        running_header="Kế hoạch số 45/KH-SVHTT",
        footer="Sở Văn hóa và Thể thao tỉnh Bình Định",
    )
    out = pdf_text(data)
    assert "trang" not in out
    assert "Sở Văn hóa và Thể thao tỉnh Bình Định" not in out
    assert out.split() == fx.canonical_txt(longer).split()


@pytest.mark.parametrize("name", fx.SAMPLE_NAMES)
def test_pdf_exported_by_a_word_processor_gives_the_same_facts(name):
    # LibreOffice lays the header table out itself (left-aligned cells, the motto wrapped in
    # its column) and prints the list bullets as glyphs
    text = fx.sample_text(name)
    data = fx.libreoffice_versions(name)["pdf"]
    out = pdf_text(data)
    assert out.split() == fx.canonical_txt(text).split()
    assert out.split("\n\n")[:6] == fx.canonical_txt(text).split("\n\n")[:6]
    from_txt = parse_document(fx.canonical_txt(text).encode("utf-8"))
    from_pdf = parse_document(data)
    assert fx.plain_facts(fx.comparable(from_pdf)) == fx.plain_facts(fx.comparable(from_txt))


@pytest.mark.parametrize("source", fx.SOURCES)
def test_paragraphs_found_by_first_line_indent_without_spacing(source):
    text = fx.source_text(source)
    out = pdf_text(fx.build_pdf(text, decree30=True))
    expected = fx.canonical_txt(text)
    assert out.split() == expected.split()
    lines = out.split("\n")
    for block in expected.split("\n\n"):
        first = block.split("\n")[0][:40]
        assert any(line.startswith(first) for line in lines), first


_WORDS = sorted(
    {w for name in fx.SAMPLE_NAMES for w in fx.sample_text(name).split() if w.isalpha()}
)


def _capital(words: list[str]) -> str:
    # paragraphs start with a capital, as Vietnamese ones do (a lower-case start reads as the
    # continuation of the line before, which it is in real documents)
    text = " ".join(words)
    return text[:1].upper() + text[1:]


_LINE = st.lists(st.sampled_from(_WORDS), min_size=1, max_size=40).map(_capital)
_LONG = st.lists(st.sampled_from(_WORDS), min_size=40, max_size=90).map(_capital)
_LABELLED = st.tuples(st.sampled_from(["", "", "", "1. ", "a) ", "- ", "+ "]), _LINE).map("".join)
# real pages have paragraphs of several lines: they show the line spacing and the right margin
_PLAN = st.tuples(
    st.lists(_LABELLED, min_size=1, max_size=25), st.lists(_LONG, min_size=2, max_size=3)
).flatmap(lambda parts: st.permutations(parts[0] + parts[1]))


@given(_PLAN, st.booleans())
@settings(max_examples=15, deadline=None, derandomize=True)
def test_any_plan_text_keeps_its_words_and_paragraph_starts_in_pdf(paragraphs, decree30):
    text = "\n\n".join(paragraphs)
    out = pdf_text(fx.build_pdf(text, decree30=decree30))
    assert out.split() == fx.canonical_txt(text).split()
    lines = out.split("\n")
    for paragraph in fx.canonical_txt(text).split("\n\n"):
        assert any(line.startswith(paragraph[:30]) for line in lines), paragraph[:30]
