"""Accounts for a unit's members: who may create them and reset their passwords."""

import pytest

from kehoach.accounts.models import User
from kehoach.accounts.services import user_create
from kehoach.core.exceptions import DomainError, PermissionDenied
from kehoach.organizations.choices import Role
from kehoach.organizations.services import member_create, member_set_password

pytestmark = pytest.mark.django_db


def test_given_an_admin_of_a_unit_when_creating_a_user_there_then_the_user_and_membership_exist(
    two_branches,
):
    user = member_create(
        actor=two_branches.user("a", Role.ADMIN),
        username="moi.a",
        password="mot-mat-khau-dai",
        full_name="Người Mới",
        unit=two_branches.a.child,
        role=Role.REPORTER,
    )
    assert user.check_password("mot-mat-khau-dai")
    assert user.memberships.get().unit == two_branches.a.child


@pytest.mark.parametrize("role", [Role.EDITOR, Role.REPORTER, Role.VIEWER])
def test_given_a_non_admin_when_creating_a_user_then_it_is_refused(two_branches, role):
    with pytest.raises(PermissionDenied):
        member_create(
            actor=two_branches.user("a", role),
            username="x1",
            password="mot-mat-khau-dai",
            unit=two_branches.a.child,
            role=Role.VIEWER,
        )
    assert not User.objects.filter(username="x1").exists()


def test_given_an_admin_of_a_when_creating_a_user_in_b_then_it_is_refused(two_branches):
    with pytest.raises(PermissionDenied):
        member_create(
            actor=two_branches.user("a", Role.ADMIN),
            username="x2",
            password="mot-mat-khau-dai",
            unit=two_branches.b.unit,
            role=Role.VIEWER,
        )


def test_given_a_taken_username_or_a_weak_password_then_a_domain_error_names_the_field(
    two_branches,
):
    with pytest.raises(DomainError) as taken:
        user_create(actor=None, username="EDITOR.A", password="mot-mat-khau-dai")
    assert taken.value.field == "username"
    with pytest.raises(DomainError) as weak:
        user_create(actor=None, username="yeu", password="123")
    assert weak.value.field == "password"


def test_given_an_admin_when_creating_a_superuser_then_it_is_refused(two_branches):
    with pytest.raises(PermissionDenied):
        user_create(
            actor=two_branches.root_admin,
            username="su",
            password="mot-mat-khau-dai",
            is_superuser=True,
        )


def test_given_an_admin_of_every_unit_of_a_user_when_resetting_the_password_then_it_changes_and_tokens_go(
    two_branches,
):
    from rest_framework.authtoken.models import Token

    viewer = two_branches.user("a", Role.VIEWER)
    Token.objects.create(user=viewer)
    member_set_password(
        actor=two_branches.user("a", Role.ADMIN), user=viewer, password="mat-khau-moi-2026"
    )
    viewer.refresh_from_db()
    assert viewer.check_password("mat-khau-moi-2026")
    assert not Token.objects.filter(user=viewer).exists()


def test_given_a_user_also_member_elsewhere_when_a_branch_admin_resets_their_password_then_it_is_refused(
    two_branches,
):
    from kehoach.organizations.services import membership_grant

    viewer = two_branches.user("a", Role.VIEWER)
    membership_grant(actor=None, user=viewer, unit=two_branches.b.unit, role=Role.VIEWER)
    with pytest.raises(PermissionDenied):
        member_set_password(
            actor=two_branches.user("a", Role.ADMIN), user=viewer, password="mat-khau-moi-2026"
        )
    with pytest.raises(PermissionDenied):  # nobody resets a superior's password
        member_set_password(
            actor=two_branches.user("a", Role.ADMIN),
            user=two_branches.root_admin,
            password="mat-khau-moi-2026",
        )
    with pytest.raises(PermissionDenied):
        member_set_password(
            actor=two_branches.user("a", Role.EDITOR),
            user=two_branches.user("a", Role.VIEWER),
            password="mat-khau-moi-2026",
        )
