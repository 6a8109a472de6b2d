"""A document two branches both hold is shared, never duplicated: when a branch imports a
document another branch registered first, its ownership moves up to their lowest common unit,
which both read (superiors' documents are readable). See docs/architecture.md, "Scoping"."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kehoach.accounts.tests.factories import UserFactory
from kehoach.audit.models import AuditEntry
from kehoach.core.exceptions import DomainError, NotFound, PermissionDenied
from kehoach.documents.choices import ImportStatus
from kehoach.documents.models import Document, DocumentFile, DocumentImport
from kehoach.documents.selectors import document_file_get, document_get, document_search
from kehoach.documents.services import (
    NO_COMMON_UNIT_MESSAGE,
    OWN_DOCUMENT_MESSAGE,
    common_ancestor,
    document_edit_start,
    document_import_save,
    document_import_start,
    initial_data,
    share_message,
)
from kehoach.organizations.choices import Role, UnitKind
from kehoach.organizations.selectors import audit_list_for
from kehoach.organizations.services import membership_grant, unit_create
from kehoach.organizations.testing import make_two_branches

pytestmark = pytest.mark.django_db


def _import_and_save(user, content: bytes, filename: str = "27-CT-TW.txt") -> Document:
    imp = document_import_start(actor=user, content=content, filename=filename)
    return document_import_save(actor=user, document_import=imp, data=initial_data(imp, user=user))


@pytest.fixture
def directive_a(two_branches, directive_text):
    """Chỉ thị 27-CT/TW of the Politburo, imported first by branch A (owned by A's unit)."""
    doc = _import_and_save(two_branches.user("a", Role.EDITOR), directive_text.encode())
    assert doc.owner_unit == two_branches.a.unit and doc.issuer_unit is None
    return doc


def test_a_sibling_branch_importing_the_same_directive_shares_it_through_the_common_root(
    two_branches, directive_a, directive_text
):
    w = two_branches
    editor_b = w.user("b", Role.EDITOR)
    # given branch A registered the directive; when B imports the same directive (another file)
    imp = document_import_start(
        actor=editor_b, content=(directive_text + "\n(Bản sao lưu)\n").encode(), filename="ct27.txt"
    )
    assert imp.existing is None  # B could not see it before: nothing is revealed at reading
    doc = document_import_save(
        actor=editor_b, document_import=imp, data=initial_data(imp, user=editor_b)
    )
    # then there is still one record, now owned by the root above both branches
    assert Document.objects.count() == 1 and doc.pk == directive_a.pk
    assert doc.shared_to == w.root
    doc.refresh_from_db()
    assert doc.owner_unit == w.root and doc.version == directive_a.version + 1
    # the record is kept as A registered it, B's differing file is kept beside A's
    assert doc.title == directive_a.title and doc.code == "27-CT/TW"
    names = sorted(doc.files.values_list("original_name", flat=True))
    assert names == ["27-CT-TW.txt", "ct27.txt"]
    imp.refresh_from_db()
    assert imp.status == ImportStatus.SAVED and imp.document_id == doc.pk
    # and one audit entry, scoped to the common unit, says what happened
    entry = AuditEntry.objects.get(object_id=str(doc.pk), action="document_share")
    assert entry.actor == editor_b and entry.unit_id == w.root.pk
    assert entry.changes["owner_unit"] == [
        {"id": w.a.unit.pk, "repr": str(w.a.unit)},
        {"id": w.root.pk, "repr": str(w.root)},
    ]


def test_the_shared_directive_is_read_by_every_role_of_both_branches_and_not_by_another_root(
    two_branches, directive_a, directive_text
):
    w = two_branches
    other = make_two_branches(prefix="x")
    _import_and_save(w.user("b", Role.EDITOR), directive_text.encode(), "b.txt")
    readers = [u for _b, _r, u in w.role_users()] + [w.a.child_reporter, w.b.child_reporter]
    for user in readers:
        # when any user of either branch opens or searches it, then they find it
        assert document_get(user=user, document_id=directive_a.pk).pk == directive_a.pk
        hits = document_search(user=user, filters={"q": "27-CT/TW"}).hits
        assert [h.document.pk for h in hits] == [directive_a.pk]
    for _b, _r, user in other.role_users():
        # but a user under another root still does not
        with pytest.raises(NotFound):
            document_get(user=user, document_id=directive_a.pk)
        assert document_search(user=user, filters={"q": "27-CT/TW"}).total == 0


def test_a_shared_document_is_edited_by_editors_of_the_common_unit_only(
    two_branches, directive_a, directive_text
):
    w = two_branches
    _import_and_save(w.user("b", Role.EDITOR), directive_text.encode(), "b.txt")
    doc = Document.objects.get()
    # given the directive now belongs to the root, an editor of the root corrects it
    root_editor = UserFactory(username="editor.root")
    membership_grant(actor=None, user=root_editor, unit=w.root, role=Role.EDITOR)
    for user in (root_editor, w.root_admin, w.superuser):
        assert document_edit_start(actor=user, document=doc).existing == doc
    # but neither branch changes alone what the other reads: A's editors lost the edit right too
    for branch in ("a", "b"):
        for role in (Role.ADMIN, Role.EDITOR):
            with pytest.raises(PermissionDenied):
                document_edit_start(actor=w.user(branch, role), document=doc)


def test_the_audit_history_of_a_branch_stays_with_that_branch(
    two_branches, directive_a, directive_text
):
    w = two_branches
    _import_and_save(w.user("b", Role.EDITOR), directive_text.encode(), "b.txt")
    doc = Document.objects.get()
    # A's import entry is A's; the sharing entry is the root's; B reads neither
    assert [e.action for e in audit_list_for(doc, user=w.user("a", Role.VIEWER))] == [
        "document_import"
    ]
    assert list(audit_list_for(doc, user=w.user("b", Role.ADMIN))) == []
    assert [e.action for e in audit_list_for(doc, user=w.root_admin)] == [
        "document_share",
        "document_import",
    ]


def test_a_shared_document_files_download_for_both_branches(
    two_branches, directive_a, directive_text
):
    w = two_branches
    _import_and_save(w.user("b", Role.EDITOR), directive_text.encode() + b"\n", "b.txt")
    for f in DocumentFile.objects.all():
        for branch in ("a", "b"):
            user = w.user(branch, Role.VIEWER)
            assert document_file_get(user=user, document_id=f.document_id, file_id=f.pk) == f


def test_the_same_file_imported_by_the_sibling_adds_no_file(
    two_branches, directive_a, directive_text
):
    _import_and_save(two_branches.user("b", Role.EDITOR), directive_text.encode(), "b.txt")
    assert DocumentFile.objects.count() == 1


def test_ownership_moves_to_the_lowest_common_unit_not_to_the_root(two_branches, directive_text):
    w = two_branches
    # given two cells of branch A, each with its own editor
    cell2 = unit_create(
        actor=None,
        kind=UnitKind.PARTY_CELL,
        name="Chi bộ A2",
        abbreviation="CBA2",
        code="W-A2",
        parent=w.a.unit,
    )
    editors = []
    for unit in (w.a.child, cell2):
        user = UserFactory(username=f"editor.{unit.code}")
        membership_grant(actor=None, user=user, unit=unit, role=Role.EDITOR)
        editors.append(user)
    first = _import_and_save(editors[0], directive_text.encode(), "1.txt")
    assert first.owner_unit == w.a.child
    # when the second cell imports it, then it is shared through branch A, B still not seeing it
    second = _import_and_save(editors[1], directive_text.encode(), "2.txt")
    assert second.pk == first.pk and Document.objects.get().owner_unit == w.a.unit
    assert common_ancestor(w.a.child, cell2) == w.a.unit
    with pytest.raises(NotFound):
        document_get(user=w.user("b", Role.ADMIN), document_id=first.pk)


def test_two_separate_roots_never_share_and_never_duplicate(
    two_branches, directive_a, directive_text
):
    other = make_two_branches(prefix="x")
    editor = other.user("b", Role.EDITOR)
    imp = document_import_start(actor=editor, content=directive_text.encode(), filename="x.txt")
    with pytest.raises(DomainError) as err:
        document_import_save(actor=editor, document_import=imp, data=initial_data(imp, user=editor))
    assert err.value.message == NO_COMMON_UNIT_MESSAGE and "quản trị viên" in err.value.message
    assert Document.objects.count() == 1
    assert Document.objects.get().owner_unit == two_branches.a.unit
    assert not AuditEntry.objects.filter(action="document_share").exists()
    assert common_ancestor(two_branches.a.unit, other.b.unit) is None


def test_a_branchs_own_draft_is_not_shared_by_a_sibling_holding_the_file(two_branches):
    w = two_branches
    # given branch A's own unnumbered draft (identified by its file), which it sent to B
    draft = (
        "THÀNH ỦY NHÁNH A\n\nKẾ HOẠCH\nTuyên truyền chuyển đổi số năm 2024\n\nDự thảo.\n".encode()
    )
    mine = _import_and_save(w.user("a", Role.EDITOR), draft, "du-thao.txt")
    assert mine.owner_unit == w.a.unit
    # when B imports the same file, then it is refused: it stays A's, no copy is made
    editor_b = w.user("b", Role.EDITOR)
    imp = document_import_start(actor=editor_b, content=draft, filename="nhan-tu-A.txt")
    with pytest.raises(DomainError) as err:
        document_import_save(
            actor=editor_b, document_import=imp, data=initial_data(imp, user=editor_b)
        )
    assert err.value.message == OWN_DOCUMENT_MESSAGE
    assert Document.objects.get().owner_unit == w.a.unit and DocumentFile.objects.count() == 1


def test_a_branchs_own_plan_filed_without_linking_its_issuer_is_not_shared(
    two_branches, plan_a_text
):
    w = two_branches
    editor_a = w.user("a", Role.EDITOR)
    imp = document_import_start(actor=editor_a, text=plan_a_text)
    data = initial_data(imp, user=editor_a)
    data.issuer_unit, data.owner_unit = None, w.a.unit  # issuer left as a name
    document_import_save(actor=editor_a, document_import=imp, data=data)
    editor_b = w.user("b", Role.EDITOR)
    imp_b = document_import_start(actor=editor_b, text=plan_a_text)
    with pytest.raises(DomainError, match="văn bản riêng của đơn vị ban hành"):
        document_import_save(
            actor=editor_b, document_import=imp_b, data=initial_data(imp_b, user=editor_b)
        )
    assert Document.objects.get().owner_unit == w.a.unit


def test_the_review_page_tells_the_sibling_the_document_is_now_shared(
    client, two_branches, directive_a, directive_text
):
    from kehoach.documents.tests.test_views import _management

    w = two_branches
    client.force_login(w.user("b", Role.EDITOR))
    client.post(reverse("documents:import"), {"text": directive_text})
    imp = DocumentImport.objects.get(created_by=w.user("b", Role.EDITOR))
    page = client.get(reverse("documents:review", args=[imp.pk]))
    data = {k: ("" if v is None else v) for k, v in page.context["form"].initial.items()}
    data.update(_management(page.context["refs"], "refs", page.context["sections"], "sections"))
    response = client.post(page.request["PATH_INFO"], data, follow=True)
    assert response.redirect_chain[-1][0] == reverse("documents:detail", args=[directive_a.pk])
    html = response.content.decode()
    assert share_message(w.root) in html.replace("&#x27;", "'")
    assert (
        "Văn bản đã có trong hệ thống; nay dùng chung cho các đơn vị thuộc Tỉnh ủy Thử Nghiệm"
        in html
    )
    assert w.a.unit.name not in share_message(w.root)  # B is not told who held it


def test_the_api_save_answers_200_with_the_shared_document(
    client, two_branches, directive_a, directive_text
):
    editor_b = two_branches.user("b", Role.EDITOR)
    client.force_login(editor_b)
    imp = document_import_start(actor=editor_b, text=directive_text)
    url = reverse("api:document_import_save", args=[imp.pk])
    response = client.post(url, {}, content_type="application/json")
    assert response.status_code == 200, response.content[:300]
    assert response.json()["id"] == directive_a.pk
    assert Document.objects.count() == 1


def test_a_branch_importing_the_shared_directive_again_is_told_who_may_update_it(
    two_branches, directive_a, directive_text
):
    w = two_branches
    _import_and_save(w.user("b", Role.EDITOR), directive_text.encode(), "b.txt")
    # when A imports it once more, the registered record is offered, but saving it is refused
    editor_a = w.user("a", Role.EDITOR)
    imp = document_import_start(actor=editor_a, text=directive_text)
    assert imp.existing_id == directive_a.pk
    with pytest.raises(PermissionDenied) as err:
        document_import_save(
            actor=editor_a, document_import=imp, data=initial_data(imp, user=editor_a)
        )
    assert f"do {w.root.name} quản lý" in err.value.message
    assert Document.objects.count() == 1


def test_the_common_superior_can_move_a_branchs_own_draft_up_to_share_it(two_branches):
    w = two_branches
    draft = (
        "THÀNH ỦY NHÁNH A\n\nKẾ HOẠCH\nTuyên truyền chuyển đổi số năm 2024\n\nDự thảo.\n".encode()
    )
    mine = _import_and_save(w.user("a", Role.EDITOR), draft, "du-thao.txt")
    # given the root's admin corrects A's draft and files it under the root (issuer unlinked)
    imp = document_edit_start(actor=w.root_admin, document=mine)
    data = initial_data(imp, user=w.root_admin)
    data.issuer_unit, data.owner_unit = None, w.root
    document_import_save(actor=w.root_admin, document_import=imp, data=data)
    # then B reads it, and importing the file B received adds nothing
    assert document_get(user=w.user("b", Role.VIEWER), document_id=mine.pk).pk == mine.pk
    editor_b = w.user("b", Role.EDITOR)
    again = document_import_start(actor=editor_b, content=draft, filename="nhan-tu-A.txt")
    assert again.existing_id == mine.pk
    assert Document.objects.count() == 1
