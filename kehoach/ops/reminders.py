"""Daily reminders (``kehoach remind``; a Celery task in production).

Each run is idempotent: every reminder has a key naming what it is about and the date it is
about (a task's due date, a period's deadline), and ``(user, key)`` is unique, so running twice
a day, or every day, never tells anyone the same thing twice. A moved due date is news and gets
a new key.

- ``due_soon``: a task not done is due within ``KEHOACH_REMIND_DUE_SOON_DAYS`` (3) days;
- ``overdue``: a task not done is past its due date;
- ``report_due``: a unit owes a report on a recurring task for an open period whose deadline is
  within the window or passed (nothing submitted yet);
- ``cascade_due``: a unit must issue its implementing plan within the window, or is late;
- ``qa``: citizens' questions due within two working days (the agency's officers), and those
  past their deadline escalated once to the agency's superior (``qa_escalated``);
- ``periods``: report periods are generated as they come (up to three months ahead);
- ``digest``: one e-mail per user per day with that day's reminders (the reminders themselves
  stay in the in-app inbox only, to keep the mail short).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_noop

from kehoach.notifications.choices import NotificationKind
from kehoach.notifications.models import Notification
from kehoach.notifications.services import notification_send
from kehoach.organizations.models import Membership
from kehoach.organizations.permissions import ROLE_RANK
from kehoach.qa.services.deadlines import due_soon_items, questions_escalate_overdue
from kehoach.qa.throttle import attempts_purge

OPEN_TASK = ~Q(status__in=["done", "cancelled", "not_applicable"])


@dataclass
class Outbox:
    """Reminders gathered per unit before being sent to the unit's people."""

    by_unit: dict[int, list[tuple[str, str, str, str]]] = field(
        default_factory=lambda: defaultdict(list)
    )

    def add(self, unit_ids: list[int], kind: str, key: str, title: str, url: str) -> None:
        for u in {i for i in unit_ids if i}:
            self.by_unit[u].append((kind, key, title, url))


def _window() -> int:
    return int(getattr(settings, "KEHOACH_REMIND_DUE_SOON_DAYS", 3))


def _fmt(d: dt.date) -> str:
    return d.strftime("%d/%m/%Y")


def _tasks(out: Outbox, today: dt.date) -> None:
    from kehoach.execution.models.tasks import Task

    soon = today + dt.timedelta(days=_window())
    rows = list(
        Task.objects.filter(OPEN_TASK, due_date__isnull=False, due_date__lte=soon)
        .filter(plan__status="issued")
        .values_list("id", "title", "due_date", "lead_unit_id")
    )
    support: dict[int, list[int]] = defaultdict(list)
    for tid, uid in Task.supporting_units.through.objects.filter(
        task_id__in=[r[0] for r in rows]
    ).values_list("task_id", "unit_id"):
        support[tid].append(uid)
    for tid, title, due, lead in rows:
        if due is None:  # the query keeps dated tasks only
            continue
        late = due < today
        kind = NotificationKind.OVERDUE if late else NotificationKind.DUE_SOON
        head = gettext_noop("Quá hạn") if late else gettext_noop("Sắp đến hạn")
        out.add(
            [lead, *support[tid]],
            kind,
            f"{kind}:task={tid}:due={due.isoformat()}",
            f"{head} ({_fmt(due)}): {title[:150]}",
            f"/tasks/{tid}/",
        )


