"""Compiling a results report: the worked example of tests/conftest.py (Quarter III/2026)."""

from __future__ import annotations

import datetime as dt

import pytest

from kehoach.audit.models import AuditEntry
from kehoach.core.exceptions import DomainError, PermissionDenied
from kehoach.execution.services.closing import period_close
from kehoach.execution.services.reports import (
    periods_generate,
    report_accept,
    report_save,
    report_submit,
    template_create,
)
from kehoach.execution.services.tasks import task_update
from kehoach.execution.tests.plans.factories import TaskFactory
from kehoach.organizations.choices import Role
from kehoach.results.services import (
    results_compile,
    results_header_save,
    results_section_save,
)
from kehoach.results.tests.conftest import TODAY

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64

pytestmark = pytest.mark.django_db


def compile_(scene, **kwargs):
    return results_compile(
        actor=scene.editor, plan=scene.plan, period=scene.period, today=TODAY, **kwargs
    )


def unit_row(data, unit):
    return next(r for r in data["tasks"]["units"] if r["unit"] == unit.pk)


def indicator(data, ind):
    return next(i for i in data["indicators"] if i["id"] == ind.pk)


def test_a_rate_is_sum_of_numerators_over_sum_of_denominators_per_unit_and_in_total(scene):
    data = compile_(scene).data
    attendance = indicator(data, scene.attendance)
    # A1: 49/50 = 98%; A2: 90/100 = 90%. Total 139/150 = 92.67% — not (98 + 90) / 2 = 94%.
    assert attendance["total"]["numerator"] == "139.00"
    assert attendance["total"]["denominator"] == "150.00"
    assert attendance["total"]["value"] == "92.67"
    assert attendance["total"]["met"] is False  # target ≥ 98%
    a1 = attendance["units"][str(scene.units["A1"].pk)]
    assert (a1["numerator"], a1["denominator"], a1["met"]) == ("49.00", "50.00", True)
    assert indicator(data, scene.posts)["total"]["value"] == "8.00"


def test_the_proposed_results_write_the_rate_in_the_official_style(scene):
    report = compile_(scene)
    assert "Tỷ lệ đảng viên dự sinh hoạt: 139/150 (92,67%)" in report.section_text("results")
    assert "chỉ tiêu ≥ 98%: chưa đạt" in report.section_text("results")


def test_tasks_are_counted_done_in_progress_overdue_by_lead_unit_and_in_total(scene):
    data = compile_(scene).data
    assert data["as_of"] == "2026-09-14"  # the cut-off: the period is over on 01/10/2026
    assert data["tasks"]["total"] == {
        "total": 5,
        "done": 1,
        "in_progress": 2,
        "not_started": 0,
        "overdue": 2,
    }
    a1 = unit_row(data, scene.units["A1"])
    assert (a1["total"], a1["in_progress"], a1["overdue"]) == (2, 1, 1)  # t3 past its due date
    a2 = unit_row(data, scene.units["A2"])
    assert (a2["total"], a2["done"], a2["in_progress"]) == (2, 1, 1)
    # t5 has not started with 70% of its time gone: red, so counted as late.
    assert unit_row(data, scene.units["A3"])["overdue"] == 1


def test_cancelled_tasks_leave_the_count(scene):
    task_update(actor=None, task=scene.tasks["t3"], status="cancelled")
    data = compile_(scene).data
    assert data["tasks"]["total"]["total"] == 4
    assert unit_row(data, scene.units["A1"])["overdue"] == 0


def test_units_that_owe_a_report_and_did_not_send_it_are_listed(scene):
    data = compile_(scene).data
    missing = {m["unit"]: (m["owed"], m["sent"]) for m in data["reporting"]["missing"]}
    # A2 supports t1 (no report) and leads t2 (accepted); A3's report is only a draft.
    assert missing == {scene.units["A2"].pk: (2, 1), scene.units["A3"].pk: (1, 0)}
    assert data["reporting"]["owing_units"] == 3
    assert data["reporting"]["reported_units"] == 2
    assert data["reporting"]["complete_units"] == 1
    assert "2 đơn vị chưa gửi đủ báo cáo: Chi bộ A2, Chi bộ A3" in compile_(scene).section_text(
        "limitations"
    )


def test_submitted_reports_count_as_sent_but_their_figures_wait_for_acceptance(scene):
    r = report_save(
        actor=None,
        task=scene.tasks["t5"],
        unit=scene.units["A3"],
        period=scene.period,
        narrative="Đã tổ chức 2 buổi nói chuyện chuyên đề.",
        values=[{"indicator": scene.attendance, "value": 10, "denominator": 10}],
    )
    report_submit(actor=None, report=r)
    data = compile_(scene).data
    assert scene.units["A3"].pk not in {m["unit"] for m in data["reporting"]["missing"]}
    assert data["reporting"]["pending_review"] == 1
    assert indicator(data, scene.attendance)["total"]["denominator"] == "150.00"


