"""Browser tests drive Debian's Chromium through Playwright; never a downloaded browser.

from kehoach.core.browser import launch, needs_chromium

pytestmark = [pytest.mark.browser, needs_chromium]
with sync_playwright() as p:
    browser = launch(p)
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
# Headless, no sandbox (root in CI), and nothing that reaches for the network on its own.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

needs_chromium = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason="Debian's /usr/bin/chromium is not installed (apt-get install chromium)",
)


def launch(playwright: Any, **kwargs: Any) -> Any:
    """Start Debian's Chromium headless with the project's arguments."""
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, **kwargs)


def logout(page: Any) -> None:
    """Log out from any page: on a phone the button is behind the header's menu."""
    button = page.locator("label.menu-button")
    if button.is_visible():
        button.click()
    page.click("button:has-text('Đăng xuất')")
