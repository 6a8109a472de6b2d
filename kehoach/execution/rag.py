"""RAG colour of a task from its dates and progress (pure; thresholds come from settings).

- grey: cancelled or not applicable (not tracked);
- green: done (progress 100 or status done), or on track;
- red: overdue (past the due date and not done), or clearly behind schedule: the progress
  expected by now (linear from start to due) exceeds the actual by ``red_behind`` points or more;
- amber: due within ``due_soon_days`` and not done, or behind by ``amber_behind`` points or more.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from kehoach.execution.choices import EXCLUDED_STATUSES, Rag, TaskStatus


@dataclass(frozen=True, slots=True)
class RagThresholds:
    """When a task turns amber or red (settings: ``KEHOACH_RAG``)."""

    due_soon_days: int = 7
    amber_behind: Decimal = Decimal(10)
    red_behind: Decimal = Decimal(30)

    @classmethod
    def from_settings(cls) -> RagThresholds:
        from django.conf import settings

        raw: dict[str, Any] = getattr(settings, "KEHOACH_RAG", {}) or {}
        d = cls()
        return cls(
            due_soon_days=int(raw.get("due_soon_days", d.due_soon_days)),
            amber_behind=Decimal(str(raw.get("amber_behind", d.amber_behind))),
            red_behind=Decimal(str(raw.get("red_behind", d.red_behind))),
        )


def expected_progress(today: dt.date, start: dt.date | None, due: dt.date | None) -> float | None:
    """The progress a linear schedule expects by ``today`` (0–100), None without both dates."""
    if start is None or due is None:
        return None
    if today <= start:
        return 0.0
    if today >= due or due <= start:
        return 100.0
    return (today - start).days * 100 / (due - start).days


def rag_colour(
    *,
    today: dt.date,
    status: str,
    progress: Decimal | int | float,
    due: dt.date | None,
    start: dt.date | None = None,
    thresholds: RagThresholds | None = None,
) -> str:
    """The colour of one task on ``today`` (float arithmetic: dashboards colour 50,000 rows)."""
    t = thresholds or DEFAULT_THRESHOLDS
    if status in EXCLUDED_STATUSES:
        return Rag.GREY
    done = float(progress)
    if status == TaskStatus.DONE or done >= 100:
        return Rag.GREEN
    if due is not None and today > due:
        return Rag.RED
    expected = expected_progress(today, start, due)
    behind = (expected - done) if expected is not None else 0.0
    if behind >= t.red_behind:
        return Rag.RED
    if behind >= t.amber_behind:
        return Rag.AMBER
    if due is not None and (due - today).days <= t.due_soon_days:
        return Rag.AMBER
    return Rag.GREEN


DEFAULT_THRESHOLDS = RagThresholds()
