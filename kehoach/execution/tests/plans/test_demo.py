"""The demo: ``seed_demo`` builds a world in which a new user finds something on every execution
page (plans, tasks, reports, compliance, results, inbox), through the services, once."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client, override_settings

from kehoach.accounts.models import User
from kehoach.audit.models import AuditEntry
from kehoach.documents.models import Document
from kehoach.execution.choices import ReportStatus
from kehoach.execution.models.plans import Plan, PlanRequirement
from kehoach.execution.models.reports import Evidence, Indicator, ProgressReport, ReportingPeriod
from kehoach.execution.models.tasks import Task
from kehoach.notifications.models import Notification
from kehoach.results.models import ResultsReport

pytestmark = pytest.mark.django_db

MODELS = [
    Plan,
    Task,
    ReportingPeriod,
    Indicator,
    ProgressReport,
    Evidence,
    PlanRequirement,
    ResultsReport,
    Notification,
    Document,
    AuditEntry,
]


def counts() -> dict[str, int]:
    return {m.__name__: m.objects.count() for m in MODELS}


def seed() -> str:
    out = io.StringIO()
    call_command("seed_demo", stdout=out)  # uploads go to the test media folder (conftest)
    return out.getvalue()


def login(username: str) -> Client:
    client = Client()
    client.force_login(User.objects.get(username=username))
    return client


@pytest.fixture
def demo(django_capture_on_commit_callbacks: Any) -> str:
    # The services notify on commit; run those hooks as a real run of the command would.
    with django_capture_on_commit_callbacks(execute=True):
        return seed()


def test_seed_demo_twice_adds_nothing_the_second_time(demo: str) -> None:
    # Given the demo built once
    first = counts()
    # When seed_demo runs again
    again = seed()
    # Then nothing is duplicated, and the command says so
    assert counts() == first
    assert "đã có, bỏ qua" in again


def test_demo_tells_the_execution_story(demo: str) -> None:
    # The Thành ủy's plan is issued with a number, cites its parent, and has tasks for the cells
    plan = Plan.objects.get(code="158-KH/ThU")
    assert plan.document is not None and plan.parent_document is not None
    cells = set(
        Task.objects.filter(plan=plan, lead_unit__kind="party_cell").values_list(
            "lead_unit__code", flat=True
        )
    )
    assert {"CB-P1", "CB-P2", "CB-TTVH"} <= cells
    # Reports in every state: accepted, returned with a comment, waiting for review
    statuses = set(ProgressReport.objects.values_list("status", flat=True))
    assert {ReportStatus.ACCEPTED, ReportStatus.RETURNED, ReportStatus.SUBMITTED} <= statuses
    returned = ProgressReport.objects.get(status=ReportStatus.RETURNED)
    assert returned.reviewer_comment
    # Evidence: a link and a photo file
    assert Evidence.objects.filter(kind="link").exists()
    photo = Evidence.objects.filter(kind="photo").first()
    assert photo is not None and photo.file.read(8) == b"\x89PNG\r\n\x1a\n"
    # Compliance: one cell issued its plan, one is late, one not yet due
    reqs = PlanRequirement.objects.filter(directive=plan.document)
    assert reqs.count() == 3 and reqs.filter(issued_plan__isnull=False).count() == 1
    # The results report names the cell that did not report
    results = ResultsReport.objects.get(plan=plan)
    assert len(results.data["reporting"]["missing"]) == 1
    # Reminders and reviews reached the reporters' inboxes
    assert Notification.objects.filter(user__username="baocao.chibo1").exists()
    assert Notification.objects.filter(user__username="baocao.ttvh", kind="overdue").exists()
    # Everything went through the services: they wrote the audit trail
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"plan.draft_from_document", "plan.issue", "report.accept", "report.return"} <= actions


def test_demo_pages_answer_with_content(demo: str) -> None:
    plan = Plan.objects.get(code="158-KH/ThU")
    results = ResultsReport.objects.get(plan=plan)
    officer = login("bientap.thanhuy")
    pages = {
        "/plans/dashboard/": "Chi bộ Phường 2",
        f"/plans/{plan.pk}/": "158-KH/ThU",
        "/plans/compliance/": "05-KH/CBP1",
        "/reports/review/": "Chi bộ Phường 2",
        f"/results/{results.pk}/": "Chi bộ Trung tâm Văn hóa",
    }
    for url, text in pages.items():
        response = officer.get(url)
        assert response.status_code == 200, url
        assert text in response.content.decode(), url
    mine = login("baocao.chibo1").get("/tasks/mine/")
    assert mine.status_code == 200
    assert "158-KH/ThU" in mine.content.decode()
    # The cell that sent nothing last quarter finds that report on top of its list, overdue
    late = login("baocao.ttvh").get("/tasks/mine/").content.decode()
    owed = late.index(results.data["period"]["label"])
    assert late.index("Quá hạn", owed) < late.index("Viết báo cáo", owed)
    inbox = login("baocao.chibo1").get("/notifications/")
    assert inbox.status_code == 200 and "trả lại" in inbox.content.decode().lower()


def test_demo_without_the_seeds_uses_the_project_samples(tmp_path: Path) -> None:
    # Given no ../shared/seeds folder
    with override_settings(SHARED_SEEDS_DIR=tmp_path / "absent"):
        out = seed()
    # Then the demo still builds the Thành ủy's plan from a registry document, with its story
    plan = Plan.objects.get(code="158-KH/ThU")
    assert plan.parent_document is not None
    assert ProgressReport.objects.filter(status=ReportStatus.RETURNED).exists()
    assert "Kế hoạch mẫu" in out
