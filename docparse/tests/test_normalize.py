"""Normalisation: one Unicode form, one tone placement, one kind of space and line end."""

from __future__ import annotations

import time
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from docparse import parse_document
from docparse.normalize import fix_tone_placement, normalize_text
from docparse.tests import fixtures as fx


def test_decomposed_unicode_is_composed():
    nfd = unicodedata.normalize("NFD", "Kế hoạch tuyên truyền")
    assert nfd != "Kế hoạch tuyên truyền"
    assert normalize_text(nfd) == "Kế hoạch tuyên truyền"


@pytest.mark.parametrize(
    ("old", "modern"),
    [
        ("hoà", "hòa"),
        ("văn hoá", "văn hóa"),
        ("uỷ ban", "ủy ban"),
        ("Đảng uỷ", "Đảng ủy"),
        ("thuỷ lợi", "thủy lợi"),
        ("sức khoẻ", "sức khỏe"),
        ("loè loẹt", "lòe loẹt"),
        ("tuỳ", "tùy"),
        ("luỹ kế", "lũy kế"),
        ("HOÀ BÌNH", "HÒA BÌNH"),
        ("THUỶ", "THỦY"),
        ("Uỷ ban", "Ủy ban"),
        ("thoả thuận", "thỏa thuận"),
    ],
)
def test_old_tone_placement_becomes_modern(old, modern):
    assert normalize_text(old) == modern


@pytest.mark.parametrize(
    "word",
    ["quý", "quỳ", "quỹ", "hoàn", "toán", "khuyến", "huỳnh", "khuỷu", "hoài", "ngoài", "quà"],
)
def test_tone_stays_where_the_rule_does_not_apply(word):
    # qu + y keeps its tone on y; a final consonant or vowel keeps the tone on the main vowel
    assert fix_tone_placement(word) == word


def test_line_ends_spaces_and_invisible_characters():
    raw = "  Kế\u00a0hoạch\u200b  số\t12 \r\nNội\u2003dung\u00ad \rkết thúc  \n"
    assert normalize_text(raw) == "Kế hoạch số 12\nNội dung\nkết thúc"


def test_line_structure_is_kept_and_blank_runs_collapse():
    raw = "\n\n\nMột\nHai\n\n\n\nBa\n \n\u00a0\nBốn\n\n"
    assert normalize_text(raw) == "Một\nHai\n\nBa\n\nBốn"


@pytest.mark.parametrize("source", fx.SOURCES)
def test_messy_unicode_gives_the_same_facts(source):
    text = fx.source_text(source)
    messy = fx.messy_unicode(text)
    assert "\r\n" in messy and "\u00a0" in messy and unicodedata.is_normalized("NFD", messy)
    clean = parse_document(fx.canonical_txt(text).encode("utf-8"))
    dirty = parse_document(messy.encode("utf-8"))
    assert dirty.text == clean.text
    assert fx.comparable(dirty) == fx.comparable(clean)


@given(st.text(max_size=300))
@settings(max_examples=300, deadline=None)
def test_normalisation_is_idempotent(text):
    once = normalize_text(text)
    assert normalize_text(once) == once
    assert "\r" not in once and "\u00a0" not in once and "  " not in once


def test_normalisation_is_fast():
    # the whole parse aims at 1 MB/s; normalisation must take a small share of that
    text = fx.messy_unicode(fx.sample_text("party_plan")) * 300  # about 2 MB
    start = time.process_time()  # CPU time: other work on the machine does not count
    normalize_text(text)
    elapsed = max(time.process_time() - start, 1e-6)
    assert len(text.encode("utf-8")) / elapsed > 2_000_000


def test_a_code_broken_at_its_separator_is_put_back_on_one_line():
    assert normalize_text("Công văn số 6138/UBND-\nKGVX ngày 12/3") == (
        "Công văn số 6138/UBND-KGVX ngày 12/3"
    )
    assert normalize_text("Quyết định số 15-\nQĐ/TU và số 12/\nKH-UBND") == (
        "Quyết định số 15-QĐ/TU và số 12/KH-UBND"
    )
    # not a code: a period, a lower-case or mixed-case line, a bare number before a plain word
    for text in ("giai đoạn 2024-\nThường xuyên", "năm 2024-\nQUÝ I", "1-\nHÀ NỘI", "12/\nnăm"):
        assert normalize_text(text) == text
    assert normalize_text("Số 6138/UBND-\n\nKGVX") == "Số 6138/UBND-\n\nKGVX"  # a paragraph break
