"""The world of the permission matrix (``test_permission_matrix.py``): the two branches of
``make_two_branches`` with one object of every domain in each, every title carrying the branch's
marker, and the fillers that turn a URL pattern's parameters into those objects.

A new URL with a parameter no filler knows fails the matrix with a message naming it: add a
filler to ``FILLERS`` (by URL name and parameter, or by parameter alone) for the new object,
and build the object in ``build_branch``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile

from kehoach.documents.models import DocumentFile, DocumentImport
from kehoach.documents.tests.factories import DocumentFactory
from kehoach.execution.choices import Aggregation, Cycle, TaskStatus
from kehoach.execution.services.evidence import evidence_add
from kehoach.execution.services.indicators import indicator_create
from kehoach.execution.services.reports import periods_generate, report_save, template_create
from kehoach.execution.tests.plans.factories import PlanFactory, TaskFactory
from kehoach.jobs.choices import JobStatus
from kehoach.jobs.models import Job
from kehoach.notifications.models import Notification
from kehoach.organizations.choices import Role
from kehoach.organizations.models import Membership, Unit
from kehoach.organizations.testing import Branch, TwoBranches
from kehoach.results.services import results_compile

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
MARKERS = {"a": "MATRIXMARKA", "b": "MATRIXMARKB"}


@dataclass
class Objects:
    """One object of every kind in a branch (all below its head unit)."""

    marker: str
    unit: Any
    membership: Any
    document: Any
    file: Any
    plan: Any
    task: Any
    period: Any
    report: Any
    evidence: Any
    results: Any
    job: Any
    imports: Any
    extra: dict[str, Any] = field(default_factory=dict)


def build_branch(world: TwoBranches, branch: Branch) -> Objects:
    marker = MARKERS[branch.name]
    # The branch's units carry the marker too: another branch must never see their names.
    for unit in (branch.unit, branch.child):
        Unit.objects.filter(pk=unit.pk).update(name=f"{unit.name} {marker}")
    editor = branch.users[Role.EDITOR]
    document = DocumentFactory(
        owner_unit=branch.unit, issuer_unit=branch.unit, title=f"Văn bản {marker}"
    )
    content = f"tep goc {marker}".encode()
    file = DocumentFile.objects.create(
        document=document,
        file=ContentFile(content, name=f"goc-{branch.name}.txt"),
        original_name=f"goc-{marker}.txt",
        content_type="text/plain",
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        uploaded_by=editor,
    )
    plan = PlanFactory(unit=branch.unit, title=f"Kế hoạch {marker}")
    template = template_create(
        actor=None, unit=branch.unit, plan=plan, name=f"Báo cáo quý {marker}", cycle=Cycle.QUARTERLY
    )
    (period,) = periods_generate(
        actor=None, template=template, since=dt.date(2026, 7, 1), until=dt.date(2026, 7, 1)
    )
    task = TaskFactory(
        plan=plan,
        title=f"Nhiệm vụ {marker}",
        lead_unit=branch.child,
        report_template=template,
        start_date=dt.date(2026, 1, 1),
        due_date=dt.date(2026, 12, 31),
        status=TaskStatus.IN_PROGRESS,
    )
    indicator = indicator_create(
        actor=None, plan=plan, name=f"Chỉ tiêu {marker}", aggregation=Aggregation.SUM, target=10
    )
    report = report_save(
        actor=None,
        task=task,
        unit=branch.child,
        period=period,
        narrative=f"Báo cáo tiến độ {marker}",
        values=[{"indicator": indicator, "value": 3}],
    )
    evidence = evidence_add(
        actor=None,
        report=report,
        kind="photo",
        upload=SimpleUploadedFile(f"anh-{branch.name}.png", PNG),
        taken_on=dt.date(2026, 7, 2),
        caption=f"Ảnh {marker}",
    )
    results = results_compile(actor=None, plan=plan, period=period, today=dt.date(2026, 10, 1))
    job = Job.objects.create(
        kind="paperwork.pdf",
        key=f"matrix-{marker}",
        status=JobStatus.SUCCEEDED,
        started_by=editor,
        unit=branch.unit,
        result_file=ContentFile(f"ket qua {marker}".encode(), name=f"kq-{branch.name}.txt"),
        result_name=f"kq-{marker}.txt",
        result_content_type="text/plain",
    )
    imports = DocumentImport.objects.create(
        created_by=editor, original_name=f"nhap-{marker}.txt", text=f"Văn bản nhập {marker}"
    )
    for user in branch.users.values():
        Notification.objects.create(
            user=user, kind="assigned", key=f"matrix-{marker}", title=f"Thông báo {marker}"
        )
    membership = Membership.objects.get(user=branch.users[Role.VIEWER], unit=branch.unit)
    # A pending request to share the branch's document with a unit of the same branch: the
    # other branch must neither see it nor decide it.
    from kehoach.documents.models import DocumentShareRequest

    share = DocumentShareRequest.objects.create(
        document=document, requesting_unit=branch.child, requested_by=editor
    )
    training = _training(branch, marker, document)
    qa = _qa_objects(branch, marker)
    return Objects(
        marker=marker,
        unit=branch.unit,
        membership=membership,
        document=document,
        file=file,
        plan=plan,
        task=task,
        period=period,
        report=report,
        evidence=evidence,
        results=results,
        job=job,
        imports=imports,
        extra={"share": share, **training, **qa},
    )


def _training(branch: Branch, marker: str, document: Any) -> dict[str, Any]:
    """A study campaign of the branch's head unit, a session of its cell, a roster member."""
    from kehoach.training.services import (
        attendance_mark,
        campaign_create,
        member_create,
        session_create,
    )

    member = member_create(
        actor=None, unit=branch.child, full_name=f"Đảng viên {marker}", member_code=f"M-{marker}"
    )
    campaign = campaign_create(
        actor=None,
        unit=branch.unit,
        document=document,
        title=f"Đợt học tập {marker}",
        starts_on=dt.date(2026, 7, 1),
        deadline=dt.date(2026, 7, 31),
    )
    session = session_create(
        actor=None,
        campaign=campaign,
        unit=branch.child,
        held_on=dt.date(2026, 7, 10),
        starts_at=dt.time(8, 0),
        ends_at=dt.time(11, 0),
        place=f"Hội trường {marker}",
        points=[(f"Điểm cầu {marker}", 3)],
    )
    attendance_mark(actor=None, session=session, marks={member.pk: "present"})
    return {"campaign": campaign, "session": session, "member": member}


