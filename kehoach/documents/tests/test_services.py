"""Import, review and save; dedupe and update; concurrent edits; reference resolution."""

from __future__ import annotations

import datetime as dt

import pytest

from kehoach.audit.models import AuditEntry
from kehoach.core.exceptions import DomainError, PermissionDenied
from kehoach.documents.choices import DocumentStatus, ImportStatus
from kehoach.documents.models import Document, DocumentFile, DocumentTerm, Reference
from kehoach.documents.services import (
    CONCURRENT_EDIT_MESSAGE,
    ReferenceData,
    document_edit_start,
    document_import_save,
    document_import_start,
    initial_data,
    references_resolve,
    resolve_one,
)
from kehoach.documents.tests.factories import DocumentFactory, cite
from kehoach.organizations.choices import Role

pytestmark = pytest.mark.django_db


def _import(user, *, text=None, content=None, filename="ke-hoach.txt"):
    imp = document_import_start(actor=user, text=text, content=content, filename=filename)
    return imp, initial_data(imp, user=user)


def test_an_editor_imports_a_plan_and_the_issuer_is_linked_to_their_unit(two_branches, plan_a_text):
    # given an editor of branch A and the text of branch A's plan
    editor = two_branches.user("a", Role.EDITOR)
    # when they import it and save what docparse read
    imp, data = _import(editor, content=plan_a_text.encode(), filename="121-KH.txt")
    assert data.issuer_unit == two_branches.a.unit
    doc = document_import_save(actor=editor, document_import=imp, data=data)
    # then the document is registered, owned by the issuer, reviewed, with its file and audit
    assert doc.code == "121-KH/ThUA" and doc.code_key == "121-kh-thua"
    assert doc.owner_unit == two_branches.a.unit
    assert doc.date == dt.date(2024, 6, 16) and doc.year == 2024
    assert doc.status == DocumentStatus.REVIEWED and doc.version == 1
    assert doc.files.get().original_name == "121-KH.txt"
    assert doc.references.get().code == "27-CT/TW"
    assert DocumentTerm.objects.filter(document=doc, term="#121-kh-thua", weight=3).exists()
    entry = AuditEntry.objects.get(object_type="documents.document", object_id=str(doc.pk))
    assert entry.action == "document_import" and entry.actor == editor
    imp.refresh_from_db()
    assert imp.status == ImportStatus.SAVED and imp.document == doc


def test_importing_the_same_document_again_offers_an_update_and_never_duplicates(
    two_branches, plan_a_text
):
    editor = two_branches.user("a", Role.EDITOR)
    imp, data = _import(editor, text=plan_a_text)
    first = document_import_save(actor=editor, document_import=imp, data=data)
    # when the same plan is imported again (pasted, so another hash)
    again, data2 = _import(editor, text=plan_a_text + "\nPhụ lục.")
    # then the import points at the existing document, and saving updates it
    assert again.existing == first and again.existing_version == 1
    data2.title = "thực hiện Chỉ thị số 27-CT/TW (sửa)"
    updated = document_import_save(actor=editor, document_import=again, data=data2)
    assert updated.pk == first.pk and updated.version == 2
    assert Document.objects.count() == 1
    assert AuditEntry.objects.filter(object_id=str(first.pk), action="document_update").exists()


def test_a_save_that_meets_a_document_registered_meanwhile_asks_for_confirmation(
    two_branches, plan_a_text
):
    editor = two_branches.user("a", Role.EDITOR)
    imp1, data1 = _import(editor, text=plan_a_text)
    imp2, data2 = _import(editor, text=plan_a_text)  # both read before either is saved
    first = document_import_save(actor=editor, document_import=imp1, data=data1)
    with pytest.raises(DomainError, match="đã có trong hệ thống"):
        document_import_save(actor=editor, document_import=imp2, data=data2)
    imp2.refresh_from_db()
    assert imp2.existing == first
    document_import_save(actor=editor, document_import=imp2, data=data2)
    assert Document.objects.count() == 1


def test_unnumbered_drafts_are_deduplicated_by_file_hash(two_branches):
    editor = two_branches.user("a", Role.EDITOR)
    draft = "KẾ HOẠCH\nTuyên truyền về chuyển đổi số năm 2024\n\nNội dung dự thảo.\n"
    imp, data = _import(editor, content=draft.encode(), filename="du-thao.txt")
    assert not data.code
    doc = document_import_save(actor=editor, document_import=imp, data=data)
    assert doc.dedupe_key.startswith("sha:")
    again, data2 = _import(editor, content=draft.encode(), filename="du-thao-2.txt")
    assert again.existing == doc
    document_import_save(actor=editor, document_import=again, data=data2)
    assert Document.objects.count() == 1
    assert DocumentFile.objects.count() == 1  # same bytes: one file kept


def test_two_different_unnumbered_drafts_are_two_documents(two_branches):
    editor = two_branches.user("a", Role.EDITOR)
    for title in ("Tuyên truyền chuyển đổi số", "Tuyên truyền an toàn giao thông"):
        imp, data = _import(editor, content=f"KẾ HOẠCH\n{title}\n".encode(), filename="x.txt")
        document_import_save(actor=editor, document_import=imp, data=data)
    assert Document.objects.count() == 2


