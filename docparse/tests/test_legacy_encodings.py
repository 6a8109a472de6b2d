"""Legacy Vietnamese encodings: TCVN3 (ABC, .VnTime fonts) and VNI (VNI-Times) are detected and
converted to Unicode, in plain text files and in DOCX runs, with a warning."""

from __future__ import annotations

import shutil
import subprocess
import unicodedata

import pytest

from docparse import parse_document
from docparse.normalize import normalize_text
from docparse.readers import read_bytes
from docparse.readers.legacy import (
    TCVN3_TABLE,
    convert_legacy_text,
    font_encoding,
    is_vietnamese_syllable,
    tcvn3_to_unicode,
    vietnamese_score,
    vni_to_unicode,
)
from docparse.readers.txt import LEGACY_WARNING
from docparse.tests import fixtures as fx

MAX = 20 * 1024 * 1024
VOWELS = "aăâeêioôơuưy"
TONES = ("", "\u0301", "\u0300", "\u0309", "\u0303", "\u0323")
ALPHABET = (
    "".join(unicodedata.normalize("NFC", v + t) for v in VOWELS for t in TONES)
    + "đbcdghklmnpqrstvx"
)


def test_tcvn3_table_agrees_with_glibc_iconv():
    if shutil.which("iconv") is None:
        pytest.skip("iconv not installed")
    data = bytes(sorted(TCVN3_TABLE))
    result = subprocess.run(
        ["iconv", "-f", "TCVN5712-1", "-t", "UTF-8"], input=data, capture_output=True, check=False
    )
    if result.returncode != 0:
        pytest.skip("this iconv has no TCVN5712-1 converter")
    expected = result.stdout.decode("utf-8")
    assert "".join(TCVN3_TABLE[b] for b in data) == expected


@pytest.mark.parametrize(
    ("tcvn3", "unicode"),
    [
        ("Bé Tµi chÝnh", "Bộ Tài chính"),
        ("§¶ng ñy", "Đảng ủy"),
        ("kÕ ho¹ch tuyªn truyÒn", "kế hoạch tuyên truyền"),
        ("Th\xadêng vô TØnh ñy", "Thường vụ Tỉnh ủy"),
        ("ViÖt Nam", "Việt Nam"),
    ],
)
def test_tcvn3_words(tcvn3, unicode):
    assert tcvn3_to_unicode(tcvn3) == unicode


def test_tcvn3_uppercase_font_draws_lowercase_codes_as_capitals():
    # .VnTimeH: "kÕ ho¹ch" typed in the uppercase font shows "KẾ HOẠCH"
    assert tcvn3_to_unicode("kÕ ho¹ch", uppercase=True) == "KẾ HOẠCH"


@pytest.mark.parametrize(
    ("vni", "unicode"),
    [
        ("Xin chaøo caùc baïn", "Xin chào các bạn"),
        ("Vieät Nam", "Việt Nam"),
        ("Ñaûng uûy", "Đảng ủy"),
        ("VIEÄT NAM", "VIỆT NAM"),
        ("ngöôøi, tröôøng, thöïc hieän", "người, trường, thực hiện"),
        ("kyù, Kyø, quyù, ò, æ", "ký, Kỳ, quý, ị, ỉ"),
        ("aên, aén, ñaëc", "ăn, ắn, đặc"),
    ],
)
def test_vni_words(vni, unicode):
    assert vni_to_unicode(vni) == unicode


def test_every_vietnamese_letter_survives_vni_both_cases():
    for text in (ALPHABET, ALPHABET.upper()):
        assert vni_to_unicode(fx.to_vni(text)) == text


def test_every_lowercase_letter_survives_tcvn3():
    encoded = "".join(fx.TCVN3_ENCODE.get(c, c) for c in ALPHABET)
    assert tcvn3_to_unicode(encoded) == ALPHABET