def _reports(out: Outbox, today: dt.date) -> None:
    from kehoach.execution.models.reports import ProgressReport, ReportingPeriod
    from kehoach.execution.models.tasks import Task

    soon = today + dt.timedelta(days=_window())
    periods = list(
        ReportingPeriod.objects.filter(
            status="open", deadline__lte=soon, end__gte=today - dt.timedelta(days=62)
        ).values_list("id", "template_id", "label", "deadline")
    )
    if not periods:
        return
    by_template: dict[int, list[tuple[int, str, dt.date]]] = defaultdict(list)
    for pid, tpl, label, deadline in periods:
        by_template[tpl].append((pid, label, deadline))
    tasks = list(
        Task.objects.filter(OPEN_TASK, report_template_id__in=by_template).values_list(
            "id", "title", "report_template_id", "lead_unit_id"
        )
    )
    support: dict[int, list[int]] = defaultdict(list)
    for tid, uid in Task.supporting_units.through.objects.filter(
        task_id__in=[t[0] for t in tasks]
    ).values_list("task_id", "unit_id"):
        support[tid].append(uid)
    sent = set(
        ProgressReport.objects.filter(period_id__in=[p[0] for p in periods])
        .exclude(status="draft")
        .values_list("task_id", "unit_id", "period_id")
    )
    for tid, title, tpl, lead in tasks:
        for pid, label, deadline in by_template[tpl]:
            for unit in {u for u in [lead, *support[tid]] if u}:
                if (tid, unit, pid) in sent:
                    continue
                late = deadline < today
                verb = (
                    gettext_noop("Quá hạn gửi báo cáo")
                    if late
                    else gettext_noop("Sắp đến hạn gửi báo cáo")
                )
                out.add(
                    [unit],
                    NotificationKind.OVERDUE if late else NotificationKind.DUE_SOON,
                    f"report_due:task={tid}:unit={unit}:period={pid}:late={int(late)}",
                    f"{verb} {label} ({_fmt(deadline)}): {title[:120]}",
                    f"/tasks/{tid}/",
                )


def _cascade(out: Outbox, today: dt.date) -> None:
    from kehoach.execution.models.plans import PlanRequirement

    soon = today + dt.timedelta(days=_window())
    for rid, unit, due, code, title in PlanRequirement.objects.filter(
        issued_plan__isnull=True, due_date__lte=soon
    ).values_list("id", "unit_id", "due_date", "directive__code", "directive__title"):
        late = due < today
        head = (
            gettext_noop("Quá hạn ban hành kế hoạch")
            if late
            else gettext_noop("Sắp đến hạn ban hành kế hoạch")
        )
        name = code or (title or "")[:80]
        out.add(
            [unit],
            NotificationKind.CASCADE_DUE,
            f"cascade_due:req={rid}:due={due.isoformat()}:late={int(late)}",
            gettext_noop("%(head)s thực hiện %(name)s (%(due)s)")
            % {"head": head, "name": name, "due": _fmt(due)},
            "/plans/compliance/",
        )


def _people(unit_ids: list[int]) -> dict[int, list[Any]]:
    """Reporters and above, by unit (one query)."""
    need = ROLE_RANK["reporter"]
    roles = [r for r, rank in ROLE_RANK.items() if rank >= need]
    out: dict[int, list[Any]] = defaultdict(list)
    for m in Membership.objects.filter(
        unit_id__in=unit_ids, role__in=roles, user__is_active=True
    ).select_related("user"):
        out[m.unit_id].append(m.user)
    return out


def run_reminders(*, today: dt.date | None = None, digest: bool = True) -> dict[str, int]:
    """Send today's reminders and digests; returns counts by kind of what was new."""
    from kehoach.execution.services.reports import periods_extend

    today = today or timezone.localdate()
    counts: dict[str, int] = defaultdict(int)
    created = periods_extend(today=today)
    if created:
        counts["periods"] = created
    out = Outbox()
    _tasks(out, today)
    _reports(out, today)
    _cascade(out, today)
    for unit_ids, kind, key, title, url in due_soon_items(today):
        out.add(unit_ids, kind, key, title, url)
    attempts_purge()  # the public forms' rate-limit window
    escalated = questions_escalate_overdue(today=today)
    if escalated:
        counts["qa_escalated"] = escalated
    people = _people(list(out.by_unit))
    fresh: dict[int, list[Notification]] = defaultdict(list)
    for unit_id, items in out.by_unit.items():
        for user in people.get(unit_id, []):
            for kind, key, title, url in items:
                note = notification_send(
                    user=user, kind=kind, key=key, title=title, url=url, email=False
                )
                if note is not None:
                    counts[kind] += 1
                    fresh[user.pk].append(note)
    if digest:
        users = {u.pk: u for us in people.values() for u in us}
        for uid, notes in fresh.items():
            lines = "\n".join(f"- {n.title}" for n in notes)
            if notification_send(
                user=users[uid],
                kind=NotificationKind.DIGEST,
                key=f"digest:{today.isoformat()}",
                title=gettext_noop("Việc cần chú ý ngày %(date)s (%(count)s)")
                % {"date": _fmt(today), "count": len(notes)},
                body=lines,
                url="/tasks/mine/",
            ):
                counts[NotificationKind.DIGEST] += 1
    return dict(counts)
