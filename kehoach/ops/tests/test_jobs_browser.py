"""In Chromium, at 1366×768 and on a phone: an editor uploads a large document, watches the
progress bar of the background read, then lands on the review page.

The jobs run in a thread of the live server (the embedded default of ``make demo``), so the
upload request returns at once and the page polls. Screenshots: ``test-output/jobs/``."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import override_settings

from kehoach.accounts.tests.factories import TEST_PASSWORD
from kehoach.core.browser import launch, needs_chromium
from kehoach.organizations.choices import Role

OUT = Path(settings.BASE_DIR) / "test-output" / "jobs"
pytestmark = [pytest.mark.browser, needs_chromium]


def _large_text(target_bytes: int) -> bytes:
    """A real plan (seed 004) with its body repeated: a long document, as a province's
    compiled plan or a year of directives pasted into one file is."""
    seeds = sorted(Path(settings.SHARED_SEEDS_DIR).glob("004_*.txt"))
    if not seeds:
        pytest.skip("../shared/seeds is absent: no seed to upload")
    seed = seeds[0].read_text(encoding="utf-8")
    paragraphs = seed.split("\n\n")
    body = "\n\n".join(paragraphs[8:-6])
    text = seed
    while len(text.encode()) < target_bytes:
        text += "\n\n" + body
    return text.encode()


@pytest.mark.parametrize(("width", "height"), [(1366, 768), (390, 844)])
@override_settings(KEHOACH_JOBS_RUNNER="thread")
def test_a_large_upload_shows_its_progress_then_the_review(
    live_server, transactional_db, tmp_path, width, height
):
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # Playwright's sync API runs a loop
    from playwright.sync_api import expect, sync_playwright

    from kehoach.organizations.testing import make_two_branches

    world = make_two_branches()
    path = tmp_path / "ke-hoach-tong-hop.txt"
    path.write_bytes(_large_text(10 * 1024 * 1024))
    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = launch(p)
        page = browser.new_page(viewport={"width": width, "height": height}, locale="vi-VN")
        page.goto(f"{live_server.url}/accounts/login/")
        page.fill("#id_username", world.user("a", Role.EDITOR).username)
        page.fill("#id_password", TEST_PASSWORD)
        page.click("main button[type=submit]")
        page.goto(f"{live_server.url}/documents/import/")
        page.set_input_files("input[type=file]", str(path))

        # Hold the page's polls until the bar is measured: a fast server may finish the
        # job before the test has looked at it, and the poll would then move the page on.
        def hold_polls(route):
            if route.request.headers.get("hx-request"):
                route.abort()
            else:
                route.continue_()

        polls = re.compile(r"/jobs/[0-9a-f-]+/$")
        page.route(polls, hold_polls)
        page.click("button:has-text('Đọc văn bản')")

        page.wait_for_url(re.compile(r"/jobs/[0-9a-f-]+/$"), wait_until="commit", timeout=60_000)
        bar = page.locator("progress#job-progress")
        expect(bar).to_be_visible()
        expect(page.locator("h1")).to_have_text("Đọc văn bản tải lên")
        page.screenshot(path=str(OUT / f"progress-{width}.png"), full_page=True)
        if width < 500:  # on a phone the bar fits the screen
            box = bar.bounding_box()
            assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width
        page.unroute(polls)

        # The poll moves the page on when the job is done (the URL is watched, not one
        # navigation event: a slow server may answer two polls).
        expect(page).to_have_url(re.compile(r"/documents/import/[0-9a-f-]+/$"), timeout=120_000)
        expect(page.locator("#id_title")).not_to_be_empty()
        page.screenshot(path=str(OUT / f"review-{width}.png"))
        browser.close()
