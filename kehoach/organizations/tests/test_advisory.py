"""An advisory body (Ban Tuyên giáo, Văn phòng) given scope over the committee it serves reads
— or edits — across that committee's tree, capped at what the committee's admin granted."""

from __future__ import annotations

import pytest

from kehoach.accounts.tests.factories import UserFactory
from kehoach.audit.models import AuditEntry
from kehoach.core.exceptions import DomainError, PermissionDenied
from kehoach.organizations.choices import AdvisoryScope, Role, UnitKind
from kehoach.organizations.permissions import Action, can, forget_cached_scope
from kehoach.organizations.selectors import unit_list
from kehoach.organizations.services import membership_grant, unit_advisory_set, unit_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def board(two_branches):
    unit = unit_create(
        actor=None,
        kind=UnitKind.PARTY_BOARD,
        name="Ban Tuyên giáo Tỉnh ủy",
        abbreviation="BTGTU",
        code="W-BTG",
        parent=two_branches.root,
    )
    editor = UserFactory(username="editor.btg")
    membership_grant(actor=None, user=editor, unit=unit, role=Role.EDITOR)
    return unit, editor


def test_the_board_reads_the_committees_tree_once_its_admin_says_so(two_branches, board):
    unit, editor = board
    branch = two_branches.a.unit
    # Given the province's Ban Tuyên giáo, which sees nothing but itself
    assert list(unit_list(user=editor)) == [unit]
    # When the province's admin makes it the advisory body with read scope
    unit_advisory_set(actor=two_branches.root_admin, unit=unit, scope=AdvisoryScope.VIEW)
    forget_cached_scope(editor)
    # Then its editor reads the branches (their plans: kehoach/ops demo test), not changes them
    assert branch in unit_list(user=editor)
    assert can(editor, Action.VIEW, two_branches.b.child)
    assert not can(editor, Action.EDIT, branch)
    entry = AuditEntry.objects.get(action="unit_advisory")
    assert entry.changes["advisory_scope"] == ["", "viewer"]
    # And with edit scope it may draft for them, still never administer them
    unit_advisory_set(actor=two_branches.root_admin, unit=unit, scope=AdvisoryScope.EDIT)
    forget_cached_scope(editor)
    assert can(editor, Action.EDIT, branch)
    assert not can(editor, Action.ADMIN, two_branches.root)


def test_a_viewer_of_the_board_stays_a_viewer_and_only_the_parents_admin_decides(
    two_branches, board
):
    unit, _editor = board
    viewer = UserFactory(username="viewer.btg")
    membership_grant(actor=None, user=viewer, unit=unit, role=Role.VIEWER)
    unit_advisory_set(actor=None, unit=unit, scope=AdvisoryScope.EDIT)
    assert can(viewer, Action.VIEW, two_branches.a.unit)
    assert not can(viewer, Action.EDIT, two_branches.a.unit)
    # Neither the board's own admin nor a branch's admin may grant it
    board_admin = UserFactory(username="admin.btg")
    membership_grant(actor=None, user=board_admin, unit=unit, role=Role.ADMIN)
    for actor in (board_admin, two_branches.user("a", Role.ADMIN)):
        with pytest.raises(PermissionDenied):
            unit_advisory_set(actor=actor, unit=unit, scope=AdvisoryScope.NONE)
    with pytest.raises(PermissionDenied):  # the root has no committee above it
        unit_advisory_set(
            actor=two_branches.root_admin, unit=two_branches.root, scope=AdvisoryScope.VIEW
        )
    with pytest.raises(DomainError):
        unit_advisory_set(actor=None, unit=two_branches.root, scope=AdvisoryScope.VIEW)
    with pytest.raises(DomainError):
        unit_advisory_set(actor=None, unit=unit, scope="admin")


def test_the_unit_page_offers_the_choice_to_the_parents_admin_only(client, two_branches, board):
    unit, editor = board
    client.force_login(two_branches.root_admin)
    page = client.get(f"/units/{unit.pk}/").content.decode()
    assert "Lưu quyền tham mưu" in page
    r = client.post(f"/units/{unit.pk}/advisory/", {"advisory_scope": "viewer"})
    assert r.status_code == 302
    unit.refresh_from_db()
    assert unit.advisory_scope == "viewer"
    assert "Tham mưu cho" in client.get(f"/units/{unit.pk}/").content.decode()
    client.force_login(editor)
    assert "Lưu quyền tham mưu" not in client.get(f"/units/{unit.pk}/").content.decode()
    assert client.post(f"/units/{unit.pk}/advisory/", {"advisory_scope": ""}).status_code == 403
    unit.refresh_from_db()
    assert unit.advisory_scope == "viewer"
