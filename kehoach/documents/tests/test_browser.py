"""A person's journey in Debian's Chromium: an editor uploads a seed DOCX, corrects the issuer on
the review page, saves, finds it by searching without diacritics and opens its citation graph;
a reporter of another branch then fails to see it (list, search, direct URL).

Screenshots go to ``test-output/registry/`` (gitignored)."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from django.conf import settings

from kehoach.accounts.tests.factories import TEST_PASSWORD
from kehoach.core.browser import launch, needs_chromium
from kehoach.organizations.choices import Role

OUT = Path(settings.BASE_DIR) / "test-output" / "registry"

pytestmark = [
    pytest.mark.browser,
    needs_chromium,
]


def _seed_docx(tmp_path: Path) -> Path:
    """A DOCX made at test time from the first seed (the seed text is never copied into the repo)."""
    seeds = sorted(Path(settings.SHARED_SEEDS_DIR).glob("000_*.txt"))
    if not seeds:
        pytest.skip("../shared/seeds is absent: no seed to upload")
    from docx import Document as Docx

    docx = Docx()
    for line in seeds[0].read_text(encoding="utf-8").splitlines():
        docx.add_paragraph(line)
    path = tmp_path / "ke-hoach-tuyen-truyen.docx"
    docx.save(path)
    return path


def _login(page, base: str, username: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", TEST_PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_load_state("networkidle")
    _shot(page, f"00-login-{username}")


def _shot(page, name: str) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(OUT / f"{name}.png"), full_page=True)


def test_editor_imports_a_seed_and_another_branch_cannot_see_it(
    live_server, transactional_db, tmp_path
):
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # Playwright's sync API runs a loop
    from playwright.sync_api import expect, sync_playwright

    from kehoach.documents.models import Document
    from kehoach.organizations.testing import make_two_branches

    world = make_two_branches()
    docx = _seed_docx(tmp_path)
    # The directive the seed implements is already registered in branch A.
    import datetime as dt

    from kehoach.documents.tests.factories import DocumentFactory

    directive = DocumentFactory(
        owner_unit=world.a.unit,
        doc_type="CT",
        doc_type_name="Chỉ thị",
        number="27",
        symbol="CT/TW",
        issuer_name="Bộ Chính trị",
        date=dt.date(2023, 12, 25),
        title="Về tăng cường sự lãnh đạo của Đảng đối với công tác thực hành tiết kiệm, chống lãng phí",
    )
    base = live_server.url
    with sync_playwright() as p:
        browser = launch(p)
        page = browser.new_page(
            viewport={"width": 1366, "height": 900},
            locale="vi-VN",
            extra_http_headers={"Accept-Language": "vi"},
        )

        # An editor of branch A uploads the DOCX.
        _login(page, base, world.user("a", Role.EDITOR).username)
        page.click("text=Nhập văn bản")
        page.set_input_files("input[type=file]", str(docx))
        _shot(page, "01-import")
        page.click("button:has-text('Đọc văn bản')")
        page.wait_for_url(re.compile(r"/documents/import/[0-9a-f-]+/$"))

        # The review page shows the fields beside the highlighted source; correct the issuer.
        expect(page.locator(".source-text mark.ref").first).to_be_visible()
        page.fill("#id_issuer_name", "Ban Thường vụ Thành ủy Nhánh A")
        page.select_option("#id_issuer_unit", label="— Thành ủy Nhánh A")
        _shot(page, "02-review")
        page.click("button:has-text('Lưu')")
        page.wait_for_url(re.compile(r"/documents/\d+/$"))
        expect(page.locator("h1")).to_contain_text("Kế hoạch")
        _shot(page, "03-document")
        doc = Document.objects.exclude(pk=directive.pk).get()
        assert doc.issuer_unit == world.a.unit and doc.files.count() == 1
        assert doc.references.filter(target=directive).exists()

        # Found by searching without diacritics, the words highlighted.
        page.click("header >> text=Tìm kiếm")
        page.fill("#id_q", "tiet kiem chong lang phi")
        page.press("#id_q", "Enter")
        hit = page.locator(".hit", has_text="Tuyên truyền thực hiện").first
        expect(hit).to_contain_text("tiết kiệm")
        expect(hit.locator("mark").first).to_be_visible()
        _shot(page, "04-search")

        # Its citation graph opens from the document page.
        hit.locator("h2 a").click()
        page.click("text=Cây văn bản triển khai")
        expect(page.locator("h1")).to_have_text("Cây văn bản triển khai")
        # From the plan up to the directive it implements: the plan is its first level.
        page.click(".implements >> text=27-CT/TW")
        expect(page.locator(".graph")).to_contain_text("Tuyên truyền thực hiện")
        _shot(page, "05-graph")
        detail_url = f"{base}/documents/{doc.pk}/"

        # A reporter of branch B sees nothing of it.
        page.click("button:has-text('Đăng xuất')")
        _login(page, base, world.user("b", Role.REPORTER).username)
        page.goto(f"{base}/documents/")
        expect(page.locator("#results")).to_contain_text("0 văn bản")
        page.goto(f"{base}/documents/search/?q=tiet+kiem")
        expect(page.locator("#hits")).to_contain_text("Tìm thấy 0 văn bản")
        _shot(page, "06-other-branch-search")
        response = page.goto(detail_url)
        assert response is not None and response.status == 404
        browser.close()
