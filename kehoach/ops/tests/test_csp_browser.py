"""In Debian's Chromium, under the real Content-Security-Policy header: every role opens the main
pages of the demo at 1366×768 and 390×844 and the browser reports no violation (no inline
script or style, no eval), no script error, and every page carries the header.

A listener added before any page script (``add_init_script``) records each
``securitypolicyviolation`` event; the console's CSP messages and page errors are collected
too. Screenshots: ``test-output/csp/``."""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.management import call_command

from kehoach.core.browser import launch, needs_chromium

OUT = Path(settings.BASE_DIR) / "test-output" / "csp"
PASSWORD = "kehoach2026"  # the demo's
VIEWPORTS = [(1366, 768), (390, 844)]

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), needs_chromium]

RECORD_VIOLATIONS = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__csp.push([e.violatedDirective, e.blockedURI, e.sourceFile, e.lineNumber, e.sample]);
});
"""


def _totp(key: bytes, *, later: int = 0) -> str:
    from django_otp.oath import TOTP

    totp = TOTP(key)
    totp.time += later
    return f"{totp.token():06d}"


@pytest.fixture
def demo(transactional_db) -> dict[str, Any]:
    """The demo world and the addresses of its main pages, built before the browser starts
    (no ORM call while Playwright runs)."""
    from django.db import connections

    from kehoach.accounts.models import User
    from kehoach.accounts.services import otp_pending_device, user_otp_enable
    from kehoach.documents.models import Document
    from kehoach.documents.services import document_import_start
    from kehoach.execution.choices import PeriodStatus, ReportStatus
    from kehoach.execution.models.reports import ProgressReport
    from kehoach.organizations.models import Unit
    from kehoach.results.models import ResultsReport

    call_command("seed_demo", stdout=io.StringIO())
    returned = (
        ProgressReport.objects.filter(
            unit__code="CB-P1", status=ReportStatus.RETURNED, period__status=PeriodStatus.OPEN
        )
        .select_related("task")
        .first()
        or ProgressReport.objects.filter(period__status=PeriodStatus.OPEN).first()
    )
    assert returned is not None
    results = ResultsReport.objects.order_by("id").first()
    assert results is not None
    plan = returned.task.plan
    doc = Document.objects.order_by("id").first()
    assert plan is not None and doc is not None
    editor = User.objects.get(username="bientap.thanhuy")
    imp = document_import_start(
        actor=editor,
        filename="van-ban-dan.txt",
        text="THÀNH ỦY ĐÀ LẠT\nSố 12-KH/TU\nKẾ HOẠCH\nTriển khai Chỉ thị số 05-CT/TW "
        "ngày 15/5/2016 của Bộ Chính trị\n1. Quán triệt.\n2. Tổ chức thực hiện.",
    )
    # The admin of the province logs in with a second factor (the code page is a page too).
    admin = User.objects.get(username="quantri.tu")
    device = otp_pending_device(actor=admin)
    user_otp_enable(actor=admin, token=_totp(device.bin_key))
    unit = Unit.objects.get(code="ThU-DL")
    pages = {
        "home": "/",
        "plans": "/plans/",
        "plan": f"/plans/{plan.pk}/",
        "dashboard": "/plans/dashboard/",
        "compliance": "/plans/compliance/",
        "mine": "/tasks/mine/",
        "task": f"/tasks/{returned.task_id}/",
        "report-write": (
            f"/tasks/{returned.task_id}/report/?unit={returned.unit_id}&period={returned.period_id}"
        ),
        "report": f"/reports/{returned.pk}/",
        "review": "/reports/review/",
        "results-list": f"/results/plans/{plan.pk}/",
        "results": f"/results/{results.pk}/",
        "documents": "/documents/",
        "document": f"/documents/{doc.pk}/",
        "graph": f"/documents/{doc.pk}/graph/",
        "search": "/documents/search/?q=chi+thi",
        "import": "/documents/import/",
        "import-review": f"/documents/import/{imp.pk}/",
        "units": "/units/",
        "unit": f"/units/{unit.pk}/",
        "members": f"/units/{unit.pk}/members/",
        "inbox": "/notifications/",
        "profile": "/accounts/profile/",
        "two-factor": "/accounts/two-factor/",
        "password": "/accounts/password/",
        "api-docs": "/api/docs/",  # Swagger UI: its start-up script from ?script, no inline CSS
        "admin": "/admin/",  # Django's admin; a 403 page for those who are not staff
    }
    key = bytes(device.bin_key)
    connections.close_all()
    return {"pages": pages, "otp_key": key}


# Django's admin pages, for the superuser.
SUPERUSER_PAGES = {
    "admin-users": "/admin/accounts/user/",
    "admin-user-add": "/admin/accounts/user/add/",
}

USERS = [
    ("admin", "superuser"),
    ("quantri.tu", "admin"),  # with the second factor
    ("bientap.thanhuy", "editor"),
    ("baocao.chibo1", "reporter"),
    ("xem.stttt", "viewer"),
]


class Watch:
    """What a page did wrong under the policy: violations, CSP console lines, script errors."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.console: list[str] = []
        self.errors: list[str] = []
        page.on("console", self._console)
        page.on("pageerror", lambda exc: self.errors.append(str(exc)))

    def _console(self, msg: Any) -> None:
        text = msg.text
        if "Content Security Policy" in text or "Refused to" in text or "htmx:" in text:
            self.console.append(text)

    def visit(self, base: str, path: str) -> list[str]:
        response = self.page.goto(base + path)
        assert response is not None
        self.page.wait_for_load_state("networkidle")
        return self.check(path, response)

    def check(self, where: str, response: Any = None) -> list[str]:
        problems: list[str] = []
        if response is not None:
            header = response.headers.get("content-security-policy", "")
            if "script-src 'self'" not in header or "style-src 'self'" not in header:
                problems.append(f"{where}: no CSP header ({header!r})")
        for v in self.page.evaluate("window.__csp || []"):
            problems.append(f"{where}: violation {v}")
        problems += [f"{where}: console {c}" for c in self.console]
        problems += [f"{where}: script error {e}" for e in self.errors]
        self.console.clear()
        self.errors.clear()
        return problems


