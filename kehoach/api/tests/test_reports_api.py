"""API of report templates, periods, progress reports (save with the form's checks, submit,
return with a comment, accept, batch accept), indicators with their aggregated values and
results reports: wiring, scoping, status codes, bad input with nothing half-saved."""

from __future__ import annotations

import pytest

from kehoach.api.tests.conftest import api_for
from kehoach.execution.models import IndicatorValue, ProgressReport
from kehoach.organizations.choices import Role
from kehoach.organizations.testing import ROLES
from kehoach.results.models import ResultsReport

pytestmark = pytest.mark.django_db


def _ids(response) -> list[int]:
    assert response.status_code == 200, response.content
    return [r["id"] for r in response.json()["results"]]


def _body(cascade, branch="a", **extra):
    side = cascade.side(branch)
    return {
        "task": side.task.pk,
        "unit": cascade.world.branch(branch).child.pk,
        "period": side.open.pk,
        "narrative": "Đã tổ chức sinh hoạt chuyên đề.",
        "progress": "60",
        "values": [
            {"indicator": side.attendance.pk, "value": 45, "denominator": 50},
            {"indicator": side.posts.pk, "value": 3},
        ],
        **extra,
    }


def _saved(cascade, branch="a"):
    api = api_for(cascade.reporter(branch))
    response = api.post("/api/reports/", _body(cascade, branch), format="json")
    assert response.status_code == 201, response.content
    return api, response.json()


@pytest.mark.parametrize("branch", ["a", "b"])
@pytest.mark.parametrize("role", ROLES)
def test_given_any_role_then_templates_periods_and_reports_of_the_other_branch_never_show(
    cascade, branch, role
):
    _saved(cascade, "a")
    _saved(cascade, "b")
    api = api_for(cascade.world.user(branch, role))
    mine, other = cascade.side(branch), cascade.side("b" if branch == "a" else "a")
    assert _ids(api.get("/api/report-templates/")) == [mine.template.pk]
    assert set(_ids(api.get("/api/periods/", {"page_size": 200}))) == set(
        mine.template.periods.values_list("pk", flat=True)
    )
    reports = ProgressReport.objects.filter(task=mine.task)
    assert _ids(api.get("/api/reports/")) == [r.pk for r in reports]
    other_report = ProgressReport.objects.get(task=other.task)
    for url in (
        f"/api/report-templates/{other.template.pk}/",
        f"/api/periods/{other.open.pk}/",
        f"/api/reports/{other_report.pk}/",
        f"/api/indicators/?plan={other.plan.pk}",
        f"/api/results/{other.plan.pk}/?period={other.open.pk}",
    ):
        response = api.get(url)
        assert response.status_code == 404, url
        assert "Không tìm thấy" in response.json()["detail"]


def test_given_the_cell_reporter_then_it_reads_the_periods_of_a_plan_that_gives_it_work(cascade):
    api = api_for(cascade.reporter("a"))
    templates = _ids(api.get("/api/report-templates/"))
    assert templates == [cascade.a.template.pk]
    assert api.get(f"/api/periods/{cascade.a.open.pk}/").json()["status"] == "open"
    closed = api.get("/api/periods/", {"status": "closed"}).json()["results"]
    assert [p["id"] for p in closed] == [cascade.a.closed.pk]


