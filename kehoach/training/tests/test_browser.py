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
from kehoach.execution.choices import Aggregation, Cycle, TaskStatus
from kehoach.execution.services.indicators import indicator_create
from kehoach.execution.services.reports import periods_generate, template_create
from kehoach.execution.tests.plans.factories import PlanFactory, TaskFactory
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
    end: str
    task: Any
    period: Any
    indicator: Any


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
    end = min(now + dt.timedelta(minutes=20), now.replace(hour=23, minute=59))
    # The Thành ủy's plan: a rate indicator the campaign will fill, a quarterly report of the cell.
    today = now.date()
    plan = PlanFactory(unit=w.a.unit, title="Kế hoạch thực hiện Chỉ thị 27-CT/TW")
    template = template_create(
        actor=None, unit=w.a.unit, plan=plan, name="Báo cáo quý", cycle=Cycle.QUARTERLY
    )
    (period,) = periods_generate(actor=None, template=template, since=today, until=today)
    task = TaskFactory(
        plan=plan,
        title="Tổ chức học tập, quán triệt Chỉ thị",
        lead_unit=w.a.child,
        report_template=template,
        start_date=today - dt.timedelta(days=30),
        due_date=today + dt.timedelta(days=60),
        status=TaskStatus.IN_PROGRESS,
    )
    indicator = indicator_create(
        actor=None,
        plan=plan,
        name="Tỷ lệ đảng viên học tập",
        aggregation=Aggregation.RATE,
        target=98,
        numerator_label="số đảng viên dự học",
        denominator_label="tổng số đảng viên",
    )
    return Scene(
        secretary=w.user("a", Role.ADMIN),
        cell=w.a.child,
        other_cell=other,
        start=start.strftime("%H:%M"),
        end=end.strftime("%H:%M"),
        task=task,
        period=period,
        indicator=indicator,
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
        page.select_option("#id_indicator", index=1)
        page.screenshot(path=str(OUT / "01-campaign-form.png"), full_page=True)
        page.click("main form button[type=submit]")
        expect(page.locator("h1")).to_contain_text("Học tập, quán triệt 27-CT/TW")
        campaign_url = page.url
        # The cell has people and no session yet.
        expect(page.locator("table.dashboard")).to_contain_text("chưa tổ chức học")

        # Two questions for the test after the session.
        page.click("text=Kiểm tra sau buổi học")
        page.select_option("#id_kind", "single")
        page.fill("#id_text", "Chỉ thị 27-CT/TW do cơ quan nào ban hành?")
        page.fill("#id_options", "*Ban Bí thư\nQuốc hội\nChính phủ")
        page.click("main form button[type=submit] >> nth=0")
        page.select_option("#id_kind", "true_false")
        page.fill("#id_text", "Chỉ tiêu đảng viên tham gia học tập là từ 98% trở lên.")
        page.select_option("#id_true_answer", "true")
        page.click("main form button[type=submit] >> nth=0")
        expect(page.locator("ol.bank > li")).to_have_count(2)
        page.goto(campaign_url)

        # The cell's session, today, now.
        page.click("text=Tạo buổi học >> nth=0")
        page.select_option("#id_unit", label=scene.cell.name)
        page.fill("#id_starts_at", scene.start)
        page.fill("#id_ends_at", scene.end)
        page.fill("#id_place", "Hội trường thôn")
        page.fill("#id_presenter", "Đồng chí Bí thư")
        page.click("main form button[type=submit]")
        expect(page.locator("[data-testid=session-figures] [data-col=expected]")).to_have_text("4")
        session_url = page.url

        # The QR, projected in the hall.
        page.click("text=Mã QR tự điểm danh")
        expect(page.locator("[data-testid=qr] svg")).to_be_visible()
        page.screenshot(path=str(OUT / "02-qr.png"), full_page=True)
        checkin_url = page.locator("a.checkin-url").get_attribute("href")
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

        # The test opens (its own QR on the same page); two members take it.
        test_url = page.locator("a.test-url").get_attribute("href")
        assert test_url and "/training/test/" in test_url
        for code, name, right in (
            ("A1-1", "Nguyễn Văn Hùng", True),
            ("A1-2", "tran thi lan", False),
        ):
            member.goto(test_url)
            member.fill("#id_member_code", code)
            member.fill("#id_full_name", name)
            member.get_by_label("Quốc hội" if not right else "Ban Bí thư").check()
            member.locator("fieldset", has_text="98%").get_by_label("Đúng").check()
            member.click("main form button[type=submit]")
            expect(member.locator("[data-testid=score]")).to_contain_text(
                "đúng 2/2 câu" if right else "đúng 1/2 câu"
            )
        member.screenshot(path=str(OUT / "04b-test-result.png"), full_page=True)

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
        page.fill("#id_ends_at", scene.end)
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
        # Two members tested (counts only on the dashboard, never their scores).
        expect(page.locator("table.dashboard tbody.head td[data-col=tested]")).to_have_text("2")
        page.screenshot(path=str(OUT / "07-after-makeup.png"), full_page=True)

        # The cell's progress report for the quarter shows the campaign's figures filled in.
        page.goto(
            f"{live_server.url}/tasks/{scene.task.pk}/report/"
            f"?unit={scene.cell.pk}&period={scene.period.pk}"
        )
        expect(page.locator("[data-testid=prefill]")).to_contain_text("4/4")
        expect(page.locator(f"#id_ind_{scene.indicator.pk}")).to_have_value("4")
        expect(page.locator(f"#id_den_{scene.indicator.pk}")).to_have_value("4")
        page.screenshot(path=str(OUT / "08-report-prefilled.png"), full_page=True)
        browser.close()
