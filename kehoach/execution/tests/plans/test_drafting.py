"""Building an implementing plan from a superior's plan in the registry, then issuing it."""

from __future__ import annotations

import datetime as dt

import pytest

from kehoach.core.exceptions import DomainError, PermissionDenied
from kehoach.documents.models import Document, Reference
from kehoach.execution.choices import PlanStatus, RequirementState
from kehoach.execution.models.tasks import Task
from kehoach.execution.services.drafting import plan_draft_from_document, preamble_for
from kehoach.execution.services.issuing import plan_issue
from kehoach.execution.services.plans import requirement_set
from kehoach.notifications.models import Notification
from kehoach.organizations.choices import Role, UnitKind
from kehoach.organizations.services import unit_create

pytestmark = pytest.mark.django_db

PARSED = {
    "system": "party",
    "doc_type": "KH",
    "code": "121-KH/TU",
    "sections": [
        {
            "number": "I",
            "heading": "MỤC ĐÍCH, YÊU CẦU",
            "role": "purpose_requirements",
            "text": "Nâng cao nhận thức của cán bộ, đảng viên.",
            "children": [],
        },
        {
            "number": "II",
            "heading": "NỘI DUNG TUYÊN TRUYỀN",
            "role": "content",
            "text": "",
            "children": [
                {
                    "number": "1",
                    "heading": "Tuyên truyền Chỉ thị 27-CT/TW",
                    "role": "content",
                    "text": "Ý nghĩa, tầm quan trọng.",
                    "children": [],
                }
            ],
        },
        {
            "number": "IV",
            "heading": "TỔ CHỨC THỰC HIỆN",
            "role": "organization",
            "text": "",
            "children": [],
        },
    ],
    "assignments": [
        {
            "unit": "Ban Tuyên giáo Thành ủy",
            "role": "lead",
            "task": "Hướng dẫn, theo dõi việc thực hiện kế hoạch",
            "section": "IV.1",
            "timeframe": "Năm 2024",
        },
        {
            "unit": "Văn phòng Thành ủy",
            "role": "support",
            "task": "Hướng dẫn, theo dõi việc thực hiện kế hoạch",
            "section": "IV.1",
            "timeframe": None,
        },
        {
            "unit": "Các chi bộ trực thuộc",
            "role": "lead",
            "task": "Tổ chức sinh hoạt chuyên đề",
            "section": "IV.2",
            "timeframe": None,
        },
        {
            "unit": "Hội Nông dân tỉnh",
            "role": "lead",
            "task": "Tuyên truyền ở nông thôn",
            "section": "IV.3",
            "timeframe": None,
        },
    ],
}


@pytest.fixture
def city(two_branches):
    a = two_branches.a
    board = unit_create(
        actor=None,
        kind=UnitKind.PARTY_BOARD,
        name="Ban Tuyên giáo Thành ủy",
        abbreviation="BTGThU",
        code="W-A-BTG",
        parent=a.unit,
    )
    office = unit_create(
        actor=None,
        kind=UnitKind.PARTY_BOARD,
        name="Văn phòng Thành ủy",
        abbreviation="VPThU",
        code="W-A-VP",
        parent=a.unit,
    )
    cell2 = unit_create(
        actor=None,
        kind=UnitKind.PARTY_CELL,
        name="Chi bộ A2",
        abbreviation="CBA2",
        code="W-A2",
        parent=a.unit,
    )
    parent = Document.objects.create(
        system="party",
        doc_type="KH",
        doc_type_name="Kế hoạch",
        number="121",
        symbol="KH/TU",
        code="121-KH/TU",
        code_key="121-kh-tu",
        issuer_name="Ban Thường vụ Tỉnh ủy Lâm Đồng",
        issuer_unit=two_branches.root,
        owner_unit=two_branches.root,
        date=dt.date(2024, 6, 16),
        date_text="2024-06-16",
        year=2024,
        sort_date=dt.date(2024, 6, 16),
        title="Tuyên truyền thực hiện Chỉ thị số 27-CT/TW",
        parsed=PARSED,
        dedupe_key="code:121-kh-tu|test|2024",
    )
    return {"board": board, "office": office, "cell2": cell2, "parent": parent}


