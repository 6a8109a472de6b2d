"""Saving an import costs work linear in its citations, with a fixed number of queries, and an
import citing more than ``KEHOACH_IMPORT_MAX_REFERENCES`` documents is refused, saving nothing."""

from __future__ import annotations

import datetime as dt
import tracemalloc

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kehoach.core.exceptions import DomainError
from kehoach.documents.models import Document, DocumentImport, Reference
from kehoach.documents.normalize import code_key
from kehoach.documents.services import (
    ReferenceData,
    document_import_save,
    document_import_start,
    initial_data,
    references_resolve,
)
from kehoach.organizations.choices import Role

pytestmark = pytest.mark.django_db


def plan_citing(n: int, number: int = 121) -> str:
    lines = ["ĐẢNG CỘNG SẢN VIỆT NAM", "THÀNH ỦY NHÁNH A", "*", f"Số {number}-KH/ThUA",
             "Nhánh A, ngày 16 tháng 6 năm 2024", "", "KẾ HOẠCH", "thực hiện các chỉ thị", "",
             "Căn cứ:"]  # fmt: skip
    lines += [
        f"- Chỉ thị số {i}-CT/TW, ngày 25/12/{2000 + i % 24} của Bộ Chính trị về việc {i};"
        for i in range(1, n + 1)
    ]
    return "\n".join([*lines, "", "I. MỤC ĐÍCH, YÊU CẦU", "1. Tuyên truyền."])


@pytest.fixture
def registry(two_branches):
    """Directives 1..100-CT/TW of the root, every tenth one twice (two terms)."""
    docs = []
    for i in range(1, 101):
        for year in [2000 + i % 24] + ([1990 + i % 10] if i % 10 == 0 else []):
            code = f"{i}-CT/TW"
            docs.append(
                Document(
                    code=code, code_key=code_key(code), owner_unit=two_branches.root,
                    date=dt.date(year, 12, 25), year=year, sort_date=dt.date(year, 12, 25),
                    title=f"Chỉ thị {i}", dedupe_key=f"code:{code_key(code)}|bct|{year}",
                )
            )  # fmt: skip
    Document.objects.bulk_create(docs)
    return two_branches


def _save(editor, n: int, number: int) -> tuple[Document, int]:
    imp = document_import_start(actor=editor, text=plan_citing(n, number))
    data = initial_data(imp, user=editor)
    with CaptureQueriesContext(connection) as ctx:
        doc = document_import_save(actor=editor, document_import=imp, data=data)
    return doc, len(ctx.captured_queries)


def test_saving_an_import_runs_as_many_queries_for_60_references_as_for_5(registry, query_pins):
    editor = registry.user("a", Role.EDITOR)
    # given two plans citing 5 and 60 directives; when each is saved
    small, few = _save(editor, 5, 1)
    large, many = _save(editor, 60, 2)
    # then the query count does not grow with the citations (no query per reference or pair)
    assert small.references.count() == 5 and large.references.count() == 60
    assert few == many
    query_pins.check("service import save (5 or 60 references)", many)
    # and the citations were resolved: exact date, ambiguous-free, the right term
    tenth = large.references.get(code="10-CT/TW")
    assert tenth.target.year == 2010 and tenth.resolution_note == ""
    assert large.references.filter(target__isnull=False).count() == 60


def test_resolving_saved_references_is_one_batch_of_queries_whatever_their_number(
    registry, query_pins
):
    editor = registry.user("a", Role.EDITOR)
    small, _ = _save(editor, 5, 1)
    large, _ = _save(editor, 90, 2)
    Reference.objects.update(target=None)  # as if the registry had just received the directives
    counts = []
    for doc in (small, large):
        with CaptureQueriesContext(connection) as ctx:
            changed = references_resolve(Reference.objects.filter(document=doc))
        assert changed == doc.references.count()
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1]
    query_pins.check("service references_resolve (5 or 90 references)", counts[1])
    assert not Reference.objects.filter(target__isnull=True).exists()


def test_saving_1000_references_allocates_little_memory(registry):
    editor = registry.user("a", Role.EDITOR)
    imp = document_import_start(actor=editor, text=plan_citing(1000))
    data = initial_data(imp, user=editor)
    tracemalloc.start()
    try:
        doc = document_import_save(actor=editor, document_import=imp, data=data)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert doc.references.count() == 1000
    # was 1.6 GB (the citing document loaded once per reference); now a few MB
    assert peak < 60 * 2**20, f"{peak / 2**20:.0f} MB"


def test_an_import_citing_more_than_the_maximum_is_refused_at_reading(two_branches, settings):
    settings.KEHOACH_IMPORT_MAX_REFERENCES = 20
    editor = two_branches.user("a", Role.EDITOR)
    with pytest.raises(DomainError) as err:
        document_import_start(actor=editor, text=plan_citing(21))
    assert "vượt quá giới hạn 20 văn bản dẫn chiếu" in err.value.message
    assert "Chưa có gì được lưu" in err.value.message
    assert not DocumentImport.objects.exists()
    assert document_import_start(actor=editor, text=plan_citing(20)).pk  # the maximum is allowed


def test_a_save_with_more_references_than_the_maximum_saves_nothing(two_branches, settings):
    editor = two_branches.user("a", Role.EDITOR)
    imp = document_import_start(actor=editor, text=plan_citing(3))
    data = initial_data(imp, user=editor)
    settings.KEHOACH_IMPORT_MAX_REFERENCES = 10
    # when the reviewer (or an API client) sends 11 references
    data.references = [ReferenceData(code=f"{i}-CT/TW") for i in range(1, 12)]
    with pytest.raises(DomainError, match="dẫn chiếu 11 văn bản khác"):
        document_import_save(actor=editor, document_import=imp, data=data)
    assert not Document.objects.exists() and not Reference.objects.exists()
    imp.refresh_from_db()
    assert imp.status == "pending"


def test_the_default_maximum_is_2000(settings):
    from config.settings import base

    assert base.KEHOACH_IMPORT_MAX_REFERENCES == 2000