def _qa_objects(branch: Branch, marker: str) -> dict[str, Any]:
    """A citizen's question to the branch's desk (private: routed, drafted, not published),
    with an attachment, a note and a past livestream session. What is public by design carries
    no marker: the field's name, the commune, the agency answering (public statistics name
    it), so that the marker's absence means the question itself never leaked."""
    from kehoach.organizations.choices import UnitKind
    from kehoach.organizations.services import unit_create
    from kehoach.qa.services.answers import answer_draft
    from kehoach.qa.services.fields import field_create
    from kehoach.qa.services.questions import question_note, question_route, question_submit
    from kehoach.qa.services.sessions import session_create
    from kehoach.qa.tests.factories import png_bytes

    province = Unit.objects.filter(code="MX-UBT").first() or unit_create(
        actor=None,
        kind=UnitKind.PEOPLES_COMMITTEE,
        name="Ủy ban nhân dân tỉnh Ma Trận",
        code="MX-UBT",
    )
    ward = unit_create(
        actor=None,
        kind=UnitKind.PEOPLES_COMMITTEE,
        name=f"Ủy ban nhân dân phường Ma Trận {branch.name.upper()}",
        code=f"MX-P{branch.name.upper()}",
        parent=province,
    )
    agency = unit_create(
        actor=None,
        kind=UnitKind.OFFICE,
        name=f"Phòng Tiếp dân {branch.name.upper()}",
        parent=branch.child,
    )
    field_ = field_create(actor=None, unit=branch.unit, name=f"Lĩnh vực {branch.name.upper()}")
    session = session_create(
        actor=None,
        unit=branch.unit,
        starts_at=dt.datetime(2026, 7, 1, 9, tzinfo=dt.UTC),
        topic=f"Trực tiếp {marker}",
    )
    question = question_submit(
        field=field_,
        locality=ward,
        text=f"Câu hỏi của người dân {marker} về đường ngập",
        contact_phone="0912345678",
        attachments=[SimpleUploadedFile(f"anh-{branch.name}.png", png_bytes())],
        session=session,
    )
    question_route(actor=None, question=question, agency=agency)
    answer_draft(actor=None, question=question, text=f"Dự thảo trả lời {marker} cho người dân")
    question_note(actor=None, question=question, text=f"Ghi chú {marker}")
    return {
        "qa_question": question,
        "qa_attachment": question.attachments.get(),
        "qa_session": session,
    }


