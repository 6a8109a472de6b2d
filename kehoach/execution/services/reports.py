"""Writes on report templates, periods and progress reports (save, submit, accept, return).

A report belongs to one task, one unit (the lead or a supporting unit of the task) and one
period. Reporters of the unit write and submit it; editors of the plan's unit accept it or return
it with a comment. Reports of a closed period never change (``period_close``, ``closing.py``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext, gettext_noop

from kehoach.audit.services import audit_record
from kehoach.core.exceptions import DomainError
from kehoach.core.validation import check_version, clean
from kehoach.execution.audit import ExecutionAction
from kehoach.execution.choices import ReportStatus
from kehoach.execution.indicators import IndicatorError, Observation, check_observation
from kehoach.execution.models.reports import (
    Indicator,
    IndicatorValue,
    ProgressReport,
    ReportingPeriod,
    ReportTemplate,
)
from kehoach.execution.models.tasks import Task
from kehoach.execution.periods import PeriodRuleError, check_rules, periods_between
from kehoach.organizations.choices import Role
from kehoach.organizations.permissions import Action, require

EDITABLE_STATES = (ReportStatus.DRAFT, ReportStatus.RETURNED)


# --- templates and periods -------------------------------------------------------------------


def template_attach_plan_tasks(*, template: ReportTemplate) -> int:
    """A plan's periodic report is owed for each of its tasks: the plan's leaf tasks that report
    on no template yet report on this one (the plan page's task form preselects it for tasks
    added later). Returns how many tasks were attached. The caller owns the transaction."""
    if template.plan_id is None:  # a unit's own template, on no plan
        return 0
    return Task.objects.filter(
        plan_id=template.plan_id, report_template__isnull=True, children__isnull=True
    ).update(report_template=template)


@transaction.atomic
def template_create(
    *,
    actor: Any,
    unit: Any,
    name: str,
    cycle: str,
    plan: Any = None,
    cutoff_day: int = 15,
    deadline_kind: str = "day_of_last_month",
    deadline_value: int = 20,
) -> ReportTemplate:
    """A periodic report ``unit`` receives; the cut-off and deadline rules are checked at once."""
    require(actor, Action.EDIT, unit, "Bạn không có quyền tạo mẫu báo cáo cho đơn vị này.")
    template = ReportTemplate(
        unit=unit,
        plan=plan,
        name=(name or "").strip(),
        cycle=cycle,
        cutoff_day=cutoff_day,
        deadline_kind=deadline_kind,
        deadline_value=deadline_value,
    )
    clean(template)
    try:
        check_rules(template.cutoff_rule, template.deadline_rule)
    except PeriodRuleError as exc:
        raise DomainError(str(exc), field="deadline_value") from exc
    template.save()
    attached = template_attach_plan_tasks(template=template) if plan is not None else 0
    audit_record(
        actor=actor,
        action=ExecutionAction.REPORT_TEMPLATE_CREATE,
        obj=template,
        unit=unit,
        changes={
            "cycle": cycle,
            "cutoff_day": cutoff_day,
            "deadline": [deadline_kind, deadline_value],
            "tasks_attached": attached,
        },
    )
    return template


@transaction.atomic
def periods_generate(
    *,
    actor: Any,
    template: ReportTemplate,
    since: dt.date,
    until: dt.date,
    holidays: Iterable[dt.date] | None = None,
) -> list[ReportingPeriod]:
    """Create the template's periods overlapping ``since..until`` (existing ones are kept).
    Deadlines on a day off move to the next working day: Vietnam's holidays
    (``kehoach.core.workdays``) unless ``holidays`` is given."""
    require(actor, Action.EDIT, template.unit, "Bạn không có quyền sửa mẫu báo cáo này.")
    if holidays is None:
        from kehoach.core.workdays import days_off

        holidays = days_off(range(since.year, until.year + 2))
    try:
        wanted = periods_between(
            template.cycle, since, until, template.cutoff_rule, template.deadline_rule, holidays
        )
    except PeriodRuleError as exc:
        raise DomainError(str(exc)) from exc
    existing = {p.key: p for p in template.periods.filter(key__in=[w.key for w in wanted])}
    new = [
        ReportingPeriod(
            template=template,
            key=w.key,
            label=w.label,
            start=w.start,
            end=w.end,
            deadline=w.deadline,
        )
        for w in wanted
        if w.key not in existing
    ]
    ReportingPeriod.objects.bulk_create(new)
    if new:
        audit_record(
            actor=actor,
            action=ExecutionAction.REPORTING_PERIOD_GENERATE,
            obj=template,
            unit=template.unit,
            changes={"periods": [p.key for p in new]},
        )
    return list(template.periods.filter(key__in=[w.key for w in wanted]).order_by("start"))


def periods_extend(*, today: dt.date, ahead_days: int = 92) -> int:
    """Keep every live template's periods generated up to ``ahead_days`` from ``today`` (daily,
    from ``kehoach remind``): plans run for years, periods are made as they come. Returns how
    many periods were created."""
    from kehoach.execution.choices import PlanStatus

    live = ReportTemplate.objects.filter(
        Q(plan__isnull=True)
        | Q(plan__status=PlanStatus.ISSUED)
        & (Q(plan__period_end__isnull=True) | Q(plan__period_end__gte=today))
    ).select_related("unit")
    created = 0
    for template in live.iterator(chunk_size=500):
        before = template.periods.count()
        periods_generate(
            actor=None, template=template, since=today, until=today + dt.timedelta(days=ahead_days)
        )
        created += template.periods.count() - before
    return created


# --- progress reports ------------------------------------------------------------------------


def _check_open(period: ReportingPeriod) -> None:
    if period.is_closed:
        raise DomainError(
            gettext("Kỳ báo cáo đã khóa số liệu; báo cáo của kỳ này không thay đổi được nữa.")
        )


def _decimal(value: Any, label: str) -> Decimal:
    try:
        d = Decimal(str(value).strip().replace(",", "."))
    except (InvalidOperation, ValueError) as exc:
        raise DomainError(f"{label}: không phải là số.") from exc
    if not d.is_finite():
        raise DomainError(f"{label}: không phải là số.")
    return d


def _cut(text: Any, size: int = 200) -> str | None:
    if not text:
        return None
    return text if len(text) <= size else text[: size - 1] + "…"


def _num(value: Any) -> str | None:
    return None if value is None else _plain(Decimal(value))


def _figures(report: ProgressReport) -> dict[str, str]:
    """The report's figures as people read them, by indicator name ("44/50", "3 tin bài")."""
    out: dict[str, str] = {}
    for v in report.values.select_related("indicator").order_by("indicator_id"):
        if v.denominator is not None:
            out[v.indicator.name] = f"{_plain(v.value)}/{_plain(v.denominator)}"
        else:
            out[v.indicator.name] = f"{_plain(v.value)} {v.indicator.measure_unit}".strip()
    return out


