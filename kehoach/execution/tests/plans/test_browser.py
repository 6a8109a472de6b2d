"""The execution journey in Debian's Chromium: an officer imports a superior plan, builds the
implementing plan, maps tasks to two cells, adds a quarterly report and issues the plan; a cell
reporter submits a report with a dated photo; the officer returns it, the reporter fixes it, the
officer accepts it; the leader's dashboard shows the new progress.

Screenshots go to ``test-output/execution/`` (gitignored)."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from django.conf import settings

from kehoach.accounts.tests.factories import TEST_PASSWORD
from kehoach.core.browser import launch, needs_chromium
from kehoach.organizations.choices import Role

OUT = Path(settings.BASE_DIR) / "test-output" / "execution"


def _png(width: int = 48, height: int = 32) -> bytes:
    """A small valid PNG (a red rectangle), made without any imaging library."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    rows = b"".join(b"\x00" + b"\xc0\x20\x20" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


pytestmark = [
    pytest.mark.browser,
    needs_chromium,
]


def _seed_docx(tmp_path: Path) -> Path:
    seeds = sorted(Path(settings.SHARED_SEEDS_DIR).glob("000_*.txt"))
    if not seeds:
        pytest.skip("../shared/seeds is absent: no superior plan to import")
    from docx import Document as Docx

    docx = Docx()
    for line in seeds[0].read_text(encoding="utf-8").splitlines():
        docx.add_paragraph(line)
    path = tmp_path / "ke-hoach-cap-tren.docx"
    docx.save(path)
    return path


def _shot(page, name: str) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(OUT / f"{name}.png"), full_page=True)


