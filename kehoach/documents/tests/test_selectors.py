"""Selectors: the implementation tree is level by level, cycle-safe and scoped; the cited list
hides documents the reader may not see."""

from __future__ import annotations

import datetime as dt

import pytest

from kehoach.documents.selectors import document_references, implementation_tree
from kehoach.documents.tests.factories import DocumentFactory, cite
from kehoach.organizations.choices import Role

pytestmark = pytest.mark.django_db


def test_the_tree_goes_level_by_level_and_survives_cycles(two_branches):
    unit = two_branches.a.unit
    user = two_branches.user("a", Role.VIEWER)
    directive = DocumentFactory(
        owner_unit=unit, number="27", symbol="CT/TW", date=dt.date(2023, 12, 25)
    )
    plan = DocumentFactory(owner_unit=unit, number="121", symbol="KH/TU", date=dt.date(2024, 6, 16))
    cell_plan = DocumentFactory(
        owner_unit=two_branches.a.child, number="3", symbol="KH/CB", date=dt.date(2024, 7, 1)
    )
    cite(plan, "27-CT/TW", year=2023)
    cite(cell_plan, "121-KH/TU", year=2024)
    cite(cell_plan, "27-CT/TW", year=2023)  # a diamond: cites both levels
    cite(directive, "3-KH/CB", year=2024)  # a cycle back to the root
    tree = implementation_tree(user=user, document=directive)
    assert [[n.document for n in level] for level in tree.levels] == [
        [directive],
        [plan, cell_plan],
    ]
    assert tree.count == 2


def test_the_tree_shows_only_documents_the_reader_may_see(two_branches):
    directive = DocumentFactory(owner_unit=two_branches.root, number="27", symbol="CT/TW")
    mine = DocumentFactory(owner_unit=two_branches.a.unit)
    theirs = DocumentFactory(owner_unit=two_branches.b.unit)
    cite(mine, "27-CT/TW", year=2024)
    cite(theirs, "27-CT/TW", year=2024)
    tree = implementation_tree(user=two_branches.root_admin, document=directive)
    assert {n.document for n in tree.levels[1]} == {mine, theirs}
    tree = implementation_tree(user=two_branches.user("a", Role.ADMIN), document=directive)
    assert [n.document for n in tree.levels[1]] == [mine]


def test_a_cited_document_out_of_scope_is_shown_as_not_registered(two_branches):
    theirs = DocumentFactory(owner_unit=two_branches.b.unit, number="9", symbol="KH/ĐUB")
    mine = DocumentFactory(owner_unit=two_branches.a.unit)
    ref = cite(mine, "9-KH/ĐUB", year=theirs.year)
    assert ref.target == theirs  # resolved in the registry ...
    rows = document_references(user=two_branches.user("a", Role.ADMIN), document=mine)
    assert rows[0].target is None  # ... but not revealed to branch A
    rows = document_references(user=two_branches.root_admin, document=mine)
    assert rows[0].target == theirs
