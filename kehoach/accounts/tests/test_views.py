"""Login, lockout after repeated failures, profile with units and the API token."""

import pytest
from django.urls import reverse
from rest_framework.authtoken.models import Token

from kehoach.accounts.tests.factories import TEST_PASSWORD, UserFactory
from kehoach.core.models import AuditEntry
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
