"""Every Q&A page costs the same number of queries with few and many questions (no N+1), pinned
in query_counts.json."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from kehoach.organizations.choices import Role
from kehoach.qa.services.answers import answer_draft, answer_publish, answer_submit
from kehoach.qa.services.questions import question_note, question_route, question_transfer
from kehoach.qa.services.sessions import question_mark_on_air, session_create

pytestmark = pytest.mark.django_db


def populate(qa, n: int, session) -> None:
    w = qa.world
    for i in range(n):
        session_create(
            actor=None,
            unit=w.a.unit,
            starts_at=timezone.now() - dt.timedelta(days=i + 1),
            topic=f"Buổi {n}-{i}",
        )
    for i in range(n):
        q = qa.ask(text=f"Câu hỏi số {i} {n} về đường ngập ở khu dân cư", session=session)
        question_route(actor=None, question=q, agency=w.a.child, today=dt.date(2026, 3, 2))
        question_note(actor=None, question=q, text=f"Ghi chú {i}")
        if i % 3 == 0:
            question_transfer(actor=None, question=q, to_unit=w.a.unit, reason="Chuyển cấp trên")
        if i % 2 == 0:
            answer_draft(actor=None, question=q, text="Phường sẽ nạo vét cống trong tháng.")
            answer_submit(actor=None, question=q)
            answer_publish(actor=None, question=q, signer_title="Chủ tịch")
            question_mark_on_air(actor=None, question=q, stamp="0:10:00")
        qa.ask(text=f"Câu hỏi chờ tiếp nhận {i} {n} về chợ", session=session)


def measure(client: Client, urls: dict[str, tuple[str, str, dict]]) -> dict[str, int]:
    out = {}
    for name, (method, url, data) in urls.items():
        cache.clear()  # the public statistics are cached: measure what a fresh one costs
        with CaptureQueriesContext(connection) as ctx:
            response = client.post(url, data) if method == "POST" else client.get(url)
        assert response.status_code == 200, (name, response.status_code)
        out[name] = len(ctx)
    return out


def test_every_qa_page_has_a_fixed_number_of_queries(qa, query_pins):
    w = qa.world
    session = session_create(
        actor=None,
        unit=w.a.unit,
        starts_at=timezone.now() + dt.timedelta(days=2),
        topic="Đối thoại",
    )
    first = qa.ask(text="Câu hỏi đầu tiên về đường ngập lâu ngày", session=session)
    question_route(actor=None, question=first, agency=w.a.child)
    answer_draft(actor=None, question=first, text="Chúng tôi sẽ sửa trong tháng.")
    answer_submit(actor=None, question=first)
    answer_publish(actor=None, question=first, signer_title="Chủ tịch")
    officer = Client()
    officer.force_login(w.a.users[Role.EDITOR])
    public = Client()
    desk_urls = {
        "page /qa/": ("GET", reverse("qa:home"), {}),
        "page /qa/agency/": ("GET", reverse("qa:agency"), {}),
        "page /qa/approvals/": ("GET", reverse("qa:approvals"), {}),
        "page /qa/overdue/": ("GET", reverse("qa:overdue"), {}),
        "page /qa/questions/": ("GET", reverse("qa:list"), {}),
        "page /qa/questions/<id>/": ("GET", reverse("qa:detail", args=[first.pk]), {}),
        "page /qa/statistics/": ("GET", reverse("qa:statistics"), {}),
        "xlsx /qa/statistics/export/": ("GET", reverse("qa:statistics_export"), {}),
        "page /qa/sessions/": ("GET", reverse("qa:sessions"), {}),
        "page /qa/sessions/<id>/": ("GET", reverse("qa:session_detail", args=[session.pk]), {}),
        "page /qa/fields/": ("GET", reverse("qa:fields"), {}),
    }
    public_urls = {
        "public /hoi-dap/": ("GET", reverse("qa_public:ask"), {}),
        "public /hoi-dap/cau-hoi/": ("GET", reverse("qa_public:list"), {}),
        "public /hoi-dap/cau-hoi/?q=": ("GET", reverse("qa_public:list") + "?q=duong+ngap", {}),
        "public /hoi-dap/cau-hoi/<id>/": ("GET", reverse("qa_public:detail", args=[first.pk]), {}),
        "public /hoi-dap/tra-cuu/ POST": (
            "POST",
            reverse("qa_public:lookup"),
            {"code": first.code},
        ),
        "public /hoi-dap/thong-ke/": ("GET", reverse("qa_public:statistics"), {}),
    }
    populate(qa, 3, session)
    small = {**measure(officer, desk_urls), **measure(public, public_urls)}
    populate(qa, 12, session)
    large = {**measure(officer, desk_urls), **measure(public, public_urls)}
    assert small == large
    for name, count in large.items():
        query_pins.check(name, count)