def test_only_accepted_reports_feed_the_excerpts_and_the_waiting_ones_are_kept_apart(scene):
    r = report_save(
        actor=None,
        task=scene.tasks["t1"],
        unit=scene.units["A2"],
        period=scene.period,
        narrative="Phối hợp chuẩn bị tài liệu sinh hoạt.",
    )
    report_submit(actor=None, report=r)
    data = compile_(scene).data
    a2 = [e for e in data["excerpts"] if e["unit"] == scene.units["A2"].pk]
    assert [e["text"] for e in a2] == ["Đăng 5 tin bài."]
    assert [e["text"] for e in data["pending_excerpts"]] == [
        "Phối hợp chuẩn bị tài liệu sinh hoạt."
    ]
    assert all("nháp" not in e["text"] for e in data["excerpts"] + data["pending_excerpts"])


def test_evidence_of_a_report_awaiting_review_is_kept_apart_and_files_are_named(scene):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from kehoach.execution.services.evidence import evidence_add

    r = report_save(
        actor=None,
        task=scene.tasks["t1"],
        unit=scene.units["A2"],
        period=scene.period,
        narrative="Có ảnh.",
    )
    evidence_add(
        actor=None,
        report=r,
        kind="photo",
        upload=SimpleUploadedFile("hoi-nghi.png", PNG, content_type="image/png"),
        caption="Ảnh hội nghị",
        taken_on=dt.date(2026, 8, 21),
    )
    report_submit(actor=None, report=r)
    data = compile_(scene).data
    assert [e["caption"] for e in data["evidence"]] == ["Tin hội nghị"]
    (waiting,) = data["pending_evidence"]
    assert waiting["caption"] == "Ảnh hội nghị (hoi-nghi.png)"
    assert waiting["date"] == "2026-08-21"
    # The app's own path is for the screen; the document gets no internal address.
    assert waiting["url"] == "" and waiting["page"].startswith(f"/reports/{r.pk}/evidence/")


def test_long_narratives_are_cut_at_a_word(scene):
    r = report_save(
        actor=None,
        task=scene.tasks["t5"],
        unit=scene.units["A3"],
        period=scene.period,
        narrative="Tuyên truyền miệng tại khu dân cư. " * 40,
    )
    report_submit(actor=None, report=r)
    report_accept(actor=None, report=r)
    text = next(e["text"] for e in compile_(scene).data["excerpts"] if e["report"] == r.pk)
    assert text.endswith(" …") and len(text) <= 302


def test_evidence_is_listed_with_its_date_and_link(scene):
    (ev,) = compile_(scene).data["evidence"]
    assert ev["caption"] == "Tin hội nghị"
    assert ev["date"] == "2026-08-20"
    assert ev["url"] == "https://example.org/tin/1"
    assert ev["unit"] == scene.units["A1"].pk


def test_a_closed_period_reads_the_snapshots_and_never_changes_afterwards(scene):
    before = compile_(scene)
    period_close(actor=None, period=scene.period)
    closed = compile_(scene)
    assert closed.source == "snapshot"
    # The frozen figures equal the live ones at the close ...
    for key in ("tasks", "indicators"):
        assert closed.data[key] == before.data[key]
    # ... and later edits of tasks do not reach the past report.
    task_update(actor=None, task=scene.tasks["t3"], status="done")
    task_update(actor=None, task=scene.tasks["t5"], status="in_progress", progress=90)
    TaskFactory(plan=scene.plan, title="Việc thêm sau khi khóa sổ", lead_unit=scene.units["A1"])
    again = compile_(scene)
    assert again.data["tasks"] == before.data["tasks"]
    assert again.data["indicators"] == before.data["indicators"]


def test_an_open_period_counts_as_of_today_while_it_runs(scene):
    task_update(actor=None, task=scene.tasks["t3"], progress=90)
    data = results_compile(
        actor=scene.editor, plan=scene.plan, period=scene.period, today=dt.date(2026, 7, 20)
    ).data
    assert data["as_of"] == "2026-07-20"
    # On 20/07 t3 (due 01/08, 90% done) is on track; at the cut-off it is past due.
    assert unit_row(data, scene.units["A1"])["overdue"] == 0
    assert unit_row(compile_(scene).data, scene.units["A1"])["overdue"] == 1


@pytest.mark.parametrize("role", [Role.REPORTER, Role.VIEWER])
def test_only_editors_of_the_plans_unit_compile(scene, role):
    with pytest.raises(PermissionDenied):
        results_compile(
            actor=scene.world.user("a", role), plan=scene.plan, period=scene.period, today=TODAY
        )
    with pytest.raises(PermissionDenied):
        results_compile(
            actor=scene.world.user("b", Role.EDITOR),
            plan=scene.plan,
            period=scene.period,
            today=TODAY,
        )
    with pytest.raises(PermissionDenied):
        results_compile(
            actor=scene.world.a.child_reporter, plan=scene.plan, period=scene.period, today=TODAY
        )


