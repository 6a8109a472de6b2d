"""Fuzzing: random and mutated bytes only ever give a ParsedDocument or a ParseError.

Mutations start from valid DOCX, PDF, HTML and TXT files of the sample plans; each example
flips, inserts, deletes or overwrites a few bytes. The whole module runs in well under 30 s.
"""

from __future__ import annotations

import functools

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from docparse import ParsedDocument, ParseError, parse_document
from docparse.tests import fixtures as fx

FUZZ = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    derandomize=True,
)


@functools.cache
def seeds() -> dict[str, bytes]:
    text = fx.sample_text("state_plan")
    return {
        "docx": fx.build_docx(text),
        "docx-tcvn3": fx.build_docx(text, legacy="tcvn3"),
        "pdf": fx.build_pdf(text),
        "html": fx.build_html(text),
        "txt": text.encode("utf-8"),
        "vni": fx.to_vni(text).encode("cp1252"),
    }


def parse_safely(data: bytes) -> None:
    try:
        result = parse_document(data, filename="fuzz.bin")
    except ParseError as error:
        assert error.code and error.message_vi and error.message_en
        return
    assert isinstance(result, ParsedDocument)
    result.to_json()


@st.composite
def mutated(draw, kind: str) -> bytes:
    data = bytearray(seeds()[kind])
    for _ in range(draw(st.integers(min_value=1, max_value=8))):
        if not data:
            break
        position = draw(st.integers(min_value=0, max_value=len(data) - 1))
        action = draw(st.sampled_from(["flip", "insert", "delete", "overwrite", "truncate"]))
        if action == "flip":
            data[position] ^= 1 << draw(st.integers(min_value=0, max_value=7))
        elif action == "insert":
            data[position:position] = draw(st.binary(min_size=1, max_size=16))
        elif action == "delete":
            del data[position : position + draw(st.integers(min_value=1, max_value=64))]
        elif action == "overwrite":
            chunk = draw(st.binary(min_size=1, max_size=32))
            data[position : position + len(chunk)] = chunk
        else:
            del data[position:]
    return bytes(data)


@given(st.binary(max_size=4096))
@FUZZ
def test_random_bytes(data):
    parse_safely(data)


@given(
    st.one_of(st.just(b"PK\x03\x04"), st.just(b"%PDF-1.4\n"), st.just(b"<html>")).flatmap(
        lambda prefix: st.binary(max_size=2048).map(lambda tail: prefix + tail)
    )
)
@FUZZ
def test_random_bytes_behind_a_format_signature(data):
    parse_safely(data)


@given(st.text(max_size=3000))
@FUZZ
def test_random_text(text):
    parse_safely(text.encode("utf-8"))


@given(mutated("docx"))
@FUZZ
def test_mutated_docx(data):
    parse_safely(data)


@given(mutated("docx-tcvn3"))
@FUZZ
def test_mutated_legacy_docx(data):
    parse_safely(data)


@given(mutated("pdf"))
@FUZZ
def test_mutated_pdf(data):
    parse_safely(data)


@given(mutated("html"))
@FUZZ
def test_mutated_html(data):
    parse_safely(data)


@given(mutated("txt"))
@FUZZ
def test_mutated_txt(data):
    parse_safely(data)


@given(mutated("vni"))
@FUZZ
def test_mutated_vni_txt(data):
    parse_safely(data)
