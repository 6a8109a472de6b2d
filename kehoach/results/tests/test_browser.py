"""In Debian's Chromium: an editor opens the compiled report, edits part III in place (htmx,
no page load), and the saved text is there after a reload. Screenshots go to
``test-output/results/`` (gitignored)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from django.conf import settings

from kehoach.accounts.tests.factories import TEST_PASSWORD
from kehoach.core.browser import launch, needs_chromium
from kehoach.results.services import results_compile
from kehoach.results.tests.conftest import TODAY

OUT = Path(settings.BASE_DIR) / "test-output" / "results"

pytestmark = [
    pytest.mark.browser,
    needs_chromium,
]


def test_editor_edits_a_part_in_place_and_it_is_saved(live_server, transactional_db, scene):
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # Playwright's sync API runs a loop
    from playwright.sync_api import expect, sync_playwright

    report = results_compile(actor=scene.editor, plan=scene.plan, period=scene.period, today=TODAY)
    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = launch(p)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(f"{live_server.url}/accounts/login/")
        page.fill("#id_username", scene.editor.username)
        page.fill("#id_password", TEST_PASSWORD)
        page.click("main button[type=submit]")
        page.wait_for_load_state("networkidle")
        page.goto(f"{live_server.url}/results/{report.pk}/")
        expect(page.locator("h1")).to_contain_text("Quý III/2026")
        expect(page.locator("main")).to_contain_text("139/150 (92,67%)")
        page.screenshot(path=str(OUT / "01-report.png"), full_page=True)
        part = page.locator("#part-directions")
        part.locator("textarea").fill("- Hoàn thành các nhiệm vụ quá hạn trong tháng 10/2026.")
        url_before = page.url
        part.locator("button[type=submit]").click()
        expect(page.locator("#part-directions")).to_contain_text("Đã lưu")
        expect(page.locator("#part-directions")).to_contain_text("đã sửa")
        assert page.url == url_before
        page.locator("#part-directions").screenshot(path=str(OUT / "02-saved-part.png"))
        page.reload()
        expect(page.locator("#part-directions textarea")).to_have_value(
            "- Hoàn thành các nhiệm vụ quá hạn trong tháng 10/2026."
        )
        browser.close()


def test_parts_save_themselves_and_leaving_unsaved_text_warns(live_server, transactional_db, scene):
    # Given an editor on a phone, with the compiled report open
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import expect, sync_playwright

    report = results_compile(actor=scene.editor, plan=scene.plan, period=scene.period, today=TODAY)
    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = launch(p)
        page = browser.new_page(viewport={"width": 390, "height": 844})
        page.goto(f"{live_server.url}/accounts/login/")
        page.fill("#id_username", scene.editor.username)
        page.fill("#id_password", TEST_PASSWORD)
        page.click("main button[type=submit]")
        page.wait_for_load_state("networkidle")
        page.goto(f"{live_server.url}/results/{report.pk}/")
        # When they type in two parts, one after the other, and never press a button
        for key, text in (("limitations", " Thiếu kinh phí."), ("directions", " Làm tiếp.")):
            box = page.locator(f"#part-{key} textarea")
            box.click()
            page.keyboard.press("Control+End")
            page.keyboard.type(text)
            expect(page.locator(f"#part-{key} .autosave-status")).to_contain_text(
                "Đã tự lưu lúc", timeout=10_000
            )
        page.locator("#part-directions").screenshot(path=str(OUT / "03-autosaved-390.png"))
        # And type again, then try to leave at once: the page asks first
        page.locator("#part-directions textarea").click()
        page.keyboard.press("Control+End")
        page.keyboard.type(" Chưa kịp lưu.")
        asked = []

        def answer(dialog):
            asked.append(dialog.type)
            dialog.dismiss()

        page.on("dialog", answer)
        page.evaluate("window.location.href = '/'")
        page.wait_for_timeout(500)
        assert asked == ["beforeunload"]
        # Then after the reload both parts hold what was typed (the last words saved too)
        expect(page.locator("#part-directions .autosave-status")).to_contain_text(
            "Đã tự lưu lúc", timeout=10_000
        )
        page.remove_listener("dialog", answer)
        page.reload()
        assert page.locator("#part-limitations textarea").input_value().endswith("Thiếu kinh phí.")
        assert (
            page.locator("#part-directions textarea")
            .input_value()
            .endswith("Làm tiếp. Chưa kịp lưu.")
        )
        browser.close()
