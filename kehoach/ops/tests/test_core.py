"""Shared pieces: diacritic folding, the audit partial, domain errors as pages, language switch."""

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from kehoach.core.text import fold
from kehoach.organizations.choices import Role
from kehoach.organizations.selectors import audit_list_for
from kehoach.organizations.services import unit_update


def test_given_vietnamese_text_when_folded_then_diacritics_case_and_spaces_are_gone():
    assert fold("  Sở Tài nguyên và  Môi trường ") == "so tai nguyen va moi truong"
    assert fold("ĐẢNG ỦY") == "dang uy"
    assert fold("hoà") == fold("hòa") == "hoa"
    assert fold(None) == ""


@pytest.mark.django_db
def test_given_a_rename_when_the_audit_partial_renders_then_who_what_and_labels_are_shown(
    two_branches,
):
    admin = two_branches.user("a", Role.ADMIN)
    unit_update(actor=admin, unit=two_branches.a.child, name="Chi bộ A1 mới")
    html = render_to_string(
        "audit/_audit_log.html", {"audit_entries": audit_list_for(two_branches.a.child, user=admin)}
    )
    assert "Lịch sử thay đổi" in html and "Đổi tên đơn vị" in html
    assert "tên đầy đủ" in html and "Chi bộ A1 → Chi bộ A1 mới" in html
    assert str(admin) in html


@pytest.mark.django_db
def test_given_english_chosen_when_browsing_then_the_interface_is_in_english(client, two_branches):
    client.force_login(two_branches.user("a", Role.VIEWER))
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    body = client.get(reverse("organizations:unit_tree")).content.decode()
    assert "Unit tree" in body and "Cây đơn vị" not in body
    client.post(reverse("set_language"), {"language": "vi", "next": "/"})
    assert "Cây đơn vị" in client.get(reverse("organizations:unit_tree")).content.decode()


@pytest.mark.django_db
def test_given_an_htmx_request_out_of_scope_then_a_short_vietnamese_text_is_returned(
    client, two_branches
):
    client.force_login(two_branches.user("a", Role.ADMIN))
    other = two_branches.b.unit.memberships.first()
    response = client.post(
        reverse("organizations:membership_role", args=[other.pk]),
        {"role": "admin"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/plain")
    assert response.content.decode().startswith("Không tìm thấy")
