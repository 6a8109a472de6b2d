"""A share request in Debian's Chromium: branch B's editor pastes a stub of branch A's directive
and is told a request was sent (nothing of the directive shown); A's editor accepts it on the
requests page, at a desktop and a phone width; B then finds the directive in its list.

Screenshots go to ``test-output/registry/`` (gitignored)."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from django.conf import settings

from kehoach.accounts.tests.factories import TEST_PASSWORD
from kehoach.core.browser import launch, logout, needs_chromium
from kehoach.organizations.choices import Role

OUT = Path(settings.BASE_DIR) / "test-output" / "registry"

pytestmark = [pytest.mark.browser, needs_chromium]


def _login(page, base: str, username: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", TEST_PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_load_state("networkidle")


def _shot(page, name: str) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(OUT / f"{name}.png"), full_page=True)


@pytest.mark.parametrize("viewport", [(1366, 768), (390, 844)], ids=["desktop", "phone"])
def test_a_stub_becomes_a_request_that_the_owner_accepts(live_server, transactional_db, viewport):
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # Playwright's sync API runs a loop
    from playwright.sync_api import expect, sync_playwright

    from kehoach.documents.models import DocumentShareRequest
    from kehoach.documents.services import (
        document_import_save,
        document_import_start,
        initial_data,
    )
    from kehoach.documents.tests.conftest import DIRECTIVE_27
    from kehoach.documents.tests.test_sharing import INTERNAL, STUB
    from kehoach.organizations.testing import make_two_branches

    world = make_two_branches()
    editor_a = world.user("a", Role.EDITOR)
    imp = document_import_start(actor=editor_a, text=DIRECTIVE_27 + "\n" + INTERNAL + "\n")
    directive = document_import_save(
        actor=editor_a, document_import=imp, data=initial_data(imp, user=editor_a)
    )
    base = live_server.url
    width, height = viewport
    tag = f"{width}x{height}"
    with sync_playwright() as p:
        browser = launch(p)
        page = browser.new_page(
            viewport={"width": width, "height": height},
            locale="vi-VN",
            extra_http_headers={"Accept-Language": "vi"},
        )
        # B's editor pastes the stub and saves the review
        _login(page, base, world.user("b", Role.EDITOR).username)
        page.goto(f"{base}/documents/import/")
        page.fill("#id_text", STUB)
        page.click("button:has-text('Đọc văn bản')")
        page.wait_for_url(re.compile(r"/documents/import/[0-9a-f-]+/$"))
        page.click("button:has-text('Lưu')")
        page.wait_for_url(re.compile(r"/documents/share-requests/$"))
        body = page.locator("main")
        expect(body).to_contain_text("đã gửi đề nghị dùng chung")
        expect(body).to_contain_text("Chờ quyết định")
        for secret in (directive.title[:40], INTERNAL, world.a.unit.name):
            expect(body).not_to_contain_text(secret)
        _shot(page, f"share-01-requested-{tag}")
        logout(page)

        # A's editor accepts on the requests page
        _login(page, base, editor_a.username)
        page.goto(f"{base}/documents/share-requests/")
        expect(page.locator("main")).to_contain_text(world.b.unit.name)
        _shot(page, f"share-02-owner-{tag}")
        page.click("button:has-text('Đồng ý')")
        expect(page.locator("main")).to_contain_text("Đã đồng ý dùng chung văn bản")
        assert DocumentShareRequest.objects.get().status == "accepted"
        logout(page)

        # B's viewer now finds the directive, still owned by A
        _login(page, base, world.user("b", Role.VIEWER).username)
        page.goto(f"{base}/documents/")
        expect(page.locator("#results")).to_contain_text("27-CT/TW")
        response = page.goto(f"{base}/documents/{directive.pk}/")
        assert response is not None and response.status == 200
        expect(page.locator("main")).to_contain_text(world.a.unit.name)
        _shot(page, f"share-03-reader-{tag}")
        browser.close()