def _login(page, base: str, username: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", TEST_PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_load_state("networkidle")


def test_officer_builds_issues_and_a_cell_reports_until_accepted(
    live_server, transactional_db, tmp_path
):
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # Playwright's sync API runs a loop
    from playwright.sync_api import expect, sync_playwright

    from kehoach.execution.models.plans import Plan
    from kehoach.execution.models.reports import ProgressReport
    from kehoach.organizations.choices import UnitKind
    from kehoach.organizations.services import unit_create
    from kehoach.organizations.testing import make_two_branches

    world = make_two_branches()
    cell2 = unit_create(
        actor=None,
        kind=UnitKind.PARTY_CELL,
        name="Chi bộ A2",
        abbreviation="CBA2",
        code="W-A2",
        parent=world.a.unit,
    )
    editor = world.user("a", Role.EDITOR)
    reporter = world.a.child_reporter
    docx = _seed_docx(tmp_path)
    photo = tmp_path / "sinh-hoat.png"
    photo.write_bytes(_png())
    base = live_server.url
    with sync_playwright() as p:
        browser = launch(p)
        page = browser.new_page(
            viewport={"width": 1366, "height": 900},
            locale="vi-VN",
            extra_http_headers={"Accept-Language": "vi"},
        )

        # 1. The officer imports the superior plan into the registry.
        _login(page, base, editor.username)
        page.click("header >> text=Nhập văn bản")
        page.set_input_files("input[type=file]", str(docx))
        page.click("button:has-text('Đọc văn bản')")
        page.wait_for_url(re.compile(r"/documents/import/[0-9a-f-]+/$"))
        page.click("button:has-text('Lưu')")
        page.wait_for_url(re.compile(r"/documents/(\d+)/$"))
        document_id = int(re.search(r"/documents/(\d+)/$", page.url).group(1))

        # 2. ... and builds the city's implementing plan from it.
        page.goto(f"{base}/plans/new/?document={document_id}")
        page.select_option("#id_unit", label="Thành ủy Nhánh A")
        _shot(page, "01-new-plan")
        page.click("main button[type=submit]")
        page.wait_for_url(re.compile(r"/plans/\d+/$"))
        expect(page.locator("p.preamble")).to_contain_text("Thực hiện Kế hoạch")
        plan = Plan.objects.get(unit=world.a.unit)
        assert plan.tasks.count() >= 2

        # 3. Two tasks go to the two cells (the officer changes the guessed lead units).
        rows = page.locator("form.assign")
        for i, cell in enumerate(["Chi bộ A1", "Chi bộ A2"]):
            row = rows.nth(i)
            row.locator("input[type=search]").fill(cell.lower().replace("ộ", "o"))  # no marks
            row.locator(".unit-pick", has_text=cell).locator("input").check()
            row.locator("button").click()
            page.wait_for_load_state("networkidle")
        _shot(page, "01b-tasks-assigned")
        assert set(plan.tasks.values_list("lead_unit__name", flat=True)) >= {
            "Chi bộ A1",
            "Chi bộ A2",
        }
        assert cell2.led_tasks.exists()

        # 4. A quarterly report (Decree 09 cut-off) and the issue.
        page.click("summary:has-text('Thêm báo cáo định kỳ')")
        page.click("button:has-text('Tạo và sinh các kỳ báo cáo')")
        page.wait_for_load_state("networkidle")
        expect(page.locator("#reports ~ div table").first).to_contain_text("Quý")
        page.fill("#id_number", "15")
        page.fill("#id_date", "2026-11-20")
        page.fill("#id_signer", "Nguyễn Văn An")
        page.click("button:has-text('Ban hành')")
        page.wait_for_load_state("networkidle")
        expect(page.locator("h1")).to_contain_text("15-KH/ThUA")
        _shot(page, "02-plan-issued")

        # 5. The cell's reporter finds the task and reports with a dated photo.
        _login(page, base, reporter.username)
        page.click("header >> text=Việc của tôi")
        page.locator("main table a").first.click()
        page.locator("a.btn:has-text('Viết báo cáo')").first.click()
        page.fill("#id_narrative", "Đã tổ chức sinh hoạt chuyên đề.")
        page.fill("#id_progress", "50")
        page.click("button[name=save]")
        page.wait_for_url(re.compile(r"/reports/\d+/$"))
        page.select_option("#id_kind", value="photo")
        page.set_input_files("#id_file", str(photo))
        page.fill("#id_taken_on", "2026-11-05")
        page.fill("#id_caption", "Buổi sinh hoạt chuyên đề")
        page.click("button:has-text('Thêm')")
        expect(page.locator(".evidence img")).to_be_visible()
        # The photo is served (as image/png) and decodes.
        page.wait_for_function(
            "() => { const i = document.querySelector('.evidence img');"
            " return i && i.complete && i.naturalWidth === 48; }"
        )
        page.click("button:has-text('Gửi báo cáo')")
        expect(page.locator(".messages")).to_contain_text("Đã gửi báo cáo")
        _shot(page, "03-report-submitted")
        report = ProgressReport.objects.get(unit=world.a.child)

        # 6. The officer returns it with a comment.
        _login(page, base, editor.username)
        page.click("header >> text=Duyệt báo cáo")
        page.locator("main table a").first.click()
        page.fill("#id_comment", "Ghi rõ số đảng viên dự.")
        page.click("button:has-text('Trả lại để sửa')")
        expect(page.locator(".messages")).to_contain_text("Đã trả lại")

        # 7. The reporter reads the comment, fixes and sends again.
        _login(page, base, reporter.username)
        page.goto(f"{base}/notifications/")
        expect(page.locator("main")).to_contain_text("Báo cáo bị trả lại")
        page.goto(f"{base}/reports/{report.pk}/")
        page.click("text=Sửa nội dung, số liệu")
        expect(page.locator("main")).to_contain_text("Ghi rõ số đảng viên dự.")
        page.fill("#id_narrative", "Đã tổ chức sinh hoạt chuyên đề: 20/20 đảng viên dự.")
        page.fill("#id_progress", "60")
        page.click("button[name=submit]")
        expect(page.locator(".messages")).to_contain_text("Đã gửi báo cáo")

        # 8. The officer accepts; the task and the plan move.
        _login(page, base, editor.username)
        page.goto(f"{base}/reports/{report.pk}/")
        page.click("button:has-text('Duyệt')")
        expect(page.locator(".messages")).to_contain_text("Đã duyệt")
        _shot(page, "04-report-accepted")
        plan.refresh_from_db()
        assert plan.progress is not None and plan.progress > 0

        # 9. The leader's dashboard shows it, and drills down to the city.
        _login(page, base, world.root_admin.username)
        page.click("header >> text=Điều hành")
        expect(page.locator("main")).to_contain_text("Thành ủy Nhánh A")
        # The chart is drawn and its table folded away; open the table to use its links.
        page.click("#rag-table > summary")
        page.click("main table >> text=Thành ủy Nhánh A")
        expect(page.locator("h1")).to_contain_text("Thành ủy Nhánh A")
        expect(page.locator("main")).to_contain_text("Chi bộ A1")
        _shot(page, "05-dashboard")
        page.goto(f"{base}/plans/{plan.pk}/")
        expect(page.locator(".page-head").first).to_contain_text(
            f"{plan.progress:.1f}".rstrip("0").rstrip(".")
        )
        browser.close()
