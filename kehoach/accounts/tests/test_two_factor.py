"""The optional second factor (TOTP): enrol with a QR code drawn locally, a code at login, a
code with the API token; wrong codes are throttled."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.test import APIClient

from kehoach.accounts.services import otp_pending_device, user_otp_enable
from kehoach.accounts.tests.factories import TEST_PASSWORD, SuperuserFactory
from kehoach.audit.models import AuditEntry

pytestmark = pytest.mark.django_db


def code(device: TOTPDevice, *, later: int = 0) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time += later
    return f"{totp.token():0{device.digits}d}"


@pytest.fixture
def admin_with_otp():
    admin = SuperuserFactory(username="quantri.otp")
    device = otp_pending_device(actor=admin)
    user_otp_enable(actor=admin, token=code(device))
    device.refresh_from_db()
    return admin, device


def test_given_an_admin_when_enrolling_then_a_local_svg_qr_code_and_the_first_code_turn_it_on(
    client,
):
    admin = SuperuserFactory()
    client.force_login(admin)
    page = client.get(reverse("accounts:otp_setup"))
    body = page.content.decode()
    assert page.status_code == 200 and "<svg" in body and "<path" in body
    assert "http" not in body.split("<svg", 1)[1].split("</svg>", 1)[0].replace(
        "http://www.w3.org", ""
    )  # drawn here: no image from elsewhere
    device = TOTPDevice.objects.get(user=admin, confirmed=False)
    assert client.get(reverse("accounts:otp_setup")).status_code == 200
    assert TOTPDevice.objects.filter(user=admin).count() == 1  # the same secret on reload
    wrong = client.post(reverse("accounts:otp_setup"), {"token": "000000"})
    assert wrong.status_code == 400 and "không đúng" in wrong.content.decode()
    device.refresh_from_db()
    device.throttle_reset()
    done = client.post(reverse("accounts:otp_setup"), {"token": code(device)})
    assert done.status_code == 302
    assert TOTPDevice.objects.get(user=admin).confirmed
    assert AuditEntry.objects.filter(action="user_otp_enable", object_id=str(admin.pk)).exists()


def test_given_the_second_factor_on_when_logging_in_then_the_password_alone_does_not_log_in(
    client, admin_with_otp
):
    admin, device = admin_with_otp
    step1 = client.post(
        reverse("accounts:login"), {"username": admin.username, "password": TEST_PASSWORD}
    )
    assert step1.status_code == 302 and step1.url == reverse("accounts:login_verify")
    assert client.get(reverse("accounts:profile")).status_code == 302  # not logged in yet
    wrong = client.post(reverse("accounts:login_verify"), {"token": "000000"})
    assert wrong.status_code == 400 and "không đúng" in wrong.content.decode()
    assert client.get(reverse("accounts:profile")).status_code == 302
    device.refresh_from_db()
    device.throttle_reset()
    step2 = client.post(reverse("accounts:login_verify"), {"token": code(device, later=30)})
    assert step2.status_code == 302
    assert client.get(reverse("accounts:profile")).status_code == 200


def test_given_repeated_wrong_codes_then_even_the_right_one_waits(client, admin_with_otp):
    admin, device = admin_with_otp
    client.post(reverse("accounts:login"), {"username": admin.username, "password": TEST_PASSWORD})
    for _ in range(3):
        client.post(reverse("accounts:login_verify"), {"token": "000000"})
    response = client.post(reverse("accounts:login_verify"), {"token": code(device, later=30)})
    assert response.status_code == 400 and "quá nhiều lần" in response.content.decode()
    assert client.get(reverse("accounts:profile")).status_code == 302


def test_given_no_pending_password_step_then_the_code_page_sends_back_to_the_login(client):
    response = client.get(reverse("accounts:login_verify"))
    assert response.status_code == 302 and response.url == reverse("accounts:login")


def test_given_the_second_factor_on_then_the_api_token_needs_the_code(admin_with_otp):
    admin, device = admin_with_otp
    api = APIClient()
    without = api.post(
        "/api/auth/token/", {"username": admin.username, "password": TEST_PASSWORD}, format="json"
    )
    assert without.status_code == 400 and "token" not in without.json()
    device.refresh_from_db()
    device.throttle_reset()
    ok = api.post(
        "/api/auth/token/",
        {"username": admin.username, "password": TEST_PASSWORD, "otp": code(device, later=30)},
        format="json",
    )
    assert ok.status_code == 200 and ok.json()["token"]


def test_given_the_second_factor_on_then_turning_it_off_needs_a_code(client, admin_with_otp):
    admin, device = admin_with_otp
    client.force_login(admin)
    assert "đang bật" in client.get(reverse("accounts:otp_setup")).content.decode()
    assert client.post(reverse("accounts:otp_setup"), {"token": "000000"}).status_code == 400
    assert TOTPDevice.objects.filter(user=admin, confirmed=True).exists()
    device.refresh_from_db()
    device.throttle_reset()
    off = client.post(reverse("accounts:otp_setup"), {"token": code(device, later=30)})
    assert off.status_code == 302 and not TOTPDevice.objects.filter(user=admin).exists()


def test_given_the_admin_site_then_its_login_is_ours(client):
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login")) and "next=/admin/" in response.url
