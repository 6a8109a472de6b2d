"""The permissions module: actions by role, the subtree rule, the system, scoped querysets."""

from __future__ import annotations

import pathlib
import re

import pytest
from django.contrib.auth.models import AnonymousUser

from kehoach.core.exceptions import PermissionDenied
from kehoach.organizations.choices import Role
from kehoach.organizations.models import Membership, Unit
from kehoach.organizations.permissions import (
    Action,
    can,
    can_above,
    can_anywhere,
    is_system,
    is_system_admin,
    require,
    require_above,
    unit_of,
    visible_to,
)
from kehoach.organizations.testing import ROLES

pytestmark = pytest.mark.django_db

# The least role each action needs; a higher role may do everything a lower one may.
NEEDS = {
    Action.VIEW: Role.VIEWER,
    Action.REPORT: Role.REPORTER,
    Action.EDIT: Role.EDITOR,
    Action.ADMIN: Role.ADMIN,
}
RANK = [Role.VIEWER, Role.REPORTER, Role.EDITOR, Role.ADMIN]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", list(Action))
def test_given_a_role_when_asking_an_action_then_the_rank_decides_on_the_subtree_only(
    two_branches, role, action
):
    user = two_branches.user("a", role)
    allowed = RANK.index(role) >= RANK.index(NEEDS[action])
    assert can(user, action, two_branches.a.unit) is allowed
    assert can(user, action, two_branches.a.child) is allowed  # the role covers the subtree
    assert can(user, action, two_branches.b.unit) is False  # never the sibling branch
    assert can(user, action, two_branches.root) is False  # nor the unit above
    if not allowed:
        with pytest.raises(PermissionDenied, match="không được"):
            require(user, action, two_branches.a.unit, "không được")


def test_given_a_child_reporter_then_the_head_unit_above_is_out_of_reach(two_branches):
    reporter = two_branches.a.child_reporter
    assert can(reporter, Action.REPORT, two_branches.a.child)
    assert not can(reporter, Action.VIEW, two_branches.a.unit)
    assert not can(reporter, Action.EDIT, two_branches.a.child)


def test_given_the_system_then_everything_passes_and_an_anonymous_user_nothing(two_branches):
    assert is_system(None) and not is_system_admin(None)
    assert is_system(two_branches.superuser) and is_system_admin(two_branches.superuser)
    require(None, Action.ADMIN, two_branches.b.unit, "x")
    assert can(two_branches.superuser, Action.ADMIN, two_branches.root)
    anonymous = AnonymousUser()
    assert not can(anonymous, Action.VIEW, two_branches.a.unit)
    assert not can_anywhere(anonymous, Action.VIEW)
    assert visible_to(anonymous, Unit.objects.all()).count() == 0


def test_given_an_inactive_superuser_then_they_have_no_system_rights(two_branches):
    su = two_branches.superuser
    su.is_active = False
    assert not is_system_admin(su)
    assert not can(su, Action.VIEW, two_branches.a.unit)
    with pytest.raises(PermissionDenied):
        require(su, Action.VIEW, two_branches.a.unit, "x")


def test_given_a_scoped_model_then_unit_of_follows_its_permission_scope(two_branches):
    membership = Membership.objects.filter(unit=two_branches.a.child).first()
    assert unit_of(two_branches.a.child) == two_branches.a.child
    assert unit_of(membership) == two_branches.a.child
    assert unit_of(None) is None
    assert unit_of(object()) is None  # not a scoped model: nobody but the system may act on it
    assert not can(two_branches.root_admin, Action.VIEW, object())


@pytest.mark.parametrize("branch", ["a", "b"])
def test_given_a_branch_user_then_visible_to_returns_their_subtree_only(two_branches, branch):
    user = two_branches.user(branch, Role.VIEWER)
    mine = two_branches.branch(branch)
    theirs = two_branches.other(branch)
    units = set(Unit.objects.visible_to(user))
    assert {mine.unit, mine.child} <= units
    assert not units & {theirs.unit, theirs.child, two_branches.root}
    memberships = Membership.objects.visible_to(user)
    assert all(m.unit.path.startswith(mine.unit.path) for m in memberships)
    # The action narrows: a viewer edits nothing.
    assert Unit.objects.visible_to(user, Action.EDIT).count() == 0


def test_given_restructuring_then_it_needs_an_admin_above(two_branches):
    head_admin = two_branches.user("a", Role.ADMIN)
    assert can_above(head_admin, Action.ADMIN, two_branches.a.child)
    assert not can_above(head_admin, Action.ADMIN, two_branches.a.unit)
    require_above(two_branches.root_admin, Action.ADMIN, two_branches.a.unit, "x")
    with pytest.raises(PermissionDenied):
        require_above(two_branches.root_admin, Action.ADMIN, two_branches.root, "x")
    assert can_above(two_branches.superuser, Action.ADMIN, two_branches.root)


# Creating a superuser, listing the flag in the admin and the API's /me/ are the places that may
# name ``is_superuser``; every decision goes through ``is_system_admin``.
SUPERUSER_FLAG_ALLOWED = {
    "accounts/models.py",  # User.is_system_admin: the definition
    "accounts/services.py",  # user_create(is_superuser=...)
    "accounts/admin.py",
    "organizations/api.py",  # /api/me/ reports the flag
    "ops/management/commands/seed_demo.py",  # creates the demo superuser
    "ops/management/commands/seed_execution.py",  # finds it
}


def test_no_permission_decision_reads_the_superuser_flag_outside_the_permissions_module():
    root = pathlib.Path(__file__).resolve().parents[2]
    offenders = []
    for path in root.rglob("*.py"):
        rel = path.relative_to(root).as_posix()
        if "/tests/" in f"/{rel}" or "/migrations/" in rel or rel in SUPERUSER_FLAG_ALLOWED:
            continue
        if rel == "organizations/permissions.py":
            continue
        for n, line in enumerate(path.read_text().splitlines(), 1):
            if re.search(r"\bis_superuser\b", line):
                offenders.append(f"{rel}:{n}: {line.strip()}")
    assert offenders == []