def _plain(d: Decimal) -> str:
    """44.00 → "44", 12.50 → "12,5" (the Vietnamese decimal comma)."""
    text = f"{d.normalize():f}" if d == d.to_integral_value() else f"{d:f}".rstrip("0")
    return text.replace(".", ",")


def _save_values(report: ProgressReport, values: Iterable[dict[str, Any]]) -> None:
    indicators = {i.pk: i for i in Indicator.objects.filter(plan_id=report.task.plan_id)}
    rows: list[IndicatorValue] = []
    for item in values:
        indicator = item["indicator"]
        ind = indicators.get(getattr(indicator, "pk", indicator))
        if ind is None:
            raise DomainError(gettext("Chỉ tiêu không thuộc kế hoạch của nhiệm vụ này."))
        if item.get("value") in (None, ""):
            continue
        value = _decimal(item["value"], ind.name)
        den_raw = item.get("denominator")
        den = None if den_raw in (None, "") else _decimal(den_raw, ind.name)
        try:
            check_observation(ind.aggregation, Observation(value, den))
        except IndicatorError as exc:
            raise DomainError(f"{ind.name}: {exc}") from exc
        rows.append(IndicatorValue(report=report, indicator=ind, value=value, denominator=den))
    report.values.filter(indicator_id__in=[r.indicator_id for r in rows]).delete()
    IndicatorValue.objects.bulk_create(rows)


