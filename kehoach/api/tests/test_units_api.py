"""API wiring: token auth, /api/me/, /api/units/ scoped like the pages, create/update for admins."""

import pytest
from rest_framework.test import APIClient

from kehoach.accounts.tests.factories import TEST_PASSWORD
from kehoach.organizations.choices import Role
from kehoach.organizations.models import Unit
from kehoach.organizations.testing import ROLES

pytestmark = pytest.mark.django_db


@pytest.fixture
def api():
    return APIClient()


def test_given_username_and_password_when_asking_for_a_token_then_it_authenticates_later_calls(
    api, two_branches
):
    response = api.post(
        "/api/auth/token/", {"username": "viewer.a", "password": TEST_PASSWORD}, format="json"
    )
    assert response.status_code == 200
    api.credentials(HTTP_AUTHORIZATION=f"Token {response.json()['token']}")
    me = api.get("/api/me/").json()
    assert me["username"] == "viewer.a"
    assert [(m["role"], m["unit"]["code"]) for m in me["memberships"]] == [("viewer", "W-A")]


def test_given_a_wrong_password_then_no_token(api, two_branches):
    response = api.post(
        "/api/auth/token/", {"username": "viewer.a", "password": "sai"}, format="json"
    )
    assert response.status_code == 400


def test_given_no_credentials_then_the_api_refuses(api, two_branches):
    assert api.get("/api/units/").status_code in (401, 403)


@pytest.mark.parametrize("branch", ["a", "b"])
@pytest.mark.parametrize("role", ROLES)
def test_given_any_role_when_listing_and_fetching_units_then_the_other_branch_is_invisible(
    api, two_branches, branch, role
):
    api.force_authenticate(two_branches.user(branch, role))
    mine, other = two_branches.branch(branch), two_branches.other(branch)
    codes = {u["code"] for u in api.get("/api/units/").json()["results"]}
    assert codes == {mine.unit.code, mine.child.code}
    assert api.get(f"/api/units/{mine.child.pk}/").status_code == 200
    response = api.get(f"/api/units/{other.child.pk}/")
    assert response.status_code == 404
    assert "Không tìm thấy" in response.json()["detail"]
    assert {u["code"] for u in api.get("/api/units/", {"q": "chi bo"}).json()["results"]} == {
        mine.child.code
    }


def test_given_an_admin_when_creating_and_renaming_through_the_api_then_services_apply(
    api, two_branches
):
    api.force_authenticate(two_branches.user("a", Role.ADMIN))
    created = api.post(
        "/api/units/",
        {"kind": "party_cell", "name": "Chi bộ API", "parent_id": two_branches.a.unit.pk},
        format="json",
    )
    assert created.status_code == 201
    unit_id = created.json()["id"]
    renamed = api.patch(
        f"/api/units/{unit_id}/", {"name": "Chi bộ API mới", "on": "2025-07-01"}, format="json"
    )
    assert renamed.status_code == 200 and renamed.json()["name"] == "Chi bộ API mới"
    assert Unit.objects.get(pk=unit_id).versions.count() == 2


@pytest.mark.parametrize("role", [Role.EDITOR, Role.REPORTER, Role.VIEWER])
def test_given_a_non_admin_when_writing_through_the_api_then_403(api, two_branches, role):
    api.force_authenticate(two_branches.user("a", role))
    assert (
        api.post(
            "/api/units/",
            {"kind": "office", "name": "X", "parent_id": two_branches.a.unit.pk},
            format="json",
        ).status_code
        == 403
    )
    assert (
        api.patch(
            f"/api/units/{two_branches.a.child.pk}/", {"name": "Y"}, format="json"
        ).status_code
        == 403
    )


def test_given_an_admin_of_a_when_creating_under_b_then_404_and_invalid_data_gives_400(
    api, two_branches
):
    api.force_authenticate(two_branches.user("a", Role.ADMIN))
    assert (
        api.post(
            "/api/units/",
            {"kind": "office", "name": "X", "parent_id": two_branches.b.unit.pk},
            format="json",
        ).status_code
        == 404
    )
    assert api.post("/api/units/", {"kind": "nope", "name": ""}, format="json").status_code == 400


def test_given_the_schema_and_docs_then_both_are_served_without_a_cdn(client, two_branches):
    client.force_login(two_branches.superuser)
    schema = client.get("/api/schema/")
    docs = client.get("/api/docs/").content.decode()
    assert schema.status_code == 200 and b"/api/units/" in schema.content
    assert "cdn" not in docs.lower() and "/static/drf_spectacular_sidecar/" in docs


def test_given_repeated_wrong_passwords_when_asking_for_a_token_then_the_account_is_throttled(
    api, two_branches
):
    for _ in range(5):
        api.post("/api/auth/token/", {"username": "viewer.a", "password": "sai"}, format="json")
    response = api.post(
        "/api/auth/token/", {"username": "viewer.a", "password": TEST_PASSWORD}, format="json"
    )
    assert response.status_code == 429
    assert "token" not in response.json()
    assert "tạm khóa" in response.json()["detail"]


def test_given_a_json_array_when_asking_for_a_token_then_it_is_a_400_in_vietnamese(api):
    response = api.post("/api/auth/token/", ["viewer.a", "x"], format="json")
    assert response.status_code == 400
    assert "tên đăng nhập" in response.json()["detail"]
