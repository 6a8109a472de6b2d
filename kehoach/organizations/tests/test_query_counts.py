"""Every list page and list endpoint runs a fixed number of queries, however many rows it shows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.test import APIClient

from kehoach.accounts.tests.factories import UserFactory
from kehoach.organizations.choices import Role, UnitKind
from kehoach.organizations.services import membership_grant, unit_create, unit_update

pytestmark = pytest.mark.django_db

# Queries per request (session and user lookups included) are pinned in query_counts.json.
PAGES = ["tree", "tree_children", "tree_search", "detail", "members", "home", "profile", "export"]
ENDPOINTS = ["api_units", "api_me"]


def _grow(world, n):
    """Add ``n`` cells with members, renames and audit entries under branch A."""
    for i in range(n):
        cell = unit_create(
            actor=None, kind=UnitKind.PARTY_CELL, name=f"Chi bộ thêm {i}", parent=world.a.unit
        )
        unit_update(actor=None, unit=cell, name=f"Chi bộ thêm {i} (đổi tên)")
        for j in range(2):
            membership_grant(
                actor=None, user=UserFactory(), unit=world.a.unit if j else cell, role=Role.VIEWER
            )


def _urls(world):
    a = world.a.unit.pk
    return {
        "tree": (reverse("organizations:unit_tree"), {}, {}),
        "tree_children": (
            reverse("organizations:unit_tree"),
            {"parent": a},
            {"HTTP_HX_REQUEST": "true"},
        ),
        "tree_search": (reverse("organizations:unit_tree"), {"q": "chi bo"}, {}),
        "detail": (reverse("organizations:unit_detail", args=[a]), {}, {}),
        "members": (reverse("organizations:unit_members", args=[a]), {}, {}),
        "home": (reverse("core:home"), {}, {}),
        "profile": (reverse("accounts:profile"), {}, {}),
        "export": (reverse("organizations:unit_export"), {"format": "csv"}, {}),
    }


def _count(client, url, data, extra):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, data, **extra)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


@pytest.mark.parametrize("page", sorted(PAGES))
def test_given_more_rows_when_a_list_page_is_rendered_then_the_query_count_stays_the_same(
    client, two_branches, page, query_pins
):
    user = two_branches.user("a", Role.ADMIN)
    client.force_login(user)
    url, data, extra = _urls(two_branches)[page]
    small = _count(client, url, data, extra)

    _grow(two_branches, 12)
    large = _count(client, url, data, extra)

    assert large == small, f"{page}: {small} queries with few rows, {large} with many (N+1)"
    query_pins.check(f"page {page}", large)


@pytest.mark.parametrize("endpoint", sorted(ENDPOINTS))
def test_given_more_rows_when_a_list_endpoint_is_called_then_the_query_count_stays_the_same(
    two_branches, endpoint, query_pins
):
    api = APIClient()
    api.force_authenticate(two_branches.user("a", Role.ADMIN))
    url = {"api_units": "/api/units/", "api_me": "/api/me/"}[endpoint]
    small = _count(api, url, {}, {})
    _grow(two_branches, 12)
    for extra_unit in (two_branches.a.child, two_branches.b.unit):
        membership_grant(
            actor=None, user=two_branches.user("a", Role.ADMIN), unit=extra_unit, role=Role.VIEWER
        )
    large = _count(api, url, {}, {})
    assert large == small
    query_pins.check(f"endpoint {endpoint}", large)
