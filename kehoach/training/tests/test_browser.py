"""In Debian's Chromium on a 390×844 phone: the secretary opens a campaign from the directive in
the registry, schedules the cell's session, projects the QR; members check in on their phones
(one not on the roster is refused); an excused absence; the dashboard shows the cell's and the
parent's rates; a make-up session lifts them. Screenshots go to ``test-output/training/``."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.utils import timezone

from kehoach.accounts.tests.factories import TEST_PASSWORD
from kehoach.core.browser import launch, needs_chromium
from kehoach.documents.tests.factories import DocumentFactory
from kehoach.organizations.choices import Role
from kehoach.organizations.tests.factories import UnitFactory
from kehoach.training.services import member_create

OUT = Path(settings.BASE_DIR) / "test-output" / "training"
PHONE = {"width": 390, "height": 844}

pytestmark = [pytest.mark.browser, needs_chromium]


@dataclass
class Scene:
    secretary: Any
    cell: Any
    other_cell: Any
    start: str


@pytest.fixture
def scene(transactional_db) -> Scene:
    from kehoach.organizations.testing import make_two_branches

    w = make_two_branches()
    DocumentFactory(
        owner_unit=w.root,
        issuer_unit=w.root,
        number="27",
        symbol="CT/TW",
        title="Chỉ thị về tăng cường công tác tuyên truyền",
    )
    other = UnitFactory(name="Chi bộ A2", code="W-A2", parent=w.a.unit)
    for i, name in enumerate(["Nguyễn Văn Hùng", "Trần Thị Lan", "Lê Văn Đức", "Phạm Thị Hoa"], 1):
        member_create(actor=None, unit=w.a.child, full_name=name, member_code=f"A1-{i}")
    for i, name in enumerate(["Đỗ Văn Nam", "Vũ Thị Mai"], 1):
        member_create(actor=None, unit=other, full_name=name, member_code=f"A2-{i}")
    now = timezone.localtime()
    start = max(now - dt.timedelta(minutes=10), now.replace(hour=0, minute=0))
    return Scene(
        secretary=w.user("a", Role.ADMIN),
        cell=w.a.child,
        other_cell=other,
        start=start.strftime("%H:%M"),
    )


def _row(page: Any, unit: Any) -> Any:
    return page.locator(f"table.dashboard tr[data-unit='{unit.pk}'] td[data-col='rate']")


def test_secretary_runs_a_study_session_on_a_phone(live_server, scene):
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # Playwright's sync API runs a loop
    from playwright.sync_api import expect, sync_playwright

    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = launch(p)
        page = browser.new_page(viewport=PHONE)
        page.goto(f"{live_server.url}/accounts/login/")
        page.fill("#id_username", scene.secretary.username)
        page.fill("#id_password", TEST_PASSWORD)
        page.click("main button[type=submit]")
        page.wait_for_load_state("networkidle")

        # A campaign from the directive in the registry.
        page.goto(f"{live_server.url}/training/")
        page.click("text=Mở đợt học tập")
        page.fill("#q", "27-CT/TW")
        page.click("main button[type=submit]")
        page.click("ul.docs a")
        expect(page.locator("main")).to_contain_text("27-CT/TW")
        page.screenshot(path=str(OUT / "01-campaign-form.png"), full_page=True)
        page.click("main form button[type=submit]")
        expect(page.locator("h1")).to_contain_text("Học tập, quán triệt 27-CT/TW")
        campaign_url = page.url
        # The cell has people and no session yet.
        expect(page.locator("table.dashboard")).to_contain_text("chưa tổ chức học")

        # The cell's session, today, now.
        page.click("text=Tạo buổi học >> nth=0")
        page.select_option("#id_unit", label=scene.cell.name)
        page.fill("#id_starts_at", scene.start)
        page.fill("#id_ends_at", "23:59")
        page.fill("#id_place", "Hội trường thôn")
        page.fill("#id_presenter", "Đồng chí Bí thư")
        page.click("main form button[type=submit]")
        expect(page.locator("[data-testid=session-figures] [data-col=expected]")).to_have_text("4")
        session_url = page.url

        # The QR, projected in the hall.
        page.click("text=Mã QR tự điểm danh")
        expect(page.locator("[data-testid=qr] svg")).to_be_visible()
        page.screenshot(path=str(OUT / "02-qr.png"), full_page=True)
        checkin_url = page.locator(".qr-url a").get_attribute("href")
        assert checkin_url and "/training/checkin/" in checkin_url

        # Three members scan on their phones (no account); one is not on the roster.
        member = browser.new_context(viewport=PHONE).new_page()
        for code, name, ok in (
            ("A1-1", "nguyen van hung", True),
            ("X-99", "Người Lạ", False),
            ("a1-2", "TRAN THI LAN", True),
        ):
            member.goto(checkin_url)
            member.fill("#id_member_code", code)
            member.fill("#id_full_name", name)
            member.click("main form button[type=submit]")
            if ok:
                expect(member.locator("[data-testid=checked-in]")).to_contain_text("Đã điểm danh")
            else:
                expect(member.locator("main .errorlist")).to_contain_text(
                    "không có trong danh sách"
                )
                member.screenshot(path=str(OUT / "03-refused.png"), full_page=True)
        member.screenshot(path=str(OUT / "04-checked-in.png"), full_page=True)

        # The secretary marks an excused absence on the checklist.
        page.goto(session_url)
        expect(page.locator("[data-col=present]")).to_have_text("2")
        page.locator("fieldset", has_text="Lê Văn Đức").get_by_label("Vắng có lý do").check()
        page.screenshot(path=str(OUT / "05-checklist.png"), full_page=True)
        page.click("button.save-marks")
        expect(page.locator("[data-col=excused]")).to_have_text("1")
        expect(page.locator("[data-col=rate]")).to_have_text("50,0%")

        # The dashboard: the cell 2/4, the parent 2/6 (its other cell has not met yet).
        page.goto(campaign_url)
        expect(_row(page, scene.cell)).to_contain_text("50,0%")
        expect(page.locator("table.dashboard tbody.head td[data-col=rate]")).to_contain_text(
            "33,3%"
        )
        expect(page.locator(f"tr[data-unit='{scene.other_cell.pk}']")).to_contain_text(
            "chưa tổ chức học"
        )
        page.screenshot(path=str(OUT / "06-dashboard.png"), full_page=True)

        # A make-up session for the two who missed it lifts both rates.
        page.click("text=Tạo buổi học bù")
        page.select_option("#id_unit", label=scene.cell.name)
        page.fill("#id_starts_at", scene.start)
        page.fill("#id_ends_at", "23:59")
        expect(page.locator("#id_is_makeup")).to_be_checked()
        page.click("main form button[type=submit]")
        for name in ("Lê Văn Đức", "Phạm Thị Hoa"):
            page.locator("fieldset", has_text=name).get_by_label("Có mặt").check()
        page.click("button.save-marks")
        expect(page.locator("[data-col=present]")).to_have_text("2")
        page.goto(campaign_url)
        expect(_row(page, scene.cell)).to_contain_text("100,0%")
        expect(page.locator("table.dashboard tbody.head td[data-col=rate]")).to_contain_text(
            "66,7%"
        )
        page.screenshot(path=str(OUT / "07-after-makeup.png"), full_page=True)
        browser.close()
