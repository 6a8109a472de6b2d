"""A document another branch registered is shared on its owner's word, never on the importer's.

When a save matches a document the importer cannot see, that document is neither revealed,
moved nor rewritten: a share request goes to its owner, whose editors (or an admin above both
branches) accept or decline it; accepting lets the requesting unit read it, and the owner's
editors keep editing it. See docs/architecture.md, "Registry documents" and docs/security.md.
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kehoach.audit.models import AuditEntry
from kehoach.core.exceptions import NotFound, PermissionDenied
from kehoach.documents.choices import ImportStatus, ShareRequestStatus
from kehoach.documents.models import Document, DocumentFile, DocumentImport, DocumentShareRequest
from kehoach.documents.selectors import (
    document_get,
    document_list,
    document_search,
    share_request_get,
    share_requests_incoming,
)
from kehoach.documents.services import (
    SHARE_REQUESTED_MESSAGE,
    ShareRequested,
    common_ancestor,
    document_edit_start,
    document_import_save,
    document_import_start,
    initial_data,
    share_request_accept,
    share_request_decline,
)
from kehoach.organizations.choices import Role
from kehoach.organizations.selectors import audit_list_for
from kehoach.organizations.testing import make_two_branches

pytestmark = pytest.mark.django_db

INTERNAL = "Ghi chú nội bộ: chỉ lưu hành trong Thành ủy, không phổ biến."
# What the other branch's admin pasted: the same number, issuer and date, nothing else.
STUB = """BAN CHẤP HÀNH TRUNG ƯƠNG
Số 27-CT/TW
Hà Nội, ngày 25 tháng 12 năm 2023
CHỈ THỊ
x
"""


def _import_and_save(user, content: bytes, filename: str = "27-CT-TW.txt") -> Document:
    imp = document_import_start(actor=user, content=content, filename=filename)
    return document_import_save(actor=user, document_import=imp, data=initial_data(imp, user=user))


def _request(user, text: str = STUB) -> tuple[DocumentImport, ShareRequested]:
    imp = document_import_start(actor=user, text=text)
    with pytest.raises(ShareRequested) as err:
        document_import_save(actor=user, document_import=imp, data=initial_data(imp, user=user))
    imp.refresh_from_db()
    return imp, err.value


@pytest.fixture
def directive_a(two_branches, directive_text):
    """Chỉ thị 27-CT/TW, imported first by branch A with an internal note in its text."""
    doc = _import_and_save(
        two_branches.user("a", Role.EDITOR), (directive_text + "\n" + INTERNAL + "\n").encode()
    )
    assert doc.owner_unit == two_branches.a.unit and INTERNAL in doc.text
    return doc


def _snapshot(doc: Document) -> tuple:
    doc = Document.objects.get(pk=doc.pk)
    return (doc.owner_unit_id, doc.version, doc.title, doc.text, doc.parsed, doc.files.count())


# --- the stub attack --------------------------------------------------------------------------


def test_a_pasted_stub_of_a_hidden_document_reveals_moves_and_rewrites_nothing(
    two_branches, directive_a
):
    w = two_branches
    before = _snapshot(directive_a)
    attacker = w.user("b", Role.ADMIN)
    # given B's admin cannot see A's directive; when he pastes a stub with its number, issuer, date
    imp, sent = _request(attacker)
    # then nothing of the document changed: owner, version, text, parsed record, files
    assert _snapshot(directive_a) == before
    assert Document.objects.count() == 1
    # and nothing of it reached him: not the import, not the message, not a read
    assert imp.existing_id is None and imp.document_id is None
    assert imp.status == ImportStatus.REQUESTED
    assert sent.message == SHARE_REQUESTED_MESSAGE
    assert directive_a.title not in sent.message and w.a.unit.name not in sent.message
    for user in [u for _b, _r, u in w.role_users() if _b == "b"] + [w.b.child_reporter]:
        with pytest.raises(NotFound):
            document_get(user=user, document_id=directive_a.pk)
        assert document_search(user=user, filters={"q": "27-CT/TW"}).total == 0
        assert document_search(user=user, filters={"q": "noi bo"}).total == 0
        assert not document_list(user=user).filter(pk=directive_a.pk).exists()
    # and A's editor still edits it
    assert document_edit_start(actor=w.user("a", Role.EDITOR), document=directive_a).existing
    # a request is pending for A, audited for A's unit only
    req = DocumentShareRequest.objects.get()
    assert (req.document_id, req.requesting_unit, req.requested_by, req.status) == (
        directive_a.pk,
        w.b.unit,
        attacker,
        ShareRequestStatus.PENDING,
    )
    entry = AuditEntry.objects.get(action="document_share_request")
    assert entry.unit_id == w.a.unit.pk and entry.actor == attacker
    assert not AuditEntry.objects.filter(action="document_share").exists()


def test_saving_the_same_stub_again_sends_no_second_request(two_branches, directive_a):
    attacker = two_branches.user("b", Role.EDITOR)
    first_imp, first = _request(attacker)
    _imp, second = _request(attacker, STUB + "\n")
    assert first.share_request.pk == second.share_request.pk
    assert DocumentShareRequest.objects.count() == 1
    # and the requested import cannot be saved again
    with pytest.raises(Exception, match="đã được gửi đề nghị dùng chung"):
        document_import_save(
            actor=attacker, document_import=first_imp, data=initial_data(first_imp, user=attacker)
        )


def test_a_branchs_own_draft_received_by_a_sibling_is_only_requested(two_branches):
    w = two_branches
    draft = (
        "THÀNH ỦY NHÁNH A\n\nKẾ HOẠCH\nTuyên truyền chuyển đổi số năm 2024\n\nDự thảo.\n".encode()
    )
    mine = _import_and_save(w.user("a", Role.EDITOR), draft, "du-thao.txt")
    editor_b = w.user("b", Role.EDITOR)
    imp = document_import_start(actor=editor_b, content=draft, filename="nhan-tu-A.txt")
    with pytest.raises(ShareRequested):
        document_import_save(
            actor=editor_b, document_import=imp, data=initial_data(imp, user=editor_b)
        )
    assert Document.objects.get().owner_unit == w.a.unit and DocumentFile.objects.count() == 1
    assert DocumentShareRequest.objects.get().document == mine


def test_a_unit_under_another_root_can_only_ask_too(two_branches, directive_a):
    other = make_two_branches(prefix="x")
    before = _snapshot(directive_a)
    _imp, sent = _request(other.user("b", Role.EDITOR))
    assert _snapshot(directive_a) == before
    assert sent.share_request.requesting_unit == other.b.unit
    assert common_ancestor(two_branches.a.unit, other.b.unit) is None


# --- deciding ---------------------------------------------------------------------------------


def test_the_owner_accepts_and_the_requester_reads_while_the_owner_keeps_editing(
    two_branches, directive_a
):
    w = two_branches
    imp, sent = _request(w.user("b", Role.EDITOR))
    owner_editor = w.user("a", Role.EDITOR)
    # when A's editor accepts
    req = share_request_accept(actor=owner_editor, share_request=sent.share_request)
    assert req.status == ShareRequestStatus.ACCEPTED and req.decided_by == owner_editor
    assert req.decided_at is not None
    # then every user of B (and below) reads it, a unit under another root still does not
    readers = [u for b, _r, u in w.role_users() if b == "b"] + [w.b.child_reporter]
    for user in readers:
        assert document_get(user=user, document_id=directive_a.pk).pk == directive_a.pk
        hits = document_search(user=user, filters={"q": "27-CT/TW"}).hits
        assert [h.document.pk for h in hits] == [directive_a.pk]
    for _b, _r, user in make_two_branches(prefix="x").role_users():
        with pytest.raises(NotFound):
            document_get(user=user, document_id=directive_a.pk)
    # and ownership stayed: A's editor still edits, B's editor and admin do not
    doc = Document.objects.get(pk=directive_a.pk)
    assert doc.owner_unit == w.a.unit and doc.version == directive_a.version
    assert document_edit_start(actor=owner_editor, document=doc).existing == doc
    for role in (Role.ADMIN, Role.EDITOR):
        with pytest.raises(PermissionDenied):
            document_edit_start(actor=w.user("b", role), document=doc)
    # and B's import now leads to the document
    imp.refresh_from_db()
    assert imp.status == ImportStatus.SAVED and imp.document_id == doc.pk
    # the decision is audited for A's unit
    entry = AuditEntry.objects.get(action="document_share_accept")
    assert entry.actor == owner_editor and entry.unit_id == w.a.unit.pk


def test_a_declined_request_leaves_the_requester_blind(two_branches, directive_a):
    w = two_branches
    _imp, sent = _request(w.user("b", Role.EDITOR))
    share_request_decline(actor=w.user("a", Role.ADMIN), share_request=sent.share_request)
    with pytest.raises(NotFound):
        document_get(user=w.user("b", Role.ADMIN), document_id=directive_a.pk)
    assert AuditEntry.objects.filter(action="document_share_decline").count() == 1
    # and a decided request is not decided again
    with pytest.raises(Exception, match="đã được quyết định"):
        share_request_accept(actor=w.user("a", Role.ADMIN), share_request=sent.share_request)


def test_an_admin_above_both_branches_may_decide(two_branches, directive_a):
    w = two_branches
    _imp, sent = _request(w.user("b", Role.EDITOR))
    assert share_request_get(user=w.root_admin, request_id=sent.share_request.pk)
    share_request_accept(actor=w.root_admin, share_request=sent.share_request)
    assert document_get(user=w.user("b", Role.VIEWER), document_id=directive_a.pk)


def test_no_one_but_the_owners_editors_or_those_above_may_decide(two_branches, directive_a):
    w = two_branches
    _imp, sent = _request(w.user("b", Role.EDITOR))
    req = sent.share_request
    other = make_two_branches(prefix="x")
    refused = [
        w.user("b", Role.ADMIN),  # the requester's own admin
        w.user("b", Role.EDITOR),  # the requester
        w.user("a", Role.VIEWER),
        w.user("a", Role.REPORTER),
        w.a.child_reporter,
        other.root_admin,
        other.user("a", Role.ADMIN),
    ]
    for user in refused:
        with pytest.raises(NotFound):
            share_request_get(user=user, request_id=req.pk)
        assert not share_requests_incoming(user=user).exists()
        for decide in (share_request_accept, share_request_decline):
            with pytest.raises(PermissionDenied):
                decide(actor=user, share_request=req)
    req.refresh_from_db()
    assert req.status == ShareRequestStatus.PENDING
    assert not AuditEntry.objects.filter(action__in=["document_share_accept",
                                                      "document_share_decline"]).exists()  # fmt: skip


def test_the_audit_history_of_a_branch_stays_with_that_branch(two_branches, directive_a):
    w = two_branches
    _imp, sent = _request(w.user("b", Role.EDITOR))
    share_request_accept(actor=w.user("a", Role.EDITOR), share_request=sent.share_request)
    # B now reads the document but not A's history of it
    assert list(audit_list_for(directive_a, user=w.user("b", Role.ADMIN))) == []
    assert [e.action for e in audit_list_for(directive_a, user=w.user("a", Role.VIEWER))] == [
        "document_import"
    ]


# --- the pages ----------------------------------------------------------------------------


def _review_post(client, user, text):
    from kehoach.documents.tests.test_views import _management

    client.force_login(user)
    client.post(reverse("documents:import"), {"text": text})
    imp = DocumentImport.objects.filter(created_by=user).latest("created_at")
    page = client.get(reverse("documents:review", args=[imp.pk]))
    data = {k: ("" if v is None else v) for k, v in page.context["form"].initial.items()}
    data.update(_management(page.context["refs"], "refs", page.context["sections"], "sections"))
    return client.post(page.request["PATH_INFO"], data, follow=True), imp


def test_the_review_page_tells_the_importer_a_request_was_sent_and_nothing_more(
    client, two_branches, directive_a
):
    w = two_branches
    response, imp = _review_post(client, w.user("b", Role.EDITOR), STUB)
    assert response.redirect_chain[-1][0] == reverse("documents:share_requests")
    html = response.content.decode().replace("&#x27;", "'")
    assert "đã gửi đề nghị dùng chung" in html
    for secret in (directive_a.title, INTERNAL, w.a.unit.name):
        assert secret not in html
    assert reverse("documents:detail", args=[directive_a.pk]) not in html
    # opening the review again leads to the same page, saving nothing
    again = client.get(reverse("documents:review", args=[imp.pk]), follow=True)
    assert again.redirect_chain[-1][0] == reverse("documents:share_requests")


def test_the_owner_accepts_on_the_page_and_the_requester_then_opens_the_document(
    client, two_branches, directive_a, query_pins
):
    w = two_branches
    _request(w.user("b", Role.EDITOR))
    req = DocumentShareRequest.objects.get()
    client.force_login(w.user("a", Role.EDITOR))
    with CaptureQueriesContext(connection) as ctx:
        page = client.get(reverse("documents:share_requests"))
    query_pins.check("page share requests", len(ctx.captured_queries))
    html = page.content.decode()
    accept = reverse("documents:share_request_decide", args=[req.pk, "accept"])
    assert w.b.unit.name in html and accept in html and "27-CT/TW" in html
    assert 'name="csrfmiddlewaretoken"' in html
    assert client.get(accept).status_code == 405  # POST only
    response = client.post(accept, follow=True)
    assert "Đã đồng ý dùng chung văn bản" in response.content.decode()
    client.force_login(w.user("b", Role.VIEWER))
    assert client.get(reverse("documents:detail", args=[directive_a.pk])).status_code == 200


def test_the_requester_cannot_decide_on_the_page(client, two_branches, directive_a):
    w = two_branches
    _request(w.user("b", Role.EDITOR))
    req = DocumentShareRequest.objects.get()
    client.force_login(w.user("b", Role.ADMIN))
    page = client.get(reverse("documents:share_requests")).content.decode()
    assert "27-CT/TW" not in page and directive_a.title not in page  # B sees its own import only
    assert "Chờ quyết định" in page
    for decision in ("accept", "decline"):
        url = reverse("documents:share_request_decide", args=[req.pk, decision])
        assert client.post(url).status_code == 404
    req.refresh_from_db()
    assert req.status == ShareRequestStatus.PENDING


def test_deciding_needs_the_csrf_token(two_branches, directive_a):
    w = two_branches
    _request(w.user("b", Role.EDITOR))
    req = DocumentShareRequest.objects.get()
    client = Client(enforce_csrf_checks=True)
    client.force_login(w.user("a", Role.EDITOR))
    url = reverse("documents:share_request_decide", args=[req.pk, "accept"])
    assert client.post(url).status_code == 403
    req.refresh_from_db()
    assert req.status == ShareRequestStatus.PENDING


# --- the API ----------------------------------------------------------------------------------


def test_the_api_save_answers_202_and_names_nothing_of_the_document(
    client, two_branches, directive_a
):
    editor_b = two_branches.user("b", Role.EDITOR)
    client.force_login(editor_b)
    imp = document_import_start(actor=editor_b, text=STUB)
    response = client.post(
        reverse("api:document_import_save", args=[imp.pk]), {}, content_type="application/json"
    )
    assert response.status_code == 202, response.content[:300]
    body = response.json()
    assert body["detail"] == SHARE_REQUESTED_MESSAGE
    assert body["share_request_id"] == DocumentShareRequest.objects.get().pk
    assert str(directive_a.pk) not in response.content.decode().replace(
        str(body["share_request_id"]), ""
    )


def test_the_api_lists_and_decides_scoped_like_the_page(client, two_branches, directive_a):
    w = two_branches
    _request(w.user("b", Role.EDITOR))
    req = DocumentShareRequest.objects.get()
    url_list = reverse("api:document_share_request_list")
    accept = reverse("api:document_share_request_accept", args=[req.pk])
    # the requester sees its request without the document, and cannot decide
    client.force_login(w.user("b", Role.ADMIN))
    assert client.get(url_list).json()["results"] == []
    sent = client.get(url_list, {"direction": "outgoing"}).json()["results"]
    assert [(r["id"], r["document_id"], r["document_code"]) for r in sent] == [(req.pk, None, None)]
    assert client.post(accept).status_code == 404
    assert client.get(url_list, {"direction": "sideways"}).status_code == 400
    # the owner's editor sees it named and accepts it
    client.force_login(w.user("a", Role.EDITOR))
    incoming = client.get(url_list, {"status": "pending"}).json()["results"]
    assert [(r["id"], r["document_id"], r["document_code"]) for r in incoming] == [
        (req.pk, directive_a.pk, "27-CT/TW")
    ]
    response = client.post(accept)
    assert response.status_code == 200 and response.json()["status"] == "accepted"
    again = client.post(reverse("api:document_share_request_decline", args=[req.pk]))
    assert again.status_code == 400 and "đã được quyết định" in again.json()["detail"]
    # and the requester now reads the document through the API
    client.force_login(w.user("b", Role.VIEWER))
    assert client.get(reverse("api:document_detail", args=[directive_a.pk])).status_code == 200


def test_a_requested_import_is_purged_like_an_unsaved_one(two_branches, directive_a):
    import datetime as dt

    from kehoach.documents.services import document_imports_purge

    imp, sent = _request(two_branches.user("b", Role.EDITOR))
    DocumentImport.objects.filter(pk=imp.pk).update(
        created_at=imp.created_at - dt.timedelta(days=30)
    )
    assert document_imports_purge(older_than=dt.timedelta(days=7)) == 1
    sent.share_request.refresh_from_db()
    assert sent.share_request.document_import_id is None  # the request itself stays
    assert Document.objects.get(pk=directive_a.pk).files.count() == 1


def test_the_owners_editors_are_told_of_a_request_and_the_requester_of_the_decision(
    two_branches, directive_a, django_capture_on_commit_callbacks
):
    from kehoach.notifications.models import Notification

    w = two_branches
    requester = w.user("b", Role.EDITOR)
    with django_capture_on_commit_callbacks(execute=True):
        _imp, sent = _request(requester)
    told = Notification.objects.filter(kind="share_request")
    assert {n.user for n in told} == {w.user("a", Role.EDITOR), w.user("a", Role.ADMIN)}
    assert all(w.b.unit.name in n.title and directive_a.title not in n.body for n in told)
    assert not Notification.objects.filter(user=requester).exists()
    with django_capture_on_commit_callbacks(execute=True):
        share_request_accept(actor=w.user("a", Role.EDITOR), share_request=sent.share_request)
    note = Notification.objects.get(user=requester, kind="share_decided")
    assert "27-CT/TW" in note.title and note.url == f"/documents/{directive_a.pk}/"


def test_a_refusal_tells_the_requester_nothing_of_the_document(
    two_branches, directive_a, django_capture_on_commit_callbacks
):
    from kehoach.notifications.models import Notification

    w = two_branches
    requester = w.user("b", Role.EDITOR)
    _imp, sent = _request(requester)
    with django_capture_on_commit_callbacks(execute=True):
        share_request_decline(actor=w.user("a", Role.EDITOR), share_request=sent.share_request)
    note = Notification.objects.get(user=requester, kind="share_decided")
    assert "27-CT/TW" not in note.title + note.body and str(directive_a.pk) not in note.url


def test_the_document_page_tells_the_owners_editors_whom_it_is_shared_with(
    client, two_branches, directive_a
):
    w = two_branches
    _imp, sent = _request(w.user("b", Role.EDITOR))
    share_request_accept(actor=w.user("a", Role.EDITOR), share_request=sent.share_request)
    url = reverse("documents:detail", args=[directive_a.pk])
    client.force_login(w.user("a", Role.EDITOR))
    html = client.get(url).content.decode()
    assert "Dùng chung với" in html and w.b.unit.name in html
    client.force_login(w.user("b", Role.VIEWER))
    assert "Dùng chung với" not in client.get(url).content.decode()


def test_the_share_request_list_endpoint_runs_a_constant_number_of_queries(
    client, two_branches, directive_text, query_pins
):
    w = two_branches
    editor_a = w.user("a", Role.EDITOR)
    counts = []
    number = 30
    for more in (1, 2):  # 1 request, then 3
        for _ in range(more):
            number += 1
            text = directive_text.replace("27-CT/TW", f"{number}-CT/TW")
            _import_and_save(editor_a, text.encode(), f"{number}.txt")
            _request(w.user("b", Role.EDITOR), text)
        client.force_login(editor_a)
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(reverse("api:document_share_request_list"))
        assert response.status_code == 200
        counts.append((len(response.json()["results"]), len(ctx.captured_queries)))
    assert [c for c, _q in counts] == [1, 3]
    assert counts[0][1] == counts[1][1]
    query_pins.check("api /api/documents/share-requests/", counts[1][1])