@transaction.atomic
def report_save(
    *,
    actor: Any,
    task: Task,
    unit: Any,
    period: ReportingPeriod,
    narrative: str = "",
    progress: Any = None,
    values: Iterable[dict[str, Any]] = (),
    expected_version: int | None = None,
) -> ProgressReport:
    """Create or edit ``unit``'s report on ``task`` for ``period`` (while draft or returned)."""
    require(actor, Action.REPORT, unit, "Bạn không có quyền báo cáo cho đơn vị này.")
    task = Task.objects.select_related("plan").get(pk=task.pk)
    period = ReportingPeriod.objects.select_related("template").get(pk=period.pk)
    _check_open(period)
    if period.template.plan_id != task.plan_id and period.template_id != task.report_template_id:
        raise DomainError(gettext("Kỳ báo cáo này không thuộc kế hoạch của nhiệm vụ."))
    if unit.pk != task.lead_unit_id and not task.supporting_units.filter(pk=unit.pk).exists():
        raise DomainError(gettext("Đơn vị không được giao nhiệm vụ này."))
    report, created = ProgressReport.objects.select_for_update(of=("self",)).get_or_create(
        task=task, unit=unit, period=period
    )
    if not created:
        check_version(report, expected_version)
    before: dict[str, Any] = (
        {} if created else {"narrative": report.narrative, "progress": report.progress}
    )
    before_figures = {} if created else _figures(report)
    if report.status not in EDITABLE_STATES:
        raise DomainError(
            gettext("Báo cáo đã gửi; chỉ sửa được khi còn là bản nháp hoặc bị trả lại.")
        )
    report.narrative = (narrative or "").strip()
    if progress in (None, ""):
        report.progress = None
    else:
        report.progress = _decimal(progress, "Tiến độ")
        if not 0 <= report.progress <= 100:
            raise DomainError(gettext("Tiến độ phải từ 0 đến 100%."), field="progress")
    report.version += 0 if created else 1
    report.save()
    _save_values(report, values)
    # What changed, old → new, the figures by indicator name: the history reads like the form.
    changes: dict[str, Any] = {}
    for key, new_value in (("narrative", report.narrative), ("progress", report.progress)):
        old_value = before.get(key)
        if created or old_value != new_value:
            changes[key] = [
                _cut(old_value) if key == "narrative" else _num(old_value),
                _cut(new_value) if key == "narrative" else _num(new_value),
            ]
    after_figures = _figures(report)
    for name in sorted(before_figures.keys() | after_figures.keys()):
        if before_figures.get(name) != after_figures.get(name):
            changes[name] = [before_figures.get(name), after_figures.get(name)]
    audit_record(
        actor=actor,
        action=ExecutionAction.REPORT_CREATE if created else ExecutionAction.REPORT_UPDATE,
        obj=report,
        unit=unit,
        changes={k: v for k, v in changes.items() if v != [None, None] and v != [None, ""]},
    )
    return report


def _locked(report: ProgressReport) -> ProgressReport:
    return (
        ProgressReport.objects.select_for_update(of=("self",))
        .select_related("task__plan__unit", "unit", "period")
        .get(pk=report.pk)
    )


def _notify(
    report: ProgressReport, *, kind: str, key: str, title: str, body: str, to_reviewers: bool
) -> None:
    from kehoach.notifications.services import notify_units

    unit_id = report.task.plan.unit_id if to_reviewers else report.unit_id
    role = Role.EDITOR if to_reviewers else Role.REPORTER
    url = f"/reports/{report.pk}/"
    transaction.on_commit(
        lambda: notify_units(
            unit_ids=[unit_id], kind=kind, key=key, title=title, body=body, url=url, min_role=role
        )
    )


@transaction.atomic
def report_submit(
    *, actor: Any, report: ProgressReport, expected_version: int | None = None
) -> ProgressReport:
    """Send the report for review; the reviewers of the plan's unit are notified."""
    from kehoach.notifications.choices import NotificationKind

    report = _locked(report)
    require(actor, Action.REPORT, report.unit, "Bạn không có quyền gửi báo cáo này.")
    check_version(report, expected_version)
    _check_open(report.period)
    if report.status not in EDITABLE_STATES:
        raise DomainError(gettext("Báo cáo đã được gửi."))
    if not report.narrative and not report.values.exists():
        raise DomainError(gettext("Báo cáo cần có nội dung kết quả hoặc số liệu trước khi gửi."))
    report.status = ReportStatus.SUBMITTED
    report.submitted_at = timezone.now()
    report.submitted_by = actor if getattr(actor, "is_authenticated", False) else None
    report.version += 1
    report.save()
    audit_record(actor=actor, action=ExecutionAction.REPORT_SUBMIT, obj=report, unit=report.unit)
    _done(f"report_returned:report={report.pk}:")  # the correction asked for is sent
    _notify(
        report,
        kind=NotificationKind.REPORT_SUBMITTED,
        key=f"report_submitted:report={report.pk}:v={report.version}",
        title=gettext_noop("Báo cáo chờ duyệt: %(unit)s – %(period)s")
        % {"unit": report.unit, "period": report.period},
        body=report.task.title[:300],
        to_reviewers=True,
    )
    return report


