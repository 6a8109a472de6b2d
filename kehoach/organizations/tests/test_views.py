"""Unit pages: status codes, Vietnamese messages, no leaks across branches, forms call services."""

import datetime as dt

import pytest
from django.urls import reverse

from kehoach.organizations.choices import Role
from kehoach.organizations.models import Membership, Unit
from kehoach.organizations.testing import ROLES

pytestmark = pytest.mark.django_db


def _get(client, user, url, **extra):
    client.force_login(user)
    return client.get(url, **extra)


@pytest.mark.parametrize("branch", ["a", "b"])
@pytest.mark.parametrize("role", ROLES)
def test_given_any_role_when_browsing_then_pages_show_the_own_branch_and_hide_the_other(
    client, two_branches, branch, role
):
    user = two_branches.user(branch, role)
    mine, other = two_branches.branch(branch), two_branches.other(branch)

    tree = _get(client, user, reverse("organizations:unit_tree")).content.decode()
    search = client.get(reverse("organizations:unit_tree"), {"q": "chi bo"}).content.decode()
    export = client.get(reverse("organizations:unit_export"), {"format": "csv"}).content.decode(
        "utf-8-sig"
    )

    assert mine.unit.name in tree and other.unit.name not in tree
    assert mine.child.name in search and other.child.name not in search
    assert mine.child.name in export and other.child.name not in export
    assert client.get(reverse("organizations:unit_detail", args=[mine.child.pk])).status_code == 200
    for unit in (other.unit, other.child, two_branches.root):
        for name in (
            "unit_detail",
            "unit_members",
            "unit_edit",
            "unit_move",
            "unit_merge",
            "unit_close",
        ):
            response = client.get(reverse(f"organizations:{name}", args=[unit.pk]))
            assert response.status_code == 404, (name, unit)
            assert "Không tìm thấy" in response.content.decode()


