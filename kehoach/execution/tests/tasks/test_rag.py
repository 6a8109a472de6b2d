"""RAG colours follow due date and progress; thresholds come from settings."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from kehoach.execution.choices import Rag, TaskStatus
from kehoach.execution.rag import RagThresholds, expected_progress, rag_colour

START = dt.date(2025, 1, 1)
DUE = dt.date(2025, 1, 31)


def colour(today, progress, status=TaskStatus.IN_PROGRESS, due=DUE, start=START, **kw):
    return rag_colour(today=today, status=status, progress=progress, due=due, start=start, **kw)


def test_a_task_past_its_due_date_and_not_done_is_red():
    assert colour(dt.date(2025, 2, 1), 90) == Rag.RED


def test_a_done_task_is_green_even_after_its_due_date():
    assert colour(dt.date(2025, 3, 1), 100) == Rag.GREEN
    assert colour(dt.date(2025, 3, 1), 40, status=TaskStatus.DONE) == Rag.GREEN


def test_cancelled_and_not_applicable_tasks_are_grey():
    assert colour(dt.date(2025, 3, 1), 0, status=TaskStatus.CANCELLED) == Rag.GREY
    assert colour(dt.date(2025, 3, 1), 0, status=TaskStatus.NOT_APPLICABLE) == Rag.GREY


def test_a_task_clearly_behind_its_linear_schedule_is_red():
    # Day 16 of 30: 50% expected; 15% done is 35 points behind (red at 30).
    assert expected_progress(dt.date(2025, 1, 16), START, DUE) == Decimal(50)
    assert colour(dt.date(2025, 1, 16), 15) == Rag.RED


def test_a_task_somewhat_behind_is_amber_and_on_track_is_green():
    assert colour(dt.date(2025, 1, 16), 35) == Rag.AMBER  # 15 behind (amber at 10)
    assert colour(dt.date(2025, 1, 16), 45) == Rag.GREEN  # 5 behind


def test_a_task_due_within_the_warning_window_is_amber():
    assert colour(dt.date(2025, 1, 25), 95) == Rag.AMBER  # 6 days left, not behind
    assert colour(dt.date(2025, 1, 10), 95) == Rag.GREEN


def test_thresholds_are_settings(settings):
    settings.KEHOACH_RAG = {"due_soon_days": 2, "amber_behind": 40, "red_behind": 60}
    t = RagThresholds.from_settings()
    assert t == RagThresholds(2, Decimal(40), Decimal(60))
    assert colour(dt.date(2025, 1, 16), 15, thresholds=t) == Rag.GREEN
    assert colour(dt.date(2025, 1, 25), 95, thresholds=t) == Rag.GREEN


def test_a_task_without_dates_is_green_until_it_has_a_due_date():
    assert colour(dt.date(2025, 1, 16), 0, due=None, start=None) == Rag.GREEN


def test_missing_settings_fall_back_to_the_defaults(settings):
    settings.KEHOACH_RAG = {"due_soon_days": 3}
    assert RagThresholds.from_settings() == RagThresholds(3, Decimal(10), Decimal(30))