def test_a_concurrent_edit_is_refused_with_a_vietnamese_message(two_branches, plan_a_text):
    editor = two_branches.user("a", Role.EDITOR)
    admin = two_branches.user("a", Role.ADMIN)
    imp, data = _import(editor, text=plan_a_text)
    doc = document_import_save(actor=editor, document_import=imp, data=data)
    # given two people open the same document for correction
    mine = document_edit_start(actor=editor, document=doc)
    theirs = document_edit_start(actor=admin, document=doc)
    mine_data = initial_data(mine, user=editor)
    theirs_data = initial_data(theirs, user=admin)
    theirs_data.title = "Tiêu đề do người kia sửa"
    document_import_save(actor=admin, document_import=theirs, data=theirs_data)
    # when the first saves over the newer version, then it is refused and nothing changes
    mine_data.title = "Tiêu đề của tôi"
    with pytest.raises(DomainError) as err:
        document_import_save(actor=editor, document_import=mine, data=mine_data)
    assert err.value.message == CONCURRENT_EDIT_MESSAGE
    doc.refresh_from_db()
    assert doc.title == "Tiêu đề do người kia sửa" and doc.version == 2


def test_a_parse_error_is_a_vietnamese_message_and_saves_nothing(two_branches):
    editor = two_branches.user("a", Role.EDITOR)
    with pytest.raises(DomainError) as err:
        document_import_start(actor=editor, content=b"", filename="rong.txt")
    assert "rỗng" in err.value.message or "Hãy chọn" in err.value.message
    with pytest.raises(DomainError) as err:
        document_import_start(actor=editor, content=b"%PDF-1.4 broken", filename="hong.pdf")
    assert err.value.message  # docparse's Vietnamese message
    assert not Document.objects.exists()


def test_an_unexpected_reader_failure_is_a_message_not_a_stack_trace(two_branches, monkeypatch):
    editor = two_branches.user("a", Role.EDITOR)

    def boom(*args, **kwargs):
        raise RuntimeError("bug in a reader")

    monkeypatch.setattr("kehoach.documents.services.imports.parse_document", boom)
    with pytest.raises(DomainError, match="Không đọc được"):
        document_import_start(actor=editor, content=b"abc", filename="a.docx")


def test_a_file_over_the_size_limit_is_refused(two_branches, settings):
    settings.KEHOACH_UPLOAD_MAX_BYTES = 100
    editor = two_branches.user("a", Role.EDITOR)
    with pytest.raises(DomainError, match="quá lớn"):
        document_import_start(actor=editor, content=b"x" * 101, filename="big.txt")


@pytest.mark.parametrize("role", [Role.REPORTER, Role.VIEWER])
def test_reporters_and_viewers_cannot_import(two_branches, plan_a_text, role):
    with pytest.raises(PermissionDenied):
        document_import_start(actor=two_branches.user("a", role), text=plan_a_text)


def test_an_editor_cannot_file_a_document_under_another_branch(two_branches, plan_a_text):
    editor = two_branches.user("a", Role.EDITOR)
    imp, data = _import(editor, text=plan_a_text)
    data.issuer_unit = None
    data.owner_unit = two_branches.b.unit
    with pytest.raises(PermissionDenied):
        document_import_save(actor=editor, document_import=imp, data=data)
    assert not Document.objects.exists()


def test_a_bad_date_is_reported_on_its_field_and_nothing_is_saved(two_branches, plan_a_text):
    editor = two_branches.user("a", Role.EDITOR)
    imp, data = _import(editor, text=plan_a_text)
    data.date_text = "31/02/2024"
    with pytest.raises(DomainError) as err:
        document_import_save(actor=editor, document_import=imp, data=data)
    assert err.value.field == "date_text"
    assert not Document.objects.exists()


def test_reviewer_corrections_to_references_are_kept(two_branches, plan_a_text):
    editor = two_branches.user("a", Role.EDITOR)
    imp, data = _import(editor, text=plan_a_text)
    data.references.append(ReferenceData(code="98/2023/QH15", doc_type="NQ"))
    doc = document_import_save(actor=editor, document_import=imp, data=data)
    codes = list(doc.references.values_list("code", "year"))
    assert ("98/2023/QH15", 2023) in codes and ("27-CT/TW", 2023) in codes
    assert [r["code"] for r in doc.parsed["references"]] == ["27-CT/TW", "98/2023/QH15"]


# --- resolution ------------------------------------------------------------------------------


def test_a_reference_resolves_when_the_cited_document_arrives_later(
    two_branches, plan_a_text, directive_text
):
    editor = two_branches.user("a", Role.EDITOR)
    imp, data = _import(editor, text=plan_a_text)
    plan = document_import_save(actor=editor, document_import=imp, data=data)
    ref = plan.references.get()
    assert ref.target is None
    # when the directive itself is imported
    imp2, data2 = _import(editor, text=directive_text)
    directive = document_import_save(actor=editor, document_import=imp2, data=data2)
    # then the plan's reference points at it
    ref.refresh_from_db()
    assert directive.code == "27-CT/TW"
    assert ref.target == directive


