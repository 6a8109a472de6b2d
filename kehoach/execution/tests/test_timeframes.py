"""Time frames as plans write them, read into a start, a deadline and a recurrence."""

import datetime as dt

import pytest

from kehoach.execution.choices import Cycle
from kehoach.execution.timeframes import TimeFrame, parse_timeframe, timeframe_in

D = dt.date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Giai đoạn 2023 - 2025", TimeFrame(D(2023, 1, 1), D(2025, 12, 31))),
        ("giai đoạn 2021–2025", TimeFrame(D(2021, 1, 1), D(2025, 12, 31))),
        ("Quý III/2024", TimeFrame(D(2024, 7, 1), D(2024, 9, 30))),
        ("trong quý 4 năm 2026", TimeFrame(D(2026, 10, 1), D(2026, 12, 31))),
        ("trước ngày 30/6/2024", TimeFrame(None, D(2024, 6, 30))),
        ("Hoàn thành chậm nhất ngày 15 tháng 8 năm 2025", TimeFrame(None, D(2025, 8, 15))),
        ("từ ngày 01/3/2026 đến ngày 31/5/2026", TimeFrame(D(2026, 3, 1), D(2026, 5, 31))),
        ("Tháng 6/2024", TimeFrame(D(2024, 6, 1), D(2024, 6, 30))),
        ("6 tháng đầu năm 2025", TimeFrame(D(2025, 1, 1), D(2025, 6, 30))),
        ("Năm 2026", TimeFrame(D(2026, 1, 1), D(2026, 12, 31))),
        ("Hằng tháng", TimeFrame(cycle=Cycle.MONTHLY)),
        ("hàng quý, năm 2025", TimeFrame(D(2025, 1, 1), D(2025, 12, 31), Cycle.QUARTERLY)),
        ("Thường xuyên", TimeFrame()),
        ("ngày 31/2/2024", TimeFrame()),  # no such day
    ],
)
def test_time_frames(text, expected):
    assert parse_timeframe(text) == expected


def test_the_time_frame_written_in_a_tasks_text():
    text = "Tổ chức quán triệt Nghị quyết.\nThời gian thực hiện: Giai đoạn 2023 - 2025."
    assert timeframe_in(text) == "Giai đoạn 2023 - 2025"
    assert timeframe_in("Không ghi thời gian") == ""
