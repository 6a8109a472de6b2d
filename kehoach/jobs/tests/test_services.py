"""Jobs through the in-process runners: progress, results, failures, retries, one run per click."""

from __future__ import annotations

import datetime as dt
import time

import pytest
from django.test import override_settings
from django.utils import timezone

from kehoach.audit.models import AuditEntry
from kehoach.core.exceptions import DomainError, PermissionDenied
from kehoach.jobs.models import Job
from kehoach.jobs.runner import UNEXPECTED, run
from kehoach.jobs.services import job_retry, job_start
from kehoach.jobs.tests.kinds import RUNS
from kehoach.organizations.choices import Role

pytestmark = pytest.mark.django_db


def test_a_job_runs_records_its_progress_and_its_result(two_branches):
    editor = two_branches.user("a", Role.EDITOR)
    job = job_start(kind="tests.echo", actor=editor, key="k1", unit=two_branches.a.unit)
    job.refresh_from_db()
    assert (job.status, job.progress, job.result_url, job.attempts) == (
        "succeeded",
        100,
        "/plans/",
        1,
    )
    assert job.trail == [[40, "Nửa đường"], [80, "Sắp xong"]]
    assert job.started_by == editor and job.started_at and job.finished_at
    assert AuditEntry.objects.filter(action="job_start", object_id=str(job.pk)).count() == 1


def test_the_same_key_is_one_job_run_once(two_branches):
    editor = two_branches.user("a", Role.EDITOR)
    first = job_start(kind="tests.echo", actor=editor, key="click-1")
    again = job_start(kind="tests.echo", actor=editor, key="click-1")
    assert first.pk == again.pk and Job.objects.count() == 1
    assert RUNS.count(str(first.pk)) == 1
    assert run(str(first.pk)) is False  # a second delivery finds it done and does nothing
    assert RUNS.count(str(first.pk)) == 1
    # Another user's identical key is another job.
    other = job_start(kind="tests.echo", actor=two_branches.user("b", Role.EDITOR), key="click-1")
    assert other.pk != first.pk


def test_a_refusal_fails_the_job_with_its_message_and_a_retry_runs_it_again(two_branches):
    editor = two_branches.user("a", Role.EDITOR)
    job = job_start(kind="tests.echo", actor=editor, key="r", params={"refuse": True})
    job.refresh_from_db()
    assert job.status == "failed" and job.error == "Không làm được việc này: thiếu dữ liệu."
    assert AuditEntry.objects.filter(action="job_fail", object_id=str(job.pk)).exists()
    Job.objects.filter(pk=job.pk).update(params={})  # the cause is fixed
    job_retry(actor=editor, job=job)
    job.refresh_from_db()
    assert (job.status, job.attempts, job.error) == ("succeeded", 2, "")
    with pytest.raises(DomainError, match="chưa thất bại"):
        job_retry(actor=editor, job=job)


def test_a_bug_in_a_handler_fails_with_a_vietnamese_message_not_a_trace(two_branches):
    job = job_start(
        kind="tests.echo", actor=two_branches.user("a", Role.EDITOR), key="c", params={"crash": 1}
    )
    job.refresh_from_db()
    assert job.status == "failed" and job.error == UNEXPECTED and "RuntimeError" not in job.error


def test_starting_a_failed_key_again_retries_it(two_branches):
    editor = two_branches.user("a", Role.EDITOR)
    job = job_start(kind="tests.echo", actor=editor, key="f", params={"refuse": True})
    Job.objects.filter(pk=job.pk).update(params={})
    again = job_start(kind="tests.echo", actor=editor, key="f")
    again.refresh_from_db()
    assert again.pk == job.pk and again.status == "succeeded" and again.attempts == 2


def test_only_the_starter_admins_of_the_unit_and_the_system_may_retry(two_branches):
    editor = two_branches.user("a", Role.EDITOR)
    job = job_start(
        kind="tests.echo", actor=editor, key="p", params={"refuse": True}, unit=two_branches.a.unit
    )
    with pytest.raises(PermissionDenied):
        job_retry(actor=two_branches.user("b", Role.ADMIN), job=job)
    with pytest.raises(PermissionDenied):
        job_retry(actor=two_branches.user("a", Role.VIEWER), job=job)
    job_retry(actor=two_branches.user("a", Role.ADMIN), job=job)  # fails again, but may retry


def test_an_unknown_kind_is_refused_before_anything_is_written(two_branches):
    with pytest.raises(DomainError, match="Không có loại tác vụ"):
        job_start(kind="nope", actor=two_branches.user("a", Role.EDITOR), key="x")
    assert not Job.objects.exists()


def test_a_job_abandoned_by_a_dead_runner_may_be_started_again(two_branches):
    editor = two_branches.user("a", Role.EDITOR)
    job = job_start(kind="tests.echo", actor=editor, key="s")
    old = timezone.now() - dt.timedelta(hours=1)
    Job.objects.filter(pk=job.pk).update(status="running", started_at=old, finished_at=None)
    again = job_start(kind="tests.echo", actor=editor, key="s")
    again.refresh_from_db()
    assert again.status == "succeeded" and again.attempts == 2


@pytest.mark.django_db(transaction=True)
@override_settings(KEHOACH_JOBS_RUNNER="thread")
def test_the_thread_runner_returns_at_once_and_finishes_in_the_background(two_branches):
    editor = two_branches.user("a", Role.EDITOR)
    job = job_start(kind="tests.echo", actor=editor, key="t", params={"file": True})
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        job.refresh_from_db()
        if job.is_finished:
            break
        time.sleep(0.05)
    assert job.status == "succeeded" and job.result_name == "ket-qua.txt"
    with job.result_file.open("rb") as fh:
        assert fh.read() == b"xin chao"
