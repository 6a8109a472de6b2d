"""The deadlines of answers, run each day by the reminders (``kehoach remind``): a notice to the
agency before the deadline, and, once it has passed, one escalation to the agency's superior."""

from __future__ import annotations

import datetime as dt
from functools import partial

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_noop

from kehoach.audit.services import audit_record
from kehoach.core.workdays import add_working_days
from kehoach.notifications.choices import NotificationKind
from kehoach.notifications.services import notify_units
from kehoach.qa.audit import QaAction
from kehoach.qa.choices import OPEN_STATUSES
from kehoach.qa.models import Question


def _soon_days() -> int:
    return int(getattr(settings, "KEHOACH_QA_REMIND_WORKING_DAYS", 2))


def due_soon_items(today: dt.date) -> list[tuple[list[int], str, str, str, str]]:
    """(unit ids, kind, key, title, url) for every open question due within the next working
    days: the agency's officers are told once per deadline."""
    until = add_working_days(today, _soon_days())
    rows = Question.objects.filter(
        status__in=OPEN_STATUSES, due_date__gte=today, due_date__lte=until, agency__isnull=False
    ).values_list("id", "agency_id", "due_date", "title", "public_text")
    return [
        (
            [agency],
            NotificationKind.DUE_SOON,
            f"qa_due:{pk}:{agency}:{due.isoformat()}",
            gettext_noop("Sắp đến hạn trả lời câu hỏi của người dân (%(d)s): %(t)s")
            % {"d": due.strftime("%d/%m/%Y"), "t": (title or text)[:120]},
            f"/qa/questions/{pk}/",
        )
        for pk, agency, due, title, text in rows
    ]


def _tell(targets: list[int], pk: int, title: str, due: dt.date | None) -> None:
    notify_units(
        unit_ids=targets,
        kind=NotificationKind.OVERDUE,
        key=f"qa_overdue:{pk}:{due}",
        title=title,
        url=f"/qa/questions/{pk}/",
        min_role="editor",
    )


def questions_escalate_overdue(*, today: dt.date | None = None) -> int:
    """Every open question past its deadline and not yet escalated goes to the superior of the
    agency answering it (its parent unit): the superior's editors are told, and the question
    shows it. Each is escalated once per deadline (a transfer or a reopening resets it)."""
    today = today or timezone.localdate()
    count = 0
    ids = list(
        Question.objects.filter(
            status__in=OPEN_STATUSES,
            due_date__lt=today,
            escalated_at__isnull=True,
            agency__isnull=False,
        ).values_list("pk", flat=True)
    )
    for pk in ids:
        with transaction.atomic():
            q = (
                Question.objects.select_for_update(of=("self",))
                .select_related("agency")
                .filter(pk=pk, escalated_at__isnull=True, status__in=OPEN_STATUSES)
                .first()
            )
            if q is None or q.agency is None:
                continue
            superior = q.agency.parent
            q.escalated_at = timezone.now()
            q.escalated_to = superior
            q.save(update_fields=["escalated_at", "escalated_to", "updated_at"])
            audit_record(
                actor=None,
                action=QaAction.QUESTION_ESCALATE,
                obj=q,
                unit=q.receiving_unit,
                changes={"escalated_to": [None, str(superior) if superior else None]},
            )
            targets = [u for u in (superior.pk if superior else None, q.receiving_unit_id) if u]
            due = q.due_date
            title = gettext_noop(
                "Câu hỏi của người dân quá hạn trả lời (hạn %(d)s) tại %(a)s: %(t)s"
            ) % {
                "d": due.strftime("%d/%m/%Y") if due else "",
                "a": q.agency.name,
                "t": str(q)[:100],
            }
            transaction.on_commit(partial(_tell, targets, q.pk, title, due))
            count += 1
    return count
