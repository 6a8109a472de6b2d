"""Every training page costs the same number of queries with few and many units, people, marks."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kehoach.organizations.choices import Role
from kehoach.organizations.tests.factories import MembershipFactory, UnitFactory
from kehoach.training import quiz
from kehoach.training.choices import Mark
from kehoach.training.models import Attempt
from kehoach.training.services import attendance_mark, member_update
from kehoach.training.tests.helpers import campaign, roster, session

pytestmark = pytest.mark.django_db


def build(prefix: str, cells: int, people: int):
    head = UnitFactory(name=f"Đảng bộ {prefix}", code=f"{prefix}-H")
    units = [
        UnitFactory(name=f"Chi bộ {prefix}{i}", code=f"{prefix}-{i}", parent=head)
        for i in range(cells)
    ]
    camp = campaign(head, title=f"Đợt {prefix}")
    for n in range(cells):
        quiz.question_create(
            actor=None,
            campaign=camp,
            kind="single",
            text=f"Câu {n}?",
            choices=[("Đúng", True), ("Sai", False), ("Không rõ", False)],
        )
    sessions = []
    for i, unit in enumerate(units):
        members = roster(unit, people, prefix=f"{prefix}{i}-")
        member_update(actor=None, member=members[0], fields={"full_name": f"Đổi tên {prefix}{i}"})
        s = session(camp, unit, joint_units=[units[0]] if i else [], points=[("Điểm cầu", 4)])
        marks = {m.pk: Mark.PRESENT for m in members[:-1]} | {members[-1].pk: Mark.EXCUSED}
        attendance_mark(actor=None, session=s, marks=marks)
        sessions.append(s)
        for m in members[:2]:
            Attempt.objects.create(
                campaign=camp,
                session=s,
                member=m,
                person=m.person,
                correct=1,
                total=cells,
                passed=False,
                results={},
            )
    return head, units, camp, sessions


PAGES = (
    "campaigns",
    "dashboard",
    "drill-down",
    "session",
    "session qr",
    "check-in",
    "roster index",
    "roster",
    "roster export",
    "new session",
    "member edit",
    "campaign stats xlsx",
    "sign-in sheet docx",
    "questions",
    "public test",
    "attendance import",
)


def measure(client, user, head, units, camp, sessions) -> list[int]:
    from kehoach.training.models import Member

    member = Member.objects.filter(unit=units[1]).first()
    urls = [
        reverse("training:campaigns"),
        reverse("training:campaign", args=[camp.pk]),
        reverse("training:campaign", args=[camp.pk]) + f"?unit={units[1].pk}",
        reverse("training:session", args=[sessions[1].pk]),
        reverse("training:session_qr", args=[sessions[1].pk]),
        reverse("training:checkin", args=[sessions[1].checkin_token]),
        reverse("training:roster_index"),
        reverse("training:roster", args=[units[1].pk]),
        reverse("training:roster_export", args=[units[1].pk, "xlsx"]),
        reverse("training:session_new", args=[camp.pk]),
        reverse("training:member_edit", args=[member.pk]),
        reverse("training:campaign_stats", args=[camp.pk]),
        reverse("training:session_signin", args=[sessions[1].pk]),
        reverse("training:questions", args=[camp.pk]),
        reverse("training:test", args=[sessions[1].checkin_token]),
        reverse("training:session_import", args=[sessions[1].pk]),
    ]
    counts = []
    for url in urls:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200, url
        counts.append(len(ctx))
    return counts


def test_training_pages_use_a_fixed_number_of_queries(client, query_pins):
    from kehoach.accounts.tests.factories import UserFactory

    small = build("S", 2, 3)
    large = build("L", 6, 9)
    user = UserFactory()
    MembershipFactory(user=user, unit=small[0], role=Role.ADMIN)
    MembershipFactory(user=user, unit=large[0], role=Role.ADMIN)
    client.force_login(user)
    few = measure(client, user, *small)
    many = measure(client, user, *large)
    assert few == many, list(zip(PAGES, few, many, strict=True))
    for name, count in zip(PAGES, many, strict=True):
        query_pins.check(f"page {name}", count)
