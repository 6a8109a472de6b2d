"""Background jobs end to end with a real Celery worker on the local Redis (its own database
number, 11): an upload read into a review, and a plan made into a PDF by LibreOffice."""

from __future__ import annotations

import socket
import time
from pathlib import Path

import pytest
from celery.contrib.testing.worker import start_worker
from django.conf import settings
from django.urls import reverse

from config.celery import app
from kehoach.documents.models import DocumentImport
from kehoach.execution.tests.plans.factories import PlanFactory, TaskFactory
from kehoach.jobs.models import Job
from kehoach.jobs.services import job_start
from kehoach.organizations.choices import Role
from kehoach.paperwork.rendering import pdf as pdf_module

REDIS = ("127.0.0.1", 6379)
# A Redis database of our own: config.settings.test sets CELERY_BROKER_URL to 11 (plus the
# pytest-xdist worker's number), read by the Celery app when it is first configured.
BROKER = settings.CELERY_BROKER_URL


def _redis_up() -> bool:
    try:
        with socket.create_connection(REDIS, timeout=1):
            return True
    except OSError:
        return False


pytestmark = [
    pytest.mark.skipif(not _redis_up(), reason="Redis is not running on 127.0.0.1:6379"),
    pytest.mark.django_db(transaction=True),
]


def _wait(job: Job, seconds: float = 120) -> Job:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        job.refresh_from_db()
        if job.is_finished:
            return job
        time.sleep(0.1)
    raise AssertionError(f"job {job.kind} still {job.status} at {job.progress}%")


@pytest.fixture
def worker():
    assert app.conf.broker_url == BROKER and not BROKER.endswith("/0")  # never the real queue
    app.conf.update(task_always_eager=False, broker_connection_retry_on_startup=False)
    with app.connection_for_write() as conn:
        conn.default_channel.client.flushdb()  # our own database number: nothing else is lost
    settings.KEHOACH_JOBS_RUNNER = "celery"
    try:
        with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=30):
            yield
    finally:
        settings.KEHOACH_JOBS_RUNNER = "eager"
        app.conf.update(task_always_eager=True)


def _seed_text() -> bytes:
    seeds = sorted(Path(settings.SHARED_SEEDS_DIR).glob("004_*.txt"))
    if not seeds:
        pytest.skip("../shared/seeds is absent: no seed to read")
    return seeds[0].read_bytes()


def test_a_worker_reads_an_upload_into_a_review(two_branches, worker):
    editor = two_branches.user("a", Role.EDITOR)
    job = job_start(
        kind="documents.import",
        actor=editor,
        key="celery-import",
        params={"filename": "ke-hoach.txt"},
        input_file=("ke-hoach.txt", _seed_text()),
    )
    job = _wait(job)
    assert job.status == "succeeded", job.error
    imp = DocumentImport.objects.get()
    assert job.result_url == reverse("documents:review", args=[imp.pk])
    assert imp.created_by == editor and imp.parsed["title"]
    steps = [percent for percent, _step in job.trail]
    assert steps == sorted(steps) and steps[0] < steps[-1] < 100  # the bar only moves forward
    assert (job.progress, job.attempts) == (100, 1)


@pytest.mark.skipif(not pdf_module.pdf_available(), reason="LibreOffice (soffice) is not installed")
def test_a_worker_makes_a_plan_pdf(two_branches, worker):
    plan = PlanFactory(unit=two_branches.a.unit, title="Tuyên truyền kỷ niệm ngày thành lập Đảng")
    TaskFactory(plan=plan, title="Treo băng rôn, khẩu hiệu", lead_unit=two_branches.a.child)
    job = job_start(
        kind="paperwork.pdf",
        actor=two_branches.user("a", Role.VIEWER),
        key="celery-pdf",
        params={"what": "plan", "id": plan.pk, "profile": None, "letterhead": True},
        unit=plan.unit,
    )
    job = _wait(job)
    assert job.status == "succeeded", job.error
    with job.result_file.open("rb") as fh:
        assert fh.read(4) == b"%PDF"
    assert job.result_content_type == "application/pdf" and job.result_name.endswith(".pdf")
    assert [p for p, _ in job.trail] == [10, 30]
