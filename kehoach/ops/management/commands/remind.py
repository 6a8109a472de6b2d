"""``kehoach remind [--date YYYY-MM-DD] [--no-digest]``: send today's reminders and clean up
what interrupted uploads left behind (the daily run; cron-able)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from kehoach.ops.maintenance import run_housekeeping
from kehoach.ops.reminders import run_reminders


class Command(BaseCommand):
    help = (
        "Gửi nhắc việc: sắp đến hạn, quá hạn, báo cáo định kỳ, hạn ban hành kế hoạch; thư tổng hợp."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--date", help="Ngày chạy (YYYY-MM-DD), mặc định hôm nay.")
        parser.add_argument("--no-digest", action="store_true", help="Không gửi thư tổng hợp.")

    def handle(self, *args: Any, **options: Any) -> None:
        today = None
        if options.get("date"):
            try:
                today = dt.date.fromisoformat(options["date"])
            except ValueError as exc:
                raise CommandError(
                    f"Ngày không hợp lệ: {options['date']} (cần YYYY-MM-DD)."
                ) from exc
        counts = run_reminders(today=today, digest=not options["no_digest"])
        total = sum(counts.values())
        detail = (
            ", ".join(f"{k}: {v}" for k, v in sorted(counts.items())) or "không có nhắc việc mới"
        )
        self.stdout.write(f"Đã gửi {total} thông báo mới ({detail}).")
        cleaned = run_housekeeping()
        if cleaned:
            self.stdout.write(
                f"Đã xóa {cleaned['upload_temp_files']} tệp tạm của lượt tải lên bị ngắt."
            )
