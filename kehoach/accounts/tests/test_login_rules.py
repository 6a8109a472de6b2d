"""Login as the ASVS asks: throttling across accounts, password rules, the old password."""

from __future__ import annotations

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation
from rest_framework.test import APIClient

from kehoach.accounts.models import User
from kehoach.accounts.services import user_create, user_set_password
from kehoach.accounts.tests.factories import TEST_PASSWORD, SuperuserFactory, UserFactory
from kehoach.core.exceptions import DomainError

pytestmark = pytest.mark.django_db

SPRAYER = "203.0.113.7"
NEIGHBOUR = "203.0.113.8"


def _spray(client, *, accounts: int, per_account: int, address: str = SPRAYER) -> None:
    for n in range(accounts):
        for _ in range(per_account):
            response = client.post(
                reverse("accounts:login"),
                {"username": f"nan.nhan{n}", "password": "sai-mat-khau"},
                REMOTE_ADDR=address,
            )
            assert response.status_code in (200, 429)


def test_given_forty_wrong_passwords_over_ten_accounts_then_the_address_is_locked(client):
    # Given ten accounts and a client that stays under the per-account limit (5) on each
    for n in range(10):
        UserFactory(username=f"nan.nhan{n}")
    victim = UserFactory(username="nguoi.khac")
    _spray(client, accounts=10, per_account=4)

    # When the right password of an eleventh account is sent from the same address
    locked = client.post(
        reverse("accounts:login"),
        {"username": victim.username, "password": TEST_PASSWORD},
        REMOTE_ADDR=SPRAYER,
    )

    # Then it is refused with the Vietnamese lockout page; another address still logs in
    assert locked.status_code == 429
    assert "Tạm khóa đăng nhập" in locked.content.decode()
    other = client.post(
        reverse("accounts:login"),
        {"username": victim.username, "password": TEST_PASSWORD},
        REMOTE_ADDR=NEIGHBOUR,
    )
    assert other.status_code == 302


def test_given_a_few_failures_from_an_address_then_its_users_still_log_in(client):
    for n in range(3):
        UserFactory(username=f"nan.nhan{n}")
    _spray(client, accounts=3, per_account=2)
    response = client.post(
        reverse("accounts:login"),
        {"username": "nan.nhan0", "password": TEST_PASSWORD},
        REMOTE_ADDR=SPRAYER,
    )
    assert response.status_code == 302


def test_given_a_spraying_address_when_asking_for_an_api_token_then_it_is_throttled_too():
    for n in range(10):
        UserFactory(username=f"nan.nhan{n}")
    api = APIClient(REMOTE_ADDR=SPRAYER)
    for n in range(10):
        for _ in range(2):
            api.post(
                "/api/auth/token/",
                {"username": f"nan.nhan{n}", "password": "sai"},
                format="json",
            )
    response = api.post(
        "/api/auth/token/", {"username": "nan.nhan9", "password": TEST_PASSWORD}, format="json"
    )
    assert response.status_code == 429
    assert "token" not in response.json() and "tạm khóa" in response.json()["detail"]
    fresh = APIClient(REMOTE_ADDR=NEIGHBOUR).post(
        "/api/auth/token/", {"username": "nan.nhan9", "password": TEST_PASSWORD}, format="json"
    )
    assert fresh.status_code == 200 and "token" in fresh.json()


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("nguyenvanan", "quá giống"),  # the username
        ("nguyenvanan1", "quá giống"),
        ("ngan-qua", "quá ngắn: cần ít nhất 10 ký tự"),
        ("12345678901234", "hoàn toàn là số"),
        ("password123", "quá phổ biến"),
    ],
)
def test_given_a_weak_password_when_creating_an_account_then_a_vietnamese_message_refuses_it(
    password, message
):
    with translation.override("vi"), pytest.raises(DomainError) as refused:
        user_create(actor=None, username="nguyenvanan", password=password)
    assert refused.value.field == "password"
    assert message in refused.value.message
    assert not User.objects.filter(username="nguyenvanan").exists()


def test_given_the_test_and_demo_password_then_the_validators_accept_it():
    validate_password(TEST_PASSWORD, User(username="admin", full_name="Quản trị hệ thống"))
    with pytest.raises(ValidationError):
        validate_password("admin.tinh", User(username="admin.tinh"))


@pytest.mark.parametrize("superuser", [False, True])
def test_given_ones_own_account_when_setting_a_password_without_the_old_one_then_it_is_refused(
    superuser,
):
    user = SuperuserFactory() if superuser else UserFactory()
    for old in (None, "", "sai-mat-khau-cu"):
        with pytest.raises(DomainError) as refused:
            user_set_password(actor=user, user=user, password="mat-khau-moi-2026", old_password=old)
        assert refused.value.field == "old_password"
    user.refresh_from_db()
    assert user.check_password(TEST_PASSWORD)
    user_set_password(
        actor=user, user=user, password="mat-khau-moi-2026", old_password=TEST_PASSWORD
    )
    user.refresh_from_db()
    assert user.check_password("mat-khau-moi-2026")


def test_given_a_superuser_then_they_still_set_someone_elses_password_without_theirs():
    admin, other = SuperuserFactory(), UserFactory()
    user_set_password(actor=admin, user=other, password="mat-khau-moi-2026")
    other.refresh_from_db()
    assert other.check_password("mat-khau-moi-2026")


def test_given_a_superuser_in_the_django_admin_when_changing_their_own_password_then_the_page_asking_the_old_one_opens(
    client,
):
    admin, other = SuperuserFactory(), UserFactory()
    client.force_login(admin)
    own = client.get(f"/admin/accounts/user/{admin.pk}/password/")
    assert own.status_code == 302 and own.url == reverse("accounts:password_change")
    changed = client.post(
        f"/admin/accounts/user/{admin.pk}/password/",
        {"password1": "mat-khau-moi-2026", "password2": "mat-khau-moi-2026"},
    )
    assert changed.status_code == 302
    admin.refresh_from_db()
    assert admin.check_password(TEST_PASSWORD)
    assert client.get(f"/admin/accounts/user/{other.pk}/password/").status_code == 200


def test_given_the_password_page_when_the_old_password_is_wrong_then_400_and_nothing_changes(
    client,
):
    user = SuperuserFactory()
    client.force_login(user)
    response = client.post(
        reverse("accounts:password_change"),
        {
            "old_password": "sai-mat-khau-cu",
            "new_password1": "mat-khau-moi-2026",
            "new_password2": "mat-khau-moi-2026",
        },
    )
    assert response.status_code == 400
    assert "Mật khẩu hiện tại không đúng" in response.content.decode()
    user.refresh_from_db()
    assert user.check_password(TEST_PASSWORD)


def test_given_a_logged_in_user_who_is_not_staff_when_opening_the_admin_then_403_not_a_loop(
    client,
):
    client.force_login(UserFactory())
    response = client.get("/admin/", follow=True)
    assert response.status_code == 403
    assert "không vào được trang quản trị" in response.content.decode()
    assert len(response.redirect_chain) == 2  # /admin/login/ → /accounts/login/?next=/admin/
    client.logout()
    assert client.get("/accounts/login/?next=/admin/").status_code == 200  # the login form
