"""Back-office pages: every role of both branches, the other branch gets 404, forms call the
services, contact details only for the desk, the XLSX carries counts only."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from kehoach.organizations.choices import Role
from kehoach.organizations.testing import ROLES
from kehoach.qa.choices import QuestionStatus
from kehoach.qa.models import Question
from kehoach.qa.services.questions import question_route

pytestmark = pytest.mark.django_db
SECRET_PHONE = "0911 222 333"


@pytest.fixture
def questions(qa):
    a = qa.ask(
        "a",
        text="Rác thải ở chợ phường Hòa Bình chưa được thu gom nhánh A",
        contact_phone=SECRET_PHONE,
    )
    b = qa.ask("b", text="Đèn đường khu B không sáng đã hai tuần")
    return a, b


DETAIL_PAGES = ["qa:detail"]
LIST_PAGES = ["qa:home", "qa:agency", "qa:approvals", "qa:overdue", "qa:list", "qa:statistics"]


@pytest.mark.parametrize("role", ROLES)
def test_given_any_role_of_branch_a_then_branch_bs_questions_never_show(
    client, qa, questions, role
):
    a, b = questions
    question_route(actor=None, question=b, agency=qa.world.b.child)
    client.force_login(qa.world.user("a", role))
    for name in LIST_PAGES:
        html = client.get(reverse(name)).content.decode()
        assert "Đèn đường khu B" not in html, name
    assert client.get(reverse("qa:detail", args=[b.pk])).status_code == 404
    assert client.get(reverse("qa:detail", args=[a.pk])).status_code == 200
    for action in ("route", "classify", "close", "note", "draft", "publish", "transfer"):
        response = client.post(reverse(f"qa:{action}", args=[b.pk]), {"reason": "xxxxx yyy"})
        assert response.status_code == 404, action
    b.refresh_from_db()
    assert b.status == QuestionStatus.ROUTED and not b.notes.exists()


@pytest.mark.parametrize("role", ROLES)
def test_given_a_role_then_the_desk_actions_follow_it(client, qa, questions, role):
    a, _b = questions
    client.force_login(qa.world.user("a", role))
    html = client.get(reverse("qa:detail", args=[a.pk])).content.decode()
    desk = role in (Role.ADMIN, Role.EDITOR)
    assert (SECRET_PHONE in html) is desk
    assert ("Chuyển cơ quan trả lời" in html) is desk
    response = client.post(reverse("qa:route", args=[a.pk]), {"agency": qa.world.a.child.pk})
    a.refresh_from_db()
    assert (a.status == QuestionStatus.ROUTED) is desk
    if not desk:
        assert response.status_code == 403


def test_the_agency_drafts_the_head_approves_and_the_public_sees_it(client, qa, questions):
    a, _b = questions
    w = qa.world
    question_route(actor=None, question=a, agency=w.a.child)
    client.force_login(w.a.child_reporter)
    assert "Rác thải ở chợ" in client.get(reverse("qa:agency")).content.decode()
    html = client.get(reverse("qa:detail", args=[a.pk])).content.decode()
    assert SECRET_PHONE not in html  # the agency's officer does not see the contact
    r = client.post(
        reverse("qa:draft", args=[a.pk]),
        {"text": "Phường đã bố trí xe thu gom hằng ngày từ 15/3.", "submit": "1"},
    )
    assert r.status_code == 302
    a.refresh_from_db()
    assert a.status == QuestionStatus.AWAITING_APPROVAL
    assert client.post(reverse("qa:publish", args=[a.pk]), {"signer_title": "x"}).status_code == 403
    client.force_login(w.a.users[Role.EDITOR])
    assert "Rác thải ở chợ" in client.get(reverse("qa:approvals")).content.decode()
    r = client.post(reverse("qa:publish", args=[a.pk]), {"signer_title": "Chủ tịch UBND phường"})
    assert r.status_code == 302
    a.refresh_from_db()
    assert a.status == QuestionStatus.PUBLISHED
    again = client.post(reverse("qa:publish", args=[a.pk]), {"signer_title": "Chủ tịch"})
    assert again.status_code == 400 and "đã được công bố" in again.content.decode()
    client.logout()
    public = client.get(reverse("qa_public:detail", args=[a.pk])).content.decode()
    assert "Phường đã bố trí xe thu gom" in public and SECRET_PHONE not in public


def test_a_transfer_needs_a_reason_on_the_page(client, qa, questions):
    a, _b = questions
    w = qa.world
    question_route(actor=None, question=a, agency=w.a.child)
    client.force_login(w.a.users[Role.EDITOR])
    r = client.post(reverse("qa:transfer", args=[a.pk]), {"agency": w.a.unit.pk, "reason": ""})
    assert r.status_code == 400
    r = client.post(
        reverse("qa:transfer", args=[a.pk]),
        {"agency": w.a.unit.pk, "reason": "Thuộc thẩm quyền của Thành ủy"},
    )
    assert r.status_code == 302
    assert Question.objects.get(pk=a.pk).agency == w.a.unit
    assert (
        "Thuộc thẩm quyền của Thành ủy"
        in client.get(reverse("qa:detail", args=[a.pk])).content.decode()
    )


def test_the_statistics_xlsx_carries_counts_and_no_text_or_contact(client, qa, questions):
    client.force_login(qa.world.a.users[Role.VIEWER])
    r = client.get(reverse("qa:statistics_export"))
    assert r.status_code == 200
    book = load_workbook(io.BytesIO(r.content))
    cells = " ".join(
        str(c.value) for ws in book.worksheets for row in ws.iter_rows() for c in row if c.value
    )
    assert "Giao thông, đô thị A" in cells
    assert SECRET_PHONE not in cells and "Rác thải" not in cells
    assert "Giao thông, đô thị B" not in cells


def test_a_session_collects_questions_and_marks_them_answered_on_air(client, qa, questions):
    a, _b = questions
    client.force_login(qa.world.a.users[Role.EDITOR])
    r = client.post(
        reverse("qa:sessions"),
        {
            "unit": qa.world.a.unit.pk,
            "starts_at": "2026-12-20T09:00",
            "topic": "Đối thoại về vệ sinh môi trường",
            "leaders": "Chủ tịch UBND phường",
            "platform_url": "https://www.facebook.com/phuong/live",
        },
    )
    assert r.status_code == 302
    session_url = r["Location"]
    session_id = int(session_url.rstrip("/").split("/")[-1])
    client.post(reverse("qa:session_add", args=[session_id]), {"into": a.code})
    client.post(reverse("qa:on_air", args=[a.pk]), {"stamp": "0:14:05"})
    html = client.get(session_url).content.decode()
    assert "0:14:05" in html
    a.refresh_from_db()
    assert a.session_id == session_id and a.on_air_at == "0:14:05"


def test_the_statistics_are_cached_per_scope_and_never_shared_across_branches(client, qa):
    qa.ask("a", text="Câu hỏi của nhánh A về chợ")
    qa.ask("b", text="Câu hỏi của nhánh B về chợ")
    client.force_login(qa.world.a.users[Role.VIEWER])
    first = client.get(reverse("qa:statistics")).content.decode()
    assert "Giao thông, đô thị A" in first and "Giao thông, đô thị B" not in first
    client.force_login(qa.world.b.users[Role.VIEWER])
    other = client.get(reverse("qa:statistics")).content.decode()
    assert "Giao thông, đô thị B" in other and "Giao thông, đô thị A" not in other
    client.force_login(qa.world.a.users[Role.EDITOR])  # same subtree: the same cached figures
    assert "Giao thông, đô thị A" in client.get(reverse("qa:statistics")).content.decode()
