"""Bad input: every file docparse cannot read raises ParseError with a stable code and a message
in Vietnamese and in English — never another exception."""

from __future__ import annotations

import io
import os
import zipfile

import pytest

from docparse import DEFAULT_MAX_BYTES, ParseError, parse_document
from docparse.readers import docx as docx_reader
from docparse.tests import fixtures as fx


def error_of(source, **kwargs) -> ParseError:
    with pytest.raises(ParseError) as caught:
        parse_document(source, **kwargs)
    error = caught.value
    assert error.message_vi and error.message_en
    assert error.message_vi != error.message_en
    return error


@pytest.mark.parametrize(
    "data", [b"", b"   \n\r\n\t  ", "\u00a0\u200b\n".encode(), b"\xef\xbb\xbf"]
)
def test_empty_input(data):
    assert error_of(data).code == "empty"


def test_empty_file(tmp_path):
    path = tmp_path / "rong.txt"
    path.write_bytes(b"")
    assert error_of(path).code == "empty"


def test_empty_docx_body():
    assert error_of(fx.build_docx("", numbering=False)).code == "empty"


def test_missing_file(tmp_path):
    assert error_of(tmp_path / "khong-co.docx").code == "unreadable"


@pytest.mark.parametrize(
    "data",
    [bytes(range(256)) * 8, b"\x00\x01\x02\x03" * 500],
    ids=["all-bytes", "nul-bytes"],
)
def test_binary_data_is_an_unknown_format(data):
    assert error_of(data).code == "unknown_format"


@pytest.mark.parametrize(
    "data",
    [b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, b"\xff\xd8\xff\xe0" + bytes(range(256)) * 4],
    ids=["png", "jpeg"],
)
def test_damaged_image_is_refused(data):
    # images are read by OCR; one that does not decode says so (whether or not OCR is installed)
    assert error_of(data).code in ("corrupt", "ocr_unavailable")


def test_damaged_word_97_document_is_refused_with_advice():
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 1000
    error = error_of(data, filename="ke-hoach.doc")
    assert error.code == "doc_unreadable"
    assert ".doc" in error.message_vi


def test_zip_that_is_not_a_word_document():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        zf.writestr("readme.txt", "không phải docx")
    assert error_of(buffer.getvalue()).code == "unknown_format"


@pytest.mark.parametrize("cut", [0.2, 0.5, 0.9])
def test_truncated_docx_is_corrupt(cut):
    data = fx.build_docx(fx.sample_text("state_plan"))
    assert error_of(data[: int(len(data) * cut)]).code == "corrupt"


def test_docx_with_broken_xml_is_corrupt():
    data = fx.build_docx(fx.sample_text("state_plan"))
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name in source.namelist():
            payload = source.read(name)
            if name == "word/document.xml":
                payload = payload[: len(payload) // 2]
            target.writestr(name, payload)
    assert error_of(out.getvalue()).code == "corrupt"


def test_docx_with_entity_expansion_is_not_expanded():
    # "billion laughs": entities are not resolved, so the document stays small (or is refused)
    bomb = (
        '<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "aaaaaaaaaa">'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        "<w:body><w:p><w:r><w:t>Kế hoạch &c;</w:t></w:r></w:p></w:body></w:document>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        zf.writestr("word/document.xml", bomb)
    try:
        doc = parse_document(buffer.getvalue())
    except ParseError:
        return
    assert len(doc.text) < 100


def zip_with_member(size: int) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", b"<" + b" " * size + b">")
    return buffer.getvalue()


def test_docx_zip_bomb_by_compression_ratio():
    data = zip_with_member(4 * 1024 * 1024)  # 4 MB of spaces compress about 1000:1
    assert len(data) < 50_000
    assert error_of(data).code == "zip_bomb"


def test_docx_zip_bomb_by_declared_size(monkeypatch):
    monkeypatch.setattr(docx_reader, "MAX_MEMBER_BYTES", 100_000)
    monkeypatch.setattr(docx_reader, "RATIO_MIN_BYTES", 10**9)
    assert error_of(zip_with_member(200_000)).code == "zip_bomb"


def test_docx_zip_bomb_by_member_count(monkeypatch):
    monkeypatch.setattr(docx_reader, "MAX_MEMBERS", 3)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        for i in range(5):
            zf.writestr(f"word/part{i}.xml", "<x/>")
    assert error_of(buffer.getvalue()).code == "zip_bomb"


def test_encrypted_pdf():
    assert error_of(fx.build_pdf("Kế hoạch tuyên truyền.", encrypt="abc")).code == "encrypted"


def test_scanned_pdf_without_any_text():
    # a blank scan: OCR (when installed) reads nothing and says so; without OCR it is refused
    from docparse.readers.ocr import ocr_available

    expected = "ocr_empty" if ocr_available() else "no_text_layer"
    assert error_of(fx.build_image_only_pdf()).code == expected


def test_pdf_garbage_after_the_signature_is_corrupt():
    assert error_of(b"%PDF-1.7\n" + bytes(range(256)) * 20).code == "corrupt"


def test_bytes_over_the_limit():
    error = error_of(b"a" * 2000, max_bytes=1000)
    assert error.code == "too_large"


def test_file_over_the_limit_is_refused_before_reading(tmp_path, monkeypatch):
    path = tmp_path / "lon.txt"
    with path.open("wb") as fh:
        fh.truncate(DEFAULT_MAX_BYTES + 1)  # sparse: nothing is written
    opened = []
    original_open = type(path).open

    def spy(self, *args, **kwargs):
        opened.append(self)
        return original_open(self, *args, **kwargs)

    monkeypatch.setattr(type(path), "open", spy)
    assert error_of(path).code == "too_large"
    assert opened == []
    assert os.path.getsize(path) == DEFAULT_MAX_BYTES + 1


def test_error_message_names_both_languages():
    error = error_of(b"")
    assert str(error) == f"{error.message_vi} ({error.message_en})"


def test_zip_with_an_unsupported_version_is_corrupt():
    # found by fuzzing: zipfile raises NotImplementedError for a strange "version needed"
    data = bytearray(fx.build_docx("Kế hoạch.", numbering=False))
    central = data.rfind(b"PK\x01\x02")
    data[central + 6] = 148  # version needed to extract: 14.8
    assert error_of(bytes(data)).code == "corrupt"
