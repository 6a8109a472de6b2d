"""Training API: scoped like the pages, names only to officers, marks through the service."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from kehoach.organizations.choices import Role
from kehoach.organizations.testing import ROLES
from kehoach.training.models import Attendance
from kehoach.training.tests.helpers import campaign, roster, session

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(two_branches):
    w = two_branches
    people = {"a1": roster(w.a.child, 3, prefix="A"), "b1": roster(w.b.child, 2, prefix="B")}
    camp = campaign(w.root)
    own = campaign(w.b.unit, title="Đợt riêng của B")
    return w, camp, own, people, {"a1": session(camp, w.a.child), "b1": session(camp, w.b.child)}


def api(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.mark.parametrize("role", ROLES)
def test_given_branch_a_then_branch_b_is_404_and_figures_cut(world, role):
    w, camp, own, _people, s = world
    client = api(w.user("a", role))
    ids = [c["id"] for c in client.get("/api/training/campaigns/").json()["results"]]
    assert camp.pk in ids and own.pk not in ids
    assert client.get(f"/api/training/campaigns/{own.pk}/").status_code == 404
    assert client.get(f"/api/training/sessions/{s['b1'].pk}/").status_code == 404
    assert client.get(f"/api/training/campaigns/{own.pk}/questions/stats/").status_code == 404
    post = client.post(
        f"/api/training/sessions/{s['b1'].pk}/attendance/",
        {"marks": [{"member_id": 1, "mark": "present"}]},
        format="json",
    )
    assert post.status_code == 404
    units = client.get(f"/api/training/campaigns/{camp.pk}/").json()["units"]
    assert {u["unit_id"] for u in units} == {w.a.unit.pk, w.a.child.pk}
    sessions = client.get(f"/api/training/campaigns/{camp.pk}/sessions/").json()["results"]
    assert [x["id"] for x in sessions] == [s["a1"].pk]


def test_given_a_viewer_then_counts_without_names_and_no_marking(world):
    w, _camp, _own, people, s = world
    client = api(w.user("a", Role.VIEWER))
    body = client.get(f"/api/training/sessions/{s['a1'].pk}/").json()
    assert body["figures"]["expected"] == 3 and body["attendance"] == []
    post = client.post(
        f"/api/training/sessions/{s['a1'].pk}/attendance/",
        {"marks": [{"member_id": people["a1"][0].pk, "mark": "present"}]},
        format="json",
    )
    assert post.status_code == 403 and "quyền" in post.json()["detail"]


def test_given_the_cells_reporter_then_marks_saved_and_rates_follow(world):
    w, camp, _own, people, s = world
    client = api(w.a.child_reporter)
    url = f"/api/training/sessions/{s['a1'].pk}/attendance/"
    marks = [{"member_id": m.pk, "mark": "present"} for m in people["a1"][:2]]
    response = client.post(url, {"marks": marks}, format="json")
    assert response.status_code == 200 and response.json()["present"] == 2
    body = client.get(f"/api/training/sessions/{s['a1'].pk}/").json()
    assert [a["mark"] for a in body["attendance"]].count("present") == 2
    units = api(w.root_admin).get(f"/api/training/campaigns/{camp.pk}/").json()["units"]
    root = next(u for u in units if u["unit_id"] == w.root.pk)
    assert (root["expected"], root["attended"], root["rate"]) == (5, 2, "40.0")
    # Another branch's member or a bad mark: a Vietnamese 400, nothing saved.
    bad = client.post(
        url, {"marks": [{"member_id": people["b1"][0].pk, "mark": "present"}]}, format="json"
    )
    assert bad.status_code == 400 and "danh sách" in bad.json()["detail"]
    assert (
        client.post(url, {"marks": [{"member_id": 1, "mark": "x"}]}, format="json").status_code
        == 400
    )
    assert Attendance.objects.count() == 2


def test_the_campaign_endpoints_use_a_fixed_number_of_queries(world, query_pins):
    w, camp, _own, _people, s = world
    client = api(w.root_admin)
    for name, url in (
        ("endpoint campaigns", "/api/training/campaigns/"),
        ("endpoint campaign", f"/api/training/campaigns/{camp.pk}/"),
        ("endpoint sessions", f"/api/training/campaigns/{camp.pk}/sessions/"),
        ("endpoint question stats", f"/api/training/campaigns/{camp.pk}/questions/stats/"),
        ("endpoint session", f"/api/training/sessions/{s['a1'].pk}/"),
    ):
        client.get(url)  # the caller's memberships are then cached on the user object
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        first = len(ctx)
        roster(w.a.child, 5, prefix=f"X{name[-3:]}")
        session(camp, w.b.child, day=12)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        assert len(ctx) == first, name
        query_pins.check(name, first)


def test_given_attempts_then_question_stats_and_pass_rates_without_names(world):
    from kehoach.training import quiz
    from kehoach.training.models import Attempt

    w, camp, _own, people, s = world
    q = quiz.question_create(
        actor=None,
        campaign=camp,
        kind="true_false",
        text="Đúng?",
        choices=[("Đúng", True), ("Sai", False)],
    )
    for member, ok in ((people["a1"][0], True), (people["b1"][0], False)):
        session_ = s["a1"] if member in people["a1"] else s["b1"]
        Attempt.objects.create(
            campaign=camp,
            session=session_,
            member=member,
            person=member.person,
            correct=int(ok),
            total=1,
            passed=ok,
            results={str(q.pk): ok},
        )
    mine = api(w.user("a", Role.VIEWER)).get(f"/api/training/campaigns/{camp.pk}/questions/stats/")
    assert mine.json() == [
        {
            "question_id": q.pk,
            "kind": "true_false",
            "text": "Đúng?",
            "answered": 1,
            "right": 1,
            "percent": 100.0,
        }
    ]
    everyone = api(w.root_admin).get(f"/api/training/campaigns/{camp.pk}/questions/stats/").json()
    assert (everyone[0]["answered"], everyone[0]["right"]) == (2, 1)
    units = api(w.root_admin).get(f"/api/training/campaigns/{camp.pk}/").json()["units"]
    root = next(u for u in units if u["unit_id"] == w.root.pk)
    assert (root["tested"], root["passed"], root["pass_rate"]) == (2, 1, "50.0")
    assert "Người Thứ" not in str(units)
