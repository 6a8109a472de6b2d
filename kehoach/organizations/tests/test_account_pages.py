"""Login, lockout after repeated failures, profile with units and the API token."""

import pytest
from django.urls import reverse
from rest_framework.authtoken.models import Token

from kehoach.accounts.tests.factories import TEST_PASSWORD, UserFactory
from kehoach.audit.models import AuditEntry
from kehoach.organizations.choices import Role

pytestmark = pytest.mark.django_db


def test_given_a_user_when_logging_in_with_the_right_password_then_home_shows_their_units(
    client, two_branches
):
    response = client.post(
        reverse("accounts:login"), {"username": "editor.a", "password": TEST_PASSWORD}, follow=True
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Xin chào" in body and two_branches.a.unit.name in body and "Biên tập" in body
    assert two_branches.b.unit.name not in body


def test_given_a_wrong_password_then_the_login_page_says_so_in_vietnamese(client, two_branches):
    response = client.post(reverse("accounts:login"), {"username": "editor.a", "password": "sai"})
    assert response.status_code == 200
    assert "Tên đăng nhập hoặc mật khẩu không đúng" in response.content.decode()


def test_given_five_failures_when_trying_again_then_a_vietnamese_lockout_page_is_shown(
    client, two_branches
):
    for _ in range(5):
        client.post(reverse("accounts:login"), {"username": "editor.a", "password": "sai"})
    response = client.post(
        reverse("accounts:login"), {"username": "editor.a", "password": TEST_PASSWORD}
    )
    assert response.status_code == 429
    assert "Tạm khóa đăng nhập" in response.content.decode()


def test_given_a_member_when_opening_the_profile_then_units_roles_and_token_button_are_shown(
    client, two_branches
):
    client.force_login(two_branches.user("a", Role.REPORTER))
    body = client.get(reverse("accounts:profile")).content.decode()
    assert two_branches.a.unit.name in body and "Báo cáo" in body
    assert "Tạo mã truy cập API" in body


def test_given_the_token_button_when_pressed_twice_then_a_new_token_replaces_the_old_and_is_audited(
    client,
):
    user = UserFactory()
    client.force_login(user)
    first = client.post(reverse("accounts:profile")).context["new_token"]
    second = client.post(reverse("accounts:profile")).context["new_token"]
    assert first != second
    assert Token.objects.get(user=user).key == second
    assert (
        AuditEntry.objects.filter(action="user_token_create", object_id=str(user.pk)).count() == 2
    )


def test_given_a_superuser_then_the_nav_offers_units_and_the_language_switch(client, two_branches):
    client.force_login(two_branches.superuser)
    body = client.get(reverse("core:home")).content.decode()
    assert 'href="/units/"' in body and 'name="language" value="en"' in body


def test_given_a_user_when_changing_their_password_then_they_stay_logged_in(client, two_branches):
    user = two_branches.user("a", Role.VIEWER)
    client.force_login(user)
    wrong = client.post(
        reverse("accounts:password_change"),
        {
            "old_password": "sai",
            "new_password1": "mat-khau-moi-2026",
            "new_password2": "mat-khau-moi-2026",
        },
    )
    assert wrong.status_code == 400
    response = client.post(
        reverse("accounts:password_change"),
        {
            "old_password": TEST_PASSWORD,
            "new_password1": "mat-khau-moi-2026",
            "new_password2": "mat-khau-moi-2026",
        },
        follow=True,
    )
    assert "Đã đổi mật khẩu." in response.content.decode()
    assert client.get(reverse("accounts:profile")).status_code == 200
    user.refresh_from_db()
    assert user.check_password("mat-khau-moi-2026")


def test_given_an_admin_when_resetting_a_members_password_from_the_members_page_then_it_works(
    client, two_branches
):
    from kehoach.organizations.models import Membership

    client.force_login(two_branches.user("a", Role.ADMIN))
    membership = Membership.objects.get(user=two_branches.a.child_reporter)
    url = reverse("organizations:membership_password", args=[membership.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"password": "mat-khau-moi-2026"})
    assert response.status_code == 302
    two_branches.a.child_reporter.refresh_from_db()
    assert two_branches.a.child_reporter.check_password("mat-khau-moi-2026")
    other = Membership.objects.get(user=two_branches.b.child_reporter)
    assert (
        client.post(
            reverse("organizations:membership_password", args=[other.pk]),
            {"password": "x-y-z-12345678"},
        ).status_code
        == 404
    )


@pytest.mark.parametrize("role", [Role.EDITOR, Role.REPORTER, Role.VIEWER])
def test_given_a_non_admin_when_opening_a_password_reset_then_403(client, two_branches, role):
    from kehoach.organizations.models import Membership

    client.force_login(two_branches.user("a", role))
    membership = Membership.objects.get(user=two_branches.a.child_reporter)
    assert (
        client.get(reverse("organizations:membership_password", args=[membership.pk])).status_code
        == 403
    )
