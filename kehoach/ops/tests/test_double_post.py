"""A double-posted form creates one row (kehoach.core.idempotency): every form that creates
something carries a one-time token; the same form posted twice (a double click, a reload of
the POST, the back button) makes one row, and the second answer is a redirect to the first
one's result."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from kehoach.accounts.models import User
from kehoach.accounts.tests.factories import UserFactory
from kehoach.core.idempotency import KEPT_FOR, new_token
from kehoach.core.models import FormSubmission
from kehoach.documents.models import DocumentImport
from kehoach.documents.tests.factories import DocumentFactory
from kehoach.execution.choices import Cycle
from kehoach.execution.models.plans import Plan, PlanRequirement
from kehoach.execution.models.reports import Evidence, Indicator, ProgressReport, ReportTemplate
from kehoach.execution.models.tasks import Task
from kehoach.execution.services.reports import periods_generate, report_save, template_create
from kehoach.execution.tests.plans.factories import PlanFactory, TaskFactory
from kehoach.jobs.models import Job
from kehoach.organizations.choices import Role
from kehoach.organizations.models import Membership, Unit
from kehoach.results.models import ResultsReport

pytestmark = pytest.mark.django_db
REPLAYED = "Biểu mẫu này đã được gửi trước đó"


def token_in(page: str, action: str | None = None, field: str = "form_token") -> str:
    """The token of the form posting to ``action`` (the page's first form without one)."""
    start = page.index(f'action="{action}"') if action else 0
    found = re.search(rf'name="{field}" value="([0-9a-f-]{{32,36}})"', page[start:])
    assert found, f"no {field} in the form {action or ''}"
    return found.group(1)


def post_twice(
    client: Any,
    url: str,
    data: dict[str, Any],
    rows: Any,
    *,
    page: str | None = None,
    action: str | None = None,
    field: str = "form_token",
) -> Any:
    """Open the form's page, post the form twice with its token: one row, the same redirect."""
    shown = client.get(page or url)
    assert shown.status_code == 200
    data = {**data, field: token_in(shown.content.decode(), action, field)}
    before = rows()
    first = client.post(url, data)
    assert first.status_code == 302, first.content.decode()[-2000:]
    assert rows() == before + 1
    second = client.post(url, data)
    assert second.status_code == 302
    assert second.url == first.url
    assert rows() == before + 1
    assert REPLAYED in client.get(second.url).content.decode()
    return first


@pytest.fixture
def a(two_branches):
    return two_branches.a


@pytest.fixture
def editor(client, two_branches):
    user = two_branches.user("a", Role.EDITOR)
    client.force_login(user)
    return user


def periodic_plan(a: Any, *, draft: bool = True) -> tuple[Plan, Any, Any]:
    plan = PlanFactory(unit=a.unit)
    template = template_create(
        actor=None, unit=a.unit, plan=plan, name="Báo cáo quý", cycle=Cycle.QUARTERLY
    )
    today = timezone.localdate()
    (period,) = periods_generate(actor=None, template=template, since=today, until=today)
    task = TaskFactory(
        plan=plan, title="Sinh hoạt chuyên đề", lead_unit=a.child, report_template=template
    )
    return plan, period, task


def test_plan_create(client, a, editor):
    doc = DocumentFactory(owner_unit=a.unit, issuer_unit=a.unit)
    post_twice(
        client,
        "/plans/new/",
        {"document": doc.pk, "unit": a.unit.pk, "title": "Kế hoạch thực hiện"},
        Plan.objects.count,
    )


def test_task_add(client, a, editor):
    plan = PlanFactory(unit=a.unit)
    url = f"/plans/{plan.pk}/tasks/add/"
    first = post_twice(
        client,
        url,
        {"title": "Tuyên truyền trên mạng", "lead_unit": a.child.pk, "weight": "1"},
        Task.objects.count,
        page=f"/plans/{plan.pk}/",
        action=url,
    )
    assert first.url == f"/plans/{plan.pk}/#task-{Task.objects.get(plan=plan).pk}"


def test_periodic_report_add(client, a, editor):
    plan = PlanFactory(unit=a.unit)
    url = f"/plans/{plan.pk}/reports/add/"
    data = {
        "name": "Báo cáo quý",
        "cycle": "quarterly",
        "cutoff_day": "15",
        "deadline_kind": "day_of_last_month",
        "deadline_value": "20",
    }
    post_twice(
        client, url, data, ReportTemplate.objects.count, page=f"/plans/{plan.pk}/", action=url
    )


def test_indicator_add(client, a, editor):
    plan = PlanFactory(unit=a.unit)
    url = f"/plans/{plan.pk}/indicators/add/"
    data = {
        "name": "Tin bài",
        "aggregation": "sum",
        "comparator": ">=",
        "target": "10",
        "measure_unit": "tin",
    }
    post_twice(client, url, data, Indicator.objects.count, page=f"/plans/{plan.pk}/", action=url)


def test_requirement_create(client, a, editor):
    directive = DocumentFactory(owner_unit=a.unit, issuer_unit=a.unit, doc_type="CT")
    url = f"/plans/compliance/?document={directive.pk}"
    data = {
        "document": directive.pk,
        "by": a.unit.pk,
        "target": "all",
        "due_date": (timezone.localdate() + dt.timedelta(days=30)).isoformat(),
    }
    first = post_twice(client, url, data, PlanRequirement.objects.count, action=None)
    assert first.url == url


def test_report_save_and_submit(client, two_branches, a):
    _plan, period, task = periodic_plan(a)
    client.force_login(a.child_reporter)
    url = f"/tasks/{task.pk}/report/?unit={a.child.pk}&period={period.pk}"
    data = {
        "unit": a.child.pk,
        "period": period.pk,
        "narrative": "Đã sinh hoạt chuyên đề.",
        "progress": "50",
        "submit": "1",
    }
    first = post_twice(client, url, data, ProgressReport.objects.count)
    assert first.url == f"/reports/{ProgressReport.objects.get(task=task).pk}/"


def test_evidence_add(client, a):
    _plan, period, task = periodic_plan(a)
    report = report_save(actor=None, task=task, unit=a.child, period=period, narrative="Đã làm")
    client.force_login(a.child_reporter)
    url = f"/reports/{report.pk}/evidence/"
    data = {"kind": "link", "url": "https://dalat.gov.vn/tin/1", "caption": "Tin trên cổng"}
    post_twice(client, url, data, Evidence.objects.count, page=f"/reports/{report.pk}/", action=url)


def test_document_import_of_pasted_text(client, editor):
    data = {"text": "THÀNH ỦY NHÁNH A\nSố 12-KH/ThU\nKẾ HOẠCH\nTuyên truyền\n1. Nội dung."}
    post_twice(client, "/documents/import/", data, DocumentImport.objects.count, field="token")


def test_document_import_upload(client, editor, settings):
    settings.KEHOACH_JOBS_RUNNER = "thread"  # the job stays queued (no commit in a test)
    shown = client.get("/documents/import/").content.decode()
    token = token_in(shown, field="token")

    def upload():
        f = SimpleUploadedFile("ke-hoach.txt", "KẾ HOẠCH\nTuyên truyền\n".encode(), "text/plain")
        return client.post("/documents/import/", {"file": f, "token": token})

    before = Job.objects.count()
    first, second = upload(), upload()
    assert first.status_code == second.status_code == 302
    assert second.url == first.url and first.url.startswith("/jobs/")
    assert Job.objects.count() == before + 1


def test_document_correction_start(client, a, editor):
    doc = DocumentFactory(owner_unit=a.unit, issuer_unit=a.unit)
    url = f"/documents/{doc.pk}/edit/"
    post_twice(
        client, url, {}, DocumentImport.objects.count, page=f"/documents/{doc.pk}/", action=url
    )


def test_unit_create(client, two_branches, a):
    client.force_login(two_branches.user("a", Role.ADMIN))
    data = {
        "parent": a.unit.pk,
        "kind": "party_cell",
        "name": "Chi bộ A2",
        "abbreviation": "",
        "code": "",
    }
    first = post_twice(client, "/units/new/", data, Unit.objects.count)
    assert first.url == f"/units/{Unit.objects.get(name='Chi bộ A2').pk}/"


def test_account_create(client, two_branches, a):
    client.force_login(two_branches.user("a", Role.ADMIN))
    data = {
        "username": "canbo.moi",
        "full_name": "Cán Bộ Mới",
        "password": "Mua-thu-Da-Lat-2026",
        "role": "reporter",
    }
    post_twice(client, f"/units/{a.unit.pk}/members/new-user/", data, User.objects.count)


def test_membership_grant(client, two_branches, a):
    client.force_login(two_branches.user("a", Role.ADMIN))
    person = UserFactory(username="nguoi.moi")
    url = f"/units/{a.child.pk}/members/"
    post_twice(
        client, url, {"username": person.username, "role": "viewer"}, Membership.objects.count
    )


def test_results_compile(client, a, editor):
    plan, period, _task = periodic_plan(a)
    url = f"/results/plans/{plan.pk}/compile/"
    post_twice(
        client,
        url,
        {"period": period.pk},
        ResultsReport.objects.count,
        page=f"/results/plans/{plan.pk}/",
        action=url,
    )


# --- the token itself -------------------------------------------------------------------------


def test_a_refused_post_releases_its_token_so_the_corrected_form_goes_through(client, a, editor):
    plan = PlanFactory(unit=a.unit)
    url = f"/plans/{plan.pk}/indicators/add/"
    token = new_token()
    bad = client.post(url, {"name": "", "aggregation": "sum", "form_token": token})
    assert bad.status_code == 302 and not Indicator.objects.filter(plan=plan).exists()
    assert not FormSubmission.objects.filter(token=token).exists()
    good = client.post(
        url,
        {
            "name": "Tin bài",
            "aggregation": "sum",
            "target": "3",
            "comparator": ">=",
            "form_token": token,
        },
    )
    assert good.status_code == 302 and Indicator.objects.filter(plan=plan).count() == 1


def test_a_token_is_the_users_own(client, two_branches, a):
    """Another person posting the same token is not sent to the first person's result."""
    plan, _period, _task = periodic_plan(a)
    token = new_token()
    data = {"title": "Việc một", "lead_unit": a.child.pk, "weight": "1", "form_token": token}
    client.force_login(two_branches.user("a", Role.EDITOR))
    client.post(f"/plans/{plan.pk}/tasks/add/", data)
    client.force_login(two_branches.user("a", Role.ADMIN))
    client.post(f"/plans/{plan.pk}/tasks/add/", data)
    assert Task.objects.filter(plan=plan, title="Việc một").count() == 2


def test_a_post_while_the_first_is_still_running_is_told_to_wait(client, a, editor):
    plan = PlanFactory(unit=a.unit)
    token = new_token()
    FormSubmission.objects.create(user=editor, token=token)  # claimed, not finished
    r = client.post(
        f"/plans/{plan.pk}/tasks/add/",
        {"title": "Việc", "lead_unit": a.child.pk, "weight": "1", "form_token": token},
    )
    assert r.status_code == 409 and "đang được xử lý" in r.content.decode()
    assert not Task.objects.filter(plan=plan).exists()


def test_old_tokens_are_dropped_and_a_post_without_one_works_as_before(client, a, editor):
    old = FormSubmission.objects.create(user=editor, token=new_token(), location="/plans/")
    FormSubmission.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - KEPT_FOR - dt.timedelta(minutes=1)
    )
    plan = PlanFactory(unit=a.unit)
    data = {"name": "Tin bài", "aggregation": "sum", "target": "3", "comparator": ">="}
    client.post(f"/plans/{plan.pk}/indicators/add/", data)  # no token: unprotected, as before
    client.post(f"/plans/{plan.pk}/indicators/add/", {**data, "form_token": new_token()})
    assert Indicator.objects.filter(plan=plan).count() == 2
    assert not FormSubmission.objects.filter(pk=old.pk).exists()