def test_syllable_check():
    for word in ("nghiêng", "khuyến", "trường", "Việt", "quý", "gì", "ĐẢNG", "oanh"):
        assert is_vietnamese_syllable(word), word
    for word in ("chÝnh", "tµi", "baïn", "Vieät", "xyzw"):
        assert not is_vietnamese_syllable(word), word


def test_unicode_text_is_never_converted():
    for source in fx.SOURCES:
        if source.startswith("seed:") and not fx.SEEDS_DIR.is_dir():
            continue
        text = fx.source_text(source)
        assert convert_legacy_text(text) == (text, None)
        assert vietnamese_score(text) > 0.95


def test_tcvn3_text_file_is_detected_and_converted():
    text = fx.sample_text("party_plan")
    raw = read_bytes(fx.to_tcvn3_bytes(text), filename="plan.txt", max_bytes=MAX)
    assert raw.encoding == "tcvn3"
    assert raw.warnings == (LEGACY_WARNING["tcvn3"],)
    # a plain TCVN3 file has no code for some capitals with a tone: they come back in lower case
    assert normalize_text(raw.text) == fx.canonical_txt(fx.tcvn3_lossy(text))


@pytest.mark.parametrize("source", fx.SOURCES)
def test_vni_text_file_is_detected_and_converted(source):
    text = fx.source_text(source)
    raw = read_bytes(fx.to_vni(text).encode("cp1252"), filename="plan.txt", max_bytes=MAX)
    assert raw.encoding == "vni"
    assert raw.warnings == (LEGACY_WARNING["vni"],)
    assert normalize_text(raw.text) == fx.canonical_txt(text)


def _to_cp1258(text: str) -> bytes:
    out = []
    for char in text:
        decomposed = unicodedata.normalize("NFD", char)
        tones = "".join(c for c in decomposed if c in TONES)
        base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in TONES))
        out.append(base + tones)
    return "".join(out).encode("cp1258", errors="strict")


def test_windows_1258_text_file_is_decoded():
    text = fx.sample_text("state_plan")
    # Windows-1258 has the letters with a hat or a horn, and the five tones as combining marks
    data = _to_cp1258(text)
    raw = read_bytes(data, filename="plan.txt", max_bytes=MAX)
    assert raw.encoding == "cp1258"
    assert normalize_text(raw.text) == fx.canonical_txt(text)


def test_legacy_gibberish_saved_as_utf8_is_converted():
    # a TCVN3 document pasted into a Unicode editor: valid UTF-8 full of Latin-1 letters
    text = fx.sample_text("state_plan")
    gibberish = fx.to_tcvn3_bytes(text).decode("cp1252").encode("utf-8")
    raw = read_bytes(gibberish, filename="plan.txt", max_bytes=MAX)
    assert raw.encoding == "tcvn3"
    assert normalize_text(raw.text) == fx.canonical_txt(fx.tcvn3_lossy(text))


def test_vni_gibberish_saved_as_utf8_is_converted():
    text = fx.sample_text("party_plan")
    raw = read_bytes(fx.to_vni(text).encode("utf-8"), filename="plan.txt", max_bytes=MAX)
    assert raw.encoding == "vni"
    assert normalize_text(raw.text) == fx.canonical_txt(text)


@pytest.mark.parametrize("legacy", ["tcvn3", "vni"])
@pytest.mark.parametrize("source", fx.SOURCES)
def test_docx_runs_in_legacy_fonts_give_the_same_facts(source, legacy):
    text = fx.source_text(source)
    data = fx.build_docx(text, legacy=legacy)
    body = fx.docx_body_xml(data)
    assert (".VnTime" if legacy == "tcvn3" else "VNI-Times") in body
    doc = parse_document(data, filename="plan.docx")
    assert doc.source.encoding == legacy
    assert LEGACY_WARNING[legacy] in doc.warnings
    assert doc.text == fx.canonical_txt(text)
    plain = parse_document(fx.canonical_txt(text).encode("utf-8"), filename="plan.txt")
    assert fx.comparable(doc) == fx.comparable(plain)


