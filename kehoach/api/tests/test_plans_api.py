"""API of plans, requirements and tasks: wiring, scoping as on the pages (the other branch is a
404, a unit given work reads the plan that gives it), status codes, bad input refused in
Vietnamese with nothing saved."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from kehoach.api.tests.conftest import api_for
from kehoach.execution.models import Plan, PlanRequirement, Task
from kehoach.jobs.models import Job
from kehoach.notifications.models import Notification
from kehoach.organizations.choices import Role
from kehoach.organizations.testing import ROLES

pytestmark = pytest.mark.django_db


def _ids(response) -> list[int]:
    assert response.status_code == 200, response.content
    return [r["id"] for r in response.json()["results"]]


@pytest.mark.parametrize("branch", ["a", "b"])
@pytest.mark.parametrize("role", ROLES)
def test_given_any_role_when_listing_plans_then_only_its_branch_shows(cascade, branch, role):
    api = api_for(cascade.world.user(branch, role))
    mine, other = cascade.side(branch), cascade.side("b" if branch == "a" else "a")
    assert _ids(api.get("/api/plans/")) == [mine.plan.pk]
    response = api.get(f"/api/plans/{other.plan.pk}/")
    assert response.status_code == 404 and "Không tìm thấy" in response.json()["detail"]
    assert api.get(f"/api/tasks/{other.task.pk}/").status_code == 404
    assert other.task.pk not in _ids(api.get("/api/tasks/"))
    detail = api.get(f"/api/plans/{mine.plan.pk}/").json()
    assert [t["id"] for t in detail["tasks"]] == [mine.task.pk]
    assert {i["name"] for i in detail["indicators"]} == {"Tỷ lệ đảng viên dự sinh hoạt", "Tin bài"}
    assert detail["can_edit"] is (role in (Role.ADMIN, Role.EDITOR))


def test_given_words_without_diacritics_a_status_a_unit_or_a_year_then_the_list_filters(cascade):
    api = api_for(cascade.world.superuser)
    a = cascade.a.plan
    assert a.pk in _ids(api.get("/api/plans/", {"q": "tuyen truyen nghi quyet nhanh a"}))
    assert _ids(api.get("/api/plans/", {"q": "khong co"})) == []
    assert set(_ids(api.get("/api/plans/", {"unit": a.unit_id}))) == {a.pk}
    assert a.pk in _ids(api.get("/api/plans/", {"year": 2026, "status": "draft"}))
    assert _ids(api.get("/api/plans/", {"year": 2019})) == []
    bad = api.get("/api/plans/", {"status": "nope"})
    assert bad.status_code == 400 and "Bộ lọc không hợp lệ" in bad.json()["detail"]
    assert api.get("/api/plans/", {"unit": "9" * 20}).status_code == 400


def test_given_the_reporter_of_the_lead_unit_then_it_reads_the_plan_that_gives_it_work(cascade):
    api = api_for(cascade.reporter("a"))
    response = api.get(f"/api/plans/{cascade.root_plan.pk}/")
    assert response.status_code == 200
    body = response.json()
    assert body["in_scope"] is False and body["can_edit"] is False
    assert [t["id"] for t in body["tasks"]] == [cascade.root_task.pk]
    assert body["indicators"] == []
    assert api.get(f"/api/tasks/{cascade.root_task.pk}/").status_code == 200
    assert cascade.root_task.pk in _ids(api.get("/api/tasks/", {"mine": "true"}))
    # Read only: writing it is refused, with a Vietnamese reason.
    patch = api.patch(
        f"/api/plans/{cascade.root_plan.pk}/", {"version": 1, "title": "X"}, format="json"
    )
    assert patch.status_code == 403 and "không có quyền" in patch.json()["detail"]
    # The reporter of branch B's cell reads neither.
    other = api_for(cascade.reporter("b"))
    assert other.get(f"/api/plans/{cascade.root_plan.pk}/").status_code == 404


def test_given_an_editor_when_drafting_editing_and_issuing_a_plan_then_the_services_apply(
    cascade,
):
    api = api_for(cascade.editor("a"))
    unit = cascade.world.a.unit
    created = api.post(
        "/api/plans/",
        {
            "unit": unit.pk,
            "title": "Kế hoạch tuyên truyền kỷ niệm",
            "parent": cascade.a.plan.pk,
            "sections": [{"number": "I", "heading": "MỤC ĐÍCH", "text": "Nâng cao nhận thức."}],
            "period_start": "2026-01-01",
            "period_end": "2026-12-31",
        },
        format="json",
    )
    assert created.status_code == 201, created.content
    plan = created.json()
    assert (plan["status"], plan["version"], plan["parent_id"]) == ("draft", 1, cascade.a.plan.pk)
    url = f"/api/plans/{plan['id']}/"
    edited = api.patch(url, {"version": 1, "title": "Kế hoạch mới"}, format="json")
    assert edited.status_code == 200 and edited.json()["version"] == 2
    stale = api.patch(url, {"version": 1, "title": "Cũ"}, format="json")
    assert stale.status_code == 400 and "người khác thay đổi" in stale.json()["detail"]
    assert Plan.objects.get(pk=plan["id"]).title == "Kế hoạch mới"
    issued = api.post(
        f"{url}issue/", {"number": "15", "date": "2026-02-01", "signer": "Nguyễn Văn A"}, "json"
    )
    assert issued.status_code == 200, issued.content
    body = issued.json()
    assert body["status"] == "issued" and body["document_id"] and body["code"].startswith("15")
    again = api.post(
        f"{url}issue/", {"number": "16", "date": "2026-02-01", "signer": "A"}, format="json"
    )
    assert again.status_code == 400 and "dự thảo" in again.json()["detail"]


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ({"title": "Không có đơn vị"}, "unit"),
        ({"unit": "B", "title": "Của nhánh B"}, "không thuộc phạm vi"),
        ({"unit": "A", "title": ""}, "title"),
        ({"unit": "A", "title": "X", "period_start": "2026-05-01", "period_end": "2026-01-01"},
         "phải sau"),
        ({"unit": "A", "title": "X", "sections": [{"number": 5}]}, "phải là chuỗi"),
        ({"unit": "A", "title": "X", "parent": 9_223_372_036_854_775_807}, "cấp trên"),
        ({"unit": "A", "title": "X", "parent": 9_223_372_036_854_775_808}, "parent"),
    ],
)  # fmt: skip
def test_given_bad_input_when_drafting_then_a_400_in_vietnamese_and_nothing_saved(
    cascade, body, words
):
    api = api_for(cascade.editor("a"))
    units = {"A": cascade.world.a.unit.pk, "B": cascade.world.b.unit.pk}
    if "unit" in body:
        body = {**body, "unit": units[body["unit"]]}
    before = Plan.objects.count()
    response = api.post("/api/plans/", body, format="json")
    assert response.status_code == 400, response.content
    assert words in response.json()["detail"]
    assert Plan.objects.count() == before


@pytest.mark.parametrize("role", [Role.VIEWER, Role.REPORTER])
def test_given_a_viewer_or_reporter_when_writing_plans_then_403_json(cascade, role):
    api = api_for(cascade.world.user("a", role))
    plan = cascade.a.plan
    created = api.post("/api/plans/", {"unit": plan.unit_id, "title": "Không được"}, format="json")
    assert created.status_code == 403 and "không có quyền" in created.json()["detail"]
    assert api.patch(f"/api/plans/{plan.pk}/", {"version": 1}, format="json").status_code == 403
    issue = {"number": "1", "date": "2026-01-01", "signer": "A"}
    assert api.post(f"/api/plans/{plan.pk}/issue/", issue, format="json").status_code == 403
    assert Plan.objects.count() == 3 and Plan.objects.get(pk=plan.pk).version == 1


def test_given_a_plan_when_exporting_through_the_api_then_the_docx_is_a_job(cascade):
    api = api_for(cascade.editor("a"))
    url = f"/api/plans/{cascade.a.plan.pk}/export/"
    response = api.post(url, {"format": "docx"}, format="json", HTTP_IDEMPOTENCY_KEY="k1")
    assert response.status_code == 202, response.content
    job = response.json()
    assert response["Location"] == f"/api/jobs/{job['id']}/"
    assert job["status"] == "succeeded" and job["result_download"]
    again = api.post(url, {"format": "docx"}, format="json", HTTP_IDEMPOTENCY_KEY="k1")
    assert again.json()["id"] == job["id"] and Job.objects.count() == 1
    bad = api.post(url, {"format": "odt"}, format="json")
    assert bad.status_code == 400 and "format" in bad.json()["detail"]
    other = api_for(cascade.editor("b")).post(url, {"format": "pdf"}, format="json")
    assert other.status_code == 404 and Job.objects.count() == 1


# --- requirements ---------------------------------------------------------------------------


def _issued(cascade):
    api = api_for(cascade.editor("a"))
    url = f"/api/plans/{cascade.a.plan.pk}/"
    response = api.post(
        f"{url}issue/", {"number": "7", "date": "2026-02-01", "signer": "A"}, format="json"
    )
    assert response.status_code == 200, response.content
    return api, url


def test_given_an_issued_plan_when_requiring_the_units_below_then_each_is_told(
    cascade, django_capture_on_commit_callbacks
):
    api, url = _issued(cascade)
    due = (timezone.localdate() + dt.timedelta(days=30)).isoformat()
    child = cascade.world.a.child
    with django_capture_on_commit_callbacks(execute=True):
        response = api.post(
            f"{url}requirements/", {"units": [child.pk], "due_date": due}, format="json"
        )
    assert response.status_code == 201, response.content
    (req,) = response.json()
    assert (req["unit_id"], req["due_date"], req["state"]) == (child.pk, due, "pending")
    assert Notification.objects.filter(user=cascade.reporter("a"), kind="plan_required").exists()
    listed = api.get(f"{url}requirements/").json()["results"]
    assert [r["id"] for r in listed] == [req["id"]]
    mine = api_for(cascade.reporter("a")).get("/api/requirements/", {"mine": "true"})
    assert _ids(mine) == [req["id"]]
    assert _ids(api_for(cascade.editor("b")).get("/api/requirements/")) == []


@pytest.mark.parametrize(
    ("case", "words"),
    [
        ("past", "Hạn ban hành đã qua"),
        ("other_branch", "không thuộc phạm vi"),
        ("itself", "không thuộc phạm vi"),
        ("empty", "units"),
    ],
)
def test_given_bad_requirements_then_a_400_and_none_is_saved(cascade, case, words):
    api, url = _issued(cascade)
    due = (timezone.localdate() + dt.timedelta(days=30)).isoformat()
    units = [cascade.world.a.child.pk]
    if case == "past":
        due = (timezone.localdate() - dt.timedelta(days=1)).isoformat()
    elif case == "other_branch":
        units += [cascade.world.b.child.pk]
    elif case == "itself":
        units = [cascade.world.a.unit.pk]
    elif case == "empty":
        units = []
    response = api.post(f"{url}requirements/", {"units": units, "due_date": due}, format="json")
    assert response.status_code == 400, response.content
    assert words in response.json()["detail"]
    assert PlanRequirement.objects.count() == 0


def test_given_the_registry_route_when_requiring_then_directive_and_unit_are_checked(cascade):
    api, _url = _issued(cascade)
    plan = Plan.objects.get(pk=cascade.a.plan.pk)
    due = (timezone.localdate() + dt.timedelta(days=10)).isoformat()
    body = {
        "directive": plan.document_id,
        "required_by": cascade.world.a.unit.pk,
        "units": [cascade.world.a.child.pk],
        "due_date": due,
    }
    assert api.post("/api/requirements/", body, format="json").status_code == 201
    viewer = api_for(cascade.world.user("a", Role.VIEWER))
    refused = viewer.post("/api/requirements/", {**body, "due_date": due}, format="json")
    assert refused.status_code == 403
    other = api_for(cascade.editor("b")).post(
        "/api/requirements/", {**body, "required_by": cascade.world.b.unit.pk}, format="json"
    )
    assert other.status_code == 400  # branch A's plan is not B's to require
    assert PlanRequirement.objects.count() == 1
    draft = api.post(f"/api/plans/{cascade.b.plan.pk}/requirements/", body, format="json")
    assert draft.status_code == 404


# --- tasks ----------------------------------------------------------------------------------


def test_given_tasks_when_filtering_mine_overdue_status_and_plan_then_the_list_follows(cascade):
    reporter = api_for(cascade.reporter("a"))
    mine = set(_ids(reporter.get("/api/tasks/", {"mine": "true"})))
    assert mine == {cascade.a.task.pk, cascade.root_task.pk}
    assert _ids(reporter.get("/api/tasks/", {"plan": cascade.a.plan.pk})) == [cascade.a.task.pk]
    editor = api_for(cascade.editor("a"))
    assert _ids(editor.get("/api/tasks/", {"mine": "true"})) == []
    assert _ids(editor.get("/api/tasks/", {"status": "done"})) == []
    assert _ids(editor.get("/api/tasks/", {"overdue": "true"})) == []
    row = editor.get("/api/tasks/", {"q": "sinh hoat chi bo"}).json()["results"][0]
    assert row["lead_unit_id"] == cascade.world.a.child.pk and row["rag"]
    assert editor.get("/api/tasks/", {"status": "maybe"}).status_code == 400


def test_given_the_lead_units_reporter_then_it_updates_status_and_progress_only(cascade):
    api = api_for(cascade.reporter("a"))
    url = f"/api/tasks/{cascade.a.task.pk}/"
    ok = api.patch(url, {"version": 1, "progress": "40"}, format="json")
    assert ok.status_code == 200, ok.content
    assert ok.json()["status"] == "in_progress" and ok.json()["version"] == 2
    title = api.patch(url, {"version": 2, "title": "Khác"}, format="json")
    assert title.status_code == 403
    stale = api.patch(url, {"version": 1, "progress": "50"}, format="json")
    assert stale.status_code == 400 and "người khác thay đổi" in stale.json()["detail"]
    over = api.patch(url, {"version": 2, "progress": "140"}, format="json")
    assert over.status_code == 400 and over.json()["field"] == "progress"
    assert Task.objects.get(pk=cascade.a.task.pk).progress == 40


def test_given_an_editor_when_creating_and_assigning_tasks_then_units_are_checked(cascade):
    api = api_for(cascade.editor("a"))
    a, b = cascade.world.a, cascade.world.b
    created = api.post(
        "/api/tasks/",
        {"plan": cascade.a.plan.pk, "title": "Treo băng rôn", "lead_unit": a.child.pk,
         "due_date": "2026-12-20"},
        format="json",
    )  # fmt: skip
    assert created.status_code == 201, created.content
    task = created.json()
    assert task["warnings"] == [] and task["lead_unit_id"] == a.child.pk
    outside = api.post(
        "/api/tasks/",
        {"plan": cascade.a.plan.pk, "title": "Sang nhánh B", "lead_unit": b.child.pk},
        format="json",
    )
    assert outside.status_code == 400 and "không thuộc phạm vi" in outside.json()["detail"]
    assigned = api.post(
        f"/api/tasks/{task['id']}/assign/",
        {"lead_unit": a.unit.pk, "supporting_units": [a.child.pk]},
        format="json",
    )
    assert assigned.status_code == 200, assigned.content
    assert [u["id"] for u in assigned.json()["supporting_units"]] == [a.child.pk]
    viewer = api_for(cascade.world.user("a", Role.VIEWER))
    refused = viewer.post(f"/api/tasks/{task['id']}/assign/", {"lead_unit": a.child.pk}, "json")
    assert refused.status_code == 403
    bad_date = api.post(
        "/api/tasks/",
        {"plan": cascade.a.plan.pk, "title": "X", "start_date": "2026-05-02",
         "due_date": "2026-05-01"},
        format="json",
    )  # fmt: skip
    assert bad_date.status_code == 400 and bad_date.json()["field"] == "due_date"
    assert Task.objects.filter(plan=cascade.a.plan).count() == 2
    other = api_for(cascade.editor("b")).post(
        "/api/tasks/", {"plan": cascade.a.plan.pk, "title": "X"}, format="json"
    )
    assert other.status_code == 404
