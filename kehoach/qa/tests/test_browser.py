"""In Debian's Chromium: a citizen asks on a 390×844 phone → the desk routes it → the agency's
officer drafts, the head approves → it is public with the phone number masked → the citizen
looks it up by code; an overdue question shows escalated; a livestream session marks two
questions answered on air. Screenshots go to ``test-output/qa/`` (gitignored)."""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.utils import timezone

from kehoach.accounts.tests.factories import TEST_PASSWORD
from kehoach.core.browser import launch, needs_chromium
from kehoach.organizations.testing import make_two_branches
from kehoach.qa.services.deadlines import questions_escalate_overdue
from kehoach.qa.services.questions import question_route
from kehoach.qa.services.sessions import session_create
from kehoach.qa.tests.factories import make_qa_world

OUT = Path(settings.BASE_DIR) / "test-output" / "qa"
PHONE = "0912 345 678"
PHONE_SIZE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 768}

pytestmark = [pytest.mark.browser, needs_chromium]


@dataclass
class Scene:
    field: str
    ward: str
    desk: str
    officer: str
    agency_id: int
    late_code: str
    session_id: int
    live_ids: list[int]


@pytest.fixture
def scene(transactional_db) -> Scene:
    world = make_two_branches()
    qa = make_qa_world(world)
    late = qa.ask(text="Đèn đường ngõ 7 tắt từ đầu tháng, buổi tối rất tối")
    question_route(actor=None, question=late, agency=world.a.child, today=dt.date(2026, 1, 5))
    questions_escalate_overdue(today=timezone.localdate())
    session = session_create(
        actor=None,
        unit=world.a.unit,
        starts_at=timezone.now() - dt.timedelta(hours=2),
        topic="Đối thoại trực tiếp về đô thị",
    )
    live = [
        qa.ask(text=f"Câu hỏi trực tiếp số {i} về vỉa hè bị lấn chiếm", session=session)
        for i in (1, 2)
    ]
    return Scene(
        field=qa.fields["a"].name,
        ward="Phường Hòa Bình",
        desk=world.a.users["editor"].username,
        officer=world.a.child_reporter.username,
        agency_id=world.a.child.pk,
        late_code=late.code,
        session_id=session.pk,
        live_ids=[q.pk for q in live],
    )


