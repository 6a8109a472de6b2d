"""The unit picker searches instead of listing: pages never grow with the tree, the choices are
scoped like every read, and forms post and validate as they did with a <select>."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kehoach.organizations.choices import Role, UnitKind
from kehoach.organizations.services import unit_create

pytestmark = pytest.mark.django_db


def _cells(parent, n, prefix):
    return [
        unit_create(
            actor=None,
            kind=UnitKind.PARTY_CELL,
            name=f"Chi bộ {prefix} số {i}",
            code=f"W-{prefix}-{i}",
            parent=parent,
        )
        for i in range(n)
    ]


def test_typing_without_diacritics_finds_units_of_the_subtree_only(client, two_branches):
    w = two_branches
    client.force_login(w.user("a", Role.EDITOR))
    r = client.get(
        "/units/pick/",
        {"field": "lead_unit", "pick_q": "chi bo", "within": w.a.unit.pk, "empty": "1"},
        HTTP_HX_REQUEST="true",
    )
    html = r.content.decode()
    assert r.status_code == 200
    assert f'type="radio" name="lead_unit" value="{w.a.child.pk}"' in html
    assert "Chi bộ B1" not in html and "— Không chọn —" in html
    # another branch's subtree is not searchable, and garbage is refused in words
    assert client.get("/units/pick/", {"field": "x", "within": w.b.unit.pk}).status_code == 404
    assert client.get("/units/pick/", {"field": "a b<"}).status_code == 400


def test_chosen_units_stay_chosen_first_and_many_matches_ask_for_more_letters(
    client, two_branches, query_pins
):
    w = two_branches
    cells = _cells(w.a.unit, 20, "A")
    client.force_login(w.user("a", Role.EDITOR))
    params = {"field": "supporting_units", "multiple": "1", "within": w.a.unit.pk}
    params["supporting_units"] = [cells[7].pk, w.b.child.pk]  # B1 is out of scope: dropped
    with CaptureQueriesContext(connection) as ctx:
        html = client.get("/units/pick/", {**params, "pick_q": "so"}).content.decode()
    first = html.index(f'value="{cells[7].pk}" checked')
    assert first < html.index(f'value="{cells[0].pk}"')
    assert html.count('type="checkbox"') == 16  # the chosen one + a page of 15
    assert "gõ thêm để thu hẹp" in html and f'value="{w.b.child.pk}"' not in html
    html = client.get("/units/pick/", {**params, "pick_q": "so 1"}).content.decode()
    assert "Không có đơn vị nào khớp" not in html and "Chi bộ A số 19" in html
    html = client.get("/units/pick/", {**params, "pick_q": "khong co"}).content.decode()
    assert "Không có đơn vị nào khớp “khong co”" in html
    query_pins.check("page /units/pick/", len(ctx.captured_queries))


def test_a_pasted_id_of_another_branchs_unit_shows_nothing_of_it(client, two_branches):
    w = two_branches
    client.force_login(w.user("a", Role.EDITOR))
    page = client.get("/documents/", {"unit": w.b.unit.pk, "issuer": w.b.child.pk}).content
    assert w.b.unit.name not in page.decode() and w.b.child.name not in page.decode()
