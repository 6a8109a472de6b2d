"""Plans and the compliance matrix are read within the user's scope."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kehoach.core.exceptions import NotFound
from kehoach.documents.models import Document
from kehoach.execution.choices import RequirementState
from kehoach.execution.selectors.plans import compliance_matrix, plan_get, plan_list
from kehoach.execution.services.plans import requirement_set
from kehoach.execution.tests.plans.factories import PlanFactory
from kehoach.organizations.testing import ROLES

pytestmark = pytest.mark.django_db


def directive(world, code, day):
    return Document.objects.create(
        system="party",
        doc_type="CT",
        code=code,
        code_key=code.lower(),
        owner_unit=world.root,
        date=day,
        sort_date=day,
        year=day.year,
        title=f"Chỉ thị {code}",
        dedupe_key=f"code:{code}|t|{day.year}",
    )


def test_plans_are_seen_within_the_subtree_only(two_branches):
    pa = PlanFactory(unit=two_branches.a.child)
    pb = PlanFactory(unit=two_branches.b.unit)
    for role in ROLES:
        user = two_branches.user("a", role)
        assert list(plan_list(user=user)) == [pa]
        with pytest.raises(NotFound):
            plan_get(user=user, plan_id=pb.pk)
    assert list(plan_list(user=two_branches.a.child_reporter)) == [pa]


def test_the_compliance_matrix_shows_issued_late_and_pending(two_branches):
    w = two_branches
    d1 = directive(w, "27-CT/TW", dt.date(2023, 12, 25))
    d2 = directive(w, "05-CT/TW", dt.date(2016, 5, 15))
    for d, unit, due in [
        (d1, w.a.unit, dt.date(2024, 2, 1)),
        (d1, w.b.unit, dt.date(2024, 3, 1)),
        (d2, w.a.unit, dt.date(2024, 4, 1)),
    ]:
        requirement_set(
            actor=w.root_admin, directive=d, required_by=w.root, unit=unit, due_date=due
        )
    with CaptureQueriesContext(connection) as ctx:
        m = compliance_matrix(user=w.root_admin, today=dt.date(2024, 2, 15))
        rows = [(u.name, [s for _r, s in cells]) for u, cells in m.rows()]
    assert len(ctx.captured_queries) <= 2  # memberships (cached per user) + requirements
    assert [d.code for d in m.directives] == ["05-CT/TW", "27-CT/TW"]
    assert rows == [
        ("Thành ủy Nhánh A", [RequirementState.PENDING, RequirementState.LATE]),
        ("Đảng ủy Nhánh B", [None, RequirementState.PENDING]),
    ]
    # A unit sees only its own row
    mine = compliance_matrix(user=w.user("b", "viewer"))
    assert [u.name for u in mine.units] == ["Đảng ủy Nhánh B"]


def test_the_matrix_shows_the_most_recent_directives_unless_others_are_picked(two_branches):
    w = two_branches
    docs = [
        directive(w, f"{i}-CT/TW", dt.date(2020, 1, 1) + dt.timedelta(days=30 * i))
        for i in range(1, 11)
    ]
    for d in docs:
        requirement_set(
            actor=w.root_admin,
            directive=d,
            required_by=w.root,
            unit=w.a.unit,
            due_date=dt.date(2024, 1, 1),
        )
    m = compliance_matrix(user=w.root_admin)
    assert m.total_directives == 10
    assert [d.code for d in m.directives] == [f"{i}-CT/TW" for i in range(3, 11)]
    picked = compliance_matrix(user=w.root_admin, directive_ids=[docs[0].pk, 999999])
    assert [d.code for d in picked.directives] == ["1-CT/TW"]