def test_a_period_of_another_plan_is_refused(scene):
    other = template_create(
        actor=None, unit=scene.world.a.unit, name="Báo cáo khác", cycle="monthly"
    )
    (period,) = periods_generate(
        actor=None, template=other, since=dt.date(2026, 7, 1), until=dt.date(2026, 7, 1)
    )
    with pytest.raises(DomainError, match="không thuộc kế hoạch"):
        results_compile(actor=scene.editor, plan=scene.plan, period=period, today=TODAY)


def test_compiling_twice_keeps_one_report_and_audits_both(scene):
    first = compile_(scene)
    second = compile_(scene)
    assert first.pk == second.pk
    assert second.version == first.version + 1
    actions = list(
        AuditEntry.objects.filter(object_type="results.resultsreport").values_list(
            "action", flat=True
        )
    )
    assert sorted(actions) == ["results_report.create", "results_report.regenerate"]


def test_regenerating_keeps_edited_parts_and_refreshes_untouched_ones(scene):
    report = compile_(scene)
    results_section_save(
        actor=scene.editor,
        report=report,
        key="limitations",
        text="Một số chi bộ còn chậm.",
        expected_version=1,
    )
    # New data: A3's report is accepted.
    r = scene.reports["r5"]
    report_submit(actor=None, report=r)
    report_accept(actor=None, report=r)
    again = compile_(scene)
    assert again.section_text("limitations") == "Một số chi bộ còn chậm."
    assert "Có 2/3 đơn vị đã gửi đủ báo cáo" in again.section_text("results")
    replaced = compile_(scene, replace_edited=True)
    assert "Chi bộ A2" in replaced.section_text("limitations")


def test_a_part_saved_by_someone_else_meanwhile_is_refused_not_overwritten(scene):
    report = compile_(scene)
    results_section_save(
        actor=scene.editor, report=report, key="directions", text="Bản của A", expected_version=1
    )
    with pytest.raises(DomainError, match="người khác sửa"):
        results_section_save(
            actor=scene.editor,
            report=report,
            key="directions",
            text="Bản của B",
            expected_version=1,
        )
    report.refresh_from_db()
    assert report.section_text("directions") == "Bản của A"
    entry = AuditEntry.objects.filter(action="results_report.section").get()
    assert entry.changes["directions"][1] == "Bản của A"


def test_header_fields_are_saved_with_a_version_check(scene):
    report = compile_(scene)
    saved = results_header_save(
        actor=scene.editor,
        report=report,
        fields={"number": "45", "signer_name": "Nguyễn Văn A"},
        expected_version=report.version,
    )
    assert (saved.number, saved.version) == ("45", report.version + 1)
    with pytest.raises(DomainError):
        results_header_save(
            actor=scene.editor, report=report, fields={"number": "46"}, expected_version=1
        )
    with pytest.raises(PermissionDenied):
        results_header_save(
            actor=scene.world.user("a", Role.VIEWER),
            report=report,
            fields={"number": "47"},
            expected_version=None,
        )


def test_defaults_follow_the_units_system(scene):
    report = compile_(scene)
    assert report.system == "party"  # a Party committee
    assert report.symbol == "BC/ThUA"
    assert report.recipients == "Tỉnh ủy Thử Nghiệm (b/c)"


def test_a_plan_without_tasks_or_indicators_still_compiles_and_exports(scene):
    from kehoach.execution.tests.plans.factories import PlanFactory
    from kehoach.results.exports import results_export

    plan = PlanFactory(unit=scene.world.a.unit, title="Kế hoạch mới lập")
    template = template_create(
        actor=None, unit=scene.world.a.unit, plan=plan, name="Báo cáo quý", cycle="quarterly"
    )
    (period,) = periods_generate(
        actor=None, template=template, since=dt.date(2026, 7, 1), until=dt.date(2026, 7, 1)
    )
    report = results_compile(actor=scene.editor, plan=plan, period=period, today=TODAY)
    assert report.data["tasks"]["total"]["total"] == 0
    assert report.data["reporting"]["missing"] == []
    for fmt in ("docx", "xlsx"):
        assert results_export(report=report, fmt=fmt, profile="state").content


def test_a_supporting_unit_of_another_branch_is_named_among_those_owing(scene):
    from kehoach.execution.models.tasks import Task

    other = scene.world.b.child
    Task.objects.get(pk=scene.tasks["t2"].pk).supporting_units.add(other)
    data = compile_(scene).data
    assert data["units"][str(other.pk)] == other.name
    assert {"unit": other.pk, "owed": 1, "sent": 0} in data["reporting"]["missing"]