def test_the_draft_cites_its_parent_and_prefills_the_standard_sections(two_branches, city):
    editor = two_branches.user("a", Role.EDITOR)
    draft = plan_draft_from_document(
        actor=editor, document=city["parent"], unit=two_branches.a.unit
    )
    plan = draft.plan
    assert plan.preamble == (
        "Thực hiện Kế hoạch số 121-KH/TU, ngày 16/6/2024 của Ban Thường vụ Tỉnh ủy Lâm Đồng "
        "về tuyên truyền thực hiện Chỉ thị số 27-CT/TW, Thành ủy Nhánh A ban hành Kế hoạch "
        "thực hiện Kế hoạch số 121-KH/TU như sau:"
    )
    assert [(s["number"], s["heading"]) for s in plan.sections] == [
        ("I", "MỤC ĐÍCH, YÊU CẦU"),
        ("II", "NỘI DUNG"),
        ("III", "HÌNH THỨC TUYÊN TRUYỀN"),
        ("IV", "TỔ CHỨC THỰC HIỆN"),
    ]
    assert plan.sections[0]["text"] == "Nâng cao nhận thức của cán bộ, đảng viên."
    assert plan.sections[1]["children"][0]["heading"] == "Tuyên truyền Chỉ thị 27-CT/TW"
    assert (plan.status, plan.parent_document) == (PlanStatus.DRAFT, city["parent"])


def test_assignments_become_tasks_mapped_to_sub_units_by_name(two_branches, city):
    editor = two_branches.user("a", Role.EDITOR)
    draft = plan_draft_from_document(
        actor=editor, document=city["parent"], unit=two_branches.a.unit
    )
    top = {t.title: t for t in Task.objects.filter(plan=draft.plan, parent__isnull=True)}
    guide = top["Hướng dẫn, theo dõi việc thực hiện kế hoạch"]
    assert guide.lead_unit == city["board"]
    assert list(guide.supporting_units.all()) == [city["office"]]
    assert guide.section == "IV.1"
    # "Các chi bộ trực thuộc" → one sub-task per cell, each led by its cell
    cells = Task.objects.filter(parent=top["Tổ chức sinh hoạt chuyên đề"]).order_by("position")
    assert [t.lead_unit for t in cells] == [two_branches.a.child, city["cell2"]]
    # A unit outside the tree stays unmapped for the officer to choose
    assert top["Tuyên truyền ở nông thôn"].lead_unit is None
    assert [p.lead.best is None for p in draft.proposals] == [False, True, True]


def test_only_editors_of_the_unit_draft_its_plan(two_branches, city):
    with pytest.raises(PermissionDenied):
        plan_draft_from_document(
            actor=two_branches.user("b", Role.EDITOR),
            document=city["parent"],
            unit=two_branches.a.unit,
        )


def test_issuing_registers_a_document_citing_the_parent_and_meets_the_requirement(
    two_branches, city, django_capture_on_commit_callbacks
):
    editor = two_branches.user("a", Role.EDITOR)
    req = requirement_set(
        actor=two_branches.root_admin,
        directive=city["parent"],
        required_by=two_branches.root,
        unit=two_branches.a.unit,
        due_date=dt.date(2024, 7, 15),
    )
    draft = plan_draft_from_document(
        actor=editor, document=city["parent"], unit=two_branches.a.unit
    )
    with django_capture_on_commit_callbacks(execute=True):
        plan = plan_issue(
            actor=editor,
            plan=draft.plan,
            number="15",
            date=dt.date(2024, 7, 1),
            signer="Nguyễn Văn A",
        )
    assert (plan.status, plan.code) == (PlanStatus.ISSUED, "15-KH/ThUA")
    doc = plan.document
    assert (doc.code, doc.issuer_unit, doc.date) == (
        "15-KH/ThUA",
        two_branches.a.unit,
        dt.date(2024, 7, 1),
    )
    assert Reference.objects.filter(document=doc, target=city["parent"]).exists()
    req.refresh_from_db()
    assert req.issued_plan == plan
    assert req.state(today=dt.date(2024, 8, 1)) == RequirementState.ISSUED
    assert Notification.objects.filter(user=two_branches.a.child_reporter, kind="assigned").exists()
    with pytest.raises(DomainError, match="dự thảo"):
        plan_issue(actor=editor, plan=plan, number="16", date=dt.date(2024, 7, 2), signer="X")


def test_a_requirement_not_met_by_its_due_date_is_late(two_branches, city):
    req = requirement_set(
        actor=two_branches.root_admin,
        directive=city["parent"],
        required_by=two_branches.root,
        unit=two_branches.b.unit,
        due_date=dt.date(2024, 7, 15),
    )
    assert req.state(today=dt.date(2024, 7, 15)) == RequirementState.PENDING
    assert req.state(today=dt.date(2024, 7, 16)) == RequirementState.LATE


def test_the_preamble_of_a_state_document_has_no_comma_before_the_date(two_branches, city):
    doc = city["parent"]
    doc.system, doc.code, doc.issuer_name, doc.title = "state", "289/KH-UBND", "UBND tỉnh", ""
    text = preamble_for(doc, two_branches.a.unit, "Tuyên truyền")
    assert text.startswith("Thực hiện Kế hoạch số 289/KH-UBND ngày 16/6/2024 của UBND tỉnh, ")
