"""In Debian's Chromium: log in, open the unit tree, expand a unit with the keyboard, open a unit.

Screenshots go to test-output/browser/ (look at them after a change to the pages).
"""

import io
import os
from pathlib import Path

import pytest
from django.core.management import call_command

from kehoach.core.browser import launch, needs_chromium

OUT = Path(__file__).resolve().parents[3] / "test-output" / "browser"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    needs_chromium,
]


@pytest.fixture
def demo(transactional_db):
    """The demo world, built before the browser starts: ORM calls made while Playwright's sync
    API runs would open a connection in another context and keep the PostgreSQL test database
    busy at teardown."""
    from kehoach.organizations.models import Unit

    call_command("seed_demo", stdout=io.StringIO())
    units = dict(Unit.objects.values_list("code", "pk"))
    from django.db import connections

    connections.close_all()
    return units


@pytest.fixture
def page(demo):
    sync_api = pytest.importorskip("playwright.sync_api")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # the ORM runs beside Playwright's loop
    OUT.mkdir(parents=True, exist_ok=True)
    with sync_api.sync_playwright() as p:
        browser = launch(p)
        context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
        page = context.new_page()
        yield page
        context.close()
        browser.close()


def _login(page, base, username):
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill("kehoach2026")
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(f"{base}/")


def test_given_the_demo_world_when_an_editor_browses_the_tree_then_units_expand_and_open(
    demo, live_server, page
):
    base = live_server.url

    page.goto(f"{base}/accounts/login/")
    page.screenshot(path=str(OUT / "01-login.png"), full_page=True)
    _login(page, base, "bientap.thanhuy")
    assert page.get_by_role("heading", name="Đơn vị và vai trò của bạn").is_visible()
    page.screenshot(path=str(OUT / "02-home.png"), full_page=True)

    page.get_by_role("navigation", name="Điều hướng chính").get_by_role(
        "link", name="Đơn vị"
    ).click()
    page.wait_for_url(f"{base}/units/")
    toggle = page.get_by_role("button", name="Mở hoặc thu gọn Thành ủy Đà Lạt")
    # A single top unit opens by itself; the keyboard closes and reopens it.
    page.get_by_role("link", name="Chi bộ Phường 1").wait_for()
    assert toggle.get_attribute("aria-expanded") == "true"
    toggle.focus()
    page.keyboard.press("Enter")
    assert toggle.get_attribute("aria-expanded") == "false"
    assert not page.get_by_role("link", name="Chi bộ Phường 1").is_visible()
    page.keyboard.press("Space")
    assert page.get_by_role("link", name="Chi bộ Phường 1").is_visible()
    assert toggle.get_attribute("aria-expanded") == "true"
    assert page.get_by_text("Sở Thông tin và Truyền thông").count() == 0  # another branch
    page.screenshot(path=str(OUT / "03-tree-expanded.png"), full_page=True)

    page.get_by_label("Tìm đơn vị").fill("chi bo phuong")
    page.get_by_text("Tìm thấy 2 đơn vị.").wait_for()
    page.screenshot(path=str(OUT / "04-tree-search.png"), full_page=True)

    page.get_by_role("link", name="Chi bộ Phường 1").first.click()
    page.get_by_role("heading", name="Chi bộ Phường 1").wait_for()
    assert page.get_by_role("heading", name="Lịch sử thay đổi").is_visible()
    page.screenshot(path=str(OUT / "05-unit-detail.png"), full_page=True)


def test_given_an_admin_on_a_phone_when_opening_a_renamed_unit_then_history_and_actions_fit(
    demo, live_server, page
):
    base = live_server.url
    _login(page, base, "quantri.tu")
    page.set_viewport_size({"width": 390, "height": 844})
    board = demo["BTGDVTU"]
    page.goto(f"{base}/units/{board}/")
    assert page.get_by_role("link", name="Sửa, đổi tên").is_visible()
    assert page.get_by_text("Ban Tuyên giáo Tỉnh ủy (BTGTU)").is_visible()
    page.screenshot(path=str(OUT / "06-unit-detail-phone-top.png"))
    page.screenshot(path=str(OUT / "06-unit-detail-phone.png"), full_page=True)
    page.goto(f"{base}/units/{board}/members/")
    page.screenshot(path=str(OUT / "07-members.png"), full_page=True)


def test_given_an_admin_when_importing_a_file_with_a_bad_row_then_the_report_names_the_row(
    demo, live_server, page, tmp_path
):
    base = live_server.url
    _login(page, base, "quantri.tu")
    bad = tmp_path / "don-vi.csv"
    bad.write_text(
        "Mã đơn vị,Tên đầy đủ,Loại đơn vị,Mã đơn vị cấp trên\n"
        "CB-P3,Chi bộ Phường 3,Tổ dân phố,ThU-DL\n"
        "CB-P4,Chi bộ Phường 4,party_cell,ThU-DL\n",
        encoding="utf-8",
    )
    page.goto(f"{base}/units/import/")
    page.get_by_label("Tệp danh sách đơn vị (XLSX hoặc CSV)").set_input_files(str(bad))
    page.get_by_role("button", name="Nhập", exact=True).click()
    page.get_by_text("Tệp có lỗi, chưa lưu đơn vị nào").wait_for()
    assert page.get_by_text("Dòng 2: loại đơn vị “Tổ dân phố” không hợp lệ.").is_visible()
    page.screenshot(path=str(OUT / "08-import-errors.png"), full_page=True)

    bad.write_text(
        bad.read_text(encoding="utf-8").replace("Tổ dân phố", '"Chi bộ, đảng bộ cơ sở"'),
        encoding="utf-8",
    )
    page.get_by_label("Tệp danh sách đơn vị (XLSX hoặc CSV)").set_input_files(str(bad))
    page.get_by_role("button", name="Nhập", exact=True).click()
    page.get_by_text("Đã nhập: 2 đơn vị mới").wait_for()
    page.screenshot(path=str(OUT / "09-import-done.png"), full_page=True)