def test_given_a_reporter_when_saving_submitting_and_the_editor_reviewing_then_the_flow_works(
    cascade,
):
    api, report = _saved(cascade)
    assert report["status"] == "draft" and report["version"] == 1 and report["can_write"]
    figures = {v["indicator_id"]: (v["value"], v["denominator"]) for v in report["values"]}
    assert figures == {
        cascade.a.attendance.pk: ("45.00", "50.00"),
        cascade.a.posts.pk: ("3.00", None),
    }
    again = api.post("/api/reports/", _body(cascade, narrative="Sửa lại.", version=1), "json")
    assert again.status_code == 200 and again.json()["version"] == 2
    url = f"/api/reports/{report['id']}/"
    edited = api.patch(url, {"version": 2, "progress": "70"}, format="json")
    assert edited.status_code == 200 and edited.json()["narrative"] == "Sửa lại."
    assert len(edited.json()["values"]) == 2  # an omitted field keeps what was saved
    submitted = api.post(f"{url}submit/", {"version": 3}, format="json")
    assert submitted.status_code == 200 and submitted.json()["status"] == "submitted"
    assert api.post(f"{url}submit/", {}, format="json").status_code == 400  # already sent

    editor = api_for(cascade.editor("a"))
    assert _ids(editor.get("/api/reports/", {"review": "true"})) == [report["id"]]
    assert _ids(api.get("/api/reports/", {"review": "true"})) == []  # nothing for a reporter
    blank = editor.post(f"{url}return/", {"comment": "  "}, format="json")
    assert blank.status_code == 400 and "Hãy ghi ý kiến" in blank.json()["detail"]
    returned = editor.post(f"{url}return/", {"comment": "Bổ sung ảnh."}, format="json")
    assert returned.json()["status"] == "returned"
    assert returned.json()["reviewer_comment"] == "Bổ sung ảnh."
    assert api.post(f"{url}submit/", {}, format="json").json()["status"] == "submitted"
    refused = api.post(f"{url}accept/", {}, format="json")
    assert refused.status_code == 403 and "không có quyền" in refused.json()["detail"]
    accepted = editor.post(f"{url}accept/", {"comment": "Tốt."}, format="json")
    assert accepted.status_code == 200 and accepted.json()["status"] == "accepted"

    indicators = editor.get("/api/indicators/", {"plan": cascade.a.plan.pk}).json()
    rate = next(i for i in indicators if i["aggregation"] == "rate")
    assert rate["overall"]["value"] == "90.00" and rate["met"] is False
    assert (rate["overall"]["numerator"], rate["overall"]["denominator"]) == ("45.00", "50.00")
    assert rate["units"][0]["unit_id"] == cascade.world.a.child.pk
    empty = editor.get(
        "/api/indicators/", {"plan": cascade.a.plan.pk, "period": cascade.a.closed.pk}
    ).json()
    assert all(i["overall"]["count"] == 0 for i in empty)


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"values": [{"indicator": "rate", "value": 51, "denominator": 50}]}, "không được lớn hơn"),
        ({"values": [{"indicator": "rate", "value": "2.5", "denominator": 50}]}, "Nhập một số"),
        ({"values": [{"indicator": "rate", "value": 5}]}, "tổng số đảng viên"),
        ({"values": [{"indicator": "other", "value": 5}]}, "không thuộc kế hoạch"),
        ({"values": [{"indicator": "posts", "value": -1}]}, "Tin bài"),
        ({"progress": "101"}, "progress"),
        ({"period": "closed"}, "khóa số liệu"),
        ({"period": "other"}, "không thuộc kế hoạch"),
        ({"unit": "head"}, "không được giao"),
        ({"task": 9_223_372_036_854_775_807}, "Không tìm thấy"),
    ],
)  # fmt: skip
def test_given_bad_figures_or_a_closed_period_then_a_4xx_in_vietnamese_and_nothing_saved(
    cascade, change, words
):
    a, b = cascade.a, cascade.b
    names = {"rate": a.attendance.pk, "posts": a.posts.pk, "other": b.posts.pk}
    body = _body(cascade)
    for key, value in change.items():
        if key == "values":
            value = [{**v, "indicator": names[v["indicator"]]} for v in value]
        elif key == "period":
            value = {"closed": a.closed.pk, "other": b.open.pk}[value]
        elif key == "unit":
            value = cascade.world.a.unit.pk
        body[key] = value
    response = api_for(cascade.reporter("a")).post("/api/reports/", body, format="json")
    assert 400 <= response.status_code < 500, response.content
    assert words in response.json()["detail"], response.json()
    assert ProgressReport.objects.count() == 0 and IndicatorValue.objects.count() == 0


@pytest.mark.parametrize("role", [Role.VIEWER, Role.REPORTER, Role.EDITOR])
def test_given_a_head_unit_role_without_the_cells_reporting_right_then_403(cascade, role):
    """The cell reports; a viewer of the head unit may not (a reporter or editor above may)."""
    response = api_for(cascade.world.user("a", role)).post(
        "/api/reports/", _body(cascade), format="json"
    )
    if role == Role.VIEWER:
        assert response.status_code == 403 and "không có quyền" in response.json()["detail"]
        assert ProgressReport.objects.count() == 0
    else:
        assert response.status_code == 201


def test_given_a_viewer_then_submit_accept_return_and_batch_are_403(cascade):
    api, report = _saved(cascade)
    viewer = api_for(cascade.world.user("a", Role.VIEWER))
    url = f"/api/reports/{report['id']}/"
    assert viewer.post(f"{url}submit/", {}, format="json").status_code == 403
    assert viewer.patch(url, {"narrative": "X"}, format="json").status_code == 403
    api.post(f"{url}submit/", {}, format="json")
    assert viewer.post(f"{url}accept/", {}, format="json").status_code == 403
    assert viewer.post(f"{url}return/", {"comment": "X"}, format="json").status_code == 403
    batch = viewer.post("/api/reports/accept/", {"reports": [report["id"]]}, format="json")
    assert batch.status_code == 400  # nothing of theirs to review
    assert ProgressReport.objects.get().status == "submitted"
    other = api_for(cascade.editor("b"))
    assert other.post(f"{url}accept/", {}, format="json").status_code == 404


