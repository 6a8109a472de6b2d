"""Test helpers shared by every domain: the "two branches" world for permission tests.

    world = make_two_branches()          # or the ``two_branches`` pytest fixture
    world.user("a", Role.EDITOR)         # an editor at branch A's head unit
    world.a.unit, world.a.child          # branch A's head unit and a unit below it
    world.b.unit, world.b.child          # the other branch: A's users must not see it
    world.root_admin, world.superuser    # see both branches

Domains build their own objects on ``world.a.child`` and ``world.b.child`` and check, for every
role in ``ROLES``, that users of branch A see A's objects and never B's (lists, detail pages,
exports, API). See docs/testing.md.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest

from kehoach.organizations.choices import Role, UnitKind

ROLES: tuple[str, ...] = (Role.ADMIN, Role.EDITOR, Role.REPORTER, Role.VIEWER)


@dataclass
class Branch:
    """One branch of the world: a head unit, a unit below it, one user per role at the head,
    and one reporter at the child (who sees the child only)."""

    name: str
    unit: Any
    child: Any
    users: dict[str, Any] = field(default_factory=dict)
    child_reporter: Any = None


@dataclass
class TwoBranches:
    """A root with two sibling branches, users of every role on each, and two global users."""

    root: Any
    a: Branch
    b: Branch
    superuser: Any
    root_admin: Any

    def branch(self, name: str) -> Branch:
        return {"a": self.a, "b": self.b}[name]

    def other(self, name: str) -> Branch:
        return {"a": self.b, "b": self.a}[name]

    def user(self, branch: str, role: str) -> Any:
        """The user holding ``role`` at the head unit of ``branch`` ("a" or "b")."""
        return self.branch(branch).users[role]

    def role_users(self) -> list[tuple[str, str, Any]]:
        """``(branch, role, user)`` for every role on both branches."""
        return [(b.name, role, b.users[role]) for b in (self.a, self.b) for role in ROLES]


def make_two_branches(prefix: str = "") -> TwoBranches:
    """Build the world through the services (so paths, history and audit are real).

    ``prefix`` keeps codes and usernames distinct when a test needs two worlds.
    """
    from kehoach.accounts.tests.factories import SuperuserFactory, UserFactory
    from kehoach.organizations.services import membership_grant, unit_create

    p = prefix
    root = unit_create(
        actor=None,
        kind=UnitKind.PARTY_COMMITTEE,
        name=f"{p}Tỉnh ủy Thử Nghiệm",
        abbreviation="TU",
        code=f"{p}W-ROOT",
    )
    branches = []
    for name, label, abbr in (("a", "Thành ủy Nhánh A", "ThUA"), ("b", "Đảng ủy Nhánh B", "ĐUB")):
        head = unit_create(
            actor=None,
            kind=UnitKind.PARTY_COMMITTEE,
            name=f"{p}{label}",
            abbreviation=abbr,
            code=f"{p}W-{name.upper()}",
            parent=root,
        )
        child = unit_create(
            actor=None,
            kind=UnitKind.PARTY_CELL,
            name=f"{p}Chi bộ {name.upper()}1",
            abbreviation=f"CB{name.upper()}1",
            code=f"{p}W-{name.upper()}1",
            parent=head,
        )
        branch = Branch(name=name, unit=head, child=child)
        for role in ROLES:
            user = UserFactory(
                username=f"{p}{role}.{name}", full_name=f"{Role(role).label} nhánh {name.upper()}"
            )
            membership_grant(actor=None, user=user, unit=head, role=role)
            branch.users[role] = user
        branch.child_reporter = UserFactory(username=f"{p}reporter.{name}1")
        membership_grant(actor=None, user=branch.child_reporter, unit=child, role=Role.REPORTER)
        branches.append(branch)
    root_admin = UserFactory(username=f"{p}admin.root")
    membership_grant(actor=None, user=root_admin, unit=root, role=Role.ADMIN)
    superuser = SuperuserFactory(username=f"{p}superuser")
    return TwoBranches(
        root=root, a=branches[0], b=branches[1], superuser=superuser, root_admin=root_admin
    )


@pytest.fixture
def two_branches(db: Any) -> TwoBranches:
    """The two-branch world (see ``make_two_branches``)."""
    return make_two_branches()
