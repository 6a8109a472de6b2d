"""A plan drafted in kehoach, exported as the official document to sign (draft or issued).

Given a Party plan of branch A (a Thành ủy under a Tỉnh ủy) and a state plan of a Sở under a
UBND, with sections and tasks, the export prints the header, number line, place and date, the
outline, "Tổ chức thực hiện" from the tasks, Nơi nhận and the signature in each system's grammar;
a draft leaves the number, day and month and the signer blank.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from docparse import parse_document
from kehoach.execution.models.plans import Plan
from kehoach.execution.services.issuing import plan_issue
from kehoach.execution.tests.plans.factories import PlanFactory, TaskFactory
from kehoach.jobs.models import Job
from kehoach.organizations.choices import Role, UnitKind
from kehoach.organizations.services.units import unit_create
from kehoach.paperwork.plan_export import plan_to_official
from kehoach.paperwork.rendering import pdf as pdf_module
from kehoach.paperwork.rendering import render_docx, select_profile
from kehoach.paperwork.rendering.model import Heading, Paragraph
from kehoach.paperwork.rendering.text import number_line, place_date_line
from kehoach.paperwork.tests.reading import open_docx
from kehoach.paperwork.tests.test_conformance import component_errors

pytestmark = pytest.mark.django_db

SECTIONS = [
    {
        "number": "I",
        "heading": "MỤC ĐÍCH, YÊU CẦU",
        "role": "purpose_requirements",
        "text": "",
        "children": [
            {
                "number": "1",
                "heading": "Mục đích",
                "role": "purpose",
                "text": "Nâng cao nhận thức của cán bộ, đảng viên về thực hành tiết kiệm.",
                "children": [],
            }
        ],
    },
    {
        "number": "II",
        "heading": "NỘI DUNG TUYÊN TRUYỀN",
        "role": "content",
        "text": "Tuyên truyền các nội dung của Chỉ thị số 27-CT/TW.",
        "children": [],
    },
]
ORGANIZATION = {
    "number": "III",
    "heading": "TỔ CHỨC THỰC HIỆN",
    "role": "organization",
    "text": "Văn phòng theo dõi, đôn đốc việc thực hiện kế hoạch này.",
    "children": [],
}
TITLE = "Tuyên truyền về thực hành tiết kiệm, chống lãng phí năm 2026"


def _texts(data: bytes) -> list[str]:
    document = open_docx(data)
    cells = [p.text for t in document.tables for r in t.rows for c in r.cells for p in c.paragraphs]
    return cells + [p.text for p in document.paragraphs]


@pytest.fixture
def party_plan(two_branches):
    """Branch A's Thành ủy drafts a plan; its cell leads a task, branch A's head supports."""
    world = two_branches
    plan = PlanFactory(
        unit=world.a.unit,
        title=TITLE,
        preamble="Thực hiện Chỉ thị số 27-CT/TW của Bộ Chính trị, Thành ủy xây dựng kế hoạch như sau:",
        sections=SECTIONS,
    )
    TaskFactory(plan=plan, title="Sơ kết việc thực hiện", due_date=dt.date(2026, 12, 15))
    TaskFactory(
        plan=plan,
        title="tổ chức hội nghị quán triệt",
        lead_unit=world.a.child,
        start_date=dt.date(2026, 3, 1),
        due_date=dt.date(2026, 6, 30),
    )
    return Plan.objects.select_related("unit", "document").get(pk=plan.pk)


@pytest.fixture
def state_plan(db):
    ubnd = unit_create(
        actor=None,
        kind=UnitKind.PEOPLES_COMMITTEE,
        name="UBND tỉnh Bình Phước",
        abbreviation="UBND",
        code="S-UBND",
    )
    department = unit_create(
        actor=None,
        kind=UnitKind.DEPARTMENT,
        name="Sở Thông tin và Truyền thông",
        abbreviation="STTTT",
        code="S-STTTT",
        parent=ubnd,
    )
    office = unit_create(
        actor=None,
        kind=UnitKind.OFFICE,
        name="Văn phòng Sở",
        abbreviation="VP",
        code="S-VP",
        parent=department,
    )
    plan = PlanFactory(unit=department, title=TITLE, sections=[*SECTIONS, ORGANIZATION])
    TaskFactory(plan=plan, title="Đăng tin trên Cổng thông tin", lead_unit=office)
    return Plan.objects.select_related("unit", "document").get(pk=plan.pk)


def _issue(plan: Plan, *, code: str, date: dt.date, signer: str) -> Plan:
    Plan.objects.filter(pk=plan.pk).update(
        status="issued", code=code, issued_on=date, signer=signer
    )
    return Plan.objects.select_related("unit", "document").get(pk=plan.pk)


# -- the adapter -----------------------------------------------------------------------------


def test_a_party_draft_has_a_blank_number_day_and_month_and_no_signer(party_plan):
    party = select_profile(name="party")
    official = plan_to_official(party_plan)
    assert official.number is None
    assert number_line(official.number, official.symbol, party) == "Số     -KH/ThUA"
    year = timezone.localdate().year
    assert official.date == str(year)
    line = place_date_line(official.place, official.date, party)
    assert re.fullmatch(rf"Nhánh A, ngày\s+tháng\s+năm {year}", line)
    assert official.issuer == "Thành ủy Nhánh A"
    assert official.superior == "Đảng bộ tỉnh Thử Nghiệm"
    assert official.type_name == "Kế hoạch"
    assert official.title == TITLE
    assert official.preamble[0].startswith("Thực hiện Chỉ thị")
    assert official.signature.authority == "T/M BAN THƯỜNG VỤ"
    assert (official.signature.title, official.signature.name) == (None, None)


def test_a_state_draft_uses_the_state_grammar(state_plan):
    state = select_profile(name="state")
    official = plan_to_official(state_plan)
    assert re.fullmatch(r"Số:\s+/KH-STTTT", number_line(official.number, official.symbol, state))
    assert official.superior == "UBND tỉnh Bình Phước"
    assert official.place == "Bình Phước"
    assert official.signature.authority is None
    # Printed in the Party format, the symbol follows the Party grammar.
    assert plan_to_official(state_plan, "party").symbol == "KH/STTTT"


def test_an_issued_plan_prints_its_number_date_and_signer(two_branches, party_plan):
    editor = two_branches.user("a", Role.EDITOR)
    plan_issue(
        actor=editor,
        plan=party_plan,
        number="158",
        date=dt.date(2026, 4, 7),
        signer="Phó Bí thư Nguyễn Văn An",
    )
    plan = Plan.objects.select_related("unit", "document").get(pk=party_plan.pk)
    official = plan_to_official(plan)
    assert (official.number, official.symbol, official.date) == ("158", "KH/ThUA", "2026-04-07")
    signature = official.signature
    assert (signature.authority, signature.title, signature.name) == (
        "T/M BAN THƯỜNG VỤ",
        "PHÓ BÍ THƯ",
        "Nguyễn Văn An",
    )
    # The same plan in the state format: "Số: 158/KH-ThUA", "TM." prefix.
    state = plan_to_official(plan, "state")
    assert (
        number_line(state.number, state.symbol, select_profile(name="state")) == "Số: 158/KH-ThUA"
    )
    assert state.signature.authority == "TM. BAN THƯỜNG VỤ"


def test_a_deputy_director_signs_for_the_director(state_plan):
    plan = _issue(
        state_plan, code="45/KH-STTTT", date=dt.date(2026, 9, 12), signer="Phó Giám đốc Lê Văn An"
    )
    signature = plan_to_official(plan).signature
    assert (signature.authority, signature.title, signature.name) == (
        "KT. GIÁM ĐỐC",
        "PHÓ GIÁM ĐỐC",
        "Lê Văn An",
    )
    # Without a title in the signer field, the usual title of the kind.
    plan = _issue(state_plan, code="45/KH-STTTT", date=dt.date(2026, 9, 12), signer="Lê Văn An")
    assert plan_to_official(plan).signature.title == "GIÁM ĐỐC"


def test_tasks_become_the_organization_section_when_the_plan_has_none(party_plan, two_branches):
    body = plan_to_official(party_plan).body
    headings = [(b.label, b.text) for b in body if isinstance(b, Heading)]
    assert headings[-2:] == [("III.", "TỔ CHỨC THỰC HIỆN"), ("1.", "Chi bộ A1")]
    organization = next(i for i, b in enumerate(body) if b.text == "TỔ CHỨC THỰC HIỆN")
    # A task without a lead unit is a line of the section itself, before the lead units.
    assert body[organization + 1] == Paragraph(
        "- Sơ kết việc thực hiện (thời gian: hoàn thành trước ngày 15/12/2026)."
    )
    task_line = body[-1]
    assert isinstance(task_line, Paragraph)
    assert task_line.text == (
        "- Chủ trì: Tổ chức hội nghị quán triệt "
        "(thời gian: từ ngày 01/03/2026 đến ngày 30/06/2026)."
    )


def test_an_organization_section_of_general_words_is_followed_by_the_tasks(state_plan):
    body = plan_to_official(state_plan).body
    texts = [b.text for b in body]
    assert texts.count("TỔ CHỨC THỰC HIỆN") == 1
    words = texts.index("Văn phòng theo dõi, đôn đốc việc thực hiện kế hoạch này.")
    assert texts[words + 1 :] == ["Văn phòng Sở", "- Chủ trì: Đăng tin trên Cổng thông tin."]


def test_an_organization_section_written_unit_by_unit_is_left_as_written(state_plan):
    written = {
        **ORGANIZATION,
        "children": [
            {
                "number": "1",
                "heading": "Văn phòng Sở",
                "role": "organization",
                "text": "Đăng tin.",
                "children": [],
            }
        ],
    }
    Plan.objects.filter(pk=state_plan.pk).update(sections=[*SECTIONS, written])
    texts = [b.text for b in plan_to_official(Plan.objects.get(pk=state_plan.pk)).body]
    assert texts.count("TỔ CHỨC THỰC HIỆN") == 1
    assert not any("Chủ trì:" in t for t in texts)


def test_empty_sections_are_never_printed_and_the_numbers_close_up(party_plan):
    empty = {
        "number": "II",
        "heading": "HÌNH THỨC TUYÊN TRUYỀN",
        "role": "forms",
        "text": "",
        "children": [],
    }
    blank_org = {**ORGANIZATION, "number": "IV", "text": ""}
    sections = [SECTIONS[0], empty, {**SECTIONS[1], "number": "III"}, blank_org]
    Plan.objects.filter(pk=party_plan.pk).update(sections=sections)
    body = plan_to_official(Plan.objects.get(pk=party_plan.pk)).body
    headings = [
        (b.label, b.text)
        for b in body
        if isinstance(b, Heading)
        and b.label.endswith(".")
        and b.label[:-1] in ("I", "II", "III", "IV")
    ]
    assert headings == [
        ("I.", "MỤC ĐÍCH, YÊU CẦU"),
        ("II.", "NỘI DUNG TUYÊN TRUYỀN"),
        ("III.", "TỔ CHỨC THỰC HIỆN"),
    ]
    assert any(b.text.startswith("- Chủ trì: Tổ chức hội nghị quán triệt") for b in body)


def test_recipients_are_the_superior_for_information_and_task_units_to_implement(party_plan):
    official = plan_to_official(party_plan)
    assert [(r.name, r.purpose) for r in official.recipients] == [
        ("Tỉnh ủy Thử Nghiệm", "b/c"),
        ("Chi bộ A1", "t/h"),
    ]
    assert official.archive is None  # the profile's "Lưu Văn phòng" / "Lưu: VT"


def test_the_units_name_is_the_one_it_had_on_the_plans_date(party_plan):
    from kehoach.organizations.services.units import unit_update

    unit_update(actor=None, unit=party_plan.unit, name="Thành ủy Nhánh A Mới")  # renamed today
    assert plan_to_official(Plan.objects.get(pk=party_plan.pk)).issuer == "Thành ủy Nhánh A Mới"
    plan = _issue(party_plan, code="9-KH/ThUA", date=dt.date(2026, 4, 7), signer="Nguyễn Văn An")
    plan = Plan.objects.select_related("unit", "document").get(pk=plan.pk)
    assert plan_to_official(plan).issuer == "Thành ủy Nhánh A"


# -- the DOCX ---------------------------------------------------------------------------------


@pytest.mark.parametrize("profile_name", ["party", "state"])
def test_the_generated_docx_conforms_to_the_profile(party_plan, profile_name):
    profile = select_profile(name=profile_name)
    document = open_docx(render_docx(plan_to_official(party_plan, profile), profile=profile))
    errors, checked = component_errors(profile, document)
    assert errors == []
    assert checked > 10


def test_the_docx_reads_back_as_the_plan(two_branches, party_plan):
    plan = _issue(party_plan, code="158-KH/ThUA", date=dt.date(2026, 4, 7), signer="Nguyễn Văn An")
    profile = select_profile(name="party")
    parsed = parse_document(
        render_docx(plan_to_official(plan, profile), profile=profile), filename="plan.docx"
    )
    assert parsed.system == "party"
    assert parsed.code == "158-KH/ThUA"
    assert parsed.title == TITLE
    assert parsed.issuer.name.casefold() == "thành ủy nhánh a"
    assert parsed.date == "2026-04-07"
    assert [(s.number, s.heading) for s in parsed.sections] == [
        ("I", "MỤC ĐÍCH, YÊU CẦU"),
        ("II", "NỘI DUNG TUYÊN TRUYỀN"),
        ("III", "TỔ CHỨC THỰC HIỆN"),
    ]
    signature = parsed.signature
    assert (signature.authority, signature.title, signature.name) == (
        "T/M BAN THƯỜNG VỤ",
        "BÍ THƯ",
        "Nguyễn Văn An",
    )
    assert ("Chi bộ A1", "t/h") in [(r.name, r.purpose) for r in parsed.recipients]


# -- the views --------------------------------------------------------------------------------


def test_an_editor_downloads_the_draft_with_a_blank_number(client, two_branches, party_plan):
    client.force_login(two_branches.user("a", Role.VIEWER))
    response = client.get(reverse("paperwork:plan_docx", args=[party_plan.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert f"du-thao-{party_plan.pk}" in response["Content-Disposition"]
    texts = _texts(response.content)
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in texts
    assert "Số     -KH/ThUA" in texts


def test_the_profile_parameter_and_a_bad_profile(client, two_branches, party_plan):
    client.force_login(two_branches.user("a", Role.VIEWER))
    url = reverse("paperwork:plan_docx", args=[party_plan.pk])
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in _texts(
        client.get(url, {"profile": "state"}).content
    )
    response = client.get(url, {"profile": "khong-co"}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("plans:detail", args=[party_plan.pk])
    assert "khong-co" in response.content.decode()


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_another_branch_gets_404(client, two_branches, party_plan, fmt):
    client.force_login(two_branches.user("b", Role.ADMIN))
    response = client.get(reverse(f"paperwork:plan_{fmt}", args=[party_plan.pk]))
    assert response.status_code == 404


def test_the_plan_page_shows_the_export_buttons(client, two_branches, party_plan):
    client.force_login(two_branches.user("a", Role.EDITOR))
    page = client.get(reverse("plans:detail", args=[party_plan.pk])).content.decode()
    assert "Xuất bản dự thảo (DOCX)" in page
    assert reverse("paperwork:plan_pdf", args=[party_plan.pk]) in page
    _issue(party_plan, code="158-KH/ThUA", date=dt.date(2026, 4, 7), signer="Nguyễn Văn An")
    page = client.get(reverse("plans:detail", args=[party_plan.pk])).content.decode()
    assert "Xuất DOCX" in page
    assert "Xuất bản dự thảo" not in page


def test_the_export_takes_a_bounded_number_of_queries(client, two_branches, party_plan, query_pins):
    cells = [two_branches.a.child] + [
        unit_create(
            actor=None,
            kind=UnitKind.PARTY_CELL,
            name=f"Chi bộ A{n}",
            code=f"W-A-{n}",
            parent=two_branches.a.unit,
        )
        for n in (2, 3, 4)
    ]
    for n in range(6):
        TaskFactory(
            plan=party_plan,
            title=f"Nhiệm vụ {n}",
            lead_unit=cells[n % 4],
            supporting_units=[cells[(n + 1) % 4], cells[(n + 2) % 4]],
        )
    client.force_login(two_branches.user("a", Role.VIEWER))
    url = reverse("paperwork:plan_docx", args=[party_plan.pk])
    client.get(url)  # warm the session and permission caches
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    # session, user, scope, plan with its joins, unit and parent versions, ancestors, tasks,
    # their supporting units, letterhead: none per task or recipient
    query_pins.check("plan docx download", len(queries))


@pytest.mark.slow
@pytest.mark.skipif(not pdf_module.pdf_available(), reason="LibreOffice (soffice) is not installed")
def test_the_draft_as_pdf(client, two_branches, party_plan):
    client.force_login(two_branches.user("a", Role.VIEWER))
    response = client.get(reverse("paperwork:plan_pdf", args=[party_plan.pk]), follow=True)
    job = Job.objects.get(kind="paperwork.pdf")
    assert response.redirect_chain[-1][0] == reverse("jobs:download", args=[job.pk])
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content)[:4] == b"%PDF"
    assert job.unit == party_plan.unit  # the unit's admins may follow it too


def test_pdf_without_libreoffice_goes_back_to_the_plan_with_the_message(
    client, two_branches, party_plan, monkeypatch
):
    monkeypatch.setattr(pdf_module, "soffice_path", lambda: None)
    client.force_login(two_branches.user("a", Role.VIEWER))
    response = client.get(reverse("paperwork:plan_pdf", args=[party_plan.pk]), follow=True)
    job = Job.objects.get(kind="paperwork.pdf")
    assert response.redirect_chain[-1][0] == reverse("jobs:detail", args=[job.pk])
    page = response.content.decode()
    assert "LibreOffice" in page and "Thử lại" in page
    assert reverse("plans:detail", args=[party_plan.pk]) in page  # the way back