def _login(browser: Any, url: str, username: str, viewport: dict[str, int]) -> Any:
    page = browser.new_context(viewport=viewport).new_page()
    page.goto(f"{url}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", TEST_PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_load_state("networkidle")
    return page


def test_a_question_from_a_phone_to_a_public_answer(live_server, scene):
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # Playwright's sync API runs a loop
    from playwright.sync_api import expect, sync_playwright

    OUT.mkdir(parents=True, exist_ok=True)
    url = live_server.url
    with sync_playwright() as p:
        browser = launch(p)
        # 1. The citizen asks on a phone, without an account.
        phone = browser.new_context(viewport=PHONE_SIZE, is_mobile=True).new_page()
        phone.goto(f"{url}/hoi-dap/")
        expect(phone.locator("h1")).to_contain_text("Dân hỏi – Chính quyền trả lời")
        assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE_SIZE["width"]
        expect(phone.locator("#id_website")).not_to_be_in_viewport()
        phone.select_option("#id_field", label=scene.field)
        phone.select_option("#id_locality", label=scene.ward)
        phone.fill(
            "#id_text",
            f"Cống trước nhà số 15 bị vỡ nắp, rất nguy hiểm. Hàng xóm gọi {PHONE} không ai đến.",
        )
        phone.fill("#id_contact_email", "nguoihoi@example.vn")
        phone.screenshot(path=str(OUT / "01-ask-phone.png"), full_page=True)
        phone.click("form.qa-ask button[type=submit]")
        expect(phone.locator("h1")).to_contain_text("đã nhận câu hỏi")
        code = phone.locator("#qa-code").inner_text().strip()
        assert re.fullmatch(r"[0-9A-Z]{4}(-[0-9A-Z]{4}){3}", code)
        phone.screenshot(path=str(OUT / "02-thanks-phone.png"), full_page=True)

        # 2. The desk routes it to the agency.
        desk = _login(browser, url, scene.desk, DESKTOP)
        desk.goto(f"{url}/qa/")
        desk.click("table.qa-queue a:has-text('Cống trước nhà')")
        expect(desk.locator("#qa-public-text")).to_contain_text("***")
        expect(desk.locator("#qa-public-text")).not_to_contain_text(PHONE)
        desk.select_option("#id_agency", value=str(scene.agency_id))
        desk.click("form[action$='/route/'] button[type=submit]")
        expect(desk.locator("#qa-status")).to_contain_text("Đã chuyển cơ quan trả lời")
        desk.screenshot(path=str(OUT / "03-routed.png"), full_page=True)

        # 3. The agency's officer drafts and submits; 4. the head approves and publishes.
        officer = _login(browser, url, scene.officer, DESKTOP)
        officer.goto(f"{url}/qa/agency/")
        officer.click("table.qa-queue a:has-text('Cống trước nhà')")
        officer.fill("#qa-draft textarea", "Phường đã thay nắp cống ngày 10/3 và sẽ kiểm tra lại.")
        officer.click("#qa-draft button[name=submit]")
        expect(officer.locator("#qa-status")).to_contain_text("Chờ lãnh đạo duyệt")
        desk.goto(f"{url}/qa/approvals/")
        desk.click("table.qa-queue a:has-text('Cống trước nhà')")
        desk.fill("#id_signer_title", "Phó Chủ tịch UBND phường")
        desk.click("form[action$='/publish/'] button[type=submit]")
        expect(desk.locator("#qa-status")).to_contain_text("Đã trả lời")

        # 5. Public, masked; the citizen looks it up by code on the phone.
        phone.goto(f"{url}/hoi-dap/cau-hoi/?q=cong truoc nha")
        expect(phone.locator("main")).to_contain_text("Cống trước nhà")
        expect(phone.locator("main")).not_to_contain_text(PHONE)
        phone.goto(f"{url}/hoi-dap/tra-cuu/")
        phone.fill("#id_code", code.lower().replace("-", " "))
        phone.click("main form button[type=submit]")
        expect(phone.locator("#qa-status")).to_contain_text("Đã trả lời")
        expect(phone.locator("main")).to_contain_text("Phường đã thay nắp cống")
        expect(phone.locator("main")).to_contain_text("Phó Chủ tịch UBND phường")
        expect(phone.locator("main")).not_to_contain_text(PHONE)
        expect(phone.locator("main")).not_to_contain_text("nguoihoi@example.vn")
        assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE_SIZE["width"]
        phone.screenshot(path=str(OUT / "04-lookup-phone.png"), full_page=True)
        phone.check("input[name=helped][value='1']")
        phone.click("form[action$='/y-kien/'] button[type=submit]")
        expect(phone.locator("main")).to_contain_text("Cảm ơn bạn đã cho ý kiến")

        # 6. The overdue question was escalated to the agency's superior.
        desk.goto(f"{url}/qa/overdue/")
        expect(desk.locator("table.qa-queue")).to_contain_text("Đèn đường ngõ 7")
        expect(desk.locator("table.qa-queue")).to_contain_text("Đã báo cấp trên")
        desk.screenshot(path=str(OUT / "05-overdue.png"), full_page=True)

        # 7. The livestream session: two questions answered on air.
        for i, pk in enumerate(scene.live_ids):
            desk.goto(f"{url}/qa/questions/{pk}/")
            desk.fill("#id_stamp", f"0:{12 + i}:30")
            desk.click("form[action$='/on-air/'] button[type=submit]")
            expect(desk.locator("main")).to_contain_text("trả lời trên sóng tại")
        desk.goto(f"{url}/qa/sessions/{scene.session_id}/")
        expect(desk.locator("#qa-session-figures")).to_contain_text("2 trả lời trên sóng")
        desk.screenshot(path=str(OUT / "06-session.png"), full_page=True)
        # The public statistics on the phone: the on-time rate is the headline.
        phone.goto(f"{url}/hoi-dap/thong-ke/")
        expect(phone.locator("#qa-on-time-rate")).to_contain_text("100")
        phone.screenshot(path=str(OUT / "07-statistics-phone.png"), full_page=True)
        browser.close()