def _login(watch: Watch, base: str, username: str, otp_key: bytes) -> list[str]:
    page = watch.page
    problems = watch.visit(base, "/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_load_state("networkidle")
    if "/accounts/login/verify/" in page.url:
        problems += watch.check("login-verify")
        page.fill("input[name=token]", _totp(otp_key, later=30))
        page.click("main button[type=submit]")
        page.wait_for_load_state("networkidle")
    assert page.url == f"{base}/", f"{username} did not log in ({page.url})"
    return problems


@pytest.mark.parametrize(("width", "height"), VIEWPORTS)
def test_every_role_opens_the_main_pages_without_a_policy_violation(
    demo, live_server, width, height
):
    sync_api = pytest.importorskip("playwright.sync_api")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # Playwright's sync API runs a loop
    OUT.mkdir(parents=True, exist_ok=True)
    base = live_server.url
    problems: list[str] = []
    seen = 0
    with sync_api.sync_playwright() as p:
        browser = launch(p)
        for username, role in USERS:
            context = browser.new_context(viewport={"width": width, "height": height}, locale="vi")
            context.add_init_script(RECORD_VIOLATIONS)
            page = context.new_page()
            watch = Watch(page)
            problems += _login(watch, base, username, demo["otp_key"])
            pages = dict(demo["pages"])
            if role == "superuser":
                pages.update(SUPERUSER_PAGES)
            for name, path in pages.items():
                problems += watch.visit(base, path)
                seen += 1
                if role in ("editor", "reporter") and name in (
                    "home",
                    "plan",
                    "dashboard",
                    "report-write",
                    "results",
                    "import-review",
                    "units",
                ):
                    page.screenshot(path=str(OUT / f"{width}-{role}-{name}.png"), full_page=True)
            # htmx at work under the policy: the unit tree's search (a trigger from an input).
            watch.visit(base, "/units/")
            search = page.locator("input[name=q]").first
            if search.is_visible():
                with page.expect_response(lambda r: "/units/" in r.url and "q=" in r.url):
                    search.fill("phuong")
                page.wait_for_load_state("networkidle")
                problems += watch.check("units-search")
            context.close()
        # The error pages and the login page are seen without a session too.
        context = browser.new_context(viewport={"width": width, "height": height}, locale="vi")
        context.add_init_script(RECORD_VIOLATIONS)
        watch = Watch(context.new_page())
        problems += watch.visit(base, "/accounts/login/")
        watch.page.screenshot(path=str(OUT / f"{width}-login.png"), full_page=True)
        problems += watch.visit(base, "/no-such-page/")
        # The watch sees what it must refuse: an inline script and a style attribute added
        # here are blocked and reported (so an empty list above means something).
        watch.page.evaluate(
            "var s = document.createElement('script'); s.textContent = 'window.x = 1';"
            "document.head.appendChild(s);"
            "document.body.insertAdjacentHTML('beforeend', '<p style=\"color: red\">x</p>');"
        )
        watch.page.wait_for_timeout(200)
        caught = watch.check("self-check")
        assert any("script-src" in c for c in caught), caught
        assert any("style-src" in c for c in caught), caught
        assert watch.page.evaluate("window.x") is None
        context.close()
        browser.close()
    assert seen == len(USERS) * len(demo["pages"]) + len(SUPERUSER_PAGES)
    assert problems == []
