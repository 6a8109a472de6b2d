"""The job page, its polling fragment, retry and download, and /api/jobs/<id>/: scoped."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.test import APIClient

from kehoach.jobs.models import Job
from kehoach.jobs.services import job_start
from kehoach.organizations.choices import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def failed(two_branches):
    return job_start(
        kind="tests.echo",
        actor=two_branches.user("a", Role.EDITOR),
        key="v",
        params={"refuse": True, "back": "/plans/"},
        unit=two_branches.a.unit,
    )


def test_a_running_job_shows_a_progress_bar_that_polls(client, two_branches):
    editor = two_branches.user("a", Role.EDITOR)
    job = Job.objects.create(
        kind="tests.echo",
        key="run",
        started_by=editor,
        status="running",
        progress=40,
        step="Nửa đường",
    )
    client.force_login(editor)
    page = client.get(reverse("jobs:detail", args=[job.pk])).content.decode()
    assert '<progress id="job-progress" max="100" value="40">' in page
    assert 'hx-trigger="every 1s"' in page and "Nửa đường" in page
    fragment = client.get(reverse("jobs:detail", args=[job.pk]), HTTP_HX_REQUEST="true")
    assert fragment.content.decode().lstrip().startswith('<section id="job-status"')


def test_a_finished_job_moves_the_page_on_to_its_result(client, two_branches):
    editor = two_branches.user("a", Role.EDITOR)
    job = job_start(kind="tests.echo", actor=editor, key="ok", params={"url": "/tasks/mine/"})
    client.force_login(editor)
    assert client.get(reverse("jobs:detail", args=[job.pk])).url == "/tasks/mine/"
    polled = client.get(reverse("jobs:detail", args=[job.pk]), HTTP_HX_REQUEST="true")
    assert polled.status_code == 204 and polled["HX-Redirect"] == "/tasks/mine/"
    stay = client.get(reverse("jobs:detail", args=[job.pk]), {"stay": "1"}).content.decode()
    assert "Đã xong" in stay and "/tasks/mine/" in stay


def test_a_failed_job_says_why_and_is_retried_from_its_page(client, two_branches, failed):
    client.force_login(two_branches.user("a", Role.EDITOR))
    page = client.get(reverse("jobs:detail", args=[failed.pk])).content.decode()
    assert "thiếu dữ liệu" in page and "Thử lại" in page and 'href="/plans/"' in page
    assert "hx-trigger" not in page  # a finished job is not polled
    response = client.post(reverse("jobs:retry", args=[failed.pk]))
    assert response.status_code == 302
    failed.refresh_from_db()
    assert failed.attempts == 2


def test_other_branches_and_lower_roles_never_see_a_job(client, two_branches, failed):
    for user in (two_branches.user("b", Role.ADMIN), two_branches.user("a", Role.VIEWER)):
        client.force_login(user)
        assert client.get(reverse("jobs:detail", args=[failed.pk])).status_code == 404
        assert client.post(reverse("jobs:retry", args=[failed.pk])).status_code == 404
    for user in (
        two_branches.user("a", Role.ADMIN),
        two_branches.root_admin,
        two_branches.superuser,
    ):
        client.force_login(user)
        assert client.get(reverse("jobs:detail", args=[failed.pk])).status_code == 200
    client.logout()
    assert client.get(reverse("jobs:detail", args=[failed.pk])).status_code == 302  # login


def test_the_result_file_is_downloaded_through_the_checked_view(client, two_branches):
    editor = two_branches.user("a", Role.EDITOR)
    job = job_start(kind="tests.echo", actor=editor, key="file", params={"file": True})
    client.force_login(editor)
    # The poll that finds the file done stops polling and starts the download once, in a frame.
    polled = client.get(reverse("jobs:detail", args=[job.pk]), HTTP_HX_REQUEST="true")
    fragment = polled.content.decode()
    download = reverse("jobs:download", args=[job.pk])
    assert polled.status_code == 200 and "HX-Redirect" not in polled
    assert f'<iframe hidden title="Tải tệp" src="{download}">' in fragment
    assert "hx-trigger" not in fragment
    response = client.get(reverse("jobs:download", args=[job.pk]))
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == b"xin chao"
    client.force_login(two_branches.user("b", Role.EDITOR))
    assert client.get(reverse("jobs:download", args=[job.pk])).status_code == 404


def test_the_api_reports_status_and_progress_scoped_like_the_page(two_branches, failed):
    api = APIClient()
    api.force_authenticate(two_branches.user("a", Role.EDITOR))
    data = api.get(f"/api/jobs/{failed.pk}/").json()
    assert (
        data["status"] == "failed" and data["progress"] == 80 and "thiếu dữ liệu" in data["error"]
    )
    api.force_authenticate(two_branches.user("b", Role.EDITOR))
    response = api.get(f"/api/jobs/{failed.pk}/")
    assert response.status_code == 404 and response.json()["detail"]
    assert api.get("/api/jobs/not-a-uuid/").status_code == 404


def test_the_job_page_runs_a_pinned_number_of_queries(client, two_branches, failed, query_pins):
    client.force_login(two_branches.user("a", Role.ADMIN))
    url = reverse("jobs:detail", args=[failed.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as page:
        client.get(url)
    with CaptureQueriesContext(connection) as fragment:
        client.get(url, HTTP_HX_REQUEST="true")
    query_pins.check("page /jobs/<id>/", len(page))
    query_pins.check("fragment /jobs/<id>/ (polling)", len(fragment))


def test_job_files_are_stored_under_random_names_of_their_content(client, two_branches):
    editor = two_branches.user("a", Role.EDITOR)
    kept = job_start(
        kind="tests.echo",
        actor=editor,
        key="in",
        params={"refuse": True},  # a failed job keeps its input for the retry
        input_file=("../../Kế hoạch.html", b"%PDF-1.7\n%..."),
    )
    kept.refresh_from_db()
    assert re.fullmatch(r"jobs/in/\d{4}/\d{2}/[0-9a-f]{32}\.pdf", kept.input_file.name)
    done = job_start(kind="tests.echo", actor=editor, key="out", params={"file": True})
    done.refresh_from_db()
    assert re.fullmatch(r"jobs/out/\d{4}/\d{2}/[0-9a-f]{32}\.txt", done.result_file.name)
    client.force_login(editor)
    response = client.get(reverse("jobs:download", args=[done.pk]))
    assert response["Content-Disposition"] == 'attachment; filename="ket-qua.txt"'
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert client.get(f"/media/{done.result_file.name}").status_code == 404