def test_given_the_tree_when_expanding_a_unit_with_htmx_then_only_its_children_are_rendered(
    client, two_branches
):
    response = _get(
        client,
        two_branches.root_admin,
        reverse("organizations:unit_tree"),
        data={"parent": two_branches.root.pk},
        HTTP_HX_REQUEST="true",
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in body
    assert two_branches.a.unit.name in body and two_branches.b.unit.name in body
    assert 'aria-expanded="false"' in body


@pytest.mark.parametrize("role", [Role.EDITOR, Role.REPORTER, Role.VIEWER])
def test_given_a_non_admin_when_opening_change_forms_then_403_with_a_vietnamese_message(
    client, two_branches, role
):
    user = two_branches.user("a", role)
    for name in ("unit_edit", "unit_move", "unit_merge", "unit_close", "unit_user_create"):
        response = _get(
            client, user, reverse(f"organizations:{name}", args=[two_branches.a.child.pk])
        )
        assert response.status_code == 403, name
        assert "Chỉ quản trị" in response.content.decode()
    assert client.get(reverse("organizations:unit_create")).status_code == 403
    assert client.get(reverse("organizations:unit_import")).status_code == 403


def test_given_an_admin_when_renaming_through_the_form_then_the_unit_and_its_history_change(
    client, two_branches
):
    admin = two_branches.user("a", Role.ADMIN)
    client.force_login(admin)
    url = reverse("organizations:unit_edit", args=[two_branches.a.child.pk])
    assert client.get(url).status_code == 200

    response = client.post(
        url,
        {
            "kind": "party_cell",
            "name": "Chi bộ A1 mới",
            "short_name": "",
            "abbreviation": "CBA1",
            "code": "W-A1",
            "on": "2025-07-01",
            "note": "Quyết định 12-QĐ/ThU",
        },
    )

    assert response.status_code == 302
    unit = Unit.objects.get(pk=two_branches.a.child.pk)
    assert unit.name == "Chi bộ A1 mới"
    assert unit.name_at(dt.date(2025, 6, 30)) == "Chi bộ A1"
    detail = client.get(
        reverse("organizations:unit_detail", args=[unit.pk]), follow=True
    ).content.decode()
    assert "Đổi tên đơn vị" in detail and "Quyết định 12-QĐ/ThU" in detail


def test_given_an_invalid_form_when_posting_then_400_with_the_message_beside_the_field(
    client, two_branches
):
    client.force_login(two_branches.user("a", Role.ADMIN))
    response = client.post(
        reverse("organizations:unit_create"),
        {"parent": two_branches.a.unit.pk, "kind": "office", "name": ""},
    )
    assert response.status_code == 400
    assert "Trường này là bắt buộc" in response.content.decode()


def test_given_an_admin_when_creating_a_child_then_it_appears_under_the_parent(
    client, two_branches
):
    client.force_login(two_branches.user("a", Role.ADMIN))
    response = client.post(
        reverse("organizations:unit_create"),
        {
            "parent": two_branches.a.unit.pk,
            "kind": "party_cell",
            "name": "Chi bộ A2",
            "abbreviation": "CBA2",
            "code": "",
        },
    )
    unit = Unit.objects.get(name="Chi bộ A2")
    assert response.status_code == 302 and unit.parent == two_branches.a.unit


def test_given_an_admin_of_a_when_creating_under_b_then_the_choice_is_refused(client, two_branches):
    client.force_login(two_branches.user("a", Role.ADMIN))
    response = client.post(
        reverse("organizations:unit_create"),
        {"parent": two_branches.b.unit.pk, "kind": "office", "name": "Chen"},
    )
    assert response.status_code == 400
    assert not Unit.objects.filter(name="Chen").exists()


def test_given_a_move_into_its_own_child_when_posting_then_the_form_refuses(client, two_branches):
    client.force_login(two_branches.root_admin)
    response = client.post(
        reverse("organizations:unit_move", args=[two_branches.a.unit.pk]),
        {
            "new_parent": two_branches.a.child.pk,
            "on": "2025-07-01",
        },
    )
    assert response.status_code == 400
    assert Unit.objects.get(pk=two_branches.a.unit.pk).parent == two_branches.root


def test_given_the_root_admin_when_merging_b_into_a_then_b_closes_and_its_cell_moves(
    client, two_branches
):
    client.force_login(two_branches.root_admin)
    response = client.post(
        reverse("organizations:unit_merge", args=[two_branches.b.unit.pk]),
        {
            "into": two_branches.a.unit.pk,
            "on": "2025-07-01",
            "move_children": "1",
        },
    )
    assert response.status_code == 302
    b = Unit.objects.get(pk=two_branches.b.unit.pk)
    assert b.successor == two_branches.a.unit and b.valid_to == dt.date(2025, 7, 1)
    assert Unit.objects.get(pk=two_branches.b.child.pk).parent == two_branches.a.unit


def test_given_open_children_when_closing_through_the_form_then_the_reason_is_shown(
    client, two_branches
):
    client.force_login(two_branches.root_admin)
    response = client.post(
        reverse("organizations:unit_close", args=[two_branches.a.unit.pk]), {"on": "2025-07-01"}
    )
    assert response.status_code == 400
    assert "đơn vị trực thuộc đang hoạt động" in response.content.decode()


def test_given_an_admin_when_granting_changing_and_revoking_members_then_pages_follow(
    client, two_branches
):
    from kehoach.accounts.tests.factories import UserFactory

    newcomer = UserFactory(username="nguoimoi")
    client.force_login(two_branches.user("a", Role.ADMIN))
    members_url = reverse("organizations:unit_members", args=[two_branches.a.child.pk])

    assert client.post(members_url, {"username": "nguoimoi", "role": "reporter"}).status_code == 302
    membership = Membership.objects.get(user=newcomer)
    row = client.post(
        reverse("organizations:membership_role", args=[membership.pk]),
        {"role": "editor"},
        HTTP_HX_REQUEST="true",
    )
    assert (
        row.status_code == 200
        and "Đã lưu." in row.content.decode()
        and "<html" not in row.content.decode()
    )
    assert Membership.objects.get(pk=membership.pk).role == Role.EDITOR
    assert (
        client.post(reverse("organizations:membership_revoke", args=[membership.pk])).status_code
        == 302
    )
    assert not Membership.objects.filter(user=newcomer).exists()
    missing = client.post(members_url, {"username": "khongco", "role": "viewer"})
    assert missing.status_code == 400 and "Không có người dùng nào" in missing.content.decode()


@pytest.mark.parametrize("role", [Role.EDITOR, Role.REPORTER, Role.VIEWER])
def test_given_a_non_admin_when_posting_member_changes_then_it_is_refused(
    client, two_branches, role
):
    client.force_login(two_branches.user("a", role))
    membership = (
        two_branches.a.unit.memberships.get(role=Role.VIEWER)
        if role != Role.VIEWER
        else two_branches.a.unit.memberships.get(role=Role.EDITOR)
    )
    assert (
        client.post(
            reverse("organizations:unit_members", args=[two_branches.a.unit.pk]),
            {"username": "admin.root", "role": "admin"},
        ).status_code
        == 403
    )
    client.post(reverse("organizations:membership_revoke", args=[membership.pk]))
    assert Membership.objects.filter(pk=membership.pk).exists()


def test_given_members_of_the_other_branch_when_posting_to_them_then_404(client, two_branches):
    client.force_login(two_branches.user("a", Role.ADMIN))
    other = two_branches.b.unit.memberships.first()
    assert (
        client.post(reverse("organizations:membership_revoke", args=[other.pk])).status_code == 404
    )
    assert (
        client.post(
            reverse("organizations:membership_role", args=[other.pk]), {"role": "admin"}
        ).status_code
        == 404
    )
    assert Membership.objects.filter(pk=other.pk).exists()


def test_given_an_admin_when_creating_an_account_for_the_unit_then_the_user_gets_the_role(
    client, two_branches
):
    client.force_login(two_branches.user("a", Role.ADMIN))
    response = client.post(
        reverse("organizations:unit_user_create", args=[two_branches.a.child.pk]),
        {
            "username": "canbo.moi",
            "full_name": "Cán Bộ Mới",
            "password": "matkhau-rat-dai-2026",
            "role": "reporter",
        },
    )
    assert response.status_code == 302
    assert Membership.objects.get(user__username="canbo.moi").unit == two_branches.a.child


def test_given_an_import_file_with_errors_when_uploading_then_the_row_report_is_shown(
    client, two_branches
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(two_branches.user("a", Role.ADMIN))
    bad = SimpleUploadedFile(
        "don-vi.csv",
        "Mã đơn vị,Tên đầy đủ,Loại đơn vị,Mã đơn vị cấp trên\nK1,,office,W-A\n".encode(),
    )
    response = client.post(reverse("organizations:unit_import"), {"file": bad})
    body = response.content.decode()
    assert response.status_code == 400
    assert "Tệp có lỗi, chưa lưu đơn vị nào" in body and "Dòng 2: thiếu tên đầy đủ." in body

    good = SimpleUploadedFile(
        "don-vi.csv",
        "Mã đơn vị,Tên đầy đủ,Loại đơn vị,Mã đơn vị cấp trên\nK1,Phòng K,office,W-A\n".encode(),
    )
    response = client.post(reverse("organizations:unit_import"), {"file": good}, follow=True)
    assert "Đã nhập: 1 đơn vị mới" in response.content.decode()


def test_given_an_xlsx_export_then_it_is_a_spreadsheet_attachment(client, two_branches):
    response = _get(
        client, two_branches.user("a", Role.VIEWER), reverse("organizations:unit_export")
    )
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in response["Content-Disposition"]


def test_given_an_anonymous_visitor_then_unit_pages_redirect_to_login(client, two_branches):
    for url in (
        reverse("organizations:unit_tree"),
        reverse("organizations:unit_detail", args=[two_branches.a.unit.pk]),
        reverse("organizations:unit_export"),
    ):
        response = client.get(url)
        assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


def test_given_two_admins_editing_at_once_when_the_second_saves_then_it_is_refused_not_overwritten(
    client, two_branches
):
    from django.test import Client

    url = reverse("organizations:unit_edit", args=[two_branches.a.child.pk])
    first, second = client, Client()
    first.force_login(two_branches.user("a", Role.ADMIN))
    second.force_login(two_branches.root_admin)
    loaded = first.get(url).context["form"].initial["expected_updated_at"]
    second_loaded = second.get(url).context["form"].initial["expected_updated_at"]
    data = {
        "kind": "party_cell",
        "short_name": "",
        "abbreviation": "CBA1",
        "code": "W-A1",
        "on": "2025-07-01",
    }

    assert (
        first.post(
            url, {**data, "name": "Tên của người thứ nhất", "expected_updated_at": loaded}
        ).status_code
        == 302
    )
    response = second.post(
        url, {**data, "name": "Tên của người thứ hai", "expected_updated_at": second_loaded}
    )

    assert response.status_code == 400
    assert "vừa được người khác sửa" in response.content.decode()
    assert Unit.objects.get(pk=two_branches.a.child.pk).name == "Tên của người thứ nhất"


def test_given_a_unit_with_many_children_then_its_page_shows_a_hundred_and_links_to_the_full_list(
    client, two_branches, monkeypatch
):
    from kehoach.organizations.tests.factories import UnitFactory
    from kehoach.organizations.views import units as views

    monkeypatch.setattr(views, "CHILDREN_SHOWN", 3)
    for i in range(5):
        UnitFactory(parent=two_branches.a.unit, name=f"Tổ {i}")
    client.force_login(two_branches.user("a", Role.VIEWER))
    body = client.get(
        reverse("organizations:unit_detail", args=[two_branches.a.unit.pk])
    ).content.decode()
    assert "Còn nữa" in body
    listing = client.get(
        reverse("organizations:unit_tree"), {"parent": two_branches.a.unit.pk}
    ).content.decode()
    assert "Tìm thấy 6 đơn vị." in listing
    other = client.get(
        reverse("organizations:unit_tree"), {"parent": two_branches.b.unit.pk}
    ).content.decode()
    assert "Tìm thấy 0 đơn vị." in other


def test_given_the_admin_of_a_branch_head_then_its_page_offers_rename_but_not_move_merge_or_close(
    client, two_branches
):
    client.force_login(two_branches.user("a", Role.ADMIN))
    body = client.get(
        reverse("organizations:unit_detail", args=[two_branches.a.unit.pk])
    ).content.decode()
    assert reverse("organizations:unit_edit", args=[two_branches.a.unit.pk]) in body
    assert reverse("organizations:unit_close", args=[two_branches.a.unit.pk]) not in body
    response = client.get(reverse("organizations:unit_close", args=[two_branches.a.unit.pk]))
    assert response.status_code == 403 and "cấp trên" in response.content.decode()
    child_page = client.get(
        reverse("organizations:unit_detail", args=[two_branches.a.child.pk])
    ).content.decode()
    assert reverse("organizations:unit_close", args=[two_branches.a.child.pk]) in child_page
