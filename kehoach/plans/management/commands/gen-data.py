"""``kehoach gen-data --scale province|small``: fill a fresh database for benchmarks."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from kehoach.plans.gendata import SCALES, generate


class Command(BaseCommand):
    help = "Sinh dữ liệu thử tải (đơn vị, kế hoạch, nhiệm vụ, báo cáo) vào một cơ sở dữ liệu mới."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--scale", choices=sorted(SCALES), default="province")
        parser.add_argument("--seed", type=int, default=2026)

    def handle(self, *args: Any, **options: Any) -> None:
        start = time.perf_counter()
        try:
            counts = generate(options["scale"], seed=options["seed"], log=self.stdout.write)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        detail = ", ".join(f"{k}: {v:,}" for k, v in counts.items())
        self.stdout.write(f"Xong trong {time.perf_counter() - start:.1f} s ({detail}).")
