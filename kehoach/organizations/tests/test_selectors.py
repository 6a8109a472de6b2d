"""Scoping: every role on one branch sees its branch and never the other one."""

import pytest

from kehoach.core.exceptions import NotFound
from kehoach.organizations.choices import Role
from kehoach.organizations.selectors import (
    audit_list_for,
    audit_list_for_unit,
    membership_get,
    membership_list,
    unit_children,
    unit_get,
    unit_list,
    unit_roots,
)
from kehoach.organizations.testing import ROLES

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("branch", ["a", "b"])
@pytest.mark.parametrize("role", ROLES)
def test_given_a_member_of_one_branch_when_listing_units_then_only_that_subtree_is_returned(
    two_branches, branch, role
):
    user = two_branches.user(branch, role)
    mine, other = two_branches.branch(branch), two_branches.other(branch)

    units = set(unit_list(user=user))

    assert units == {mine.unit, mine.child}
    assert other.unit not in units and other.child not in units
    assert two_branches.root not in units


@pytest.mark.parametrize("role", ROLES)
def test_given_a_member_when_fetching_a_unit_of_the_other_branch_then_it_is_not_found(
    two_branches, role
):
    user = two_branches.user("a", role)
    assert unit_get(user=user, unit_id=two_branches.a.child.pk) == two_branches.a.child
    for unit in (two_branches.b.unit, two_branches.b.child, two_branches.root):
        with pytest.raises(NotFound):
            unit_get(user=user, unit_id=unit.pk)


def test_given_garbage_ids_when_fetching_then_not_found_rather_than_an_error(two_branches):
    for bad in ("abc", None, "", 10**9):
        with pytest.raises(NotFound):
            unit_get(user=two_branches.superuser, unit_id=bad)


def test_given_a_reporter_of_a_cell_then_they_see_the_cell_but_not_the_committee_above(
    two_branches,
):
    reporter = two_branches.a.child_reporter
    assert set(unit_list(user=reporter)) == {two_branches.a.child}
    with pytest.raises(NotFound):
        unit_get(user=reporter, unit_id=two_branches.a.unit.pk)


def test_given_the_superior_units_admin_and_a_superuser_then_both_branches_are_visible(
    two_branches,
):
    everything = {
        two_branches.root,
        two_branches.a.unit,
        two_branches.a.child,
        two_branches.b.unit,
        two_branches.b.child,
    }
    assert set(unit_list(user=two_branches.root_admin)) == everything
    assert everything <= set(unit_list(user=two_branches.superuser))


def test_given_a_user_without_memberships_then_nothing_is_visible(two_branches):
    from kehoach.accounts.tests.factories import UserFactory

    assert list(unit_list(user=UserFactory())) == []


def test_given_filters_when_listing_then_words_match_without_diacritics(two_branches):
    user = two_branches.root_admin
    assert list(unit_list(user=user, filters={"q": "chi bo a1"})) == [two_branches.a.child]
    assert list(unit_list(user=user, filters={"q": "CHI BỘ"})) == sorted(
        [two_branches.a.child, two_branches.b.child], key=lambda u: u.path
    )
    assert set(unit_list(user=user, filters={"kind": "party_cell"})) == {
        two_branches.a.child,
        two_branches.b.child,
    }
    assert set(unit_list(user=user, filters={"status": "closed"})) == set()


def test_given_roots_then_a_member_starts_from_their_own_unit(two_branches):
    assert list(unit_roots(user=two_branches.user("a", Role.VIEWER))) == [two_branches.a.unit]
    assert list(unit_roots(user=two_branches.a.child_reporter)) == [two_branches.a.child]
    assert list(unit_roots(user=two_branches.superuser)) == [two_branches.root]
    assert list(unit_children(user=two_branches.root_admin, unit=two_branches.root)) == sorted(
        [two_branches.a.unit, two_branches.b.unit], key=lambda u: u.name
    )


@pytest.mark.parametrize("role", ROLES)
def test_given_a_member_when_listing_memberships_then_the_other_branchs_people_are_hidden(
    two_branches, role
):
    user = two_branches.user("a", role)
    seen = {m.user.username for m in membership_list(user=user)}
    assert {f"{r}.a" for r in ROLES} | {"reporter.a1"} == seen
    other = two_branches.b.unit.memberships.first()
    with pytest.raises(NotFound):
        membership_get(user=user, membership_id=other.pk)


@pytest.mark.parametrize("role", ROLES)
def test_given_audit_entries_on_both_branches_then_each_role_reads_only_its_branchs(
    two_branches, role
):
    user = two_branches.user("a", role)
    assert audit_list_for(two_branches.a.child, user=user).count() == 1  # unit_create
    assert audit_list_for(two_branches.b.child, user=user).count() == 0
    assert audit_list_for_unit(two_branches.b.unit, user=user).count() == 0
    mine = audit_list_for_unit(two_branches.a.unit, user=user)
    assert {e.action for e in mine} == {"unit_create", "membership_grant"}


def test_given_entries_without_unit_then_only_superusers_read_them(two_branches):
    from kehoach.audit.services import audit_record

    audit_record(actor=None, action="update", obj=two_branches.a.unit, unit=None)
    assert audit_list_for(two_branches.a.unit, user=two_branches.user("a", Role.ADMIN)).count() == 1
    assert audit_list_for(two_branches.a.unit, user=two_branches.superuser).count() == 2