def test_tcvn3_capitals_use_the_uppercase_font():
    body = fx.docx_body_xml(fx.build_docx(fx.sample_text("party_plan"), legacy="tcvn3"))
    assert ".VnTimeH" in body


@pytest.mark.parametrize(
    ("font", "encoding"),
    [
        (".VnTime", "tcvn3"),
        (".VnTimeH", "tcvn3"),
        (".VnArial", "tcvn3"),
        ("VNI-Times", "vni"),
        ("VNI-Helve", "vni"),
        ("Times New Roman", None),
        (None, None),
    ],
)
def test_font_names_imply_an_encoding(font, encoding):
    assert font_encoding(font) == encoding


def test_docx_with_legacy_bytes_in_a_unicode_font_is_converted_by_its_text():
    # the .VnTime font was replaced by Times New Roman, the bytes stayed TCVN3
    text = fx.sample_text("state_plan")
    gibberish = fx.to_tcvn3_bytes(fx.canonical_txt(text)).decode("cp1252")
    import io

    import docx

    document = docx.Document()
    for paragraph in gibberish.split("\n\n"):  # (TCVN3 "ư" is a soft hyphen: no normalising)
        document.add_paragraph(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    doc = parse_document(buffer.getvalue())
    assert doc.source.encoding == "tcvn3"
    assert doc.text == fx.canonical_txt(fx.tcvn3_lossy(text))


def test_pdf_with_a_legacy_text_layer_is_converted():
    # a PDF printed from a .VnTime document: its text layer holds the TCVN3 codes
    fx.pdf_font()
    text = fx.sample_text("state_plan")
    body = fx.canonical_txt(text).split("KẾ HOẠCH", 1)[1]
    paragraphs = [p.replace("\n", " ")[:100].rsplit(" ", 1)[0] for p in body.split("\n\n")]
    gibberish = [fx.to_tcvn3_bytes(p).decode("cp1252") for p in paragraphs]
    doc = parse_document(fx.build_lines_pdf(gibberish))
    assert doc.source.encoding == "tcvn3"
    assert LEGACY_WARNING["tcvn3"] in doc.warnings
    assert doc.text.split() == fx.tcvn3_lossy(" ".join(paragraphs)).split()


def _pdf_in_font(font: str, text: str) -> bytes:
    """A one-line PDF whose text layer names ``font`` (a standard font renamed in place: the
    bytes of ``text`` are drawn as they are, the way a .VnTime document prints them)."""
    import io

    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer)
    page.setFont("Helvetica-BoldOblique", 12)
    page.drawString(72, 760, text)
    page.showPage()
    page.save()
    standard = b"/Helvetica-BoldOblique"
    renamed = ("/" + font).encode("ascii").ljust(len(standard))  # same length: offsets hold
    assert len(renamed) == len(standard)
    return buffer.getvalue().replace(standard, renamed)


@pytest.mark.parametrize(
    ("font", "codes", "expected"),
    [
        ("ABCDEF+.VnTime", "ViÖt", "Việt"),
        ("ABCDEF+.VnTimeH", "kÕ", "KẾ"),
        ("VNI-Times", "Vieät", "Việt"),
        ("Calibri", "Việt", "Việt"),
    ],
)
def test_pdf_words_in_legacy_fonts_are_converted_by_font_name(font, codes, expected):
    from docparse.readers import pdf, pdf_chars

    data = _pdf_in_font(font, codes if font != "Calibri" else "Viet")
    (page,) = pdf_chars.read_pages(data, 10)
    # the name as the PDF gives it (a subset prefix kept or not), then the size
    assert [w["font"].split("@")[0].split("+")[-1] for w in page.words] == [font.split("+")[-1]]
    if font == "Calibri":  # WinAnsi has no "ệ": the Unicode word is given here
        page.words[0]["text"] = codes
    words = pdf._page_words(page.words)
    assert [w["text"] for w in words] == [expected]
