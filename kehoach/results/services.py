"""Writes on results reports: compile (or regenerate), edit a narrative part, edit the header.

Only editors of the plan's unit compile and edit. Each service owns its transaction and writes
its audit entry. Edits are optimistic: each narrative part carries its own version, the header
fields the report's version; a save against an older version is refused, never merged silently.

Regenerating (compiling again) always replaces the figures and tables. A narrative part nobody
edited (its text is still what the last compilation proposed) takes the new proposal; an edited
part is kept unless ``replace_edited=True`` (the page asks before doing that).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext

from kehoach.audit.services import audit_record, diff, model_snapshot
from kehoach.core.exceptions import DomainError
from kehoach.core.validation import check_version
from kehoach.execution.models.plans import Plan
from kehoach.execution.models.reports import ReportingPeriod
from kehoach.organizations.permissions import Action, require
from kehoach.results.audit import ResultsAction
from kehoach.results.compiling import check_period, gather
from kehoach.results.models import SECTION_KEYS, ResultsReport
from kehoach.results.narrative import generated_sections

HEADER_FIELDS = [
    "system",
    "number",
    "symbol",
    "place",
    "issued_on",
    "signer_authority",
    "signer_title",
    "signer_name",
    "recipients",
    "archive",
]
MAX_SECTION_CHARS = 100_000


def _defaults(plan: Plan) -> dict[str, Any]:
    unit = plan.unit
    system = "party" if unit.is_party else "state"
    abbr = unit.abbreviation or ""
    symbol = (f"BC/{abbr}" if system == "party" else f"BC-{abbr}") if abbr else ""
    parent = unit.parent
    return {
        "system": system,
        "symbol": symbol,
        "signer_name": plan.signer,
        "recipients": f"{parent.name} (b/c)" if parent else "",
    }


def _locked_plan(plan: Any) -> Plan:
    return Plan.objects.select_related("unit__parent").get(pk=plan.pk)


@transaction.atomic
def results_compile(
    *,
    actor: Any,
    plan: Any,
    period: ReportingPeriod,
    replace_edited: bool = False,
    today: dt.date | None = None,
) -> ResultsReport:
    """Compile the plan's results for ``period`` into its (new or existing) draft report."""
    plan = _locked_plan(plan)
    require(
        actor, Action.EDIT, plan.unit, "Bạn không có quyền lập báo cáo kết quả của kế hoạch này."
    )
    period = ReportingPeriod.objects.select_related("template").get(pk=period.pk)
    check_period(plan, period)
    data = gather(plan=plan, period=period, today=today or timezone.localdate())
    proposed = generated_sections(plan=plan, unit_name=plan.unit.name, data=data)
    report = (
        ResultsReport.objects.select_for_update(of=("self",))
        .filter(plan=plan, period=period)
        .first()
    )
    created = report is None
    if report is None:
        report = ResultsReport(
            plan=plan,
            period=period,
            unit=plan.unit,
            created_by=actor if getattr(actor, "is_authenticated", False) else None,
            **_defaults(plan),
        )
    kept = []
    sections = dict(report.sections or {})
    for key in SECTION_KEYS:
        old = sections.get(key)
        text = proposed[key]
        if old is None:
            sections[key] = {"text": text, "generated": text, "version": 1}
            continue
        edited = old.get("text", "") != old.get("generated", "")
        if edited and not replace_edited:
            kept.append(key)
            sections[key] = {**old, "generated": text}
        elif old.get("text") != text:
            sections[key] = {"text": text, "generated": text, "version": old.get("version", 1) + 1}
        else:
            sections[key] = {**old, "generated": text}
    report.sections = sections
    report.data = data
    report.source = "snapshot" if period.is_closed else "live"
    report.compiled_at = timezone.now()
    if not created:
        report.version += 1
    try:
        with transaction.atomic():
            report.save()
    except IntegrityError as exc:  # compiled at the same moment by someone else
        raise DomainError(
            gettext("Báo cáo vừa được người khác tổng hợp; vui lòng tải lại trang.")
        ) from exc
    audit_record(
        actor=actor,
        action=ResultsAction.RESULTS_REPORT_CREATE
        if created
        else ResultsAction.RESULTS_REPORT_REGENERATE,
        obj=report,
        unit=report.unit,
        changes={
            "period": period.label,
            "source": report.source,
            "tasks": data["tasks"]["total"]["total"],
            "units": len(data["units"]),
            "kept_edited_parts": kept,
        },
    )
    return report


@transaction.atomic
def results_section_save(
    *, actor: Any, report: ResultsReport, key: str, text: str, expected_version: int | None
) -> ResultsReport:
    """Save one narrative part; refused when someone saved that part since it was loaded."""
    if key not in SECTION_KEYS:
        raise DomainError(gettext("Không có phần nội dung này."))
    report = (
        ResultsReport.objects.select_for_update(of=("self",))
        .select_related("unit")
        .get(pk=report.pk)
    )
    require(actor, Action.EDIT, report.unit, "Bạn không có quyền sửa báo cáo kết quả này.")
    text = (text or "").replace("\r\n", "\n").strip()
    if len(text) > MAX_SECTION_CHARS:
        raise DomainError(gettext("Nội dung quá dài (tối đa 100.000 ký tự)."), field=key)
    part = dict((report.sections or {}).get(key) or {"text": "", "generated": "", "version": 1})
    if expected_version is not None and part.get("version", 1) != expected_version:
        raise DomainError(
            gettext("Phần này đã được người khác sửa trong lúc bạn sửa. Vui lòng tải lại trang."),
            field=key,
        )
    if part.get("text") == text:
        return report
    before = part.get("text", "")
    part["text"] = text
    part["version"] = part.get("version", 1) + 1
    report.sections = {**report.sections, key: part}
    report.save(update_fields=["sections", "updated_at"])
    audit_record(
        actor=actor,
        action=ResultsAction.RESULTS_REPORT_SECTION,
        obj=report,
        unit=report.unit,
        changes={key: [before[:300], text[:300]]},
    )
    return report


@transaction.atomic
def results_header_save(
    *, actor: Any, report: ResultsReport, fields: dict[str, Any], expected_version: int | None
) -> ResultsReport:
    """Save the document's header and closing fields (number, date, signer, Nơi nhận ...)."""
    unknown = set(fields) - set(HEADER_FIELDS)
    if unknown:
        raise DomainError(f"Không sửa được trường: {', '.join(sorted(unknown))}.")
    report = (
        ResultsReport.objects.select_for_update(of=("self",))
        .select_related("unit")
        .get(pk=report.pk)
    )
    require(actor, Action.EDIT, report.unit, "Bạn không có quyền sửa báo cáo kết quả này.")
    check_version(report, expected_version)
    if "system" in fields and fields["system"] not in ("state", "party"):
        raise DomainError(gettext("Thể thức phải là văn bản nhà nước hoặc văn bản của Đảng."))
    before = model_snapshot(report, list(fields))
    for name, value in fields.items():
        setattr(report, name, value.strip() if isinstance(value, str) else value)
    changes = diff(before, model_snapshot(report, list(fields)))
    if not changes:
        return report
    report.version += 1
    report.save()
    audit_record(
        actor=actor,
        action=ResultsAction.RESULTS_REPORT_HEADER,
        obj=report,
        unit=report.unit,
        changes=changes,
    )
    return report
