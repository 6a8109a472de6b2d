"""What a person has to do today, counted: the start page's agenda.

Read from the same selectors as the pages the counts link to ("Việc của tôi", the review
queue, the plan list), so a count and its page never disagree.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from kehoach.execution.choices import PlanStatus, TaskStatus
from kehoach.execution.models.plans import Plan
from kehoach.execution.selectors.plans import my_requirements
from kehoach.execution.selectors.reports import review_queue
from kehoach.execution.selectors.tasks import my_tasks
from kehoach.organizations.permissions import Action, can_anywhere


@dataclass(frozen=True, slots=True)
class AgendaItem:
    """One line of the agenda: what, how many, how many late, where to go."""

    key: str
    label: str
    count: int
    late: int
    url: str


def my_agenda(*, user: Any, today: dt.date | None = None) -> list[AgendaItem]:
    """The user's work in counts, most pressing first: reports to write and to fix, plans to
    issue, tasks overdue; for editors also reports to review and drafts to issue. Items with
    nothing to do are kept (a zero says the work is done) only where the role has that work."""
    from django.utils.translation import gettext

    today = today or timezone.localdate()
    rows = my_tasks(user=user, today=today)
    owed = [o for t in rows for o in t.reports if o.actionable]
    to_write = [o for o in owed if o.state != "returned"]
    to_fix = [o for o in owed if o.state == "returned"]
    overdue = [
        t
        for t in rows
        if t.due_date is not None and t.due_date < today and t.status != TaskStatus.DONE
    ]
    required = my_requirements(user=user, today=today)
    items = [
        AgendaItem(
            "reports_to_fix",
            gettext("Báo cáo bị trả lại, cần sửa"),
            len(to_fix),
            sum(1 for o in to_fix if o.late),
            "/tasks/mine/",
        ),
        AgendaItem(
            "reports_to_write",
            gettext("Báo cáo phải gửi"),
            len(to_write),
            sum(1 for o in to_write if o.late),
            "/tasks/mine/",
        ),
        AgendaItem(
            "plans_to_issue",
            gettext("Kế hoạch phải ban hành"),
            len(required),
            sum(1 for r in required if r.state == "late"),
            "/tasks/mine/#owed-plans",
        ),
        AgendaItem(
            "tasks_overdue",
            gettext("Nhiệm vụ quá hạn"),
            len(overdue),
            len(overdue),
            "/tasks/mine/",
        ),
    ]
    if can_anywhere(user, Action.EDIT):
        reviews = review_queue(user=user).count()
        drafts = Plan.objects.visible_to(user, Action.EDIT).filter(status=PlanStatus.DRAFT)
        items += [
            AgendaItem(
                "reports_to_review",
                gettext("Báo cáo chờ duyệt"),
                reviews,
                0,
                "/reports/review/",
            ),
            AgendaItem(
                "drafts_to_issue",
                gettext("Dự thảo kế hoạch chưa ban hành"),
                drafts.count(),
                0,
                "/plans/?status=draft",
            ),
        ]
    return items
