"""``kehoach gen-data --scale small|city|province``: fill the database for benchmarks."""

from __future__ import annotations

import datetime as dt
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from kehoach.core.exceptions import DomainError
from kehoach.ops.gendata import PASSWORD, SCALES, generate, reset


class Command(BaseCommand):
    help = (
        "Sinh dữ liệu thử tải (đơn vị, kế hoạch, nhiệm vụ, báo cáo) — xem kehoach/plans/gendata.py."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--scale", choices=sorted(SCALES), default="province")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--reset", action="store_true", help="Xóa dữ liệu sinh trước đó.")
        parser.add_argument(
            "--today", default="", help="Ngày làm mốc YYYY-MM-DD (mặc định hôm nay): cùng dữ liệu."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        start = time.perf_counter()
        try:
            today = dt.date.fromisoformat(options["today"]) if options["today"] else None
        except ValueError as exc:
            raise CommandError(f"Ngày không hợp lệ: {options['today']} (viết YYYY-MM-DD).") from exc
        try:
            if options["reset"]:
                reset(log=self.stdout.write)
            out = generate(
                options["scale"], seed=options["seed"], today=today, log=self.stdout.write
            )
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        detail = ", ".join(f"{k}: {v:,}" for k, v in out.counts.items())
        self.stdout.write(f"Xong trong {time.perf_counter() - start:.1f} s ({detail}).")
        users = ", ".join(f"{label}: {name}" for label, name in out.users.items())
        self.stdout.write(f"Tài khoản (mật khẩu {PASSWORD}): {users}")
