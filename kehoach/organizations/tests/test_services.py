"""Specification of the unit tree services: create, rename, move, merge, close, memberships."""

import datetime as dt

import pytest

from kehoach.accounts.tests.factories import UserFactory
from kehoach.audit.models import AuditEntry
from kehoach.core.exceptions import DomainError, PermissionDenied
from kehoach.organizations.choices import Role, UnitEvent, UnitKind
from kehoach.organizations.models import Membership, Unit
from kehoach.organizations.services import (
    membership_grant,
    membership_revoke,
    membership_set_role,
    unit_close,
    unit_create,
    unit_merge,
    unit_move,
    unit_update,
)
from kehoach.organizations.tests.factories import MembershipFactory, UnitFactory

pytestmark = pytest.mark.django_db

D = dt.date


def _admin_of(unit):
    user = UserFactory()
    MembershipFactory(user=user, unit=unit, role=Role.ADMIN)
    return user


def test_given_a_parent_when_an_admin_creates_a_child_then_path_depth_version_and_audit_are_written():
    root = UnitFactory(name="Tỉnh ủy Lâm Đồng", code="TU")
    admin = _admin_of(root)

    child = unit_create(
        actor=admin,
        kind=UnitKind.PARTY_BOARD,
        name="Ban Tổ chức Tỉnh ủy",
        abbreviation="BTCTU",
        parent=root,
        valid_from=D(2020, 1, 1),
    )

    assert child.path == f"/{root.pk}/{child.pk}/"
    assert child.depth == 1
    assert child.code == f"DV{child.pk:06d}"
    assert child.search_text == f"ban to chuc tinh uy btctu dv{child.pk:06d}"
    (version,) = child.versions.all()
    assert (version.event, version.name, version.parent, version.valid_from) == (
        UnitEvent.CREATED,
        "Ban Tổ chức Tỉnh ủy",
        root,
        D(2020, 1, 1),
    )
    entry = AuditEntry.objects.get(object_type="organizations.unit", object_id=str(child.pk))
    assert (entry.action, entry.actor, entry.unit) == ("unit_create", admin, child)
    assert entry.changes["name"] == [None, "Ban Tổ chức Tỉnh ủy"]


def test_given_an_editor_when_creating_a_unit_then_permission_is_denied_and_nothing_saved():
    root = UnitFactory()
    editor = UserFactory()
    MembershipFactory(user=editor, unit=root, role=Role.EDITOR)
    before = Unit.objects.count()

    with pytest.raises(PermissionDenied):
        unit_create(actor=editor, kind=UnitKind.OFFICE, name="Phòng mới", parent=root)

    assert Unit.objects.count() == before


def test_given_a_non_superuser_when_creating_a_root_then_it_is_refused():
    with pytest.raises(PermissionDenied):
        unit_create(actor=UserFactory(), kind=UnitKind.OFFICE, name="Gốc mới")


def test_given_a_duplicate_code_when_creating_then_a_vietnamese_domain_error_names_the_field():
    UnitFactory(code="STTTT")
    with pytest.raises(DomainError) as err:
        unit_create(actor=None, kind=UnitKind.DEPARTMENT, name="Sở khác", code="STTTT")
    assert "mã đơn vị" in err.value.message.lower()


def test_given_a_blank_name_when_creating_then_it_is_refused():
    with pytest.raises(DomainError):
        unit_create(actor=None, kind=UnitKind.OFFICE, name="   ")


def test_given_a_unit_when_renamed_at_a_date_then_name_at_tells_the_name_before_and_after():
    unit = UnitFactory(
        name="Ban Tuyên giáo Tỉnh ủy", abbreviation="BTGTU", valid_from=D(2015, 1, 1)
    )

    unit_update(
        actor=None,
        unit=unit,
        name="Ban Tuyên giáo và Dân vận Tỉnh ủy",
        abbreviation="BTGDVTU",
        on=D(2025, 3, 1),
    )
    unit = Unit.objects.get(pk=unit.pk)

    assert unit.name == "Ban Tuyên giáo và Dân vận Tỉnh ủy"
    assert unit.name_at(D(2024, 6, 16)) == "Ban Tuyên giáo Tỉnh ủy"
    assert unit.version_at(D(2024, 6, 16)).abbreviation == "BTGTU"
    assert unit.name_at(D(2025, 3, 1)) == "Ban Tuyên giáo và Dân vận Tỉnh ủy"
    assert unit.name_at(D(2010, 1, 1)) == "Ban Tuyên giáo Tỉnh ủy"  # before founding: first name
    assert unit.name_at(None) == unit.name
    events = list(unit.versions.order_by("id").values_list("event", "valid_from", "valid_to"))
    assert events == [
        (UnitEvent.CREATED, D(2015, 1, 1), D(2025, 3, 1)),
        (UnitEvent.RENAMED, D(2025, 3, 1), None),
    ]
    assert AuditEntry.objects.filter(action="unit_rename", object_id=str(unit.pk)).count() == 1


