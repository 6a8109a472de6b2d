"""The RAG rule of ``kehoach.execution.rag`` as one SQL expression, for counting colours in the
database (the leader's dashboard counts 50,000 tasks with one GROUP BY instead of reading them).

``rag_case(today, thresholds)`` must give exactly ``rag_colour`` for every task; the test
``test_rag_sql.py`` checks it on random tasks on SQLite and PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Case, CharField, F, FloatField, Func, Q, Value, When
from django.db.models.functions import Cast

from kehoach.execution.choices import EXCLUDED_STATUSES, Rag, TaskStatus
from kehoach.execution.rag import DEFAULT_THRESHOLDS, RagThresholds


class DaysBetween(Func):
    """Days from the first date to the second (second − first) as a float, on either database."""

    arity = 2
    output_field = FloatField()

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        start, end = self.source_expressions
        return Func(
            end,
            start,
            template="(julianday(%(expressions)s))",
            arg_joiner=") - julianday(",
            output_field=FloatField(),
        ).as_sql(compiler, connection)

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        start, end = self.source_expressions
        return Func(
            end,
            start,
            template="CAST((%(expressions)s) AS double precision)",
            arg_joiner=" - ",
            output_field=FloatField(),
        ).as_sql(compiler, connection)


def behind_expression(today: dt.date) -> Case:
    """Points the task is behind its linear schedule (0 without both dates), like ``rag_colour``."""
    day = Value(today)
    progress = Cast(F("progress"), FloatField())
    return Case(
        When(Q(start_date__isnull=True) | Q(due_date__isnull=True), then=Value(0.0)),
        When(start_date__gte=today, then=Value(0.0) - progress),
        When(
            Q(due_date__lte=today) | Q(due_date__lte=F("start_date")), then=Value(100.0) - progress
        ),
        default=DaysBetween(F("start_date"), day)
        * Value(100.0)
        / DaysBetween(F("start_date"), F("due_date"))
        - progress,
        output_field=FloatField(),
    )


def rag_case(today: dt.date, thresholds: RagThresholds | None = None) -> Case:
    """The colour of each task on ``today``; needs the alias ``behind`` (``behind_expression``)."""
    t = thresholds or DEFAULT_THRESHOLDS
    return Case(
        When(status__in=list(EXCLUDED_STATUSES), then=Value(Rag.GREY)),
        When(Q(status=TaskStatus.DONE) | Q(progress__gte=100), then=Value(Rag.GREEN)),
        When(due_date__lt=today, then=Value(Rag.RED)),
        When(behind__gte=float(t.red_behind), then=Value(Rag.RED)),
        When(behind__gte=float(t.amber_behind), then=Value(Rag.AMBER)),
        When(due_date__lte=today + dt.timedelta(days=t.due_soon_days), then=Value(Rag.AMBER)),
        default=Value(Rag.GREEN),
        output_field=CharField(),
    )


def with_colour(qs: Any, today: dt.date, thresholds: RagThresholds | None = None) -> Any:
    """``qs`` annotated with ``colour`` (computed by the database)."""
    return qs.alias(behind=behind_expression(today)).annotate(colour=rag_case(today, thresholds))