def test_given_submitted_reports_when_accepting_a_batch_then_each_is_accepted(cascade):
    api, first = _saved(cascade)
    api.post(f"/api/reports/{first['id']}/submit/", {}, format="json")
    supporter = cascade.world.a.unit  # the head unit supports the task too
    cascade.a.task.supporting_units.add(supporter)
    editor = api_for(cascade.editor("a"))
    body = {**_body(cascade), "unit": supporter.pk}
    second = editor.post("/api/reports/", body, format="json").json()
    editor.post(f"/api/reports/{second['id']}/submit/", {}, format="json")
    response = editor.post(
        "/api/reports/accept/", {"reports": [first["id"], second["id"]]}, format="json"
    )
    assert response.status_code == 200, response.content
    assert response.json() == {"accepted": 2, "errors": []}
    assert set(ProgressReport.objects.values_list("status", flat=True)) == {"accepted"}
    none = editor.post("/api/reports/accept/", {"reports": [first["id"]]}, format="json")
    assert none.status_code == 400 and "Hãy chọn" in none.json()["detail"]


def test_given_a_plan_then_its_results_are_compiled_read_and_edited_through_the_api(cascade):
    api, report = _saved(cascade)
    api.post(f"/api/reports/{report['id']}/submit/", {}, format="json")
    editor = api_for(cascade.editor("a"))
    editor.post(f"/api/reports/{report['id']}/accept/", {}, format="json")
    plan, period = cascade.a.plan, cascade.a.open
    figures = editor.get(f"/api/results/{plan.pk}/", {"period": period.pk})
    assert figures.status_code == 200, figures.content
    body = figures.json()
    assert body["source"] == "live" and body["data"]["tasks"]["total"]["total"] == 1
    assert editor.get(f"/api/results/{plan.pk}/").status_code == 400
    wrong = editor.get(f"/api/results/{plan.pk}/", {"period": cascade.b.open.pk})
    assert wrong.status_code == 400 and "không thuộc kế hoạch" in wrong.json()["detail"]

    compile_body = {"plan": plan.pk, "period": period.pk}
    created = editor.post("/api/results-reports/", compile_body, format="json")
    assert created.status_code == 201, created.content
    results = created.json()
    assert set(results["sections"]) == {"opening", "results", "limitations", "directions",
                                        "closing"}  # fmt: skip
    url = f"/api/results-reports/{results['id']}/"
    version = results["sections"]["limitations"]["version"]
    saved = editor.post(
        f"{url}sections/",
        {"key": "limitations", "text": "Còn chậm.", "version": version},
        format="json",
    )
    assert saved.status_code == 200
    assert saved.json()["sections"]["limitations"]["text"] == "Còn chậm."
    stale = editor.post(
        f"{url}sections/", {"key": "limitations", "text": "Khác", "version": version}, "json"
    )
    assert stale.status_code == 400 and "người khác sửa" in stale.json()["detail"]
    again = editor.post("/api/results-reports/", compile_body, format="json")
    assert again.status_code == 200
    assert again.json()["sections"]["limitations"]["text"] == "Còn chậm."  # kept
    assert _ids(editor.get("/api/results-reports/", {"plan": plan.pk})) == [results["id"]]
    viewer = api_for(cascade.world.user("a", Role.VIEWER))
    assert viewer.get(url).status_code == 200
    assert viewer.post("/api/results-reports/", compile_body, format="json").status_code == 403
    refused = viewer.post(
        f"{url}sections/", {"key": "opening", "text": "X", "version": 1}, format="json"
    )
    assert refused.status_code == 403
    other = api_for(cascade.editor("b"))
    assert other.get(url).status_code == 404
    assert other.post("/api/results-reports/", compile_body, format="json").status_code == 404
    assert ResultsReport.objects.count() == 1


def test_given_a_results_report_then_its_header_is_edited_with_its_version_and_the_pdf_is_a_job(
    cascade, settings
):
    settings.KEHOACH_JOBS_RUNNER = "thread"  # queued: nothing commits in a test, no LibreOffice
    editor = api_for(cascade.editor("a"))
    compile_body = {"plan": cascade.a.plan.pk, "period": cascade.a.open.pk}
    report = editor.post("/api/results-reports/", compile_body, format="json").json()
    url = f"/api/results-reports/{report['id']}/"
    header = {"version": report["version"], "number": "12", "signer_name": "Trần Thị B"}
    saved = editor.patch(url, header, format="json")
    assert saved.status_code == 200, saved.content
    assert (saved.json()["number"], saved.json()["version"]) == ("12", report["version"] + 1)
    stale = editor.patch(url, header, format="json")
    assert stale.status_code == 400 and "người khác thay đổi" in stale.json()["detail"]
    viewer = api_for(cascade.world.user("a", Role.VIEWER))
    assert viewer.patch(url, {**header, "version": 2}, format="json").status_code == 403
    job = viewer.post(f"{url}export/", {}, format="json")  # a reader may have the PDF
    assert job.status_code == 202, job.content
    assert job["Location"] == f"/api/jobs/{job.json()['id']}/"
    assert job.json()["kind"] == "results.pdf" and job.json()["status"] == "queued"
    assert api_for(cascade.editor("b")).post(f"{url}export/", {}, format="json").status_code == 404