def test_given_a_rename_dated_before_the_current_name_when_updating_then_it_is_refused():
    unit = UnitFactory(valid_from=D(2020, 1, 1))
    unit_update(actor=None, unit=unit, name="Tên thứ hai", on=D(2023, 1, 1))
    with pytest.raises(DomainError):
        unit_update(actor=None, unit=unit, name="Tên thứ ba", on=D(2022, 1, 1))
    assert Unit.objects.get(pk=unit.pk).name == "Tên thứ hai"


def test_given_two_renames_on_the_same_day_then_the_second_corrects_the_first_version():
    unit = UnitFactory(name="A", valid_from=D(2020, 1, 1))
    unit_update(actor=None, unit=unit, name="B", on=D(2024, 1, 1))
    unit_update(actor=None, unit=unit, name="C", on=D(2024, 1, 1))
    assert list(unit.versions.order_by("id").values_list("name", flat=True)) == ["A", "C"]


def test_given_only_the_kind_changes_then_no_new_version_is_opened():
    unit = UnitFactory(kind=UnitKind.OFFICE)
    unit_update(actor=None, unit=unit, kind=UnitKind.DEPARTMENT)
    assert unit.versions.count() == 1
    assert AuditEntry.objects.filter(action="unit_update", object_id=str(unit.pk)).exists()


def test_given_a_subtree_when_moved_then_every_path_and_depth_below_is_recomputed_in_bounded_queries(
    django_assert_max_num_queries,
):
    province = UnitFactory(name="Tỉnh")
    old_parent = UnitFactory(parent=province)
    new_parent = UnitFactory(parent=province)
    moving = UnitFactory(parent=old_parent)
    deep = [UnitFactory(parent=moving)]
    for _ in range(6):
        deep.append(UnitFactory(parent=deep[-1]))

    with django_assert_max_num_queries(16):
        unit_move(actor=None, unit=moving, new_parent=new_parent, on=D(2025, 7, 1))

    moving.refresh_from_db()
    assert moving.parent == new_parent
    assert moving.path == f"{new_parent.path}{moving.pk}/"
    assert moving.depth == 2
    expected_parent_path = moving.path
    for level, unit in enumerate(deep, start=3):
        unit.refresh_from_db()
        assert unit.path == f"{expected_parent_path}{unit.pk}/"
        assert unit.depth == level
        expected_parent_path = unit.path
    assert (
        not Unit.objects.filter(path__startswith=old_parent.path).exclude(pk=old_parent.pk).exists()
    )
    assert moving.version_at(D(2025, 6, 30)).parent == old_parent
    assert moving.version_at(D(2025, 7, 1)).parent == new_parent


def test_given_a_move_into_its_own_subtree_then_the_cycle_is_refused():
    unit = UnitFactory()
    below = UnitFactory(parent=UnitFactory(parent=unit))
    with pytest.raises(DomainError, match="chính nó"):
        unit_move(actor=None, unit=unit, new_parent=below)
    with pytest.raises(DomainError):
        unit_move(actor=None, unit=unit, new_parent=unit)


def test_given_an_admin_of_the_source_only_when_moving_elsewhere_then_it_is_refused():
    province = UnitFactory()
    mine, theirs = UnitFactory(parent=province), UnitFactory(parent=province)
    child = UnitFactory(parent=mine)
    admin = _admin_of(mine)
    with pytest.raises(PermissionDenied):
        unit_move(actor=admin, unit=child, new_parent=theirs)
    child.refresh_from_db()
    assert child.parent == mine


def test_given_two_districts_when_merged_then_source_is_closed_with_successor_and_children_moved():
    province = UnitFactory(name="Tỉnh")
    source = UnitFactory(parent=province, name="Huyện ủy Cũ", valid_from=D(2000, 1, 1))
    target = UnitFactory(parent=province, name="Đảng ủy xã Mới")
    cells = [UnitFactory(parent=source) for _ in range(3)]

    unit_merge(actor=None, unit=source, into=target, on=D(2025, 7, 1))

    source.refresh_from_db()
    assert source.valid_to == D(2025, 7, 1)
    assert source.successor == target
    assert not source.is_open
    for cell in cells:
        cell.refresh_from_db()
        assert cell.parent == target
        assert cell.path.startswith(target.path)
    assert source.name_at(D(2024, 1, 1)) == "Huyện ủy Cũ"
    assert source.name_at(D(2026, 1, 1)) == "Huyện ủy Cũ"
    assert source.versions.filter(event=UnitEvent.MERGED).exists()
    assert AuditEntry.objects.filter(action="unit_merge_receive", object_id=str(target.pk)).exists()


def test_given_keep_children_when_merging_then_children_stay_under_the_closed_unit():
    province = UnitFactory()
    source, target = UnitFactory(parent=province), UnitFactory(parent=province)
    cell = UnitFactory(parent=source)
    unit_merge(actor=None, unit=source, into=target, on=D(2025, 7, 1), move_children=False)
    cell.refresh_from_db()
    assert cell.parent == source


def test_given_a_merge_into_a_descendant_then_it_is_refused():
    source = UnitFactory()
    below = UnitFactory(parent=source)
    with pytest.raises(DomainError):
        unit_merge(actor=None, unit=source, into=below)