def _review(actor: Any, report: ProgressReport, comment: str, status: str) -> ProgressReport:
    report = _locked(report)
    require(actor, Action.EDIT, report.task.plan.unit, "Bạn không có quyền duyệt báo cáo này.")
    _check_open(report.period)
    if report.status != ReportStatus.SUBMITTED:
        raise DomainError(gettext("Chỉ duyệt hoặc trả lại được báo cáo đã gửi."))
    report.status = status
    report.reviewer_comment = (comment or "").strip()
    report.reviewed_at = timezone.now()
    report.reviewed_by = actor if getattr(actor, "is_authenticated", False) else None
    report.version += 1
    report.save()
    _done(f"report_submitted:report={report.pk}:")  # reviewed: off the reviewers' lists
    return report


def _done(key_prefix: str) -> None:
    from kehoach.notifications.services import notifications_done

    transaction.on_commit(lambda: notifications_done(key_prefix=key_prefix))


@transaction.atomic
def report_accept(*, actor: Any, report: ProgressReport, comment: str = "") -> ProgressReport:
    """Accept the report. The lead unit's progress becomes the task's progress unless a later
    period's report was already accepted. The unit is notified."""
    from kehoach.execution.services.tasks import task_update
    from kehoach.notifications.choices import NotificationKind

    report = _review(actor, report, comment, ReportStatus.ACCEPTED)
    audit_record(
        actor=actor,
        action=ExecutionAction.REPORT_ACCEPT,
        obj=report,
        unit=report.unit,
        changes={"comment": report.reviewer_comment},
    )
    task = report.task
    later = task.lead_unit_id is not None and (
        ProgressReport.objects.filter(
            task=task,
            unit_id=task.lead_unit_id,
            status=ReportStatus.ACCEPTED,
            period__end__gt=report.period.end,
        ).exists()
    )
    if (
        report.unit_id == task.lead_unit_id
        and report.progress is not None
        and not later
        and not task.children.exists()
        and task.progress != report.progress
    ):
        task_update(actor=actor, task=task, progress=report.progress)
    _notify(
        report,
        kind=NotificationKind.REPORT_ACCEPTED,
        key=f"report_accepted:report={report.pk}",
        title=gettext_noop("Báo cáo đã được duyệt: %(period)s") % {"period": report.period},
        body=task.title[:300],
        to_reviewers=False,
    )
    return report


def reports_accept(*, actor: Any, reports: list[ProgressReport]) -> tuple[int, list[str]]:
    """Accept several submitted reports at once (the review queue's batch); each is accepted in
    its own transaction, so one that cannot be (reviewed meanwhile, period closed) leaves the
    others accepted. Returns how many were accepted and the messages of those that were not."""
    accepted, errors = 0, []
    for report in reports:
        try:
            report_accept(actor=actor, report=report)
        except DomainError as exc:
            errors.append(f"{report.unit} – {report.period}: {exc.message}")
        else:
            accepted += 1
    return accepted, errors


@transaction.atomic
def report_return(*, actor: Any, report: ProgressReport, comment: str) -> ProgressReport:
    """Return the report to its unit with a comment saying what to fix (required)."""
    from kehoach.notifications.choices import NotificationKind

    if not (comment or "").strip():
        raise DomainError(gettext("Hãy ghi ý kiến: cần sửa, bổ sung gì."), field="comment")
    report = _review(actor, report, comment, ReportStatus.RETURNED)
    audit_record(
        actor=actor,
        action=ExecutionAction.REPORT_RETURN,
        obj=report,
        unit=report.unit,
        changes={"comment": report.reviewer_comment},
    )
    _notify(
        report,
        kind=NotificationKind.REPORT_RETURNED,
        key=f"report_returned:report={report.pk}:v={report.version}",
        title=gettext_noop("Báo cáo bị trả lại: %(period)s") % {"period": report.period},
        body=report.reviewer_comment[:500],
        to_reviewers=False,
    )
    return report
