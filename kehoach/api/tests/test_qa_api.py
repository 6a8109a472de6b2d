"""Q&A API wiring: the public read-only endpoints (anonymous, published only, no contact) and the
back office's (scoped; the other branch gets 404)."""

from __future__ import annotations

import json

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from kehoach.organizations.choices import Role
from kehoach.qa.choices import QuestionStatus
from kehoach.qa.services.answers import answer_draft, answer_publish, answer_submit
from kehoach.qa.services.questions import question_route
from kehoach.qa.tests.factories import make_qa_world

pytestmark = pytest.mark.django_db
PHONE = "0977 123 456"
EMAIL = "rieng.tu@example.vn"


@pytest.fixture
def qa(two_branches):
    return make_qa_world(two_branches)


def _published(qa):
    q = qa.ask(
        text=f"Cống thoát nước đường Lê Lai bị tắc, gọi {PHONE}",
        contact_phone=PHONE,
        contact_email=EMAIL,
        asker_name="Trần Văn Riêng",
    )
    question_route(actor=None, question=q, agency=qa.world.a.child)
    answer_draft(actor=None, question=q, text="Đã nạo vét cống ngày 2/3.")
    answer_submit(actor=None, question=q)
    answer_publish(actor=None, question=q, signer_title="Chủ tịch UBND phường")
    return q


def test_the_public_api_lists_answered_questions_without_any_contact(qa):
    q = _published(qa)
    waiting = qa.ask(text="Câu hỏi chưa trả lời về chợ phường")
    client = APIClient()
    r = client.get("/api/public/qa/questions/", {"q": "cong thoat nuoc le lai"})
    assert r.status_code == 200
    body = json.dumps(r.json(), ensure_ascii=False)
    assert [row["id"] for row in r.json()["results"]] == [q.pk]
    assert PHONE not in body and EMAIL not in body and "Trần Văn Riêng" not in body
    assert "contact" not in body and '"code"' not in body
    assert r.json()["results"][0]["answers"][0]["signer_title"] == "Chủ tịch UBND phường"
    assert client.get(f"/api/public/qa/questions/{q.pk}/").status_code == 200
    assert client.get(f"/api/public/qa/questions/{waiting.pk}/").status_code == 404
    bad = client.get("/api/public/qa/questions/", {"field": "abc"})
    assert bad.status_code == 400 and "detail" in bad.json()
    cache.clear()  # the public statistics are cached for five minutes
    stats = client.get("/api/public/qa/statistics/").json()
    assert stats["total"]["answered"] == 1 and stats["total"]["on_time_rate"] == 100.0


def test_the_back_office_api_is_scoped_and_never_carries_the_contact(qa):
    q = _published(qa)
    b = qa.ask("b", text="Câu hỏi của nhánh B về cây xanh")
    client = APIClient()
    assert client.get("/api/qa/questions/").status_code in (401, 403)
    client.force_authenticate(qa.world.a.users[Role.VIEWER])
    r = client.get("/api/qa/questions/")
    assert [row["id"] for row in r.json()["results"]] == [q.pk]
    body = json.dumps(r.json(), ensure_ascii=False)
    assert PHONE.replace(" ", "") not in body.replace(" ", "") and EMAIL not in body
    assert client.get(f"/api/qa/questions/{b.pk}/").status_code == 404
    assert client.post(f"/api/qa/questions/{b.pk}/route/", {"agency_id": 1}).status_code == 404


def test_the_desk_routes_and_the_agency_drafts_through_the_api(qa):
    w = qa.world
    q = qa.ask()
    client = APIClient()
    client.force_authenticate(w.a.users[Role.EDITOR])
    r = client.post(f"/api/qa/questions/{q.pk}/route/", {"agency_id": w.a.child.pk}, format="json")
    assert r.status_code == 200 and r.json()["status"] == QuestionStatus.ROUTED
    assert r.json()["due_date"]
    again = client.post(f"/api/qa/questions/{q.pk}/route/", {"agency_id": w.a.child.pk})
    assert again.status_code == 400 and "Chuyển cơ quan khác" in again.json()["detail"]
    client.force_authenticate(w.a.child_reporter)
    r = client.post(
        f"/api/qa/questions/{q.pk}/draft/",
        {"text": "Phường sẽ trả lời sau khi kiểm tra hiện trường.", "submit": True},
        format="json",
    )
    assert r.status_code == 200 and r.json()["status"] == QuestionStatus.AWAITING_APPROVAL
    client.force_authenticate(w.a.users[Role.VIEWER])
    denied = client.post(f"/api/qa/questions/{q.pk}/draft/", {"text": "x y z w"}, format="json")
    assert denied.status_code == 403
