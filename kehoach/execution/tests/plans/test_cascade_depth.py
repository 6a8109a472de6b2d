"""The cascade three levels deep: province → city → cell, each plan drafted from the one above.

The province (the world's root) issues a plan giving a task to branch A's city and one to
branch B; it requires both to issue an implementing plan. The city is told, drafts from the
province's plan (its own task comes across with its deadline), gives it to its cell and issues;
the cell is told, reads both plans (read only), drafts from the city's plan and gets the task
again. The issued plans' documents print the tasks unit by unit, and read back with them.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from docparse import parse_document
from kehoach.execution.models.plans import PlanRequirement
from kehoach.execution.services.drafting import plan_draft_from_document
from kehoach.execution.services.issuing import plan_issue
from kehoach.execution.services.plans import plan_create, requirements_set
from kehoach.execution.services.tasks import task_assign, task_create
from kehoach.notifications.models import Notification
from kehoach.organizations.choices import Role
from kehoach.paperwork.plan_export import plan_export

pytestmark = pytest.mark.django_db(transaction=True)  # notices are sent on commit

DUE = dt.date(2027, 3, 31)


def _province_plan(w):
    plan = plan_create(actor=w.root_admin, unit=w.root, title="Tuyên truyền Chỉ thị 27-CT/TW")
    task_create(
        actor=w.root_admin,
        plan=plan,
        title="Tổ chức hội nghị quán triệt Chỉ thị",
        section="III.1",
        lead_unit=w.a.unit,
        due_date=DUE,
    )
    task_create(
        actor=w.root_admin, plan=plan, title="Báo cáo sơ kết", lead_unit=w.b.unit, due_date=DUE
    )
    return plan_issue(
        actor=w.root_admin,
        plan=plan,
        number="12",
        date=timezone.localdate(),
        signer="Bí thư Nguyễn Văn An",
    )


def _texts(data: bytes) -> str:
    from kehoach.paperwork.tests.reading import open_docx

    document = open_docx(data)
    return "\n".join(p.text for p in document.paragraphs)


def test_three_levels_each_drafted_from_the_plan_above(client, two_branches):
    w = two_branches
    province = _province_plan(w)
    assert province.document is not None
    today = timezone.localdate()
    reqs = requirements_set(
        actor=w.root_admin,
        directive=province.document,
        required_by=w.root,
        units=[w.a.unit, w.b.unit],
        due_date=today + dt.timedelta(days=10),
    )
    assert len(reqs) == 2
    city_editor = w.user("a", Role.EDITOR)
    notice = Notification.objects.get(user=city_editor, kind="plan_required")
    assert notice.url == f"/plans/new/?document={province.document.pk}&unit={w.a.unit.pk}"

    # The city sees the requirement in "Việc của tôi" with the button that starts the draft.
    client.force_login(city_editor)
    page = client.get("/tasks/mine/").content.decode()
    assert "Kế hoạch phải ban hành" in page and "Lập kế hoạch thực hiện" in page
    assert f"/plans/new/?document={province.document.pk}&amp;unit={w.a.unit.pk}" in page

    city_draft = plan_draft_from_document(
        actor=city_editor, document=province.document, unit=w.a.unit
    )
    (task,) = city_draft.tasks  # only the city's own task, not branch B's
    assert (task.title, task.due_date, task.section) == (
        "Tổ chức hội nghị quán triệt Chỉ thị",
        DUE,
        "III.1",
    )
    assert task.lead_unit is None and city_draft.unmatched == 1  # the city hands it down
    assert city_draft.plan.parent == province
    task_assign(actor=city_editor, task=task, lead_unit=w.a.child, supporting_units=[])
    city = plan_issue(
        actor=city_editor,
        plan=city_draft.plan,
        number="7",
        date=today,
        signer="Bí thư Trần Văn Bình",
    )
    assert PlanRequirement.objects.get(unit=w.a.unit).issued_plan == city

    # The city's document prints its task unit by unit, and reads back with it.
    exported = plan_export(plan=city, profile=None, fmt="docx")
    text = _texts(exported.content)
    assert "Chi bộ A1" in text
    assert (
        "- Chủ trì: Tổ chức hội nghị quán triệt Chỉ thị (thời gian: hoàn thành trước ngày 31/03/2027)."
        in text
    )
    parsed = parse_document(exported.content, filename="kh.docx")
    assert any(s.heading == "TỔ CHỨC THỰC HIỆN" for s in parsed.sections)
    assert any(a.unit == "Chi bộ A1" for a in parsed.assignments)

    # The cell is told, opens both plans (read only), drafts from the city's.
    cell = w.a.child_reporter
    assert Notification.objects.filter(user=cell, kind="assigned").exists()
    client.force_login(cell)
    city_page = client.get(f"/plans/{city.pk}/")
    assert city_page.status_code == 200
    assert "chỉ đọc" in city_page.content.decode()
    assert client.get(f"/plans/{province.pk}/").status_code == 200  # the plan above it
    assert client.get(f"/paperwork/plans/{city.pk}/docx").status_code == 200
    # ... but not the results of the city's other units, nor branch B's plans.
    assert client.get(f"/results/plans/{city.pk}/").status_code == 404
    b_plan = plan_create(actor=w.user("b", Role.EDITOR), unit=w.b.unit, title="Của nhánh B")
    assert client.get(f"/plans/{b_plan.pk}/").status_code == 404

    from kehoach.accounts.tests.factories import UserFactory
    from kehoach.organizations.services import membership_grant

    cell_editor = UserFactory(username="bientap.chibo")
    membership_grant(actor=None, user=cell_editor, unit=w.a.child, role=Role.EDITOR)
    cell_draft = plan_draft_from_document(actor=cell_editor, document=city.document, unit=w.a.child)
    (cell_task,) = cell_draft.tasks
    assert cell_task.lead_unit == w.a.child and cell_task.due_date == DUE  # no units below it
    assert cell_draft.plan.parent == city


def test_requirements_for_many_units_refuse_a_past_date_and_units_outside(two_branches):
    from kehoach.core.exceptions import DomainError

    w = two_branches
    province = _province_plan(w)
    today = timezone.localdate()
    with pytest.raises(DomainError, match="Hạn ban hành đã qua"):
        requirements_set(
            actor=w.root_admin,
            directive=province.document,
            required_by=w.root,
            units=[w.a.unit],
            due_date=today - dt.timedelta(days=1),
        )
    with pytest.raises(DomainError, match="Chỉ giao được cho đơn vị cấp dưới"):
        requirements_set(
            actor=w.user("a", Role.ADMIN),
            directive=province.document,
            required_by=w.a.unit,
            units=[w.a.child, w.b.child],
            due_date=today,
        )
    assert not PlanRequirement.objects.exists()  # all or none


def test_the_compliance_page_requires_all_children_at_once(client, two_branches):
    w = two_branches
    province = _province_plan(w)
    client.force_login(w.root_admin)
    due = timezone.localdate() + dt.timedelta(days=5)
    page = client.get(f"/plans/compliance/?document={province.document.pk}").content.decode()
    assert "Tất cả đơn vị trực thuộc (2)" in page
    r = client.post(
        f"/plans/compliance/?document={province.document.pk}",
        {"document": province.document.pk, "by": w.root.pk, "target": "all", "due_date": due},
    )
    assert r.status_code == 302
    assert set(PlanRequirement.objects.values_list("unit_id", flat=True)) == {
        w.a.unit.pk,
        w.b.unit.pk,
    }
    r = client.post(
        f"/plans/compliance/?document={province.document.pk}",
        {"document": province.document.pk, "by": w.root.pk, "target": "some", "due_date": due},
    )
    assert r.status_code == 200 and "Hãy chọn ít nhất một đơn vị" in r.content.decode()
    r = client.post(
        f"/plans/compliance/?document={province.document.pk}",
        {
            "document": province.document.pk,
            "target": "all",
            "due_date": dt.date(2020, 1, 1),
        },
    )
    assert "Hạn ban hành đã qua" in r.content.decode()


def test_a_notice_is_done_when_its_work_is_done(client, two_branches):
    w = two_branches
    province = _province_plan(w)
    requirements_set(
        actor=w.root_admin,
        directive=province.document,
        required_by=w.root,
        units=[w.a.unit],
        due_date=timezone.localdate(),
    )
    editor = w.user("a", Role.EDITOR)
    notice = Notification.objects.get(user=editor, kind="plan_required")
    assert notice.read_at is None
    client.force_login(editor)
    assert '<span class="count"' in client.get("/").content.decode()  # the unread count
    draft = plan_draft_from_document(actor=editor, document=province.document, unit=w.a.unit)
    plan_issue(
        actor=editor, plan=draft.plan, number="3", date=timezone.localdate(), signer="Bí thư A"
    )
    notice.refresh_from_db()
    assert notice.read_at is not None  # issued: the requirement's notice is done


@pytest.mark.parametrize(
    ("who", "present", "absent"),
    [
        ("reporter", ["Việc của tôi", "Báo cáo phải gửi"], ["Nhập văn bản", "Duyệt báo cáo"]),
        ("editor", ["Nhập văn bản", "Duyệt báo cáo", "Dự thảo kế hoạch chưa ban hành"], []),
    ],
)
def test_the_start_page_and_menu_follow_the_role(client, two_branches, who, present, absent):
    w = two_branches
    user = w.a.child_reporter if who == "reporter" else w.user("a", Role.EDITOR)
    client.force_login(user)
    page = client.get("/").content.decode()
    assert "Việc cần làm" in page
    for text in present:
        assert text in page
    for text in absent:
        assert text not in page


def test_plan_and_task_search_ignore_diacritics(client, two_branches):
    w = two_branches
    plan = plan_create(actor=w.root_admin, unit=w.root, title="Triển khai Nghị quyết số 57")
    task_create(actor=w.root_admin, plan=plan, title="Tổ chức hội nghị quán triệt")
    client.force_login(w.root_admin)
    assert "Triển khai Nghị quyết" in client.get("/plans/?q=trien+khai").content.decode()
    assert "Triển khai Nghị quyết" in client.get("/plans/?q=TRIỂN KHAI").content.decode()
    from kehoach.execution.selectors.tasks import task_list

    assert task_list(user=w.root_admin, filters={"q": "quan triet"}).count() == 1


def test_a_draft_from_an_imported_document_takes_its_time_frames(two_branches):
    from kehoach.documents.models import Document

    w = two_branches
    doc = Document.objects.create(
        code="44-KH/ĐUK",
        code_key="44-kh-duk",
        owner_unit=w.root,
        sort_date=dt.date(2026, 11, 2),
        dedupe_key="k44",
        title="Kế hoạch tuyên truyền",
        parsed={
            "assignments": [
                {"unit": "Chi bộ A1", "task": "Tổ chức quán triệt", "timeframe": "Quý III/2027"},
                {
                    "unit": "Chi bộ A1",
                    "task": "Sơ kết việc thực hiện.\nThời gian thực hiện: Giai đoạn 2026 - 2028",
                },
            ]
        },
    )
    draft = plan_draft_from_document(actor=w.user("a", Role.EDITOR), document=doc, unit=w.a.unit)
    assert [(t.start_date, t.due_date) for t in draft.tasks] == [
        (dt.date(2027, 7, 1), dt.date(2027, 9, 30)),
        (dt.date(2026, 1, 1), dt.date(2028, 12, 31)),
    ]


def test_the_review_queue_shows_deadline_lateness_and_accepts_a_batch(client, two_branches):
    from kehoach.execution.choices import Cycle
    from kehoach.execution.models.reports import ProgressReport
    from kehoach.execution.services.reports import (
        periods_generate,
        report_save,
        report_submit,
        template_create,
    )

    w = two_branches
    editor = w.user("a", Role.EDITOR)
    plan = plan_create(actor=editor, unit=w.a.unit, title="Kế hoạch quý")
    tpl = template_create(actor=editor, unit=w.a.unit, plan=plan, name="Quý", cycle=Cycle.QUARTERLY)
    today = timezone.localdate()
    periods = periods_generate(
        actor=editor, template=tpl, since=today - dt.timedelta(days=200), until=today
    )
    task = task_create(
        actor=editor, plan=plan, title="Đăng tin", lead_unit=w.a.child, report_template=tpl
    )
    for period in periods[:2]:
        r = report_save(
            actor=w.a.child_reporter,
            task=task,
            unit=w.a.child,
            period=period,
            narrative="Đã đăng 5 tin.",
            progress=50,
        )
        report_submit(actor=w.a.child_reporter, report=r)
    client.force_login(editor)
    page = client.get("/reports/review/").content.decode()
    assert "Gửi muộn" in page  # the first period's deadline is long past
    assert "Duyệt các báo cáo đã chọn" in page
    ids = list(ProgressReport.objects.values_list("pk", flat=True))
    # Another branch's editor cannot accept them through the batch.
    client.force_login(w.user("b", Role.EDITOR))
    client.post("/reports/review/accept/", {"report": ids})
    assert not ProgressReport.objects.filter(status="accepted").exists()
    client.force_login(editor)
    r = client.post("/reports/review/accept/", {"report": ids}, follow=True)
    assert "Đã duyệt 2 báo cáo" in r.content.decode()
    assert ProgressReport.objects.filter(status="accepted").count() == 2


def test_no_blank_405(client, two_branches):
    client.force_login(two_branches.root_admin)
    r = client.get("/reports/review/accept/")
    assert r.status_code == 405 and "chỉ dùng để gửi biểu mẫu" in r.content.decode()
    assert r["Allow"] == "POST"


def test_a_task_for_a_unit_without_accounts_warns_with_the_way_to_invite(client, two_branches):
    from kehoach.organizations.choices import UnitKind
    from kehoach.organizations.services import unit_create

    w = two_branches
    empty = unit_create(
        actor=None, kind=UnitKind.PARTY_CELL, name="Chi bộ Trống", code="W-A2", parent=w.a.unit
    )
    editor = w.user("a", Role.EDITOR)
    plan = plan_create(actor=editor, unit=w.a.unit, title="Kế hoạch")
    client.force_login(editor)
    r = client.post(
        f"/plans/{plan.pk}/tasks/add/",
        {"title": "Đăng tin", "lead_unit": empty.pk, "weight": 1},
        follow=True,
    )
    page = r.content.decode()
    assert "Chi bộ Trống chưa có tài khoản nào" in page
    assert f"/units/{empty.pk}/members/" in page
    r = client.post(
        f"/plans/{plan.pk}/tasks/add/",
        {"title": "Họp", "lead_unit": w.a.child.pk, "weight": 1},
        follow=True,
    )
    assert "chưa có tài khoản" not in r.content.decode()