# (url name, parameter) or parameter alone → the value, from a branch's objects.
FILLERS: dict[str, Any] = {
    "unit_id": lambda o: o.unit.pk,
    "membership_id": lambda o: o.membership.pk,
    "document_id": lambda o: o.document.pk,
    "file_id": lambda o: o.file.pk,
    "plan_id": lambda o: o.plan.pk,
    "task_id": lambda o: o.task.pk,
    "period_id": lambda o: o.period.pk,
    "evidence_id": lambda o: o.evidence.pk,
    "import_id": lambda o: o.imports.pk,
    "job_id": lambda o: o.job.pk,
    "results:report_id": lambda o: o.results.pk,
    "report_id": lambda o: o.report.pk,  # execution's progress reports
    "results:key": lambda o: "results",
    "results:fmt": lambda o: "xlsx",
    "reports:action": lambda o: "accept",
    "plans:table": lambda o: "status",
    "api:unit_detail:pk": lambda o: o.unit.pk,
    "api:document_detail:pk": lambda o: o.document.pk,
    "api:document_import_detail:pk": lambda o: o.imports.pk,
    "api:document_import_save:pk": lambda o: o.imports.pk,
    "api:job_detail:pk": lambda o: o.job.pk,
    "request_id": lambda o: o.extra["share"].pk,
    "documents:decision": lambda o: "accept",
    "campaign_id": lambda o: o.extra["campaign"].pk,
    "training:session_id": lambda o: o.extra["session"].pk,
    "member_id": lambda o: o.extra["member"].pk,
    "training:token": lambda o: o.extra["session"].checkin_token,
    "training:fmt": lambda o: "xlsx",
    "api:training_campaign_detail:pk": lambda o: o.extra["campaign"].pk,
    "api:training_session_list:pk": lambda o: o.extra["campaign"].pk,
    "api:training_question_stats:pk": lambda o: o.extra["campaign"].pk,
    "api:training_session_detail:pk": lambda o: o.extra["session"].pk,
    "api:training_attendance:pk": lambda o: o.extra["session"].pk,
    "question_id": lambda o: o.extra["qa_question"].pk,
    "attachment_id": lambda o: o.extra["qa_attachment"].pk,
    "qa:session_id": lambda o: o.extra["qa_session"].pk,
    "api:qa_question_detail:pk": lambda o: o.extra["qa_question"].pk,
    "api:qa_question_route:pk": lambda o: o.extra["qa_question"].pk,
    "api:qa_question_draft:pk": lambda o: o.extra["qa_question"].pk,
    "api:qa_public_question_detail:pk": lambda o: o.extra["qa_question"].pk,
    "api:document_share_request_accept:pk": lambda o: o.extra["share"].pk,
    "api:document_share_request_decline:pk": lambda o: o.extra["share"].pk,
    "api:plan_detail:pk": lambda o: o.plan.pk,
    "api:plan_issue:pk": lambda o: o.plan.pk,
    "api:plan_export:pk": lambda o: o.plan.pk,
    "api:plan_requirements:pk": lambda o: o.plan.pk,
    "api:task_detail:pk": lambda o: o.task.pk,
    "api:task_assign:pk": lambda o: o.task.pk,
    "api:template_detail:pk": lambda o: o.period.template_id,
    "api:period_detail:pk": lambda o: o.period.pk,
    "api:report_detail:pk": lambda o: o.report.pk,
    "api:report_submit:pk": lambda o: o.report.pk,
    "api:report_accept:pk": lambda o: o.report.pk,
    "api:report_return:pk": lambda o: o.report.pk,
    "api:results_figures:pk": lambda o: o.plan.pk,
    "api:results_report_detail:pk": lambda o: o.results.pk,
    "api:results_report_section:pk": lambda o: o.results.pk,
    "api:results_report_export:pk": lambda o: o.results.pk,
}


class MissingFiller(LookupError):
    pass


def fill(name: str, params: list[str], objects: Objects) -> dict[str, Any]:
    """The kwargs for ``reverse(name)`` naming ``objects``' objects."""
    namespace = name.rsplit(":", 1)[0] if ":" in name else ""
    kwargs = {}
    for param in params:
        for key in (f"{name}:{param}", f"{namespace}:{param}", param):
            if key in FILLERS:
                kwargs[param] = FILLERS[key](objects)
                break
        else:
            raise MissingFiller(
                f"URL {name!r}: no filler for its parameter {param!r}. Add one to FILLERS in "
                "kehoach/ops/tests/matrix.py (and build the object in build_branch)."
            )
    return kwargs