def test_given_open_children_when_closing_then_it_is_refused_and_after_closing_them_it_works():
    unit = UnitFactory(valid_from=D(2010, 1, 1))
    child = UnitFactory(parent=unit)
    with pytest.raises(DomainError, match="trực thuộc"):
        unit_close(actor=None, unit=unit, on=D(2025, 7, 1))

    unit_close(actor=None, unit=child, on=D(2025, 7, 1))
    unit_close(actor=None, unit=unit, on=D(2025, 7, 1))

    unit.refresh_from_db()
    assert unit.valid_to == D(2025, 7, 1)
    assert unit.versions.filter(event=UnitEvent.CLOSED).count() == 1
    with pytest.raises(DomainError):
        unit_close(actor=None, unit=unit)


def test_given_a_closed_unit_when_adding_a_child_then_it_is_refused():
    unit = UnitFactory()
    unit_close(actor=None, unit=unit, on=D(2025, 1, 1))
    with pytest.raises(DomainError):
        unit_create(actor=None, kind=UnitKind.OFFICE, name="Con", parent=unit)


def test_given_an_admin_when_granting_changing_and_revoking_roles_then_each_step_is_audited():
    unit = UnitFactory()
    admin = _admin_of(unit)
    person = UserFactory()

    membership = membership_grant(actor=admin, user=person, unit=unit, role=Role.VIEWER)
    membership_set_role(actor=admin, membership=membership, role=Role.EDITOR)
    membership_revoke(actor=admin, membership=membership)

    assert not Membership.objects.filter(user=person).exists()
    actions = list(
        AuditEntry.objects.filter(object_type="organizations.membership")
        .order_by("id")
        .values_list("action", "changes__role")
    )
    assert [a for a, _ in actions][-3:] == [
        "membership_grant",
        "membership_set_role",
        "membership_revoke",
    ]
    assert actions[-2][1] == [Role.VIEWER, Role.EDITOR]


def test_given_an_existing_membership_when_granting_again_then_a_domain_error_says_so():
    membership = MembershipFactory()
    with pytest.raises(DomainError, match="đã là thành viên"):
        membership_grant(actor=None, user=membership.user, unit=membership.unit, role=Role.ADMIN)


@pytest.mark.parametrize("role", [Role.EDITOR, Role.REPORTER, Role.VIEWER])
def test_given_a_non_admin_role_when_granting_memberships_then_it_is_refused(role):
    unit = UnitFactory()
    member = UserFactory()
    MembershipFactory(user=member, unit=unit, role=role)
    with pytest.raises(PermissionDenied):
        membership_grant(actor=member, user=UserFactory(), unit=unit, role=Role.VIEWER)


def test_given_an_admin_when_revoking_their_own_membership_then_it_is_refused():
    unit = UnitFactory()
    admin = _admin_of(unit)
    with pytest.raises(DomainError):
        membership_revoke(actor=admin, membership=admin.memberships.get())


def test_given_an_unknown_role_when_granting_then_it_is_refused():
    with pytest.raises(DomainError):
        membership_grant(actor=None, user=UserFactory(), unit=UnitFactory(), role="boss")


def test_given_a_renamed_unit_when_a_template_asks_for_the_name_at_a_date_then_the_old_name_is_printed():
    from django.template import Context, Template

    unit = UnitFactory(
        name="Ban Tuyên giáo Tỉnh ủy", abbreviation="BTGTU", valid_from=D(2010, 1, 1)
    )
    unit_update(
        actor=None,
        unit=unit,
        name="Ban Tuyên giáo và Dân vận Tỉnh ủy",
        abbreviation="BTGDVTU",
        on=D(2025, 3, 1),
    )
    tpl = Template("{% load units %}{{ u|name_at:on }} ({{ u|abbreviation_at:on }})")
    assert (
        tpl.render(Context({"u": unit, "on": D(2024, 6, 16)})) == "Ban Tuyên giáo Tỉnh ủy (BTGTU)"
    )
    assert (
        tpl.render(Context({"u": unit, "on": D(2025, 6, 16)}))
        == "Ban Tuyên giáo và Dân vận Tỉnh ủy (BTGDVTU)"
    )


def test_given_the_admin_of_a_unit_then_they_may_rename_it_but_only_a_superior_admin_moves_merges_or_closes_it():
    province = UnitFactory()
    district, other = UnitFactory(parent=province), UnitFactory(parent=province)
    own_admin = _admin_of(district)
    superior = _admin_of(province)

    unit_update(actor=own_admin, unit=district, name="Tên mới do chính đơn vị đổi")
    for attempt in (
        lambda: unit_close(actor=own_admin, unit=district),
        lambda: unit_merge(actor=own_admin, unit=district, into=other),
        lambda: unit_move(actor=own_admin, unit=district, new_parent=other),
    ):
        with pytest.raises(PermissionDenied, match="cấp trên"):
            attempt()
    unit_close(actor=superior, unit=district)
    assert Unit.objects.get(pk=district.pk).valid_to is not None
