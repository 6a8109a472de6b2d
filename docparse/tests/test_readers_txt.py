"""TXT reader and format sniffing: any Unicode encoding of a plan gives the same text, and the
format is decided by the content, not the file name."""

from __future__ import annotations

import codecs

import pytest

from docparse import parse_document
from docparse.normalize import normalize_text
from docparse.readers import read_bytes, sniff
from docparse.tests import fixtures as fx

MAX = 20 * 1024 * 1024


@pytest.mark.parametrize(
    ("encode", "encoding"),
    [
        (lambda t: t.encode("utf-8"), "utf-8"),
        (lambda t: codecs.BOM_UTF8 + t.encode("utf-8"), "utf-8"),
        (lambda t: t.encode("utf-16"), "utf-16"),
        (lambda t: codecs.BOM_UTF16_BE + t.encode("utf-16-be"), "utf-16"),
        (lambda t: t.encode("utf-16-le"), "utf-16"),
    ],
    ids=["utf-8", "utf-8-bom", "utf-16-bom", "utf-16-be-bom", "utf-16-le-no-bom"],
)
def test_unicode_encodings_give_the_same_text(encode, encoding):
    text = fx.sample_text("party_plan")
    raw = read_bytes(encode(text), filename="plan.txt", max_bytes=MAX)
    assert raw.format == "txt"
    assert raw.encoding == encoding
    assert raw.warnings == ()
    assert normalize_text(raw.text) == fx.canonical_txt(text)


@pytest.mark.parametrize("source", fx.SOURCES)
def test_txt_files_read_back_as_their_clean_text(source):
    text = fx.source_text(source)
    raw = read_bytes(text.encode("utf-8"), filename="plan.txt", max_bytes=MAX)
    assert normalize_text(raw.text) == fx.canonical_txt(text)


def test_a_path_is_read_and_its_name_reported(tmp_path):
    path = tmp_path / "ke-hoach.txt"
    path.write_text(fx.sample_text("state_plan"), encoding="utf-8")
    doc = parse_document(path)
    assert doc.source.filename == "ke-hoach.txt"
    assert doc.source.format == "txt"
    assert doc.source.encoding == "utf-8"


def test_the_content_decides_the_format_not_the_extension():
    text = fx.sample_text("state_plan")
    assert sniff(fx.build_docx(text), "plan.txt") == "docx"
    assert sniff(fx.build_html(text), "plan.docx") == "html"
    assert sniff(text.encode(), "plan.pdf") == "txt"
    assert read_bytes(fx.build_docx(text), filename="plan.txt", max_bytes=MAX).format == "docx"


def test_text_with_a_few_tags_is_html_only_with_an_html_name():
    data = "<p>Kế hoạch</p>\n<p>số 12</p>\n<div>Nội dung</div>\n".encode()
    assert sniff(data, "trang.html") == "html"
    assert sniff(data, "ghi-chu.txt") == "txt"


@pytest.mark.parametrize("gap", ["\t", " " * 12], ids=["tab", "spaces"])
@pytest.mark.parametrize("name", fx.SAMPLE_NAMES)
def test_header_in_two_columns_on_the_same_lines_is_read_left_column_first(name, gap):
    # a text dump of a PDF (pdftotext -layout) keeps the two header columns side by side
    text = fx.sample_text(name)
    laid_out = fx.column_header_lines(text, gap)
    assert gap + "ĐẢNG CỘNG SẢN" in laid_out or gap + "CỘNG HÒA" in laid_out
    raw = read_bytes(laid_out.encode("utf-8"), filename="plan.txt", max_bytes=MAX)
    assert normalize_text(raw.text) == fx.canonical_txt(text)


@pytest.mark.parametrize("source", fx.SOURCES)
def test_hard_wrapped_text_is_joined_back_into_paragraphs(source):
    # a text dump of a PDF: every line wrapped at 78 columns
    text = fx.source_text(source)
    wrapped = fx.hard_wrap(text)
    assert max(len(line) for line in wrapped.split("\n")) <= 90
    out = normalize_text(read_bytes(wrapped.encode(), filename="plan.txt", max_bytes=MAX).text)
    expected = fx.canonical_txt(text)
    assert out.split() == expected.split()
    lines = out.split("\n")
    for block in expected.split("\n\n"):
        assert any(line.startswith(block.split("\n")[0][:40]) for line in lines)
    from_wrapped = parse_document(wrapped.encode("utf-8"))
    from_clean = parse_document(expected.encode("utf-8"))
    assert fx.plain_facts(fx.comparable(from_wrapped)) == fx.plain_facts(fx.comparable(from_clean))


def test_text_that_is_not_hard_wrapped_is_left_alone():
    text = "Dòng ngắn một\nhai\nba\n" * 5
    raw = read_bytes(text.encode(), filename="ghi-chu.txt", max_bytes=MAX)
    assert raw.text == text