def test_party_numbers_restart_each_term_so_the_year_picks_the_document(two_branches):
    unit = two_branches.a.unit
    old = DocumentFactory(
        owner_unit=unit,
        number="04",
        symbol="NQ/TW",
        date=dt.date(2016, 10, 30),
        issuer_name="Ban Chấp hành Trung ương",
    )
    new = DocumentFactory(
        owner_unit=unit,
        number="04",
        symbol="NQ/TW",
        date=dt.date(2021, 11, 5),
        issuer_name="Ban Chấp hành Trung ương khóa XIII",
    )
    citing = DocumentFactory(owner_unit=unit, date=dt.date(2022, 3, 1))
    assert cite(citing, "04-NQ/TW", year=2016).target == old
    assert cite(citing, "04-NQ/TW", date=dt.date(2021, 11, 5)).target == new


def test_without_date_or_year_the_nearest_preceding_term_decides_or_it_stays_unresolved(
    two_branches,
):
    unit = two_branches.a.unit
    DocumentFactory(
        owner_unit=unit,
        number="04",
        symbol="NQ/TW",
        date=dt.date(2016, 10, 30),
        issuer_name="TW khóa XII",
    )
    new = DocumentFactory(
        owner_unit=unit,
        number="04",
        symbol="NQ/TW",
        date=dt.date(2021, 11, 5),
        issuer_name="TW khóa XIII",
    )
    # a 2023 plan citing "04-NQ/TW": only the 2021 one lies in the five years before it
    recent = DocumentFactory(owner_unit=unit, date=dt.date(2023, 3, 1))
    assert cite(recent, "04-NQ/TW").target == new
    # a 2022 plan: both the 2016 and the 2021 resolutions are within five years → ambiguous
    ambiguous = DocumentFactory(owner_unit=unit, date=dt.date(2021, 12, 1))
    ref = cite(ambiguous, "04-NQ/TW")
    assert ref.target is None
    assert "Nhiều văn bản cùng số" in ref.resolution_note


def test_a_second_same_code_document_makes_a_yearless_citation_ambiguous_again(two_branches):
    unit = two_branches.a.unit
    first = DocumentFactory(
        owner_unit=unit, number="04", symbol="NQ/TW", date=dt.date(2021, 11, 5), issuer_name="x"
    )
    citing = DocumentFactory(owner_unit=unit, date=None, year=None)
    ref = cite(citing, "04-NQ/TW")
    assert ref.target == first
    DocumentFactory(
        owner_unit=unit, number="04", symbol="NQ/TW", date=dt.date(2016, 10, 30), issuer_name="y"
    )
    references_resolve(Reference.objects.filter(pk=ref.pk).select_related("document"))
    ref.refresh_from_db()
    assert ref.target is None and ref.resolution_note


def test_resolution_ignores_the_citing_document_itself(two_branches):
    doc = DocumentFactory(owner_unit=two_branches.a.unit, number="5", symbol="KH/TU")
    ref = Reference(document=doc, code="5-KH/TU", code_key="5-kh-tu")
    assert resolve_one(ref, [doc]) == (None, "")


def test_the_same_unnumbered_draft_in_another_format_offers_an_update(two_branches):
    editor = two_branches.user("a", Role.EDITOR)
    draft = "KẾ HOẠCH\nTuyên truyền về chuyển đổi số năm 2024\n\nNội dung dự thảo.\n"
    imp, data = _import(editor, content=draft.encode(), filename="du-thao.txt")
    doc = document_import_save(actor=editor, document_import=imp, data=data)
    # the same draft, other bytes (as a DOCX would be): same type, title and issuer
    again, data2 = _import(
        editor, content=(draft + "\n\n").encode("utf-8"), filename="du-thao.html"
    )
    assert again.existing == doc
    document_import_save(actor=editor, document_import=again, data=data2)
    assert Document.objects.count() == 1 and doc.files.count() == 2


def test_unsaved_imports_are_purged_with_their_files_and_saved_files_stay(
    two_branches, plan_a_text
):
    import io

    from django.core.management import call_command

    from kehoach.documents.models import DocumentImport

    editor = two_branches.user("a", Role.EDITOR)
    saved_imp, data = _import(editor, content=plan_a_text.encode(), filename="a.txt")
    doc = document_import_save(actor=editor, document_import=saved_imp, data=data)
    abandoned, _ = _import(editor, content=b"KE HOACH\nDu thao bo do\n", filename="b.txt")
    storage = abandoned.file.storage
    abandoned_name = abandoned.file.name
    DocumentImport.objects.update(created_at=dt.datetime(2020, 1, 1, tzinfo=dt.UTC))
    out = io.StringIO()
    call_command("purge_imports", "--days", "7", stdout=out)
    assert "Đã xóa 1" in out.getvalue()
    assert not DocumentImport.objects.filter(pk=abandoned.pk).exists()
    assert not storage.exists(abandoned_name)
    assert storage.exists(doc.files.get().file.name)
